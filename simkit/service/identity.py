"""Who is calling: the owner of the hub token, never anything the request says."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tornado.web import HTTPError

from simkit.submissions import excerpt, normalise_learner_id, require_learner_id
from simkit.submissions.limits import REASON_CHARS

TRAINER = "custom:simkit:trainer"
HR = "custom:simkit:hr"


class Refusal(HTTPError):
    """A request refused with an HTTP status and one line saying why and what to do (the response's ``error``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status)
        self.message = excerpt(message, REASON_CHARS)  # shown on a page and sent back: a line, whatever it quotes

    def __str__(self) -> str:
        return self.message


def learner_of(model: Mapping[str, Any]) -> str:
    """The learner id of a hub user; a service's token, or a user name not already in the learner-id rule's one
    form (the hub's authenticator normalises names with it), is refused."""
    if model.get("kind", "user") != "user":
        raise Refusal(403, "only a signed-in learner has answers (hint: call with a user's token, not a service's)")
    try:
        return require_learner_id(str(model.get("name", "")))
    except ValueError as error:
        raise Refusal(403, f"the hub user's name: {error}") from None


def named_learner(text: str) -> str:
    """A learner id named in a request's path, by the learner-id rule; a 400 with the rule's message otherwise."""
    try:
        return normalise_learner_id(text)
    except ValueError as error:
        raise Refusal(400, f"learner: {error}") from None


def scopes_of(model: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(model.get("scopes") or ())


def is_trainer(model: Mapping[str, Any]) -> bool:
    return TRAINER in scopes_of(model)


def is_hr(model: Mapping[str, Any]) -> bool:
    return HR in scopes_of(model)


def require(model: Mapping[str, Any], scope: str, what: str) -> None:
    if scope not in scopes_of(model):
        raise Refusal(403, f"{what} needs the scope {scope} (hint: an administrator adds you to its group)")

"""What every handler shares: the caller identified from the hub token before anything else, blocking work run
in the service's thread pool, and errors as one line (JSON for the API, a page for browsers), never a traceback."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from jupyterhub.services.auth import HubAuth, HubAuthenticated, HubOAuth, HubOAuthenticated, UserNotAllowed
from tornado.web import HTTPError, RequestHandler

from simkit.gradebook.live import Storage
from simkit.i18n import DEFAULT, language
from simkit.lti.sender import Sender
from simkit.service.courses import Courses
from simkit.service.identity import Refusal
from simkit.submissions import Refused, excerpt, quoted, strict_json
from simkit.submissions.limits import MAX_REQUEST_BYTES, REASON_CHARS

log = logging.getLogger("simkit.service")
Result = TypeVar("Result")


@dataclass
class State:
    """What the handlers share, made once when the service starts."""

    prefix: str
    storage: Storage
    courses: Courses
    pool: ThreadPoolExecutor
    hub_auth: HubAuth
    hub_oauth: HubOAuth
    passback: Sender | None = None  # grade passback to the learning platform (LTI), when configured


class Identified(RequestHandler):
    state: State

    def initialize(self, state: State) -> None:
        self.state = state

    async def identify(self) -> dict[str, Any] | None:
        """The token's owner as the hub says (asked without blocking the event loop), or None if not signed in."""
        model = await self.hub_auth.get_user(self, sync=False)  # type: ignore[attr-defined]
        if not model:
            return None
        try:
            allowed = self.check_hub_user(model)  # type: ignore[attr-defined]
        except UserNotAllowed:
            who = model.get("name")
            raise Refusal(403, f"{who!r} may not use the grading service (hint: ask for access)") from None
        return dict(allowed)

    async def run(self, work: Callable[..., Result], *args: Any) -> Result:
        """Blocking work (the database, grading) off the event loop; a gradebook failure is one line, 503."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self.state.pool, work, *args)
        except HTTPError:
            raise
        except ValueError as error:  # simkit's one-line errors: a gradebook that cannot be reached, a bad library
            log.error("%s %s: %s", self.request.method, excerpt(self.request.path), excerpt(str(error), REASON_CHARS))
            raise Refusal(503, "the gradebook cannot be reached just now; try again in a moment") from None

    def reason_of(self, status_code: int, kwargs: dict[str, Any]) -> str:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, Refusal):
            return error.message
        if status_code == 404:
            return "no such page or call (hint: see docs/service.md for the service's API)"
        if status_code == 405:
            return f"{self.request.method} is not allowed here"
        if status_code < 500:
            return self._reason or "the request was refused"
        return "the grading service failed on this request; try again (the cause is in the service's log)"


class ApiHandler(HubAuthenticated, Identified):
    """A JSON API call authenticated with ``Authorization: token …``."""

    caller: dict[str, Any]

    def initialize(self, state: State) -> None:
        super().initialize(state)
        self.hub_auth = state.hub_auth

    async def prepare(self) -> None:
        model = await self.identify()
        if model is None:
            raise Refusal(401, "sign in first: call with 'Authorization: token <your hub API token>'")
        self.caller = model
        self.current_user = model

    def check_xsrf_cookie(self) -> None:
        return None  # token-authenticated calls only: no cookie to forge

    def body_object(self, allowed: frozenset[str], hint: str) -> dict[str, Any]:
        """The JSON body as an object with only the fields a call takes; a learner is never one of them. It is
        read as a submission file is (strict_json): UTF-8, finite numbers, each key once, nested but a little."""
        if len(self.request.body) > MAX_REQUEST_BYTES:
            raise Refusal(413, f"the body is over {MAX_REQUEST_BYTES:,} bytes; an answer takes a few hundred")
        try:
            body = strict_json(self.request.body or b"{}")
        except Refused as refused:
            given = "" if "(hint:" in refused.reason else f" (hint: {hint})"
            raise Refusal(400, f"the body is not JSON as simkit takes it: {refused.reason}{given}") from None
        if not isinstance(body, dict):
            raise Refusal(400, f"the body must be a JSON object (hint: {hint})")
        for name in body:
            if name in ("learner", "learner_id", "user", "name"):
                raise Refusal(400, f"unknown field {name!r}: the learner is whoever the token belongs to")
            if name not in allowed:
                raise Refusal(400, f"unknown field {quoted(name)} (hint: {hint})")
        return body

    def send(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": self.reason_of(status_code, kwargs)}, ensure_ascii=False))


class PageHandler(HubOAuthenticated, Identified):
    """A browser page: signed in through the hub (OAuth), or with a token in the Authorization header."""

    viewer: dict[str, Any]

    def initialize(self, state: State) -> None:
        super().initialize(state)
        self.hub_auth = state.hub_oauth

    async def prepare(self) -> None:
        model = await self.identify()
        if model is None:
            self.redirect(self.get_login_url())
            return
        self.viewer = model
        self.current_user = model

    @property
    def lang(self) -> str:
        return language(self.get_argument("lang", DEFAULT))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        from simkit.service.frame import error_page

        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(error_page(status_code, self.reason_of(status_code, kwargs), self.lang))


class NotFound(ApiHandler):
    """Anything else under the prefix: a one-line JSON 404 (identified first, like every call)."""

    async def get(self, *_args: Any) -> None:
        raise Refusal(404, "no such call (hint: see docs/service.md for the service's API)")

    post = get

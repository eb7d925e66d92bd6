"""The one learner-id rule, as the hub applies it to the names an identity provider sends."""

from __future__ import annotations

from simkit.submissions.ids import normalise_learner_id


def hub_username(text: str) -> str:
    """The learner id for a sign-in name (stripped, NFKC, lower-cased, then the learner-id pattern).

    Raises ValueError with a hint when the name cannot be a learner id. The hub, the player and the grading
    service must agree on ids, so this is the project's rule (simkit.submissions.ids) and nothing else.
    """
    return normalise_learner_id(text)

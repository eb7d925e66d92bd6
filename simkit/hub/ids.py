"""The one learner-id rule, as the hub applies it to the names an identity provider sends."""

from __future__ import annotations

import unicodedata

from simkit.player.submission import check_learner_id


def hub_username(text: str) -> str:
    """The learner id for a sign-in name: stripped, NFKC, lower-cased, then the learner-id pattern.

    Raises ValueError with a hint when the name cannot be a learner id. The hub, the player and the grading
    service must agree on ids, so this is the project's rule and nothing else.
    """
    return check_learner_id(unicodedata.normalize("NFKC", text.strip()).lower())

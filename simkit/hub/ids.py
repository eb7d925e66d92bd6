"""The one learner-id rule, as the hub applies it to the names an identity provider sends."""

from __future__ import annotations

from simkit.submissions.ids import normalise_learner_id


def hub_username(text: str) -> str:
    """The learner id for a sign-in name (stripped, NFKC, lower-cased, then the learner-id pattern).

    Raises ValueError with a hint when the name cannot be a learner id. The hub, the player and the grading
    service must agree on ids, so this is the project's rule (simkit.submissions.ids) and nothing else.
    """
    return normalise_learner_id(text)


class LearnerIdNames:
    """The hooks through which a JupyterHub authenticator names users, applying the learner-id rule: mixed in
    before the authenticator's class (OIDC sign-in and LTI launches alike). Names from the config (admin_users,
    allowed_users) and from a sign-in go through the same rule; one the rule refuses is left as it is for
    ``validate_username`` to reject, so it is never quietly renamed into someone else's id."""

    def normalize_username(self, username: str) -> str:
        try:
            return hub_username(username)
        except ValueError:
            return username

    def validate_username(self, username: str) -> bool:
        try:
            return hub_username(username) == username
        except ValueError:
            return False

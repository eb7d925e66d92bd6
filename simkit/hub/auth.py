"""Sign-in through the agency's OpenID Connect provider, with usernames held to the learner-id rule."""

from __future__ import annotations

from typing import Any

from oauthenticator.generic import GenericOAuthenticator
from tornado import web

from simkit.hub.ids import LearnerIdNames, hub_username
from simkit.i18n import N_, t

# Shown before anyone's language is known: in English (with the reason), Russian and Kazakh.
REFUSED = N_("hub.refused")


def refusal_message(name: object, reason: object) -> str:
    return " / ".join(t(REFUSED, lang, name=repr(name), reason=reason) for lang in ("en", "ru", "kk"))


class SimkitOIDCAuthenticator(LearnerIdNames, GenericOAuthenticator):
    """GenericOAuthenticator whose usernames are learner ids: a name the rule refuses cannot sign in.

    The refusal is a 403 page that says why, rather than a quiet rename: two accounts must never fold into one
    learner, and the learner id is what the gradebook and the certificates carry.
    """

    def user_info_to_username(self, user_info: dict[str, Any]) -> str:
        name = super().user_info_to_username(user_info)
        try:
            return hub_username(str(name))
        except ValueError as error:
            self.log.warning("sign-in refused for %r: %s", name, error)
            message = refusal_message(name, error)
            refusal = web.HTTPError(403, "%s", message)  # the name may hold a %: never a format string
            refusal.jupyterhub_message = message  # type: ignore[attr-defined]  # an attribute the hub's error page reads
            raise refusal from None


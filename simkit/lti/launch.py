"""The hub's authenticator for launches from the learning platform: jupyterhub-ltiauthenticator's LTI 1.3 flow
(OIDC login initiation, the id_token checked against the platform's JWKS, its issuer, audience, expiry, state and
nonce), with what simkit adds: the deployment must be registered, a nonce is taken once (a launch posted again
is refused even with its cookies), the learner id follows the project's rule, Instructor means trainer, the launch
context is kept for grade passback, and every refusal is a page that says why."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import urllib.parse
from pathlib import Path
from typing import Any

from jupyterhub.handlers import BaseHandler
from jupyterhub.utils import url_path_join
from ltiauthenticator.lti13.auth import LTI13Authenticator
from ltiauthenticator.lti13.error import ValidationError
from ltiauthenticator.lti13.handlers import LTI13CallbackHandler
from sqlalchemy import Engine
from tornado import web
from traitlets import Set, Unicode

from simkit.gradebook.db import connect
from simkit.hub.ids import LearnerIdNames
from simkit.hub.spawn import PAGES
from simkit.lti.claims import Launch, LaunchRefused, read_launch
from simkit.lti.keys import tool_key
from simkit.lti.store import save_context, take_nonce

ENGINE_LOCK = threading.Lock()
COURSE_PAGE = f"voila/render/{PAGES['learner']}"  # the learner's server's course home (simkit.hub.spawn)
PAGE = (
    "The launch from the learning platform was refused: {en}. Open the activity again from your course on the "
    "platform; if this happens again, tell the administrator. / "
    "Запуск из учебной платформы отклонён: {ru}. Откройте задание снова из курса на платформе; если это "
    "повторится, сообщите администратору."
)
# What the library's checks say, as a learner can read it (en, ru); the first match wins.
REASONS = (
    (("expired", "too long ago"), "the launch has expired", "срок действия запуска истёк"),
    (
        ("signature verification failed", "unable to find a signing key", "signing key"),
        "its signature does not match the platform's published keys",
        "подпись запуска не совпадает с ключами платформы",
    ),
    (("issuer",), "it does not come from the registered platform", "запуск пришёл не от зарегистрированной платформы"),
    (("audience", "azp"), "it is meant for another tool", "запуск предназначен другому инструменту"),
    (
        ("nonce", "state"),
        "it was used already, or was not started in this browser",
        "запуск уже использован или начат не в этом браузере",
    ),
    (
        ("segments", "decode", "header", "invalid token"),
        "its token is not a launch signed by the platform",
        "токен запуска не подписан платформой",
    ),
)


def refusal(status: int, en: str, ru: str) -> web.HTTPError:
    message = PAGE.format(en=en, ru=ru)
    error = web.HTTPError(status, "%s", message, reason="Launch refused / Запуск отклонён")  # the page's heading
    error.jupyterhub_message = message  # type: ignore[attr-defined]  # an attribute the hub's error page reads
    return error


def explained(status: int, detail: str) -> web.HTTPError:
    lowered = detail.lower()
    for words, en, ru in REASONS:
        if any(word in lowered for word in words):
            return refusal(status, f"{en} ({detail})", ru)
    return refusal(status, detail, "запуск не прошёл проверку")


class LaunchHandler(LTI13CallbackHandler):
    """The platform's form post of the id_token: checked, then the user signed in and sent on."""

    async def post(self) -> None:
        try:
            token = self.decode_and_validate_launch_request()
        except ValidationError as error:
            raise explained(400, str(error)) from None
        except web.HTTPError as error:
            if getattr(error, "jupyterhub_message", None):
                raise
            raise explained(error.status_code, error.log_message or "") from None
        user = await self.login_user(token)
        if user is None:
            raise refusal(403, "the hub did not accept the user", "хаб не принял пользователя")
        await self.redirect_to_next_url(user)

    def get_next_url(self, user: Any = None) -> str:
        """A learner launching a course goes straight to it on their own server (started on the way); a trainer
        to their notebooks; anyone else where the platform's target link points."""
        launch = getattr(self, "simkit_launch", None)
        if launch is None or launch.course_id is None or launch.trainer:
            return str(super().get_next_url(user))
        page = url_path_join(self.hub.base_url, "user-redirect", COURSE_PAGE)
        return f"{page}?{urllib.parse.urlencode({'course': launch.course_id})}"


class JwksHandler(BaseHandler):
    """The tool's public keyset, which the platform checks grade passback's client assertions against."""

    def initialize(self, jwks: dict[str, Any]) -> None:
        self.jwks = jwks

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "max-age=300")
        self.finish(json.dumps(self.jwks))


class SimkitLTIAuthenticator(LearnerIdNames, LTI13Authenticator):
    callback_handler = LaunchHandler
    deployment_ids = Set(Unicode(), config=True, help="Deployment ids of the tool the platform may launch.")
    gradebook = Unicode(config=True, help="The gradebook's URL: nonces and launch contexts are kept there.")
    key_file = Unicode(config=True, help="The tool's private key (PEM, 0600), made on first start.")
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        with ENGINE_LOCK:  # opened (and migrated) once, by the first launch's thread
            if self._engine is None:
                self._engine = connect(self.gradebook or None)
            return self._engine

    def jwks_url(self, base_url: str) -> str:
        config_url: str = self.config_json_url(base_url)
        return config_url.rsplit("/", 1)[0] + "/jwks"

    def get_handlers(self, app: Any) -> list[Any]:
        jwks = tool_key(Path(self.key_file) if self.key_file else None).jwks()
        return [*super().get_handlers(app), (self.jwks_url(""), JwksHandler, {"jwks": jwks})]

    async def authenticate(self, handler: Any, data: dict[str, Any] | None = None) -> dict[str, Any]:
        token = data or {}
        try:
            launch = read_launch(token, self.username_key, frozenset(self.deployment_ids))
        except LaunchRefused as refused:
            raise refusal(refused.status, refused.en, refused.ru) from None
        expires = dt.datetime.fromtimestamp(int(token["exp"]), dt.UTC)
        try:
            fresh = await asyncio.to_thread(self._remember, launch, str(token["nonce"]), expires)
        except ValueError as error:  # the gradebook cannot be opened or written: one line in the log, a page
            self.log.error("LTI launch of %s: %s", launch.learner, error)
            raise refusal(503, "the gradebook cannot be reached just now", "журнал оценок сейчас недоступен") from None
        if not fresh:
            raise explained(400, "the launch's nonce was used already (a launch posted again)")
        handler.simkit_launch = launch  # where the learner goes next (LaunchHandler.get_next_url)
        self.log.info("LTI launch: %s as %s, course %s", launch.learner, launch.groups or "learner", launch.course_id)
        return {"name": launch.learner, "groups": launch.groups, "auth_state": None}

    def _remember(self, launch: Launch, nonce: str, expires: dt.datetime) -> bool:
        """Take the nonce (False: used already) and keep the launch context; in a thread, off the hub's loop."""
        if not take_nonce(self.engine, launch.issuer, nonce, expires):
            return False
        save_context(self.engine, launch)
        return True


"""A small LTI 1.3 platform for the tests, over real HTTP with real RS256 keys: what Moodle does for a tool.

- ``/launch``: a learner opening the activity; the browser is sent to the tool's OIDC login initiation URL
  (iss, login_hint, target_link_uri, lti_message_hint, client_id, lti_deployment_id);
- ``/auth``: the authentication endpoint; it checks the tool's client id and redirect URI, then answers with the
  page that posts the signed id_token (response_mode form_post) to the tool;
- ``/jwks``: the platform's public keys;
- ``/token``: OAuth2 client credentials, the client assertion (JWT bearer, RS256) checked against the tool's JWKS;
- ``/lineitems/<id>`` and ``/lineitems/<id>/scores``: AGS; scores are checked (bearer token, media type, fields)
  and kept in ``scores``; ``fail_scores`` makes the next N posts answer 500.

How a launch goes wrong is chosen per launch (``/launch?how=…``): expired, forged (claims changed after signing),
wrong-key (signed with a key the platform does not publish, under its key id), deployment (an unregistered
deployment id).
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, NoReturn

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler

from simkit.hub.local import free_port

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
ROLE = {
    "Learner": "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
    "Instructor": "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
}
CLIENT_ID = "simkit-tool-1"
DEPLOYMENT = "deployment-1"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return jwk | {"kid": kid, "alg": "RS256", "use": "sig"}


@dataclass
class Tool:
    """The tool as registered at the platform (what an administrator pastes into Moodle)."""

    login_url: str
    redirect_uri: str
    jwks_url: str
    target_link_uri: str


@dataclass
class Platform:
    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "platform-key-1"
    tool: Tool | None = None
    scores: list[dict[str, Any]] = field(default_factory=list)
    fail_scores: int = 0  # the next N score posts answer 500
    score_posts: int = 0  # every post, answered or failed
    tokens: dict[str, float] = field(default_factory=dict)  # access token -> expiry
    assertions: list[dict[str, Any]] = field(default_factory=list)  # the client assertions accepted
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def issuer(self) -> str:
        return self.url

    def lineitem(self, name: str) -> str:
        return f"{self.url}/lineitems/{name}"

    def environment(self) -> dict[str, str]:
        """The tool's settings for this platform, as docs/lti.md has an administrator set them."""
        return {
            "SIMKIT_LTI_ISSUER": self.issuer,
            "SIMKIT_LTI_CLIENT_ID": CLIENT_ID,
            "SIMKIT_LTI_AUTH_URL": f"{self.url}/auth",
            "SIMKIT_LTI_JWKS_URL": f"{self.url}/jwks",
            "SIMKIT_LTI_TOKEN_URL": f"{self.url}/token",
            "SIMKIT_LTI_DEPLOYMENT_IDS": DEPLOYMENT,
        }

    def launch_url(self, login: str, **given: str) -> str:
        """Where the learner's browser goes to open the activity (Moodle's launch link)."""
        return f"{self.url}/launch?" + urllib.parse.urlencode({"user": login, **given})

    def received(self, user: str) -> list[dict[str, Any]]:
        with self.lock:
            return [score for score in self.scores if score["userId"] == user]

    # --- the id_token -----------------------------------------------------------------------------------------

    def id_token(self, hint: dict[str, str], nonce: str) -> str:
        assert self.tool is not None
        how = hint.get("how", "")
        issued = int(time.time()) - (3600 if how == "expired" else 0)
        course = hint.get("course", "")
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": f"moodle-{hint['user']}",
            "iat": issued,
            "exp": issued + 300,
            "nonce": nonce,
            "name": hint["user"],
            LTI + "version": "1.3.0",
            LTI + "message_type": "LtiResourceLinkRequest",
            LTI + "deployment_id": "deployment-9" if how == "deployment" else DEPLOYMENT,
            LTI + "target_link_uri": self.tool.target_link_uri,
            LTI + "resource_link": {"id": f"link-{course or 'home'}"},
            LTI + "roles": [ROLE[hint.get("role", "Learner")]],
            LTI + "context": {"id": "course-7", "label": "ETH-101", "title": "Service ethics"},
            LTI + "custom": {"username": hint["user"], **({"course": course} if course else {})},
        }
        if course:
            claims[AGS] = {"scope": [SCORE_SCOPE, LINEITEM_SCOPE], "lineitem": self.lineitem(course)}
        signing = new_key() if how == "wrong-key" else self.key
        token = jwt.encode(claims, signing, algorithm="RS256", headers={"kid": self.kid})
        if how == "forged":  # the claims changed after signing: another learner, the platform's signature kept
            head, _body, signature = token.split(".")
            claims[LTI + "custom"]["username"] = "someone.else"
            body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
            token = f"{head}.{body}.{signature}"
        return token

    # --- serving ----------------------------------------------------------------------------------------------

    def start(self) -> Platform:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True, name="lti-platform")
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the test platform did not start")
        return self

    def _serve(self, ready: threading.Event) -> None:
        async def main() -> None:
            self._stop = asyncio.Event()
            given = {"platform": self}
            app = Application(
                [
                    (r"/launch", LaunchStart, given),
                    (r"/auth", Authorize, given),
                    (r"/jwks", Keys, given),
                    (r"/token", Token, given),
                    (r"/lineitems/([\w.-]+)", LineItem, given),
                    (r"/lineitems/([\w.-]+)/scores", Scores, given),
                ]
            )
            server = HTTPServer(app)
            server.add_sockets(bind_sockets(self.port, self.host))
            ready.set()
            await self._stop.wait()
            server.stop()

        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(main())

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


class Handler(RequestHandler):
    def initialize(self, platform: Platform) -> None:
        self.platform = platform

    def check_xsrf_cookie(self) -> None:
        return None


class LaunchStart(Handler):
    def get(self) -> None:
        tool = self.platform.tool
        assert tool is not None, "register the tool first"
        hint = {name: self.get_argument(name) for name in self.request.arguments}
        self.redirect(
            tool.login_url
            + "?"
            + urllib.parse.urlencode(
                {
                    "iss": self.platform.issuer,
                    "login_hint": hint["user"],
                    "target_link_uri": tool.target_link_uri,
                    "lti_message_hint": json.dumps(hint),
                    "client_id": CLIENT_ID,
                    "lti_deployment_id": DEPLOYMENT,
                }
            )
        )


class Authorize(Handler):
    def get(self) -> None:
        tool = self.platform.tool
        assert tool is not None
        wanted = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none"}
        for name, value in wanted.items():
            if self.get_argument(name, None) != value:
                raise HTTPError(400, f"{name} must be {value}")
        if self.get_argument("client_id", None) != CLIENT_ID:
            raise HTTPError(400, "unknown client_id")
        if self.get_argument("redirect_uri", None) != tool.redirect_uri:
            raise HTTPError(400, f"redirect_uri is not the registered {tool.redirect_uri}")
        hint = json.loads(self.get_argument("lti_message_hint"))
        if hint["user"] != self.get_argument("login_hint"):
            raise HTTPError(400, "login_hint does not match the launch")
        token = self.platform.id_token(hint, self.get_argument("nonce"))
        fields = {"id_token": token, "state": self.get_argument("state")}
        inputs = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items())
        self.finish(
            f'<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" '
            f'action="{html.escape(tool.redirect_uri)}">{inputs}<noscript><button>Continue</button></noscript>'
            "</form></body></html>"
        )

    post = get


class Keys(Handler):
    def get(self) -> None:
        self.finish({"keys": [public_jwk(self.platform.key, self.platform.kid)]})


class Token(Handler):
    def post(self) -> None:
        tool = self.platform.tool
        assert tool is not None
        if self.get_argument("grant_type", None) != "client_credentials":
            self._refuse("unsupported_grant_type")
        if self.get_argument("client_assertion_type", None) != ASSERTION_TYPE:
            self._refuse("invalid_request", "client_assertion_type")
        assertion = self.get_argument("client_assertion", "")
        try:
            key = jwt.PyJWKClient(tool.jwks_url).get_signing_key_from_jwt(assertion).key
            claims = jwt.decode(
                assertion,
                key,
                algorithms=["RS256"],
                audience=f"{self.platform.url}/token",
                issuer=CLIENT_ID,
                options={"require": ["iss", "sub", "aud", "iat", "exp", "jti"]},
            )
        except jwt.PyJWTError as error:
            self._refuse("invalid_client", str(error))
        if claims["sub"] != CLIENT_ID:
            self._refuse("invalid_client", "sub")
        scopes = self.get_argument("scope", "").split()
        if SCORE_SCOPE not in scopes:
            self._refuse("invalid_scope")
        access = secrets.token_urlsafe(24)
        with self.platform.lock:
            self.platform.assertions.append(claims)
            self.platform.tokens[access] = time.time() + 3600
        self.finish({"access_token": access, "token_type": "Bearer", "expires_in": 3600, "scope": " ".join(scopes)})

    def _refuse(self, error: str, description: str = "") -> NoReturn:
        raise OAuthError(401 if error == "invalid_client" else 400, error, description)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, OAuthError):
            self.finish({"error": error.error, "error_description": error.description})
        else:
            super().write_error(status_code, **kwargs)


class OAuthError(HTTPError):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(status)
        self.error, self.description = error, description


class LineItem(Handler):
    def get(self, name: str) -> None:
        self.finish({"id": self.platform.lineitem(name), "scoreMaximum": 100, "label": name})


class Scores(Handler):
    def post(self, name: str) -> None:
        with self.platform.lock:
            self.platform.score_posts += 1
            failing = self.platform.fail_scores > 0
            if failing:
                self.platform.fail_scores -= 1
        if failing:
            raise HTTPError(500, "the platform failed")
        bearer = self.request.headers.get("Authorization", "")
        token = bearer.removeprefix("Bearer ")
        if not bearer.startswith("Bearer ") or self.platform.tokens.get(token, 0) < time.time():
            raise HTTPError(401, "no valid access token")
        if self.request.headers.get("Content-Type", "").split(";")[0] != SCORE_TYPE:
            raise HTTPError(415, f"scores are {SCORE_TYPE}")
        score = json.loads(self.request.body)
        for needed in ("userId", "scoreGiven", "scoreMaximum", "activityProgress", "gradingProgress", "timestamp"):
            if needed not in score:
                raise HTTPError(400, f"the score has no {needed}")
        with self.platform.lock:
            self.platform.scores.append(score | {"lineitem": name})
        self.set_status(204)
        self.finish()

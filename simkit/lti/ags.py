"""LTI Advantage Assignment and Grade Services, the tool's side: an access token by OAuth2 client credentials with
a JWT bearer client assertion signed RS256 with the tool's key (as the LTI security framework requires), and a
score posted to a line item's ``/scores``."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import jwt

from simkit.lti.claims import SCORE_SCOPE
from simkit.lti.config import Platform
from simkit.lti.keys import ToolKey

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
TIMEOUT_S = 15.0
ASSERTION_S = 300
# An answer that will not change by sending again: the score is refused as it is (retried only once a trainer
# has fixed the cause). Anything else (5xx, 408, 429, 401 after a fresh token, no answer) is tried again later.
PERMANENT = frozenset({400, 403, 404, 405, 409, 410, 413, 415, 422})


class PassbackError(Exception):
    """A score the platform did not take; ``permanent`` when sending it again as it is cannot help."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Score:
    lti_user: str
    score: float
    max_score: float
    pending_review: int
    timestamp: str  # ISO 8601 with offset: the platform keeps the newest

    def body(self) -> dict[str, Any]:
        return {
            "userId": self.lti_user,
            "scoreGiven": self.score,
            "scoreMaximum": self.max_score,
            "activityProgress": "Completed",
            "gradingProgress": "PendingManual" if self.pending_review else "FullyGraded",
            "timestamp": self.timestamp,
        }


def scores_url(lineitem: str) -> str:
    """The line item's scores endpoint: ``/scores`` added to its path, its query (Moodle's ?type_id=) kept."""
    parts = urllib.parse.urlsplit(lineitem)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/scores"))


class AgsClient:
    """Tokens are kept until shortly before they expire, for every score sent meanwhile."""

    def __init__(self, platform: Platform, key: ToolKey) -> None:
        self.platform, self.key = platform, key
        self._token: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def assertion(self) -> str:
        issued = int(time.time())
        claims = {
            "iss": self.platform.client_id,
            "sub": self.platform.client_id,
            "aud": self.platform.token_url,
            "iat": issued,
            "exp": issued + ASSERTION_S,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self.key.pem, algorithm="RS256", headers={"kid": self.key.kid})

    def token(self, fresh: bool = False) -> str:
        with self._lock:
            if not fresh and self._token is not None and self._token[1] > time.time() + 30:
                return self._token[0]
            form = {
                "grant_type": "client_credentials",
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": self.assertion(),
                "scope": SCORE_SCOPE,
            }
            try:
                answer = _call(self.platform.token_url, urllib.parse.urlencode(form).encode(), {}, "the token endpoint")
            except PassbackError as error:  # the registration, not the score: tried again, fixed or not
                raise PassbackError(str(error)) from None
            try:
                granted = json.loads(answer)
                token, lasts = str(granted["access_token"]), float(granted.get("expires_in", 3600))
            except (ValueError, KeyError, TypeError):
                raise PassbackError(f"{self.platform.token_url}: the token endpoint's answer is not a token") from None
            self._token = (token, time.time() + lasts)
            return token

    def send(self, lineitem: str, score: Score) -> None:
        """Post the score; PassbackError with one line saying what the platform answered."""
        body = json.dumps(score.body()).encode()
        for fresh in (False, True):
            headers = {"Authorization": f"Bearer {self.token(fresh)}", "Content-Type": SCORE_TYPE}
            try:
                _call(scores_url(lineitem), body, headers, "the line item")
                return
            except PassbackError as error:
                if "HTTP 401" not in str(error) or fresh:  # 401: the token may have been revoked; one fresh try
                    raise


def _call(url: str, data: bytes, headers: dict[str, str], what: str) -> bytes:
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        said = error.read(300).decode("utf-8", "replace").strip().splitlines()
        detail = f": {said[0][:200]}" if said else ""
        raise PassbackError(f"{url}: {what} answered HTTP {error.code}{detail}", error.code in PERMANENT) from None
    except (OSError, ValueError) as error:
        raise PassbackError(f"{url}: {what} cannot be reached: {error}") from None

"""The one learning platform the tool is registered with, read from the environment (docs/lti.md says what to
paste where). Nothing is set: LTI is off, and the hub signs people in through OpenID Connect as before."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ISSUER = "SIMKIT_LTI_ISSUER"
NAMES = {
    "client_id": "SIMKIT_LTI_CLIENT_ID",
    "auth_url": "SIMKIT_LTI_AUTH_URL",
    "jwks_url": "SIMKIT_LTI_JWKS_URL",
    "token_url": "SIMKIT_LTI_TOKEN_URL",
}
DEPLOYMENTS = "SIMKIT_LTI_DEPLOYMENT_IDS"
USERNAME_CLAIM = "SIMKIT_LTI_USERNAME_CLAIM"
KEY_FILE = "SIMKIT_LTI_KEY_FILE"
PRIVATE_KEY = "SIMKIT_LTI_PRIVATE_KEY"
# The learner id is the platform's login, sent as the custom parameter username=$User.username (docs/lti.md):
# the same id the agency's sign-in, the HR roster and the certificates carry. `sub` would be the platform's own
# opaque number, a second id for the same person.
DEFAULT_USERNAME_CLAIM = "custom_username"
HINT = "(hint: docs/lti.md lists the settings and where Moodle shows each)"


@dataclass(frozen=True)
class Platform:
    issuer: str  # the platform's URL, as its id_tokens' iss
    client_id: str  # the tool's client id at the platform
    auth_url: str  # its OpenID Connect authentication endpoint
    jwks_url: str  # its public keyset
    token_url: str  # its OAuth2 access token endpoint (grade passback)
    deployment_ids: frozenset[str]  # the deployments of the tool the platform may launch
    username_claim: str = DEFAULT_USERNAME_CLAIM
    key_file: Path | None = None  # the tool's private key (PEM, 0600), made on first start

    @classmethod
    def from_environment(cls, default_key_file: Path | None = None) -> Platform | None:
        """The registration, or None when $SIMKIT_LTI_ISSUER is not set; ValueError naming what is missing."""
        issuer = os.environ.get(ISSUER, "").strip()
        if not issuer:
            return None
        given = {field: os.environ.get(name, "").strip() for field, name in NAMES.items()}
        missing = [NAMES[field] for field, value in given.items() if not value]
        deployments = frozenset(d.strip() for d in os.environ.get(DEPLOYMENTS, "").split(",") if d.strip())
        if not deployments:
            missing.append(DEPLOYMENTS)
        if missing:
            raise ValueError(f"{ISSUER} is set, but these are not: {', '.join(missing)} {HINT}")
        named = os.environ.get(KEY_FILE, "").strip()
        return cls(
            issuer=issuer,
            deployment_ids=deployments,
            username_claim=os.environ.get(USERNAME_CLAIM, "").strip() or DEFAULT_USERNAME_CLAIM,
            key_file=Path(named) if named else default_key_file,
            **given,
        )

    def environment(self) -> dict[str, str]:
        """The variables that give another process (the grading service) this registration."""
        env = {ISSUER: self.issuer, DEPLOYMENTS: ",".join(sorted(self.deployment_ids))}
        env |= {name: getattr(self, field) for field, name in NAMES.items()}
        env[USERNAME_CLAIM] = self.username_claim
        if self.key_file is not None:
            env[KEY_FILE] = str(self.key_file)
        return env

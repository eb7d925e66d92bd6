"""The tool's own RSA key: it signs the client assertions of grade passback, and its public half is the JWKS the
platform reads. Kept as the service's cookie secret is: from ``$SIMKIT_LTI_PRIVATE_KEY`` (PEM, as a Kubernetes
Secret gives it), else from a file made 0600 on first start; a file others can read is refused."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from simkit.files import create_private_once
from simkit.lti.config import PRIVATE_KEY

BITS = 2048
HINT = "(hint: `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`, or delete the file to make one)"


class ToolKeyError(ValueError):
    """A tool key that cannot be used; one line naming where it came from."""


@dataclass(frozen=True)
class ToolKey:
    pem: bytes  # PKCS#8 private key
    kid: str  # RFC 7638 thumbprint: the same key always has the same id
    public_jwk: dict[str, Any]

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk]}


def tool_key(path: Path | None, create: bool = True) -> ToolKey:
    """The key from the environment, else from ``path``, made there first if missing and ``create`` (the hub
    makes it; the grading service and the command line, which must sign with the key the hub publishes, do not)."""
    if given := os.environ.get(PRIVATE_KEY, "").strip():
        return _parsed(given.encode(), PRIVATE_KEY)
    if path is None:
        raise ToolKeyError(f"no {PRIVATE_KEY} and no key file (hint: set SIMKIT_LTI_KEY_FILE)")
    if not create and not path.exists():
        raise ToolKeyError(f"{path}: no LTI tool key there (hint: the hub makes it on its first start; docs/lti.md)")
    try:
        create_private_once(path, lambda: RSAKey.generate_key(BITS).as_pem(private=True))
    except OSError as error:
        raise ToolKeyError(f"{path}: cannot create the LTI tool key: {error.strerror}") from None
    return _read(path)


def _read(path: Path) -> ToolKey:
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except OSError as error:
        raise ToolKeyError(f"{path}: cannot read the LTI tool key: {error.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ToolKeyError(f"{path}: the LTI tool key is readable by others (hint: chmod 600 {path})")
    return _parsed(data, str(path))


def _parsed(data: bytes, where: str) -> ToolKey:
    try:
        key = RSAKey.import_key(data)
    except (JoseError, ValueError, TypeError):
        raise ToolKeyError(f"{where}: not an RSA private key in PEM {HINT}") from None
    if not key.is_private:
        raise ToolKeyError(f"{where}: a public key; the tool needs its private key {HINT}")
    kid = key.thumbprint()
    public = dict(key.as_dict(private=False)) | {"kid": kid, "alg": "RS256", "use": "sig"}
    return ToolKey(pem=key.as_pem(private=True), kid=kid, public_jwk=public)

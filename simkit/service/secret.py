"""The key that signs the pages' sign-in cookies: kept, so that a restart of the service signs nobody out.

Taken, in this order, from ``SIMKIT_SERVICE_COOKIE_SECRET`` (hex, as a Kubernetes Secret gives it), from the file
``SIMKIT_SERVICE_COOKIE_SECRET_FILE`` names (created 0600 on first start, as JupyterHub keeps its own), or made
at random for this run only, with a warning.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

from simkit.files import create_private_once

SECRET_BYTES = 32
ENVIRONMENT = "SIMKIT_SERVICE_COOKIE_SECRET"
FILE_ENVIRONMENT = "SIMKIT_SERVICE_COOKIE_SECRET_FILE"
HINT = f"(hint: {SECRET_BYTES * 2} hex digits, e.g. from `openssl rand -hex {SECRET_BYTES}`)"


class SecretError(ValueError):
    """A cookie secret that cannot be used; the message is one line naming where it came from."""


def cookie_secret() -> bytes:
    if given := os.environ.get(ENVIRONMENT, "").strip():
        return _from_hex(given, ENVIRONMENT)
    if named := os.environ.get(FILE_ENVIRONMENT, "").strip():
        return kept_secret(Path(named))
    logging.getLogger("simkit.service").warning(
        "no %s or %s: browser sign-ins to the pages end when the service restarts", ENVIRONMENT, FILE_ENVIRONMENT
    )
    return secrets.token_bytes(SECRET_BYTES)


def kept_secret(path: Path) -> bytes:
    """The secret in ``path``, made there first if the file does not exist; a file others can read is refused."""
    try:
        create_private_once(path, lambda: (secrets.token_hex(SECRET_BYTES) + "\n").encode())
    except OSError as error:
        raise SecretError(f"{path}: cannot create the cookie secret: {error.strerror}") from None
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise SecretError(f"{path}: cannot read the cookie secret: {error}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretError(f"{path}: the cookie secret is readable by others (hint: chmod 600 {path})")
    return _from_hex(text.strip(), str(path))


def _from_hex(text: str, where: str) -> bytes:
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        raise SecretError(f"{where}: the cookie secret is not hex {HINT}") from None
    if len(secret) < SECRET_BYTES:
        raise SecretError(f"{where}: the cookie secret is shorter than {SECRET_BYTES} bytes {HINT}")
    return secret

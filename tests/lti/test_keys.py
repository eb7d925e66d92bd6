"""The tool's key and the platform's registration: made once and kept 0600, refused when others can read it or
it is not a private key; a registration missing a setting is one line naming it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jwt
import pytest

from simkit.lti.config import Platform
from simkit.lti.keys import ToolKeyError, tool_key
from tests.lti.lms import Platform as LtiPlatform

SETTINGS = LtiPlatform(port=1).environment()


def test_the_key_is_made_once_0600_and_the_same_key_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "lti_key.pem"
    made = tool_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = tool_key(path)
    assert again.kid == made.kid and again.pem == made.pem
    # The JWKS's public key checks what the private key signs; it holds no private part.
    [public] = made.jwks()["keys"]
    assert public["kid"] == made.kid and public["alg"] == "RS256" and "d" not in public
    token = jwt.encode({"a": 1}, made.pem, algorithm="RS256")
    assert jwt.decode(token, jwt.PyJWK(public).key, algorithms=["RS256"]) == {"a": 1}


def test_the_service_never_makes_a_key_of_its_own(tmp_path: Path) -> None:
    """It must sign with the key the hub publishes: a missing file is an error, not a new key."""
    with pytest.raises(ToolKeyError, match="no LTI tool key there"):
        tool_key(tmp_path / "missing.pem", create=False)
    assert not (tmp_path / "missing.pem").exists()


def test_a_key_others_can_read_or_not_a_private_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lti_key.pem"
    tool_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(ToolKeyError, match=r"readable by others.*chmod 600"):
        tool_key(path)
    path.write_text("not a key\n")
    os.chmod(path, 0o600)
    with pytest.raises(ToolKeyError, match="not an RSA private key in PEM"):
        tool_key(path)


def test_the_key_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tool_key(tmp_path / "kept.pem")
    monkeypatch.setenv("SIMKIT_LTI_PRIVATE_KEY", kept.pem.decode())
    assert tool_key(tmp_path / "other.pem").kid == kept.kid
    assert not (tmp_path / "other.pem").exists()


def test_no_issuer_means_no_lti_and_a_missing_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [*SETTINGS, "SIMKIT_LTI_USERNAME_CLAIM", "SIMKIT_LTI_KEY_FILE"]:
        monkeypatch.delenv(name, raising=False)
    assert Platform.from_environment() is None
    for name, value in SETTINGS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SIMKIT_LTI_TOKEN_URL")
    monkeypatch.setenv("SIMKIT_LTI_DEPLOYMENT_IDS", " , ")
    with pytest.raises(
        ValueError, match=r"these are not: SIMKIT_LTI_TOKEN_URL, SIMKIT_LTI_DEPLOYMENT_IDS .*docs/lti.md"
    ):
        Platform.from_environment()
    monkeypatch.setenv("SIMKIT_LTI_TOKEN_URL", "http://127.0.0.1:1/token")
    monkeypatch.setenv("SIMKIT_LTI_DEPLOYMENT_IDS", "3, 7")
    platform = Platform.from_environment(Path("state/key.pem"))
    assert platform is not None
    assert platform.deployment_ids == {"3", "7"} and platform.username_claim == "custom_username"
    assert Platform.from_environment() == platform.__class__(**{**platform.__dict__, "key_file": None})

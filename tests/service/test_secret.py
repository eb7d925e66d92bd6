"""The pages' cookie secret is kept across restarts, never readable by others, and a bad one is one clear line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from simkit.service.secret import SECRET_BYTES, SecretError, cookie_secret


@pytest.fixture
def secret_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SIMKIT_SERVICE_COOKIE_SECRET", raising=False)
    path = tmp_path / "simkit_grading_cookie_secret"
    monkeypatch.setenv("SIMKIT_SERVICE_COOKIE_SECRET_FILE", str(path))
    return path


def test_the_first_start_makes_a_private_secret_and_a_restart_reads_the_same_one(secret_file: Path) -> None:
    first = cookie_secret()
    assert len(first) == SECRET_BYTES
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert cookie_secret() == first


def test_a_secret_file_others_can_read_is_refused_with_the_chmod_to_run(secret_file: Path) -> None:
    secret_file.write_text("ab" * SECRET_BYTES)
    secret_file.chmod(0o644)
    with pytest.raises(SecretError, match=r"readable by others \(hint: chmod 600 "):
        cookie_secret()


def test_the_environment_secret_wins_over_the_file(secret_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMKIT_SERVICE_COOKIE_SECRET", "0f" * SECRET_BYTES)
    assert cookie_secret() == bytes.fromhex("0f" * SECRET_BYTES)
    assert not secret_file.exists()


@pytest.mark.parametrize(
    ("given", "complaint"),
    [("not hex at all", "is not hex"), ("ab" * (SECRET_BYTES - 1), f"shorter than {SECRET_BYTES} bytes")],
)
def test_an_unusable_environment_secret_is_one_line_naming_the_variable(
    given: str, complaint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIMKIT_SERVICE_COOKIE_SECRET", given)
    with pytest.raises(SecretError) as raised:
        cookie_secret()
    message = str(raised.value)
    assert message.startswith("SIMKIT_SERVICE_COOKIE_SECRET: ") and complaint in message and "\n" not in message


def test_without_either_the_secret_is_random_for_the_run_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("SIMKIT_SERVICE_COOKIE_SECRET", raising=False)
    monkeypatch.delenv("SIMKIT_SERVICE_COOKIE_SECRET_FILE", raising=False)
    assert cookie_secret() != cookie_secret()
    assert "sign-ins to the pages end when the service restarts" in caplog.text

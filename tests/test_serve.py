"""`simkit serve` (what `make run` runs): one learner, loopback only unless everyone is told they are that learner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from benchmarks._browser import VoilaServer, free_port
from simkit.cli import serve
from simkit.cli.main import app
from simkit.player.serving import VOILA_OPTIONS

ROOT = Path(__file__).resolve().parents[1]
Started = list[tuple[list[str], dict[str, str]]]


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Started:
    """The servers `simkit serve` would start. Recorded, not started: a server on a non-loopback address must not
    run here (tests bind only loopback); the real start on 127.0.0.1 is tested below."""
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path))
    for variable in ("SIMKIT_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(variable, raising=False)
    calls: Started = []
    monkeypatch.setattr(serve, "run_server", lambda command, env: calls.append((command, env)))
    return calls


def test_serving_on_an_address_others_reach_is_refused_with_one_line_naming_make_hub(
    started: Started, tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--learner", "ivanov.a"])
    assert result.exit_code == 2 and started == []
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --host 0.0.0.0 would let everyone who reaches port 8866")
    assert "'ivanov.a'" in lines[0] and "`make hub`" in lines[0] and "--one-learner-for-everyone" in lines[0]
    assert not (tmp_path / "release").exists()  # refused before anything is done


def test_with_the_flag_it_warns_plainly_and_starts_voila_with_the_course_options(
    started: Started, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--host", "0.0.0.0", "--port", "9001", "--learner", "Ivanov.A", "--one-learner-for-everyone"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: serving on 0.0.0.0:9001 with no sign-in: everyone who reaches this port is the one learner" in (
        result.output
    )
    [(command, env)] = started
    assert command[1:4] == ["-m", "voila", str(ROOT / "notebooks" / "course_home.ipynb")]
    assert "--Voila.ip=0.0.0.0" in command and "--port=9001" in command and "--Voila.port_retries=0" in command
    assert command[-len(VOILA_OPTIONS) :] == list(VOILA_OPTIONS)
    assert env["SIMKIT_LEARNER"] == "Ivanov.A" and env["VOILA_APP_IP"] == "0.0.0.0"
    assert sorted(path.name for path in (tmp_path / "release").iterdir()) == ["advanced-training", "onboarding"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_flag(started: Started, host: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", host, "--learner", "ivanov.a", "--", "--no-browser"])
    assert result.exit_code == 0, result.output
    [(command, _env)] = started
    assert f"--Voila.ip={host}" in command and command[-1] == "--no-browser" and "warning" not in result.output


@pytest.mark.parametrize("host", ["10.0.0.5", "course.example.kz"])
def test_any_other_address_or_host_name_is_refused(started: Started, host: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", host, "--learner", "ivanov.a"])
    assert result.exit_code == 2 and started == [] and "`make hub`" in result.output


def test_a_bad_learner_id_is_one_error_line(started: Started, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMKIT_LEARNER", "not an id")
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2 and started == []
    assert result.output.strip() == (
        "error: $SIMKIT_LEARNER (make run LEARNER=…): 'not an id' is not a usable learner id (hint: letters, "
        "digits and . _ @ - only, up to 64 characters)"
    )


def test_it_releases_the_courses_and_becomes_the_voila_server_on_a_free_loopback_port(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "SIMKIT_HOME": str(tmp_path / "home"), "SIMKIT_LEARNER": "ivanov.a", "PYTHONPATH": str(ROOT)}
    env.pop("JUPYTERHUB_USER", None)
    command = [sys.executable, "-c", "from simkit.cli.main import app; app()", "serve", f"--port={port}"]
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [*command, "--", "--no-browser"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    server = VoilaServer(process, f"http://127.0.0.1:{port}/", tmp_path / "serve.log", log)
    try:
        server.wait_until_answering()
        # The same process is now Voilà (exec'd): signals and Ctrl-C reach the server itself.
        cmdline = psutil.Process(process.pid).cmdline()
        assert (
            cmdline[1:3] == ["-m", "voila"] and "--Voila.ip=127.0.0.1" in cmdline and "--preheat_kernel=True" in cmdline
        )
        assert (tmp_path / "home" / "release" / "advanced-training" / "course.yaml").is_file()
        assert "serving the course app for ivanov.a on http://127.0.0.1:" in server.log_text()
    finally:
        server.stop()

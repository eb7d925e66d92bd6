"""The whole stack on one machine, for trying it (`make hub`) and for the end-to-end tests and benchmark.

It starts, in a state folder of its own: a local OpenID Connect provider (oidc-provider-mock) that knows the sample
users and their groups, a throwaway PostgreSQL cluster when PostgreSQL is installed (else SQLite; or the database
named by SIMKIT_GRADEBOOK), and JupyterHub from deploy/jupyterhub/jupyterhub_config.py with configurable-http-proxy
and its managed services. Everything binds 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psutil

from simkit.hub.spawn import DEPLOY, HR, TRAINERS

PROJECT = DEPLOY.parents[1]
HUB_CONFIG = DEPLOY / "jupyterhub_config.py"
LOCAL_CHP = PROJECT / ".tools" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
START_S = 120.0
STOP_S = 20.0
# What configurable-http-proxy (Node) and Python print when a port is taken. The proxy, its API port taken, runs on
# without it, and the hub waits for it: the log is the only sign.
PORT_TAKEN = re.compile(r"EADDRINUSE|address already in use", re.IGNORECASE)


@dataclass(frozen=True)
class SampleUser:
    """A user the local provider offers on its sign-in page: the login (a claim) and the provider's groups."""

    login: str
    groups: tuple[str, ...] = ()
    email: str = ""

    def claims(self) -> dict[str, object]:
        return {
            "sub": self.login,
            "preferred_username": self.login,
            "email": self.email or f"{self.login}@example.kz",
            "groups": list(self.groups),
        }


SAMPLE_USERS = (
    SampleUser("aigerim.s"),
    SampleUser("daniyar.k"),
    SampleUser("trainer.a", (TRAINERS,)),
    SampleUser("hr.b", (HR,)),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def chp_command() -> str:
    """configurable-http-proxy: $SIMKIT_CHP, else the copy `make` installs into .tools/node."""
    configured = os.environ.get("SIMKIT_CHP", "").strip()
    path = Path(configured) if configured else LOCAL_CHP
    if not path.exists():
        raise FileNotFoundError(f"{path}: configurable-http-proxy not found (hint: `make chp`, or set SIMKIT_CHP)")
    return str(path)


def answers(url: str, timeout_s: float = 5.0) -> bool:
    """Whether ``url`` answers 200 (the proxy answers 404 until the hub has given it its routes)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            status: int = response.status  # urlopen's response is untyped
            return status == 200
    except OSError:
        return False


@dataclass
class Child:
    """A process started in its own session, logging to a file."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    def log_text(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM (JupyterHub then stops the users' servers and the proxy), SIGKILL for whatever is left."""
        try:
            family = [self.process.pid, *(p.pid for p in psutil.Process(self.process.pid).children(recursive=True))]
        except psutil.NoSuchProcess:
            family = []
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_S)
        for pid in family:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()


def start_child(name: str, command: list[str], env: dict[str, str], logs: Path) -> Child:
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return Child(name, process, log_path, log)


def wait_until(child: Child, url: str, timeout_s: float = START_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not answers(url):
        if child.process.poll() is not None:
            raise RuntimeError(f"{child.name} exited with {child.process.returncode}:\n{child.log_text()[-4000:]}")
        if PORT_TAKEN.search(log := child.log_text()):
            raise RuntimeError(f"{child.name}: a port it was given is taken by another process:\n{log[-4000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{child.name} did not answer at {url} within {timeout_s:.0f} s")
        time.sleep(0.2)


class ThrowawayPostgres:
    """A PostgreSQL cluster in a folder of its own on a free loopback port, removed when stopped.

    As root it runs as the `postgres` user Debian's package creates (PostgreSQL refuses to run as root).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bin = self.find_bin()
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def find_bin() -> Path | None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        return found[-1].parent if found else None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://simkit:{self.password}@127.0.0.1:{self.port}/simkit"

    def run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_postgres, *command],
            check=True,
            capture_output=True,
            env={**os.environ, "PGPASSWORD": self.password},
        )

    def start(self) -> None:
        assert self.bin is not None
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        (self.folder / "password").write_text(self.password + "\n")
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.folder / "password", "postgres")
        data = self.folder / "data"
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "simkit",
            f"--pwfile={self.folder / 'password'}",
            "--auth-host=scram-sha-256",
            "--auth-local=peer",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -F",
            "start",
        )
        self.run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "simkit", "simkit")

    def stop(self) -> None:
        if self.bin is not None and (self.folder / "data").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class LocalHub:
    """JupyterHub, its proxy and services, a local OIDC provider and a gradebook, in ``state``.

    ``hub_port`` 0 picks a free port; ``gradebook`` None means $SIMKIT_GRADEBOOK, else a throwaway PostgreSQL
    cluster if PostgreSQL is installed and ``postgres`` is true, else SQLite in ``state``.
    """

    state: Path
    hub_port: int = 8000
    users: tuple[SampleUser, ...] = SAMPLE_USERS
    gradebook: str | None = None
    postgres: bool = True
    env: dict[str, str] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)
    admin_token: str = field(default_factory=lambda: secrets.token_hex(24))
    database: ThrowawayPostgres | None = None
    url: str = ""
    issuer: str = ""

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    def choose_gradebook(self) -> str:
        self.gradebook = self.gradebook or os.environ.get("SIMKIT_GRADEBOOK", "").strip() or None
        if self.gradebook:
            return self.gradebook
        if self.postgres and ThrowawayPostgres.find_bin() is not None:
            self.database = ThrowawayPostgres(self.state / "postgres")
            self.database.start()
            self.gradebook = self.database.url
        else:
            self.gradebook = f"sqlite:///{self.state / 'gradebook.sqlite'}"
        return self.gradebook

    def release(self) -> Path:
        from simkit.scenarios.release import release_courses

        folder = self.state / "release"
        release_courses(None, folder)
        return folder

    def start(self) -> LocalHub:
        self.state.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def pick_ports(self) -> dict[str, int]:
        """Loopback ports for the provider, the hub's address (``hub_port``, or a free one), the hub's and the
        proxy's APIs and the grading service, each free when picked (another process may take it before it is bound)."""
        names = ("oidc", "hub_api", "proxy_api", "service")
        return {"hub": self.hub_port or free_port()} | {name: free_port() for name in names}

    def _start(self) -> None:
        chp = chp_command()
        # Bundles released by the caller (from a library of its own) are what the servers read; else the project's.
        release = Path(self.env["SIMKIT_RELEASE"]) if self.env.get("SIMKIT_RELEASE") else self.release()
        gradebook = self.choose_gradebook()
        ports = self.pick_ports()
        self.issuer = f"http://127.0.0.1:{ports['oidc']}"
        oidc_command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(ports["oidc"])]
        for user in self.users:
            oidc_command += ["--user-claims", json.dumps(user.claims())]
        oidc = start_child("oidc-provider", oidc_command, {**os.environ, "NO_COLOR": "1"}, self.logs)
        self.children.append(oidc)
        wait_until(oidc, self.issuer + "/.well-known/openid-configuration")
        self.url = f"http://127.0.0.1:{ports['hub']}"
        hub_env = {
            **os.environ,
            "SIMKIT_HUB_URL": self.url,
            "SIMKIT_HUB_STATE": str(self.state),
            "SIMKIT_HUB_API_PORT": str(ports["hub_api"]),
            "SIMKIT_PROXY_API_PORT": str(ports["proxy_api"]),
            "SIMKIT_SERVICE_PORT": str(ports["service"]),
            "SIMKIT_CHP": chp,
            "SIMKIT_OIDC_ISSUER": self.issuer,
            "SIMKIT_OIDC_CLIENT_ID": "simkit-hub",
            "SIMKIT_OIDC_CLIENT_SECRET": secrets.token_hex(16),  # the local provider takes any client
            "SIMKIT_GRADEBOOK": gradebook,
            "SIMKIT_RELEASE": str(release),
            "SIMKIT_HUB_ADMIN_TOKEN": self.admin_token,
            **self.env,
        }
        hub = start_child("jupyterhub", [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)], hub_env, self.logs)
        self.children.append(hub)
        wait_until(hub, self.url + "/hub/api/")

    def stop(self) -> None:
        for child in reversed(self.children):
            child.stop()
        self.children.clear()
        if self.database is not None:
            self.database.stop()
            self.database = None

    def hub_log(self) -> str:
        return next((child.log_text() for child in self.children if child.name == "jupyterhub"), "")

    def api(self, method: str, path: str, body: object | None = None) -> tuple[int, object]:
        """A call to the hub's REST API as the admin service; returns the status and the decoded body."""
        request = urllib.request.Request(
            self.url + "/hub/api" + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.admin_token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read()
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text.decode(errors="replace")


def main() -> None:
    """`make hub`: start everything, print where and who, run until Ctrl-C."""
    state = Path(os.environ.get("SIMKIT_HUB_STATE", str(PROJECT / ".hub"))).resolve()
    port = int(os.environ.get("HUB_PORT", "8000"))
    hub = LocalHub(state=state, hub_port=port)
    try:
        hub.start()
    except (FileNotFoundError, RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        sys.exit(f"error: {error}")
    assert hub.gradebook is not None  # start() chose one
    database = "PostgreSQL (throwaway cluster)" if hub.database else hub.gradebook.split(":", 1)[0]
    print(f"simkit hub: {hub.url}/  (logs in {hub.logs})")
    print(f"sign-in provider: {hub.issuer}/ — pick a user on its page:")
    for user in hub.users:
        print(f"  {user.login:<12} {', '.join(user.groups) or 'learner'}")
    print(f"gradebook: {database}")
    print("Ctrl-C stops everything.")
    stop = False

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    try:
        while not stop and all(child.process.poll() is None for child in hub.children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()

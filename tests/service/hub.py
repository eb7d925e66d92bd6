"""A real JupyterHub with configurable-http-proxy and the grading service as its managed service, on free loopback
ports in a scratch folder: what the service's tests and benchmarks/service.py run against.

Sign-in is not what is tested here (no identity provider): users and their tokens are made through the hub's REST
API with an admin service's token, exactly as the hub makes a server's token, with the scopes a learner's server
or a trainer gets. CHP is ``$SIMKIT_CHP`` if set, else the project's ``.tools/node/`` copy (``make``).
"""

from __future__ import annotations

import json
import os
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "simkit-grading"
ACCESS = f"access:services!service={SERVICE}"
TRAINER, HR = "custom:simkit:trainer", "custom:simkit:hr"
START_S = 120.0  # the hub, its proxy and the service, on two busy cores


def chp_command() -> Path | None:
    configured = os.environ.get("SIMKIT_CHP")
    found = Path(configured) if configured else ROOT / ".tools/node/node_modules/.bin/configurable-http-proxy"
    return found if found.exists() else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CONFIG = """
import json
settings = json.loads({settings!r})
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = f"http://127.0.0.1:{{settings['proxy_port']}}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{{settings['hub_port']}}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{settings['api_port']}}"
c.ConfigurableHTTPProxy.command = [settings["chp"]]
c.ConfigurableHTTPProxy.pid_file = settings["folder"] + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + settings["folder"] + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = settings["folder"] + "/cookie_secret"
c.JupyterHub.pid_file = settings["folder"] + "/hub.pid"
c.JupyterHub.authenticator_class = settings["authenticator"]
c.JupyterHub.redirect_to_server = False  # no learners' servers here: signing in ends on the hub's home page
c.JupyterHub.custom_scopes = {{
    "custom:simkit:trainer": {{"description": "see every learner's results and answers in the grading service"}},
    "custom:simkit:hr": {{"description": "see acknowledgements of the Code and training records"}},
}}
c.JupyterHub.load_groups = {{"trainers": {{"users": []}}, "hr": {{"users": []}}}}
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", "access:services!service=simkit-grading"]}},
    {{"name": "simkit-trainers", "scopes": ["custom:simkit:trainer"], "groups": ["trainers"]}},
    {{"name": "simkit-hr", "scopes": ["custom:simkit:hr"], "groups": ["hr"]}},
    {{"name": "admin", "services": ["test-admin"]}},
]
c.JupyterHub.services = [
    {{"name": "test-admin", "api_token": settings["admin_token"]}},
    {{
        "name": "simkit-grading",
        "url": f"http://127.0.0.1:{{settings['service_port']}}",
        "command": [settings["python"], "-m", "simkit.service"],
        "environment": settings["environment"],
        "oauth_client_allowed_scopes": ["custom:simkit:trainer", "custom:simkit:hr"],
        "oauth_no_confirm": True,
    }},
]
"""


@dataclass
class Hub:
    folder: Path
    gradebook: str
    library: Path = ROOT / "scenarios"
    authenticator: str = "null"  # "dummy" (any password) for a browser to sign in; never outside tests
    proxy_port: int = field(default_factory=free_port)
    admin_token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def service_url(self) -> str:
        """The service through the hub's proxy, as a learner's server reaches it ($SIMKIT_SERVICE_URL)."""
        return f"{self.url}/services/{SERVICE}/"

    def start(self, chp: Path) -> Hub:
        self.folder.mkdir(parents=True, exist_ok=True)
        environment = {
            "PYTHONPATH": str(ROOT),
            "SIMKIT_GRADEBOOK": self.gradebook,
            "SIMKIT_SCENARIOS": str(self.library),
            "SIMKIT_HOME": str(self.folder / "service-home"),
        }
        settings = {
            "proxy_port": self.proxy_port,
            "hub_port": free_port(),
            "api_port": free_port(),
            "service_port": free_port(),
            "chp": str(chp),
            "folder": str(self.folder),
            "admin_token": self.admin_token,
            "python": sys.executable,
            "environment": environment,
            "authenticator": self.authenticator,
        }
        config = self.folder / "jupyterhub_config.py"
        config.write_text(CONFIG.format(settings=json.dumps(settings)), "utf-8")
        log = open(self.folder / "hub.log", "wb")  # noqa: SIM115 - the hub writes to it until stopped
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_for_service()
        return self

    def _wait_for_service(self) -> None:
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at start; see {self.folder / 'hub.log'}")
            try:
                status, _body = self.call(None, "GET", "api/courses/onboarding/submission")
                if status == 401:  # the service answers through the proxy: everything is up
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"the grading service did not come up in {START_S:.0f} s; see {self.folder / 'hub.log'}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the hub stops its proxy and its managed services itself
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    # The hub's REST API, as its administrator

    def hub_api(self, method: str, path: str, body: Any = None) -> Any:
        request = urllib.request.Request(
            f"{self.url}/hub/api/{path}",
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={"Authorization": f"token {self.admin_token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def user(self, name: str, *, groups: tuple[str, ...] = ()) -> str:
        """A hub user (made if new) and a fresh token with the scopes a learner's server has, plus its groups'."""
        try:
            self.hub_api("POST", f"users/{name}")
        except urllib.error.HTTPError as error:
            if error.code != 409:  # 409: the user is there already
                raise
        for group in groups:
            self.hub_api("POST", f"groups/{group}/users", {"users": [name]})
        scopes = [ACCESS] + [{"trainers": TRAINER, "hr": HR}[group] for group in groups]
        made = self.hub_api("POST", f"users/{name}/tokens", {"scopes": scopes, "note": "simkit tests"})
        return str(made["token"])

    # The grading service, through the proxy

    def call(self, token: str | None, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """(status, body) of a call to the service; the body is JSON for the API, text for pages."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(f"{self.service_url}{path}", data=data, method=method)
        if token:
            request.add_header("Authorization", f"token {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text, kind = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, text, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        return status, json.loads(text) if "json" in kind else text.decode("utf-8")


def start_hub(folder: Path, gradebook: str, library: Path = ROOT / "scenarios", authenticator: str = "null") -> Hub:
    chp = chp_command()
    if chp is None:
        raise FileNotFoundError("configurable-http-proxy (set $SIMKIT_CHP, or `make` installs it under .tools/)")
    hub = Hub(folder, gradebook, library, authenticator)
    try:
        return hub.start(chp)
    except BaseException:
        hub.stop()
        raise


def copy_log(hub: Hub, to: Path) -> None:
    to.mkdir(parents=True, exist_ok=True)
    if (hub.folder / "hub.log").exists():
        shutil.copy(hub.folder / "hub.log", to / "hub.log")

"""A real hub for the end-to-end tests, the grading service's tests and the benchmarks: simkit.hub.local.LocalHub
(the same code `make hub` runs, with deploy/jupyterhub/jupyterhub_config.py) on free loopback ports in a scratch
folder. Users and their tokens are made through the hub's REST API with the admin service's token
(SIMKIT_HUB_ADMIN_TOKEN), as the hub makes a server's token; learners sign in through the local OpenID Connect
provider's page in headless Chromium.

Logs are kept under test-output/hub/<name>/ once the hub stops.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from benchmarks._browser import FIRST_CONTROL_S, first_control
from simkit.hub.local import PORT_TAKEN, START_S, LocalHub, SampleUser
from simkit.hub.spawn import HR, TRAINERS
from simkit.scenarios.release import release_courses
from tests.grading.conftest import POSTGRES_VARIABLE, _postgres_database

ROOT = Path(__file__).resolve().parents[2]
# The local provider's page asks a CDN for its stylesheet; nothing here may reach the network.
OFFLINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*")
SERVICE = "simkit-grading"
ACCESS = f"access:services!service={SERVICE}"
GROUP_SCOPES = {TRAINERS: "custom:simkit:trainer", HR: "custom:simkit:hr"}
START_ATTEMPTS = 3
READY = "api/courses/onboarding/submission"  # answered 401 without a token once the service is up


def output_folder(name: str) -> Path:
    return ROOT / "test-output" / "hub" / re.sub(r"[^\w.-]+", "_", name)


def library_with_course(tmp_path_factory: pytest.TempPathFactory, course_id: str, course: str) -> tuple[Path, Path]:
    """(the project's scenario library with the course file ``course`` added, its courses released from it)."""
    library = tmp_path_factory.mktemp("library") / "scenarios"
    shutil.copytree(ROOT / "scenarios", library)
    (library / "courses" / f"{course_id}.yaml").write_text(course, "utf-8")
    release = tmp_path_factory.mktemp("release")
    release_courses(None, release, library)
    return library, release


def screenshots(name: str) -> Callable[[Page, str], Path]:
    """A test's screenshots, numbered in the order taken, full pages, in a fresh folder of the CI artefacts."""
    folder = output_folder(name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken = iter(range(1, 100))

    def take(page: Page, label: str) -> Path:
        path = folder / f"{next(taken):02d}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


class Hub(LocalHub):
    """A LocalHub driven as the tests drive it: users and tokens through its REST API, calls to the grading service."""

    @property
    def service_url(self) -> str:
        """The service through the hub's proxy, as a learner's server reaches it ($SIMKIT_SERVICE_URL)."""
        return f"{self.url}/services/{SERVICE}/"

    def user(self, name: str, *, groups: tuple[str, ...] = ()) -> str:
        """A hub user (made if new) in these groups, and a fresh token with the scopes a learner's server has, plus
        its groups'."""
        status, body = self.api("POST", f"/users/{name}")
        if status not in (201, 409):  # 409: the user is there already
            raise RuntimeError(f"making the user {name}: {status} {body}")
        for group in groups:
            status, body = self.api("POST", f"/groups/{group}/users", {"users": [name]})
            if status != 200:
                raise RuntimeError(f"putting {name} in {group}: {status} {body}")
        scopes = [ACCESS, *(GROUP_SCOPES[group] for group in groups)]
        status, made = self.api("POST", f"/users/{name}/tokens", {"scopes": scopes, "note": "simkit tests"})
        if status != 201 or not isinstance(made, dict):
            raise RuntimeError(f"a token for {name}: {status} {made}")
        return str(made["token"])

    def call(self, token: str | None, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """(status, body) of a call to the grading service; the body is JSON for the API, text for pages."""
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

    def port_taken(self) -> bool:
        """Whether a log of this start says a port was taken."""
        return any(PORT_TAKEN.search(log.read_text(errors="replace")) for log in self.logs.glob("*.log"))

    def wait_for_service(self, timeout_s: float = START_S) -> None:
        """Until the grading service answers through the proxy. The hub restarts a service that exits, so a service
        whose port is taken never answers: its log says why."""
        deadline = time.monotonic() + timeout_s
        while True:
            with contextlib.suppress(OSError):
                if self.call(None, "GET", READY)[0] == 401:
                    return
            if self.port_taken():
                raise RuntimeError(f"the grading service's port is taken; see {self.logs}")
            if any(child.process.poll() is not None for child in self.children):
                raise RuntimeError(f"the hub stopped before the grading service answered; see {self.logs}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the grading service did not answer in {timeout_s:.0f} s; see {self.logs}")
            time.sleep(0.25)


def start(hub: Hub) -> None:
    """Start the hub and wait for its grading service. Ports are free when picked, but another process may take
    one before the proxy, the hub, the provider or the service binds it: then start again on new ports, a few
    times. The failed starts' logs are kept under logs/attempt-<n>/."""
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            hub.start()
            hub.wait_for_service()
            return
        except (RuntimeError, TimeoutError):
            hub.stop()
            if attempt == START_ATTEMPTS or not hub.port_taken():
                raise
        kept = hub.logs / f"attempt-{attempt}"
        kept.mkdir()
        for log in hub.logs.glob("*.log"):
            log.rename(kept / log.name)
        # A pid file left behind would have the next start stop whatever process has that pid by now.
        for pid_file in hub.state.glob("*.pid"):
            pid_file.unlink()


@contextlib.contextmanager
def running_hub(
    scratch: Path,
    name: str,
    users: tuple[SampleUser, ...],
    env: dict[str, str] | None = None,
    gradebook: str | None = None,
) -> Iterator[Hub]:
    """A started hub with these sample users, its grading service answering; stopped, and its logs copied out, at
    the end. The gradebook is ``gradebook``; else, with $SIMKIT_TEST_POSTGRES_URL, a PostgreSQL database of its own
    (what one run leaves there must not be where the next starts), dropped at the end; else SQLite in ``scratch``."""
    with contextlib.ExitStack() as stack:
        if gradebook is None and os.environ.get(POSTGRES_VARIABLE):
            databases = _postgres_database()
            gradebook = next(databases)
            stack.callback(next, databases, None)  # drops it, once the hub has stopped
        hub = Hub(state=scratch, hub_port=0, users=users, gradebook=gradebook, postgres=False, env=env or {})
        stack.callback(keep_logs, scratch, name)
        stack.callback(hub.stop)
        start(hub)
        yield hub


def keep_logs(scratch: Path, name: str) -> None:
    keep = output_folder(name)
    shutil.rmtree(keep, ignore_errors=True)
    if (scratch / "logs").exists():
        shutil.copytree(scratch / "logs", keep)


def new_context(browser: Browser) -> BrowserContext:
    """A browser of its own (no cookies shared), set to Russian as the learners' are, kept off the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    context.set_default_timeout(FIRST_CONTROL_S * 1000)
    context.route(OFFLINE, lambda route: route.abort())
    return context


def sign_in(context: BrowserContext, hub: LocalHub, login: str, click: bool = True, at: str = "") -> Page:
    """Through the hub's sign-in button and the provider's page, as a person would; returns the page, which then
    goes on to the user's own server (started on the way), or back to the page ``at`` (a URL) that sent the
    browser to sign in. ``click=False`` stops on the provider's page."""
    page = context.new_page()
    page.goto(at or hub.url + "/hub/login")
    page.get_by_role("button", name=re.compile("Sign in with")).click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    if click:
        page.locator(f"button[name=sub][value='{login}']").click()
    return page


def open_course(context: BrowserContext, hub: LocalHub, login: str) -> Page:
    """Signed in and on the course page with its widgets rendered."""
    page = sign_in(context, hub, login)
    first_control(page)
    return page


def server_processes(hub: LocalHub, login: str) -> list[psutil.Process]:
    """The user's server and its kernels: every process started for this hub with JUPYTERHUB_USER = ``login``."""
    found = []
    for process in psutil.process_iter():
        try:
            env = process.environ()
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
        if env.get("JUPYTERHUB_USER") == login and env.get("SIMKIT_HOME", "").startswith(str(hub.state)):
            found.append(process)
    return found


def uss_mib(processes: list[psutil.Process]) -> float:
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += process.memory_full_info().uss
    return total / 2**20


def kernels(hub: LocalHub, login: str) -> list[dict[str, object]]:
    """The kernels running on the user's server, asked of the server's API as the hub's admin service."""
    request = urllib.request.Request(
        f"{hub.url}/user/{login}/api/kernels", headers={"Authorization": f"token {hub.admin_token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return list(json.load(response))


def wait_for(condition, timeout_s: float, what: str, every_s: float = 0.5) -> None:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until true; a bound on a hang, not a timing assertion."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not so after {timeout_s:.0f} s")
        time.sleep(every_s)

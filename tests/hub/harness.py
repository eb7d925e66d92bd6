"""A real hub for the end-to-end tests and benchmarks/hub.py: simkit.hub.local.LocalHub (the same code `make hub`
runs, with deploy/jupyterhub/jupyterhub_config.py) on free loopback ports in a scratch folder, and learners
signing in through the local OpenID Connect provider's page in headless Chromium.

Logs are kept under test-output/hub/<name>/ once the hub stops.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
from playwright.sync_api import Browser, BrowserContext, Page

from benchmarks._browser import FIRST_CONTROL_S, first_control
from simkit.hub.local import LocalHub, SampleUser

ROOT = Path(__file__).resolve().parents[2]
# The local provider's page asks a CDN for its stylesheet; nothing here may reach the network.
OFFLINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*")


def output_folder(name: str) -> Path:
    return ROOT / "test-output" / "hub" / re.sub(r"[^\w.-]+", "_", name)


@contextlib.contextmanager
def running_hub(
    scratch: Path, name: str, users: tuple[SampleUser, ...], env: dict[str, str] | None = None
) -> Iterator[LocalHub]:
    """A started LocalHub with these sample users; stopped, and its logs copied out, at the end."""
    gradebook = os.environ.get("SIMKIT_TEST_POSTGRES_URL") or None
    hub = LocalHub(state=scratch, hub_port=0, users=users, gradebook=gradebook, postgres=False, env=env or {})
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()
        keep = output_folder(name)
        shutil.rmtree(keep, ignore_errors=True)
        if (scratch / "logs").exists():
            shutil.copytree(scratch / "logs", keep)


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(FIRST_CONTROL_S * 1000)
    context.route(OFFLINE, lambda route: route.abort())
    return context


def sign_in(context: BrowserContext, hub: LocalHub, login: str, click: bool = True) -> Page:
    """Through the hub's sign-in button and the provider's page, as a person would; returns the page, which then
    goes on to the user's own server (started on the way). ``click=False`` stops on the provider's page."""
    page = context.new_page()
    page.goto(hub.url + "/hub/login")
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
    import json
    import urllib.request

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

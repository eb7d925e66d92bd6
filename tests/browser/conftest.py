"""Pages as learners get them: Voilà servers started with `make run`'s options, seen through headless Chromium.

Chromium comes from the session fixture in tests/conftest.py (skipped without it, unless SIMKIT_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from benchmarks._browser import FIRST_CONTROL_S, VoilaServer, first_control, start_voila

VoilaFactory = Callable[..., str]
Shots = Callable[[Page, str], Path]

# Playwright's assertions give up after 5 s by default; a click's round trip to a kernel on two busy cores can
# take longer than that.
expect.set_options(timeout=30_000)


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)


def output_folder(request: pytest.FixtureRequest) -> Path:
    """test-output/browser/<test>/: screenshots and server logs, kept by CI as artefacts."""
    return request.config.rootpath / "test-output" / "browser" / safe_name(request.node.name)


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh context per test: no cookies, storage or cache carried over from another test; a browser set to
    Russian, as the learners' are."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    context.set_default_timeout(FIRST_CONTROL_S * 1000)
    yield context.new_page()
    context.close()


@pytest.fixture
def voila(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaFactory]:
    """``voila(notebook, env)`` serves the notebook and returns its base URL once the server answers.

    SIMKIT_HOME is a fresh scratch folder unless ``env`` names one; SIMKIT_LEARNER and the rest come from ``env``.
    Each server's log is copied to the test's output folder when it stops, for a failure to be read from CI.
    """
    servers: list[VoilaServer] = []

    def serve(notebook: Path, env: dict[str, str] | None = None, options: list[str] | None = None) -> str:
        scratch = tmp_path_factory.mktemp("voila")
        env = {"SIMKIT_HOME": str(scratch / "home"), **(env or {})}
        server = start_voila(notebook, env, scratch / "voila.log", options)
        servers.append(server)
        server.wait_until_answering()
        return server.url

    yield serve
    for number, server in enumerate(servers, start=1):
        server.stop()
        output_folder(request).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(server.log_path, output_folder(request) / f"voila-{number}.log")


# Voilà's page scrolls inside an element of its own, not the document: a screenshot of the "full page" would stop
# at the window. The window is made as tall as that element's content for the picture, then set back.
CONTENT_HEIGHT = """() => Math.max(...['#rendered_cells', 'body', 'html']
  .map((selector) => document.querySelector(selector)?.scrollHeight ?? 0))"""
MAX_SHOT_HEIGHT = 12_000


def whole_page(page: Page, path: Path) -> None:
    """A screenshot of everything the page shows, down to its end, at the window's width."""
    window = page.viewport_size
    height = min(int(page.evaluate(CONTENT_HEIGHT)), MAX_SHOT_HEIGHT)
    if window is None or height <= window["height"]:
        page.screenshot(path=str(path), full_page=True)
        return
    page.set_viewport_size({"width": window["width"], "height": height})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(window)


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """``shots(page, label)`` saves test-output/browser/<test>/NN-<label>.png, numbered in the order taken."""
    folder = output_folder(request)
    for old in folder.glob("*.png"):  # a shorter rerun must not leave an earlier run's pictures behind
        old.unlink()
    taken: list[Path] = []

    def shot(page: Page, label: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{len(taken) + 1:02d}-{safe_name(label)}.png"
        whole_page(page, path)
        taken.append(path)
        return path

    return shot


@pytest.fixture
def wait_for_control() -> Callable[[Page], Locator]:
    """Waits for the first visible, enabled widget control: the page has rendered the kernel's widgets."""
    return first_control

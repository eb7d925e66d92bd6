"""Fixtures shared by the suites that drive a browser (tests/browser, tests/hub).

One Playwright for the whole session: its sync API cannot be started twice at once in a process, so every suite
takes Chromium from here. Chromium is Debian's (/usr/bin/chromium; .ci/run installs it). Without it the tests
that need it are skipped, unless SIMKIT_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure; the same
variable makes a missing hub piece (configurable-http-proxy) a failure in tests/hub and tests/service.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from benchmarks._browser import CHROMIUM, launch_chromium
from tests.components import missing


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()

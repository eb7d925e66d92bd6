"""What a test does when a component it starts (Chromium, configurable-http-proxy) is not on the machine."""

from __future__ import annotations

import os

import pytest


def missing(reason: str) -> None:
    """Skip for want of a browser or hub piece; in CI (SIMKIT_REQUIRE_BROWSER=1) fail instead, never skip."""
    if os.environ.get("SIMKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SIMKIT_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason)

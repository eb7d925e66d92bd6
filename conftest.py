"""Test-wide set-up: learners' data goes to a scratch folder, with every course released into it, so the
notebooks (run by nbval in kernels that inherit this environment) and the tests never touch a real home."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def pytest_configure() -> None:
    if "SIMKIT_HOME" in os.environ and os.environ.get("SIMKIT_TEST_KEEP_HOME"):
        return
    home = Path(tempfile.mkdtemp(prefix="simkit-test-home-"))
    os.environ["SIMKIT_HOME"] = str(home)
    os.environ.setdefault("SIMKIT_LEARNER", "test.learner")
    from simkit.scenarios.release import release_courses

    release_courses(None, home / "release")

"""End to end through JupyterHub: the hub from deploy/jupyterhub/jupyterhub_config.py with configurable-http-proxy,
the local OpenID Connect provider, the users' servers, and headless Chromium (the session's, from tests/conftest.py;
see tests/hub/harness.py).

Without Chromium or configurable-http-proxy these tests are skipped, unless SIMKIT_REQUIRE_BROWSER=1 (as in CI),
where a missing piece is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from simkit.hub.local import SAMPLE_USERS, LocalHub, SampleUser, chp_command
from tests.components import missing
from tests.hub.harness import running_hub

expect.set_options(timeout=30_000)

# A login the learner-id rule refuses (a space, Cyrillic letters): the provider knows it, the hub must not let it in.
REFUSED = SampleUser("Иван Петров")
# How long a kernel outlives its page here: short, so the test of it waits seconds, not minutes.
KERNEL_CULL_S = 4


@pytest.fixture(scope="module")
def hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalHub]:
    """One hub per test module, with the sample users and one the rule refuses."""
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))
    scratch: Path = tmp_path_factory.mktemp("hub")
    env = {"SIMKIT_KERNEL_CULL_S": str(KERNEL_CULL_S)}
    with running_hub(scratch, request.module.__name__.rsplit(".", 1)[-1], (*SAMPLE_USERS, REFUSED), env) as hub:
        yield hub

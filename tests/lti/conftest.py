"""A hub whose learners come by LTI 1.3 launches from the test platform (tests/lti/lms.py), over real HTTP.

Needs configurable-http-proxy (skipped without it, failed under SIMKIT_REQUIRE_BROWSER=1, as the hub tests)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests

from simkit.hub.local import chp_command
from tests.components import missing
from tests.hub.harness import Hub, running_hub
from tests.lti.lms import Platform, Tool

FORM = re.compile(r'<form method="post" action="([^"]+)">')
INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


@pytest.fixture(scope="module")
def platform() -> Iterator[Platform]:
    started = Platform().start()
    yield started
    started.stop()


def register(platform: Platform, hub: Hub) -> None:
    """The platform's side of the registration: the tool's URLs, as docs/lti.md has them pasted into Moodle."""
    platform.tool = Tool(
        login_url=f"{hub.url}/hub/lti13/oauth_login",
        redirect_uri=f"{hub.url}/hub/lti13/oauth_callback",
        jwks_url=f"{hub.url}/hub/lti13/jwks",
        target_link_uri=f"{hub.url}/hub/",
    )


@pytest.fixture(scope="module")
def lti_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, platform: Platform
) -> Iterator[Hub]:
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))
    name = request.module.__name__.rsplit(".", 1)[-1]
    with running_hub(tmp_path_factory.mktemp("hub"), name, (), platform.environment()) as hub:
        register(platform, hub)
        yield hub


@dataclass
class Posted:
    """The form the platform's page posts to the tool (id_token and state), and where."""

    action: str
    fields: dict[str, str]


def authenticate(session: requests.Session, platform: Platform, login: str, **hint: str) -> Posted:
    """From the platform's launch link through the tool's login initiation to the platform's posting page."""
    page = session.get(platform.launch_url(login, **hint), timeout=30)
    assert page.status_code == 200, (page.status_code, page.text[:500])
    action = FORM.search(page.text)
    assert action is not None, page.text[:500]
    return Posted(html.unescape(action.group(1)), {k: html.unescape(v) for k, v in INPUT.findall(page.text)})


def post(session: requests.Session, posted: Posted) -> requests.Response:
    return session.post(posted.action, data=posted.fields, allow_redirects=False, timeout=30)

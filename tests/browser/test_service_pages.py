"""The grading service's pages in Chromium, signed in through the hub (OAuth with PKCE, as a browser does it): a trainer
sees the trainers' page, a learner is refused it, and a learner opens their own certificate from its link.

The hub here signs anyone in with any password (JupyterHub's DummyAuthenticator): what is tested is the service's
side of the sign-in, not the identity provider (tests/hub/ does that with OIDC)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.service.conftest import _hub, make_library
from tests.service.hub import Hub
from tests.service.test_service import post_answer, right_answers


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_library(tmp_path_factory.mktemp("library") / "scenarios")


@pytest.fixture(scope="module")
def signing_hub(
    library: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Hub]:
    folder = tmp_path_factory.mktemp("hub-browser")
    yield from _hub(folder, f"sqlite:///{folder / 'gradebook.sqlite'}", library, request, authenticator="dummy")


def signed_in(browser: Browser, hub: Hub, name: str):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "any")
    page.click("[type=submit]")
    page.wait_for_url("**/hub/home")
    return context, page


def test_pages_after_signing_in_through_the_hub(chromium: Browser, signing_hub: Hub, library: Path) -> None:
    hub = signing_hub
    token = hub.user("nora")
    for scenario in ("gift-at-desk", "repeated-offence", "money-without-knowledge"):
        for step, value in right_answers(library, "short-exam", scenario, "nora"):
            post_answer(hub, token, "short-exam", scenario, step, value)
    status, result = hub.call(token, "POST", "api/courses/short-exam/submit", {})
    assert status == 200 and result["certificate"]

    hub.user("tanya", groups=("trainers",))
    context, page = signed_in(chromium, hub, "tanya")
    response = page.goto(f"{hub.service_url}trainer/?lang=en")
    assert response is not None and response.status == 200
    assert (
        page.locator('tr[data-learner="nora"] td.score').inner_text()
        == f"{result['score']:g} / {result['max_score']:g}"
    )
    context.close()

    context, page = signed_in(chromium, hub, "nora")
    for refused in ("trainer/", "hr/"):
        response = page.goto(f"{hub.service_url}{refused}")
        assert response is not None and response.status == 403
        assert "custom:simkit:" in page.locator("p.error").inner_text()
    response = page.goto(f"{hub.url}{result['certificate']['url']}")  # the link the course page shows
    assert response is not None and response.status == 200
    assert page.locator('[data-fact="learner"]').inner_text() == "nora"
    context.close()

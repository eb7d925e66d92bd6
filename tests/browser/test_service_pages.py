"""The grading service's pages in Chromium, for a browser that opens them before signing in: the service sends it
to the hub (OAuth with PKCE), the hub to the provider's page, and back it comes to the page it asked for. A trainer
sees the trainers' page, a learner is refused it, and a learner opens their own certificate from its link.

Every page a trainer, an HR officer or a learner opens there (and the exam's result on the learner's course page)
meets axe-core's WCAG 2.1 A/AA rules in each language, with a screenshot of each kept under test-output/browser/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from simkit.hub.local import SampleUser
from simkit.scenarios.release import release_courses
from tests.browser.axe import axe_path, blocking, violations
from tests.browser.staff_pages import EXAM, EXAM_CASES, LANGUAGES, STAFF_PAGES, USERS, StaffWalk, exam_library
from tests.components import missing
from tests.hub.harness import Hub, new_context, sign_in
from tests.service.conftest import _hub
from tests.service.test_service import post_answer, right_answers


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return exam_library(tmp_path_factory.mktemp("library") / "scenarios")


@pytest.fixture(scope="module")
def signing_hub(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    release = tmp_path_factory.mktemp("release")
    release_courses(None, release, library)
    folder = tmp_path_factory.mktemp("hub-browser")
    users = (SampleUser("nora"), *USERS)
    yield from _hub(folder, f"sqlite:///{folder / 'gradebook.sqlite'}", library, release, users)


def signed_in(browser: Browser, hub: Hub, login: str, path: str) -> tuple[BrowserContext, Page]:
    """A browser that opened the service's ``path``, signed in on the way, back on that page."""
    context = new_context(browser)
    asked = hub.service_url + path
    page = sign_in(context, hub, login, at=asked)
    page.wait_for_url(lambda url: url == asked)
    return context, page


def test_pages_after_signing_in_through_the_hub(chromium: Browser, signing_hub: Hub, library: Path) -> None:
    hub = signing_hub
    token = hub.user("nora")
    for scenario in EXAM_CASES:
        for step, value in right_answers(library, EXAM, scenario, "nora"):
            post_answer(hub, token, EXAM, scenario, step, value)
    status, result = hub.call(token, "POST", "api/courses/short-exam/submit", {})
    assert status == 200 and result["certificate"]

    context, page = signed_in(chromium, hub, "tanya", "trainer/?lang=en")
    assert (
        page.locator('tr[data-learner="nora"] td.score').inner_text()
        == f"{result['score']:g} / {result['max_score']:g}"
    )
    context.close()

    context, page = signed_in(chromium, hub, "nora", "trainer/")
    for refused in ("trainer/", "hr/"):
        response = page.goto(f"{hub.service_url}{refused}")
        assert response is not None and response.status == 403
        assert "custom:simkit:" in page.locator("p.error").inner_text()
    response = page.goto(f"{hub.url}{result['certificate']['url']}")  # the link the course page shows
    assert response is not None and response.status == 200
    assert page.locator('[data-fact="learner"]').inner_text() == "nora"
    context.close()


def test_every_service_page_and_the_exam_result_in_every_language(  # type: ignore[no-untyped-def]
    chromium: Browser, signing_hub: Hub, library: Path, shots
) -> None:
    if not axe_path().exists():
        missing(f"no axe-core at {axe_path()} (make axe)")
    walk = StaffWalk(chromium, signing_hub, library)
    seen = []
    for name, lang in walk:
        shots(walk.page, f"{name}-{lang}")
        found = blocking(violations(walk.page))
        assert not found, f"{name} {lang}:\n" + "\n".join(violation.line() for violation in found)
        seen.append((name, lang))
    assert sorted(seen) == sorted((name, lang) for name in STAFF_PAGES for lang in LANGUAGES)

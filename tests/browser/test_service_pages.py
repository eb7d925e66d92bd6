"""The grading service's pages in Chromium, for a browser that opens them before signing in: the service sends it
to the hub (OAuth with PKCE), the hub to the provider's page, and back it comes to the page it asked for. A trainer
sees the trainers' page, a learner is refused it, and a learner opens their own certificate from its link.

Every page a trainer, an HR officer or a learner opens there (and the exam's result on the learner's course page)
meets axe-core's WCAG 2.1 A/AA rules in each language, with a screenshot of each kept under test-output/browser/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from benchmarks._browser import first_control
from simkit.hub.local import SampleUser
from simkit.hub.spawn import HR, TRAINERS
from simkit.scenarios.release import release_courses
from tests.browser.axe import axe_path, blocking, switch_language, violations
from tests.browser.kazakh import library_with_kazakh
from tests.components import missing
from tests.hub.harness import Hub, new_context, sign_in
from tests.service.conftest import SHORT_EXAM, SHORT_ONBOARDING, _hub
from tests.service.test_service import post_answer, right_answers

LANGUAGES = ("ru", "en", "kk")
EXAM, EXAM_CASES = "short-exam", ("gift-at-desk", "repeated-offence", "money-without-knowledge")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's library, every case offering Kazakh (tests/browser/kazakh.py), with the service tests' two
    short courses."""
    root = library_with_kazakh(tmp_path_factory.mktemp("library") / "scenarios")
    (root / "courses" / "short-exam.yaml").write_text(SHORT_EXAM, "utf-8")
    (root / "courses" / "short-onboarding.yaml").write_text(SHORT_ONBOARDING, "utf-8")
    return root


@pytest.fixture(scope="module")
def signing_hub(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    release = tmp_path_factory.mktemp("release")
    release_courses(None, release, library)
    folder = tmp_path_factory.mktemp("hub-browser")
    users = (SampleUser("nora"), SampleUser("olga"), SampleUser("tanya", (TRAINERS,)), SampleUser("hana", (HR,)))
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


def checked(page: Page, shots, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of the page, and no serious or critical violation of axe-core's WCAG 2.1 A/AA rules in it."""
    shots(page, name)
    found = blocking(violations(page))
    assert not found, f"{name}:\n" + "\n".join(violation.line() for violation in found)


def test_every_service_page_and_the_exam_result_in_every_language(  # type: ignore[no-untyped-def]
    chromium: Browser, signing_hub: Hub, library: Path, shots
) -> None:
    if not axe_path().exists():
        missing(f"no axe-core at {axe_path()} (make axe)")
    hub = signing_hub
    token = hub.user("olga")
    for scenario in EXAM_CASES:
        for step, value in right_answers(library, EXAM, scenario, "olga"):
            post_answer(hub, token, EXAM, scenario, step, value)

    # The learner submits the exam on their course page and reads the result there, in each language.
    context = new_context(chromium)
    page = sign_in(context, hub, "olga")
    first_control(page)
    page.locator(f".simkit-course-{EXAM}").click()
    page.locator(".simkit-submit").click()
    outcome = page.locator(".simkit-outcome")
    outcome.wait_for()
    # The submit button is now disabled: the focus is on the result, read out as it appears.
    page.wait_for_function("document.activeElement?.matches('.simkit-result[aria-live=polite]') ?? false")
    certificate = page.locator(".simkit-certificate").get_attribute("href")
    assert certificate
    for lang in LANGUAGES:
        if lang != "ru":
            switch_language(page, lang)
            outcome.wait_for()
        checked(page, shots, f"exam-result-{lang}")
    for lang in LANGUAGES:
        response = page.goto(f"{hub.url}{certificate}?lang={lang}")
        assert response is not None and response.status == 200
        checked(page, shots, f"certificate-{lang}")
        response = page.goto(f"{hub.service_url}trainer/?lang={lang}")
        assert response is not None and response.status == 403
        checked(page, shots, f"refused-{lang}")
    context.close()

    context, page = signed_in(chromium, hub, "tanya", "trainer/?lang=ru")
    for lang in LANGUAGES:
        page.goto(f"{hub.service_url}trainer/?lang={lang}")
        row = page.locator(f'section[data-course="{EXAM}"] tr[data-learner="olga"]')
        assert row.locator(".passed-yes").count() == 1
        checked(page, shots, f"trainer-{lang}")
        row.locator("a").click()
        page.wait_for_url(re.compile(rf"/trainer/{EXAM}/olga\?lang="))
        assert page.locator("table tr").count() > 1
        checked(page, shots, f"trainer-answers-{lang}")
    context.close()

    context, page = signed_in(chromium, hub, "hana", "hr/?lang=ru")
    for lang in LANGUAGES:
        page.goto(f"{hub.service_url}hr/?lang={lang}")
        assert page.locator('tr.learner[data-learner="olga"]').count() == 1
        checked(page, shots, f"hr-{lang}")
    context.close()

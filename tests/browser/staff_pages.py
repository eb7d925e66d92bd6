"""The grading service's pages walked in Chromium through the hub, in each language, for the accessibility test and
benchmarks/a11y.py: a learner submits a short exam on their course page and reads the result, opens the
certificate and is refused the trainers' page; a trainer opens the trainers' page and a learner's answers; an HR
officer opens the HR page. Each page is named once it shows."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page

from benchmarks._browser import first_control
from simkit.hub.local import SampleUser
from simkit.hub.spawn import HR, TRAINERS
from tests.browser.axe import switch_language
from tests.hub.harness import Hub, new_context, sign_in
from tests.service.conftest import SHORT_EXAM, SHORT_ONBOARDING
from tests.service.test_service import post_answer, right_answers

LANGUAGES = ("ru", "en", "kk")
EXAM, EXAM_CASES = "short-exam", ("gift-at-desk", "repeated-offence", "money-without-knowledge")
ROOT = Path(__file__).resolve().parents[2]
LEARNER, TRAINER, HR_OFFICER = "olga", "tanya", "hana"
USERS = (SampleUser(LEARNER), SampleUser(TRAINER, (TRAINERS,)), SampleUser(HR_OFFICER, (HR,)))
STAFF_PAGES = ("exam-result", "certificate", "refused", "trainer", "trainer-answers", "hr")


def exam_library(root: Path) -> Path:
    """The project's library with the service tests' two short courses; return ``root``."""
    shutil.copytree(ROOT / "scenarios", root)
    (root / "courses" / "short-exam.yaml").write_text(SHORT_EXAM, "utf-8")
    (root / "courses" / "short-onboarding.yaml").write_text(SHORT_ONBOARDING, "utf-8")
    return root


def signed_in(browser: Browser, hub: Hub, login: str, path: str) -> Page:
    """A browser of its own that opened the service's ``path``, signed in on the way, back on that page."""
    asked = hub.service_url + path
    page = sign_in(new_context(browser), hub, login, at=asked)
    page.wait_for_url(lambda url: url == asked)
    return page


class StaffWalk:
    """Walks the service's pages (``hub`` serving ``library``, its provider signing in USERS): iterating names each
    page as (page, language) once it shows in ``self.page``. The learner's answers to the short exam are sent
    through the service's API first, all right."""

    def __init__(self, browser: Browser, hub: Hub, library: Path, learner: str = LEARNER) -> None:
        self.browser, self.hub, self.library, self.learner = browser, hub, library, learner
        self.page: Page

    def __iter__(self) -> Iterator[tuple[str, str]]:
        browser, hub, library, learner = self.browser, self.hub, self.library, self.learner
        token = hub.user(learner)
        for scenario in EXAM_CASES:
            for step, value in right_answers(library, EXAM, scenario, learner):
                post_answer(hub, token, EXAM, scenario, step, value)

        page = sign_in(new_context(browser), hub, learner)
        self.page = page
        first_control(page)
        page.locator(f".simkit-course-{EXAM}").click()
        page.locator(".simkit-submit").click()
        outcome = page.locator(".simkit-outcome")
        outcome.wait_for()
        # The submit button is now disabled: the focus is on the result, read out as it appears.
        page.wait_for_function("document.activeElement?.matches('.simkit-result[aria-live=polite]') ?? false")
        assert "simkit-outcome-passed" in (outcome.get_attribute("class") or "")
        certificate = page.locator(".simkit-certificate").get_attribute("href")
        assert certificate
        for lang in LANGUAGES:
            if lang != "ru":
                switch_language(page, lang)
                outcome.wait_for()
            yield "exam-result", lang
        for lang in LANGUAGES:
            response = page.goto(f"{hub.url}{certificate}?lang={lang}")
            assert response is not None and response.status == 200
            assert page.locator('[data-fact="learner"]').inner_text() == learner
            yield "certificate", lang
            response = page.goto(f"{hub.service_url}trainer/?lang={lang}")
            assert response is not None and response.status == 403
            yield "refused", lang
        page.context.close()

        page = signed_in(browser, hub, TRAINER, "trainer/?lang=ru")
        self.page = page
        for lang in LANGUAGES:
            page.goto(f"{hub.service_url}trainer/?lang={lang}")
            row = page.locator(f'section[data-course="{EXAM}"] tr[data-learner="{learner}"]')
            assert row.locator(".passed-yes").count() == 1
            yield "trainer", lang
            row.locator("a").click()
            page.wait_for_url(re.compile(rf"/trainer/{EXAM}/{learner}\?lang="))
            assert page.locator("table tr").count() > 1
            yield "trainer-answers", lang
        page.context.close()

        page = signed_in(browser, hub, HR_OFFICER, "hr/?lang=ru")
        self.page = page
        for lang in LANGUAGES:
            page.goto(f"{hub.service_url}hr/?lang={lang}")
            assert page.locator(f'tr.learner[data-learner="{learner}"]').count() == 1
            yield "hr", lang
        page.context.close()

"""axe-core's WCAG 2.1 A and AA rules run in a page open in Chromium, for the accessibility tests and
benchmarks/a11y.py. axe-core is the npm package pinned in tools/node (installed by `make test`, `make axe`); it is
read from disk and injected into the page, so a check downloads nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from benchmarks._browser import first_control
from simkit.richtext.html import LANGUAGE_NAMES
from simkit.scenarios.library import find_scenario
from tests.browser.course_page import Learner

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Serious and critical block or badly hinder some learners: a page must have none. Minor and moderate ones are
# listed in docs/accessibility.md.
BLOCKING = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def line(self) -> str:
        return f"{self.impact} {self.rule} ({self.help}): {', '.join(self.targets[:5])}"


def axe_path() -> Path:
    """axe.min.js: $SIMKIT_AXE, else the copy `make axe` installs."""
    configured = os.environ.get("SIMKIT_AXE", "").strip()
    return Path(configured) if configured else AXE


def violations(page: Page) -> list[Violation]:
    """Every violation of the WCAG 2.1 A/AA rules in the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    found: list[dict[str, Any]] = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then((results) => results.violations)",
        list(TAGS),
    )
    return [
        Violation(item["id"], item["impact"] or "", item["help"], tuple(str(node["target"]) for node in item["nodes"]))
        for item in found
    ]


def blocking(found: list[Violation]) -> list[Violation]:
    return [violation for violation in found if violation.impact in BLOCKING]


def count_nodes(found: list[Violation]) -> int:
    """Violations counted as axe reports them to a reader: one per element that breaks a rule."""
    return sum(len(violation.targets) for violation in found)


# A practice case of the onboarding course whose first question, answered OPENS_TIMELINE, leads to a disciplinary
# case: its timeline (a table and a chart) is shown.
TIMELINE_CASE, OPENS_TIMELINE = "off-duty-conduct", "rank"
LEARNER_PAGES = ("courses", "course", "case", "feedback", "case-end", "course-after", "timeline")


def switch_language(page: Page, lang: str) -> None:
    """Press the language button of ``lang`` and wait for the page to be drawn again in it: the last text shown
    before (rebuilt on every page, whatever the language's words) is gone and the button is pressed."""
    before = page.locator(".simkit-player .widget-html").last.element_handle()
    button = page.locator(".simkit-language button", has_text=LANGUAGE_NAMES[lang])
    button.click()
    page.wait_for_function("text => !text.isConnected", arg=before)
    page.locator(".simkit-language button[aria-pressed=true]", has_text=LANGUAGE_NAMES[lang]).wait_for()


def learner_pages(page: Page, learner: Learner) -> Iterator[str]:
    """Walk the course app (notebooks/course_home.ipynb, open in ``page``) as ``learner``, in their language: name
    each page a learner meets once it shows (LEARNER_PAGES): the list of courses, a course's list of cases, a case
    opened, its first feedback, its end, the course's list again with the case done, and another case's
    disciplinary timeline."""
    first_control(page)
    if learner.lang != "ru":
        switch_language(page, learner.lang)
    yield "courses"
    page.locator(".simkit-course-onboarding").click()
    page.locator(f".simkit-open-{learner.scenario.id}").wait_for()
    yield "course"
    learner.open_case()
    yield "case"
    learner.answer()
    yield "feedback"
    while learner.current().count():
        learner.answer()
    yield "case-end"
    page.locator(".simkit-back").click()
    page.locator(".simkit-status-done").wait_for()
    yield "course-after"
    other = Learner(page, find_scenario(TIMELINE_CASE)[1], learner.seed, learner.login, learner.lang)
    other.open_case()
    other.answer(OPENS_TIMELINE)
    page.locator(".simkit-case img").wait_for()
    yield "timeline"

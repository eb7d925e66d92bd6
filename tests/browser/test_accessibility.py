"""The course app against WCAG 2.1 AA in Chromium: axe-core's A/AA rules on every page a learner meets, in each
language the app offers; a case played with the keyboard alone; questions named for assistive technology and
feedback read out as it appears."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from simkit.scenarios import answer_key
from simkit.scenarios.library import find_scenario
from simkit.scenarios.release import release_courses
from tests.browser.axe import axe_path, blocking, learner_pages, violations
from tests.browser.course_page import SHOWN, Learner
from tests.components import missing

ROOT = Path(__file__).resolve().parents[2]
LEARNER = "browser.alice"
SEED = 20260101  # the onboarding course's
CASE = "first-week"  # every kind of control a short onboarding case has: choices, a date, a provision
MAX_TABS = 40  # from one control to the next; far more than any page here needs


@pytest.fixture
def served(voila: Callable[..., str], page: Page, tmp_path: Path) -> Callable[[str], None]:
    """``served(notebook)``: the notebook served for LEARNER on freshly released courses, open in ``page``."""

    def open_notebook(notebook: str) -> None:
        home = tmp_path / "home"
        release_courses(None, home / "release")
        page.goto(voila(ROOT / "notebooks" / notebook, {"SIMKIT_HOME": str(home), "SIMKIT_LEARNER": LEARNER}))

    return open_notebook


@pytest.fixture(autouse=True)
def axe_installed() -> None:
    if not axe_path().exists():
        missing(f"no axe-core at {axe_path()} (make axe)")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_serious_violation_on_any_page_a_learner_meets(served, page: Page, shots, lang: str) -> None:  # type: ignore[no-untyped-def]
    served("course_home.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER, lang)
    checked = []
    for name in learner_pages(page, learner):
        shots(page, name)
        found = blocking(violations(page))
        assert not found, f"{lang} {name}:\n" + "\n".join(violation.line() for violation in found)
        checked.append(name)
    assert checked == ["courses", "course", "case", "feedback", "case-end", "course-after"]


def test_questions_are_named_and_feedback_is_announced(served, page: Page) -> None:  # type: ignore[no-untyped-def]
    served("onboarding.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER)
    learner.open_case()
    group = learner.current().locator("[role=radiogroup]")
    prompt = page.locator(f"[id='{group.get_attribute('aria-labelledby')}']")
    assert prompt.inner_text().strip() == learner.text(learner.current_step().prompt).strip()
    response = learner.current().locator(".simkit-response")
    assert response.get_attribute("aria-live") == "polite" and response.inner_text() == ""
    learner.answer()
    assert page.locator(".simkit-response[aria-live=polite] .simkit-feedback").count() == 1
    learner.answer()  # the date: named by its question too, for want of a label of its own
    date = page.locator(".simkit-step-date input[type=date]")
    named_by = page.locator(f"[id='{date.get_attribute('aria-labelledby')}']")
    assert "До какой даты" in named_by.inner_text()
    learner.answer()
    checkboxes = learner.current().locator("[role=group]")
    assert checkboxes.locator("input[type=checkbox]").count() > 1 and checkboxes.get_attribute("aria-labelledby")


def focused(page: Page) -> Locator:
    return page.locator("*:focus")


# Where a Tab press left the focus, measured against where it was: the order is the reading order when the new
# stop follows the old one in the page (or the old one is gone or was nowhere), and it is visible when outlined.
TAB_STOP = """([before, selector]) => {
  const now = document.activeElement, style = getComputedStyle(now);
  return {
    same: now === before,
    forward: before === document.body || !before.isConnected
      || !!(before.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING),
    outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    matches: now.matches(selector),
    html: now.outerHTML.slice(0, 200),
  };
}"""


def tab_to(page: Page, selector: str) -> int:
    """Press Tab until the focus is on an element matching ``selector``; every stop on the way comes after the last
    in the page and shows an outline of 2 px at least. A date field keeps the focus from part to part: its outline
    was checked as it was entered. Return how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        before = page.evaluate_handle("document.activeElement")
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP, [before, selector])
        if stop["same"]:
            continue
        assert stop["forward"], f"the focus went back up the page, to {stop['html']}"
        assert stop["outline"] >= 2, f"no visible focus on {stop['html']}"
        if stop["matches"]:
            return presses
    raise AssertionError(f"{selector} not reached in {MAX_TABS} presses of Tab")


def selected_text(page: Page) -> str:
    """The focused list's chosen option as a reader sees it (ipywidgets writes its spaces as no-break spaces)."""
    return str(focused(page).evaluate("e => e.selectedOptions[0]?.textContent ?? ''")).replace("\xa0", " ")


def type_date(page: Page, day: dt.date) -> None:
    """Type ``day`` into the focused date field, part by part. The parts' order is the browser's own language's
    (day first in Russian, month first in English), not the page's: if day first is wrong, go back and retype."""
    for order in ("%d%m%Y", "%m%d%Y"):
        page.keyboard.type(day.strftime(order))
        if focused(page).input_value() == day.isoformat():
            # ipywidgets holds a field's later changes back while one is on its way to the kernel, and the answer
            # button's click is not held back: give the last change time to arrive first.
            page.wait_for_timeout(1500)
            return
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"{day} could not be typed into {focused(page).evaluate('e => e.outerHTML')}")


def answer_by_keyboard(page: Page, learner: Learner) -> None:
    """The current question answered right with keys alone: Tab to the control, arrows or Space, Enter to send."""
    step = learner.current_step()
    key = answer_key(step, learner.variant)
    if step.type == "single_choice":
        tab_to(page, ".simkit-current input[type=radio]")
        wanted = learner.text(next(option.text for option in step.options if option.id == key[0]))
        page.keyboard.press("Space")
        for _ in step.options:
            if focused(page).evaluate("e => e.parentElement.textContent").strip() == wanted.strip():
                break
            page.keyboard.press("ArrowDown")
        assert focused(page).is_checked()
    elif step.type == "multiple_choice":
        wanted = {learner.text(option.text).strip() for option in step.options if option.id in key}
        for _ in step.options:
            tab_to(page, ".simkit-current input[type=checkbox]")
            if focused(page).evaluate("e => e.parentElement.textContent").strip() in wanted:
                page.keyboard.press("Space")
        assert learner.current().locator("input[type=checkbox]:checked").count() == len(wanted)
    elif step.type == "date":
        tab_to(page, ".simkit-current input[type=date]")
        type_date(page, key)
    elif step.type == "provision":
        tab_to(page, ".simkit-current select")
        for _ in range(len(step.choices) + 1):
            if selected_text(page).startswith(key[0] + " "):
                break
            page.keyboard.press("ArrowDown")
        assert selected_text(page).startswith(key[0] + " "), (key, selected_text(page))
        # Each arrow press is a change; the kernel has the last when it shows that provision's text.
        learner.current().locator(".simkit-provision summary", has_text=key[0] + " ").wait_for()
    else:
        raise AssertionError(f"no keyboard way here to answer a {step.type} question")
    tab_to(page, ".simkit-current .simkit-answer")
    shown = page.locator(SHOWN).count()
    page.keyboard.press("Enter")
    learner.settle(shown)


def test_a_case_played_with_the_keyboard_alone(served, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    served("onboarding.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER)
    page.locator(f".simkit-open-{CASE}").wait_for()
    tab_to(page, f".simkit-open-{CASE}")
    page.keyboard.press("Enter")
    learner.current().wait_for()
    answered = 0
    while learner.current().count():
        answer_by_keyboard(page, learner)
        answered += 1
        feedback = page.locator(".simkit-feedback").last
        assert feedback.locator(".simkit-verdict-correct").count() == 1, feedback.inner_text()
    shots(page, "end")
    assert answered == 9 and learner.finished()

"""The course app against WCAG 2.1 AA in Chromium: axe-core's A/AA rules on every page a learner meets, in each
language the app offers; a case played with the keyboard alone; questions named for assistive technology, feedback
read out as it appears and the focus on it; the pages at 200 % zoom and 320 px wide; a change of language that keeps
the learner's answers, step and progress."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from simkit.i18n import t
from simkit.richtext.html import LANGUAGE_NAMES
from simkit.scenarios import answer_key
from simkit.scenarios.library import find_scenario
from simkit.scenarios.release import release_courses
from tests.browser.axe import (
    LEARNER_PAGES,
    OPENS_TIMELINE,
    TIMELINE_CASE,
    axe_path,
    blocking,
    learner_pages,
    switch_language,
    violations,
)
from tests.browser.course_page import SHOWN, Learner
from tests.components import missing

ROOT = Path(__file__).resolve().parents[2]
LEARNER = "browser.alice"
SEED = 20260101  # the onboarding course's
CASE = "first-week"  # every kind of control a short onboarding case has: choices, a date, a provision
MAX_TABS = 40  # from one control to the next; far more than any page here needs


@pytest.fixture
def served(voila: Callable[..., str], page: Page, tmp_path: Path) -> Callable[..., None]:
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


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_no_serious_violation_on_any_page_a_learner_meets(served, page: Page, shots, lang: str) -> None:  # type: ignore[no-untyped-def]
    served("course_home.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER, lang)
    checked = []
    for name in learner_pages(page, learner):
        shots(page, f"{lang}-{name}")
        found = blocking(violations(page))
        assert not found, f"{lang} {name}:\n" + "\n".join(violation.line() for violation in found)
        assert page.evaluate("document.documentElement.lang") == lang, name
        checked.append(name)
    assert checked == list(LEARNER_PAGES)
    # The timeline's chart is named by its heading and described by the table of its events, one row each.
    chart = page.locator(".simkit-case img")
    assert page.locator(f"[id='{chart.get_attribute('aria-labelledby')}']").inner_text() == t("player.timeline", lang)
    events = page.locator(f"[id='{chart.get_attribute('aria-describedby')}']")
    assert events.locator("th").count() == 3 and events.locator("tbody tr").count() >= 2


def test_questions_are_named_and_feedback_is_announced(served, page: Page) -> None:  # type: ignore[no-untyped-def]
    served("onboarding.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER)
    learner.open_case()
    group = learner.current().locator("[role=radiogroup]")
    prompt = page.locator(f"[id='{group.get_attribute('aria-labelledby')}']")
    assert prompt.inner_text().strip() == learner.text(learner.current_step().prompt).strip()
    pressed = page.locator(".simkit-language button").evaluate_all(
        "all => all.map(b => [b.textContent.trim(), b.getAttribute('aria-pressed')])"
    )
    assert pressed == [[LANGUAGE_NAMES[lang], str(lang == "ru").lower()] for lang in ("ru", "en", "kk")]
    response = learner.current().locator(".simkit-response")
    assert response.get_attribute("aria-live") == "polite" and response.inner_text() == ""
    learner.answer()
    assert page.locator(".simkit-response[aria-live=polite] .simkit-feedback").count() == 1
    # The answer button is gone: the focus is on what was said about the answer, not lost to the page.
    page.wait_for_function(FOCUS_ON_FEEDBACK)
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


FOCUS_ON_FEEDBACK = "document.activeElement?.matches('.simkit-response:has(.simkit-feedback)') ?? false"


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
            return  # sent at once: the page passes the field's last change on before the answer's click
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
    # The focus moves from the answer button, now hidden, to the answer's feedback, read out from there.
    page.wait_for_function(FOCUS_ON_FEEDBACK)


def test_a_case_played_with_the_keyboard_alone(served, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    """From the course's list, in English chosen with the keyboard too, to the case's end and back to the list."""
    served("onboarding.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER, "en")
    page.locator(f".simkit-open-{CASE}").wait_for()
    tab_to(page, ".simkit-language button[aria-pressed=false]")
    before = page.locator(".simkit-player .widget-html").last.element_handle()
    page.keyboard.press("Space")
    page.wait_for_function("text => !text.isConnected", arg=before)
    assert focused(page).get_attribute("aria-pressed") == "true" and focused(page).inner_text() == "English"
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
    questions = [step for step in learner.scenario.steps if step.type not in ("info", "end")]
    assert answered == len(questions) and learner.finished()  # the right answers' path asks every question
    tab_to(page, ".simkit-back")
    page.keyboard.press("Enter")
    row = page.locator(".simkit-scenario-row", has=page.locator(f".simkit-open-{CASE}"))
    expect(row.locator(".simkit-status-done")).to_have_text(t("player.done", "en"))
    shots(page, "back-in-the-list")


# Each question on the page as a reader finds it: its text, the labels of the options ticked, a date or a provision
# chosen, whether it is the one asked now. The words differ from language to language; what they stand for must not.
SHOWN_STEPS = """() => [...document.querySelectorAll('.simkit-step')].map((step) => ({
  prompt: step.querySelector('.widget-html-content')?.innerText.trim() ?? '',
  ticked: [...step.querySelectorAll('input:checked')].map((input) => input.parentElement.textContent.trim()),
  date: step.querySelector('input[type=date]')?.value ?? null,
  provision: step.querySelector('select')?.selectedOptions[0]?.textContent.split(' ')[0] ?? null,
  current: step.classList.contains('simkit-current'),
  locked: [...step.querySelectorAll('input, select')].every((control) => control.disabled),
}))"""


def shown_steps(page: Page, learner: Learner) -> list[dict[str, object]]:
    """The questions shown, as the case's step and option ids with the date or provision given: the same in every
    language for the same answers."""
    asked = [step for step in learner.scenario.steps if getattr(step, "prompt", None)]
    steps = {learner.text(step.prompt).strip(): step for step in asked}
    shown = []
    for item in page.evaluate(SHOWN_STEPS):
        step = steps.get(item["prompt"])
        if step is None:
            continue  # the narrative's or an information step's text
        options = getattr(step, "options", ())
        labels = {learner.text(option.text).replace("**", "").strip(): option.id for option in options}
        shown.append(
            {
                "step": step.id,
                "ticked": sorted(labels[label.replace("\xa0", " ")] for label in item["ticked"]),
                "date": item["date"],
                "provision": item["provision"],
                "current": item["current"],
                "locked": item["locked"],
            }
        )
    return shown


def progress(page: Page) -> list[int]:
    """The counter's figures: questions answered and the questions the case has, about, read by the counter's
    wording in the page's language (Kazakh names the total first)."""
    lang = page.evaluate("document.documentElement.lang")
    wording = re.escape(t("player.progress", lang, done="DONE", total="TOTAL"))
    pattern = wording.replace("DONE", r"(?P<done>\d+)").replace("TOTAL", r"(?P<total>\d+)")
    found = re.fullmatch(pattern, page.locator(".simkit-counter").inner_text().strip())
    assert found, page.locator(".simkit-counter").inner_text()
    return [int(found["done"]), int(found["total"])]


def test_switching_language_keeps_the_answers_the_step_and_the_progress(served, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    served("onboarding.ipynb")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER)
    learner.open_case()
    learner.answer()
    learner.answer()
    learner.choose()  # the third question: options ticked, not sent yet
    before = shown_steps(page, learner)
    assert [step["current"] for step in before] == [False, False, True] and before[2]["ticked"]
    assert before[1]["date"] and progress(page)[0] == 2
    shots(page, "ru")
    for lang in ("kk", "en"):
        switch_language(page, lang)
        learner.lang = lang
        assert page.evaluate("document.documentElement.lang") == lang
        assert shown_steps(page, learner) == before, lang
        assert progress(page)[0] == 2, lang
        shots(page, lang)
    learner.answer()  # the answer kept through both changes is the one sent
    assert progress(page)[0] == 3 and page.locator(".simkit-verdict-correct").count() == 3
    page.locator(".simkit-back").click()
    row = page.locator(".simkit-scenario-row", has=page.locator(f".simkit-open-{CASE}"))
    expect(row.locator(".simkit-status-in_progress")).to_have_text(t("player.in_progress", "en"))


# A page reflows when nothing in it reaches past the window's right edge, no option's text runs into the next
# option, and nothing scrolls sideways.
BEYOND_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const element of document.querySelectorAll('.simkit-player *')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.right > width + 0.5) {
      out.push(`${element.tagName.toLowerCase()}.${element.className} reaches ${Math.round(box.right)} px`);
    }
  }
  for (const step of document.querySelectorAll('.simkit-step')) {
    const options = [...step.querySelectorAll('.widget-radio-box label, .widget-checkbox label:has(input)')];
    options.slice(1).forEach((option, n) => {
      const above = options[n].getBoundingClientRect(), box = option.getBoundingClientRect();
      if (box.height > 0 && above.bottom > box.top + 1) out.push(`option ${n + 2} overlaps the one above it`);
    });
  }
  for (const element of document.querySelectorAll('*')) {
    const overflow = getComputedStyle(element).overflowX;
    if (['auto', 'scroll'].includes(overflow) && element.scrollWidth > element.clientWidth + 1) {
      out.push(`${element.tagName.toLowerCase()}#${element.id}.${element.className} scrolls sideways`);
    }
  }
  return out;
}"""
# 1280 px at 200 % zoom lays out as 640 CSS px; 320 px is a phone, and 1280 px at 400 %.
WIDTHS = {"zoom-200": 640, "width-320": 320}
# Voilà's page is laid out by Lumino, which sizes its panels to the window on the animation frames after a resize:
# the panel holding the notebook's output has the window's width, and the widgets in it have been laid out again.
LAID_OUT = """(width) => new Promise((done) => {
  const settled = () => (document.querySelector('#rendered_cells')?.getBoundingClientRect().width ?? 0) <= width;
  const frame = () => requestAnimationFrame(() => (settled() ? requestAnimationFrame(() => done(true)) : frame()));
  frame();
})"""


def assert_reflows(page: Page, shots, name: str) -> None:  # type: ignore[no-untyped-def]
    window = page.viewport_size
    assert window is not None
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": window["height"]})
        page.evaluate(LAID_OUT, width)
        found = page.evaluate(BEYOND_THE_EDGE)
        shots(page, f"{name}-{label}")
        assert not found, f"{name} at {width} px:\n" + "\n".join(found[:10])
    page.set_viewport_size(window)
    page.evaluate(LAID_OUT, window["width"])


def test_pages_reflow_at_200_percent_zoom_and_320_px(served, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    served("onboarding.ipynb")
    page.locator(f".simkit-open-{CASE}").wait_for()
    assert_reflows(page, shots, "course")
    learner = Learner(page, find_scenario(CASE)[1], SEED, LEARNER)
    learner.open_case()
    while learner.current_step().type != "provision":
        learner.answer()
    learner.choose()  # the provision's text shown under the list
    learner.current().locator(".simkit-provision").wait_for()
    assert_reflows(page, shots, "case")
    page.locator(".simkit-back").click()
    other = Learner(page, find_scenario(TIMELINE_CASE)[1], SEED, LEARNER)
    other.open_case()
    other.answer(OPENS_TIMELINE)
    page.locator(".simkit-case img").wait_for()
    assert_reflows(page, shots, "timeline")

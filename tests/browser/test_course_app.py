"""The course app in headless Chromium, played as a learner would: a practice case to the end, a reload in the
middle, a language switch, and an exam that must not show correctness. Screenshots of each step are kept under
test-output/browser/<test>/."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from simkit.scenarios import answer_key
from simkit.scenarios.library import find_scenario
from simkit.scenarios.model import Scenario
from simkit.scenarios.release import release_courses
from tests.browser.course_page import Learner

ROOT = Path(__file__).resolve().parents[2]
LEARNER = "browser.alice"
VERDICTS = ".simkit-verdict-correct, .simkit-verdict-partly, .simkit-verdict-incorrect"
ONBOARDING_SEED, EXAM_SEED = 20260101, 20260301


# first-week: a practice case with every control the learner below fills in, and a partly right option;
# hiring-relatives: a practice case whose wrong first choice leads to a disciplinary case;
# gift-at-desk: an exam case (advanced training only).
PRACTICE, CASE_BRANCH, EXAM_CASE = "first-week", "hiring-relatives", "gift-at-desk"


@pytest.fixture(scope="module")
def scenarios() -> Iterator[dict[str, Scenario]]:
    yield {name: find_scenario(name)[1] for name in (PRACTICE, CASE_BRANCH, EXAM_CASE)}


SEEDS = {"onboarding.ipynb": ONBOARDING_SEED, "advanced_training.ipynb": EXAM_SEED}


@pytest.fixture
def app(
    voila: Callable[..., str], page: Page, scenarios: dict[str, Scenario], tmp_path: Path
) -> Callable[[str, str], tuple[Learner, Path]]:
    """Serve a course notebook for LEARNER on freshly released courses and open it; return the learner playing
    the named case in the page, and SIMKIT_HOME."""

    def open_app(notebook: str, scenario_id: str = PRACTICE) -> tuple[Learner, Path]:
        home = tmp_path / "home"
        release_courses(None, home / "release")
        env = {"SIMKIT_HOME": str(home), "SIMKIT_LEARNER": LEARNER}
        page.goto(voila(ROOT / "notebooks" / notebook, env))
        return Learner(page, scenarios[scenario_id], SEEDS[notebook], LEARNER), home

    return open_app


def submission(home: Path, course: str) -> dict[str, Any]:
    return json.loads((home / "submissions" / course / f"{LEARNER}.json").read_text("utf-8"))


def test_a_case_played_to_the_end_in_practice_mode(app, page: Page, shots, scenarios) -> None:  # type: ignore[no-untyped-def]
    learner, home = app("onboarding.ipynb")
    shots(page, "course")
    learner.open_case()
    shots(page, "case-opened")
    played = []
    while learner.current().count():
        played.append(learner.answer())
        feedback = page.locator(".simkit-feedback").last
        assert feedback.locator(".simkit-verdict-correct").count() == 1, feedback.inner_text()
        shots(page, played[-1])
    assert played[-1] == "laws_provision" and len(played) == 9
    details = page.locator(".simkit-provision").first
    details.locator("summary").click()
    assert "5. Гражданский служащий в течение трех рабочих дней" in details.inner_text()
    assert "5. A civil servant, within three working days" in details.inner_text()
    assert "Первая неделя позади" in page.locator(".simkit-step-end").inner_text()
    shots(page, "end")
    saved = submission(home, "onboarding")["scenarios"][PRACTICE]
    assert [answer["step"] for answer in saved["answers"]] == played and saved["finished_at"]
    deadline = answer_key(scenarios[PRACTICE].step("acknowledge_by"), learner.variant).isoformat()
    assert saved["answers"][1] == {**saved["answers"][1], "step": "acknowledge_by", "value": deadline}
    page.locator(".simkit-back").click()
    page.locator(".simkit-status-done").wait_for()
    assert page.locator(".simkit-status-done").count() == 1
    shots(page, "course-after")


def test_a_wrong_choice_shows_the_disciplinary_timeline(app, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    learner, _home = app("onboarding.ipynb", CASE_BRANCH)
    learner.open_case()
    learner.answer("leak_questions")
    assert page.locator(".simkit-verdict-incorrect").count() == 1
    case = page.locator(".simkit-case")
    case.wait_for()
    assert "law:46.1" in case.inner_text() and case.locator("img").count() == 1
    shots(page, "timeline")


def test_a_reload_in_the_middle_brings_the_answers_back(app, page: Page, shots, scenarios) -> None:  # type: ignore[no-untyped-def]
    learner, home = app("onboarding.ipynb")
    learner.open_case()
    learner.answer("sign_blindly")
    learner.answer()
    shots(page, "before-reload")
    page.reload()
    page.locator(f".simkit-open-{PRACTICE}").wait_for()
    row = page.locator(".simkit-scenario-row", has=page.locator(f".simkit-open-{PRACTICE}"))
    assert "в процессе" in row.inner_text()
    learner.open_case()
    shots(page, "after-reload")
    radios = page.locator(".simkit-step-single_choice input[type=radio]:checked")
    assert radios.count() == 1 and radios.first.is_disabled()
    date = page.locator(".simkit-step-date input[type=date]")
    deadline = answer_key(scenarios[PRACTICE].step("acknowledge_by"), learner.variant).isoformat()
    assert date.input_value() == deadline and date.is_disabled()
    assert page.locator(".simkit-verdict-partly").count() == 1  # signing unread earns part of the points
    assert learner.current_step().id == "sheet_kept"
    assert len(submission(home, "onboarding")["scenarios"][PRACTICE]["answers"]) == 2


def test_switching_language_in_the_middle_keeps_the_answers(app, page: Page, shots, scenarios) -> None:  # type: ignore[no-untyped-def]
    learner, _home = app("onboarding.ipynb", CASE_BRANCH)
    case = scenarios[CASE_BRANCH]
    learner.open_case()
    learner.answer()
    pending = next(option for option in case.step("can_hire").options if option.id == "never")
    learner.current().get_by_label(learner.text(pending.text), exact=True).check()
    shots(page, "russian")
    page.locator(".simkit-language button", has_text="English").click()
    learner.lang = "en"
    page.get_by_text("Which statements are true?", exact=False).first.wait_for()
    shots(page, "english")
    assert learner.current_step().id == "can_hire"
    assert learner.current().get_by_label(learner.text(pending.text), exact=True).is_checked()
    first = next(option for option in case.step("recuse").options if option.id == "declare")
    assert page.get_by_label(learner.text(first.text), exact=True).is_checked()
    assert "Correct" in page.locator(".simkit-feedback").first.inner_text()
    learner.answer()
    assert page.locator(".simkit-feedback").count() == 2


def test_an_exam_records_answers_and_shows_nothing_about_correctness(app, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    learner, home = app("advanced_training.ipynb", EXAM_CASE)
    learner.open_case()
    shots(page, "exam-opened")
    learner.answer("keep")
    learner.answer()
    shots(page, "exam-answered")
    body = page.locator("body").inner_text()
    assert page.locator(".simkit-saved").count() == 2 and page.locator(VERDICTS).count() == 0
    for word in ("Верно", "Неверно", "баллов", "law:44.7", "дисциплинарное дело"):
        assert word not in body
    assert page.locator(".simkit-case").count() == 0
    saved = submission(home, "advanced-training")
    assert saved["mode"] == "exam" and next(a["value"] for a in saved["scenarios"][EXAM_CASE]["answers"]) == "keep"


def test_the_ordering_control_works_from_the_keyboard(app, page: Page, shots) -> None:  # type: ignore[no-untyped-def]
    learner, _home = app("onboarding.ipynb")
    learner.open_case(case="inducement-to-corruption")
    learner.current().locator("input[type=radio]").first.check()
    learner.current().locator(".simkit-answer").click()
    page.locator(".simkit-current.simkit-step-ordering").wait_for()
    rows = page.locator(".simkit-current .simkit-ordering .widget-html-content")
    before = [text.split(". ", 1)[1] for text in rows.all_inner_texts()]
    page.locator(".simkit-current .simkit-ordering button[title='Ниже']").first.focus()
    page.keyboard.press("Enter")  # the focus follows the item, so a second Enter moves it on
    page.wait_for_function(
        "[...document.querySelectorAll('.simkit-current .simkit-ordering button[title=\"Ниже\"]')]"
        ".indexOf(document.activeElement) === 1"
    )
    page.keyboard.press("Enter")
    expected = [before[1], before[2], before[0], *before[3:]]
    page.wait_for_function(
        "(moved) => document.querySelectorAll('.simkit-current .simkit-ordering .widget-html-content')[2]"
        ".innerText.endsWith(moved)",
        arg=before[0],
    )
    assert [text.split(". ", 1)[1] for text in rows.all_inner_texts()] == expected
    shots(page, "ordering-moved")

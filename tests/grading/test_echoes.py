"""Learner text is bounded wherever it is echoed: a refusal's reason, the review queue, a feedback report, the
statistics report and the trainers' answers page quote a marked excerpt of a long answer (the reason and the
reports a short one; the places where the answer itself is read, whole up to the longest answer intake takes),
while the answer itself is graded and kept whole."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import Mock

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Application
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.gradebook.results import GradedSubmission, ScenarioAnswers
from simkit.grading.feedback import render_feedback
from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import Refused, read
from simkit.grading.statistics import course_statistics
from simkit.grading.synthetic import synthetic_submission
from simkit.scenarios import model
from simkit.service.identity import TRAINER
from simkit.service.pages import LearnerAnswersPage
from simkit.submissions import encode_submission
from simkit.submissions.limits import EXCERPT_CHARS, MAX_ANSWER_CHARS, REASON_CHARS

COURSE = "advanced-training"
HUGE = "Я бы сообщил руководителю письменно. " * 30_000  # a megabyte, from before intake bounded answers


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key(COURSE)


def saved(tmp_path: Path, data: dict[str, Any], learner: str = "eve") -> Path:
    path = tmp_path / f"{learner}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def honest(key: CourseKey, learner: str = "eve") -> dict[str, Any]:
    return json.loads(encode_submission(synthetic_submission(key, learner, seed=5)))


def refusal(key: CourseKey, path: Path) -> str:
    with pytest.raises(Refused) as refused:
        grade(read(path), key)
    assert "\n" not in refused.value.reason and len(refused.value.reason) <= REASON_CHARS + 30
    return refused.value.reason


def test_a_long_answer_to_a_choice_is_quoted_in_part_in_the_reason(key: CourseKey, tmp_path: Path) -> None:
    data = honest(key)
    data["scenarios"]["gift-at-desk"]["answers"][0]["value"] = "b" * (MAX_ANSWER_CHARS - 1)
    reason = refusal(key, saved(tmp_path, data))
    shown = "'" + "b" * EXCERPT_CHARS + f"'…(+{MAX_ANSWER_CHARS - 1 - EXCERPT_CHARS:,} characters)"
    assert f"gift-at-desk/first_action: choose one of the options (find_giver, keep, take_home), not {shown}" in reason


def test_a_long_date_answer_is_marked_wrong_and_quoted_in_part(key: CourseKey, tmp_path: Path) -> None:
    data = honest(key)
    for record in data["scenarios"].values():
        for answer in record["answers"]:
            if isinstance(answer["value"], str) and answer["value"][:4].isdigit():  # a date answer
                answer["value"] = "2026-" + "9" * 4000
    graded = grade(read(saved(tmp_path, data)), key)
    assert graded.unfit and all(len(reason) <= REASON_CHARS and "\n" not in reason for reason in graded.unfit)
    assert all(" is not one (YYYY-MM-DD)" in reason and "9'…(+" in reason for reason in graded.unfit)
    wrong = [answer for answer in graded.answers if str(answer.value).startswith("2026-99")]
    assert len(wrong) == len(graded.unfit) and all(answer.points == 0 and answer.correct is False for answer in wrong)


@pytest.mark.parametrize("field", ["learner", "course"])
def test_a_long_learner_or_course_is_quoted_in_part(key: CourseKey, tmp_path: Path, field: str) -> None:
    data = honest(key)
    data[field] = "x" * 900_000
    assert "characters)" in refusal(key, saved(tmp_path, data))


def test_answers_off_the_way_are_named_in_part(key: CourseKey, tmp_path: Path) -> None:
    data = honest(key)
    extra = [{"step": f"step_{n:05d}", "value": "x", "at": "2026-03-02T10:00:00Z"} for n in range(5000)]
    data["scenarios"]["gift-at-desk"]["answers"] += extra
    assert "which the choices given do not lead to" in refusal(key, saved(tmp_path, data))


# Where the answer itself is what a trainer reads


def free_text_step(key: CourseKey) -> tuple[str, str]:
    return next(
        (scenario_id, step.id)
        for scenario_id, scenario_key in key.scenarios.items()
        for step in scenario_key.scenario.steps
        if isinstance(step, model.FreeText)
    )


def with_text(graded: GradedSubmission, scenario_id: str, step_id: str, text: str) -> GradedSubmission:
    """``graded`` as a gradebook kept it before answers were bounded: one free text of ``text``."""
    scenarios = []
    for scenario in graded.scenarios:
        answers = list(scenario.answers)
        if scenario.scenario_id == scenario_id:
            at = answers[0][2] if answers else graded.submitted_at
            answers = [answer for answer in answers if answer[0] != step_id] + [(step_id, text, at, None, 4.0, None)]
        scenarios.append(ScenarioAnswers(scenario.scenario_id, scenario.scenario_version, answers))
    return dataclasses.replace(graded, scenarios=tuple(scenarios), pending_review=graded.pending_review + 1)


@pytest.fixture
def kept(key: CourseKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Gradebook]]:
    """A gradebook holding a megabyte answer, and its URL."""
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "trainer"))
    url = f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    book = Gradebook(connect(url))
    graded = grade(read(saved(tmp_path, honest(key))), key)
    book.record(book.begin_batch("grade", key.course), [with_text(graded, *free_text_step(key), HUGE)])
    yield url, book
    book.engine.dispose()


def test_the_review_queue_shows_an_answer_whole_up_to_the_limit_and_marks_the_cut(
    kept: tuple[str, Gradebook],
) -> None:
    url, book = kept
    [row] = [row for row in book.pending_reviews(COURSE) if len(row["value"]) > 1000]
    assert row["value"] == f"{HUGE[:MAX_ANSWER_CHARS]}…(+{len(HUGE) - MAX_ANSWER_CHARS:,} characters)"
    listed = CliRunner().invoke(app, ["review", COURSE, "--db", url, "--list"])
    assert listed.exit_code == 0 and len(listed.output) < 200_000
    assert f"answer: {row['value']}\n" in listed.output


def test_the_feedback_report_shows_a_kept_answer_up_to_the_limit(key: CourseKey, tmp_path: Path) -> None:
    graded = grade(read(saved(tmp_path, honest(key))), key)
    html = render_feedback(key, with_text(graded, *free_text_step(key), HUGE), "en")
    assert f"{HUGE[:MAX_ANSWER_CHARS]}…(+{len(HUGE) - MAX_ANSWER_CHARS:,} characters)" in html
    assert len(html) < 300_000


def test_the_trainers_answers_page_shows_a_kept_answer_up_to_the_limit(kept: tuple[str, Gradebook]) -> None:
    _url, book = kept
    storage = Storage(book.engine)
    state = SimpleNamespace(storage=storage, pool=ThreadPoolExecutor(1), hub_oauth=None, prefix="/")
    request = HTTPServerRequest(
        start_line=RequestStartLine("GET", "/trainer/advanced-training/eve", "HTTP/1.1"),
        headers=HTTPHeaders({"Host": "127.0.0.1"}),
        connection=Mock(),
    )
    page = LearnerAnswersPage(Application(), request, state=state)
    page.viewer = {"name": "trainer", "scopes": [TRAINER]}
    shown: list[str] = []
    page.finish = shown.append  # type: ignore[method-assign,assignment]
    # A loop of its own in a thread of its own: Playwright's sync API may hold this thread's loop for the session.
    with ThreadPoolExecutor(1) as runner:
        runner.submit(asyncio.run, page.get(COURSE, "eve")).result()
    state.pool.shutdown()
    assert "…(+" in shown[0] and len(shown[0]) < 300_000 and "сообщил" in shown[0]


def test_statistics_quote_a_value_the_library_does_not_list_in_part(
    key: CourseKey, kept: tuple[str, Gradebook], tmp_path: Path
) -> None:
    url, book = kept
    graded = grade(read(saved(tmp_path, honest(key, "zed"), "zed")), key)
    odd = [list(answer) for answer in graded.scenarios[0].answers]
    odd[0][1] = "b" * 4000  # an option id no scenario file has: kept by an older simkit
    first = graded.scenarios[0]
    scenarios = (
        ScenarioAnswers(first.scenario_id, first.scenario_version, [tuple(a) for a in odd]),
        *graded.scenarios[1:],
    )
    book.record(book.begin_batch("grade"), [dataclasses.replace(graded, scenarios=scenarios, digest="zed-2")])
    question = course_statistics(book, key, "en").question(f"{graded.scenarios[0].scenario_id}/{odd[0][0]}")
    values = [option.value for option in question.options]
    assert f"{'b' * EXCERPT_CHARS}…(+{4000 - EXCERPT_CHARS:,} characters)" in values
    shown = CliRunner().invoke(app, ["stats", COURSE, "--db", url, "--question", question.label, "--lang", "en"])
    assert shown.exit_code == 0 and "characters)" in shown.output and shown.output.count("b") < 1000

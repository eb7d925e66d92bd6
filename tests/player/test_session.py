"""A learner's way through a scenario: saved at every answer, resumed from the file, walked along the branches."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simkit.player.enrolment import Enrolment
from simkit.player.session import ScenarioSession
from simkit.scenarios import AnswerError, answer_key
from simkit.submissions import read_submission

Enrol = Callable[..., Enrolment]
CASE = "hiring-relatives"  # a case of the practice course: a wrong first choice leads to a disciplinary case


def right_answer(session: ScenarioSession, step_id: str) -> object:
    assert session.marker is not None
    key = answer_key(session.marker.scenario.step(step_id), session.variant)
    step = session.paper.step(step_id)
    if step.type in ("single_choice", "provision"):
        return key[0]
    return key.isoformat() if hasattr(key, "isoformat") else key


def play_right(session: ScenarioSession) -> None:
    while (current := session.walked.current) is not None:
        session.answer(current.id, right_answer(session, current.id))


def test_each_answer_is_in_the_file_as_soon_as_it_is_given(enrol: Enrol) -> None:
    enrolment = enrol()
    session = enrolment.open(CASE)
    session.answer("recuse", "declare")
    saved = read_submission(enrolment.path).scenarios[CASE]
    assert [(answer.step, answer.value) for answer in saved.answers] == [("recuse", "declare")]
    assert saved.version == session.paper.version and saved.finished_at is None


def test_reopening_resumes_at_the_first_unanswered_question(enrol: Enrol) -> None:
    enrol().open(CASE).answer("recuse", "declare")
    reopened = enrol().open(CASE)
    assert reopened.walked.current is not None and reopened.walked.current.id == "can_hire"
    assert [step.id for step in reopened.walked.steps] == ["recuse", "can_hire"]


def test_a_wrong_choice_leads_down_its_branch_to_the_case(enrol: Enrol) -> None:
    session = enrol().open(CASE)
    feedback = session.answer("recuse", "leak_questions")
    assert feedback is not None and feedback.correct is False and "code:10.11" in feedback.citations
    assert [step.id for step in session.walked.steps] == ["recuse", "hired_check", "hired_end"]
    assert session.marker is not None and session.marker.case("hired_check") is not None


def test_playing_to_the_end_records_when_the_scenario_was_finished(enrol: Enrol) -> None:
    enrolment = enrol()
    play_right(enrolment.open(CASE))
    assert enrolment.status(CASE) == "done"
    record = read_submission(enrolment.path).scenarios[CASE]
    assert record.finished_at is not None and record.answers[-1].step == "reserve"


def test_the_file_holds_answers_and_no_score_or_correctness(enrol: Enrol) -> None:
    enrolment = enrol()
    play_right(enrolment.open(CASE))
    text = enrolment.path.read_text("utf-8")
    for word in ("points", "score", "correct", "feedback", "key"):
        assert f'"{word}' not in text


def test_an_answer_that_does_not_fit_is_refused_and_nothing_is_saved(enrol: Enrol) -> None:
    enrolment = enrol()
    session = enrolment.open(CASE)
    with pytest.raises(AnswerError, match="choose one of the options"):
        session.answer("recuse", None)
    with pytest.raises(AnswerError, match="already answered"):
        session.answer("gift_date", "2026-03-01")
    assert not enrolment.path.exists()


@pytest.mark.parametrize(
    ("step_id", "value", "message"),
    [
        ("gift_date", "01.03.2026", "pick a date"),
        ("can_hire", ["never", "never"], "names 'never' twice"),
        ("can_hire", ["never", "ghost"], "not offered: ghost"),
        ("reserve", "law:99.1", "choose a provision"),
    ],
)
def test_malformed_answers_get_a_plain_reason(enrol: Enrol, step_id: str, value: object, message: str) -> None:
    session = enrol().open(CASE)
    while (current := session.walked.current) is not None and current.id != step_id:
        session.answer(current.id, right_answer(session, current.id))
    assert current is not None
    with pytest.raises(AnswerError, match=message):
        session.answer(step_id, value)


def test_a_damaged_submission_is_reported_with_its_place_and_kept(enrol: Enrol) -> None:
    enrolment = enrol()
    enrolment.open(CASE).answer("recuse", "declare")
    damaged = enrolment.path.read_text("utf-8")[:-30]
    enrolment.path.write_text(damaged, "utf-8")
    with pytest.raises(ValueError, match=r"alice.json: damaged JSON at line \d+, column \d+.*kept as it is"):
        enrol()
    assert enrolment.path.read_text("utf-8") == damaged


def test_a_submission_of_another_learner_is_not_taken_over(enrol: Enrol) -> None:
    enrolment = enrol()
    enrolment.open(CASE).answer("recuse", "declare")
    data = json.loads(enrolment.path.read_text("utf-8"))
    data["learner"] = "mallory"
    enrolment.path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValueError, match="belongs to 'mallory'"):
        enrol()


def test_a_wrongly_typed_field_is_named(enrol: Enrol) -> None:
    enrolment = enrol()
    enrolment.open(CASE).answer("recuse", "declare")
    data = json.loads(enrolment.path.read_text("utf-8"))
    data["scenarios"][CASE]["version"] = "one"
    enrolment.path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValueError, match=r"scenarios.hiring-relatives.version: expected `int`, got `str`"):
        enrol()


def test_saving_leaves_no_temporary_file_behind(enrol: Enrol) -> None:
    enrolment = enrol()
    play_right(enrolment.open(CASE))
    left = [path.name for path in Path(enrolment.path).parent.iterdir() if not path.name.endswith(".lock")]
    assert left == ["alice.json"]


def test_two_windows_on_one_course_keep_each_others_answers(enrol: Enrol) -> None:
    first, second = enrol(), enrol()
    first.open(CASE).answer("recuse", "declare")
    other = second.open("first-week")
    question = other.walked.current
    assert question is not None
    other.answer(question.id, right_answer(other, question.id))
    saved = read_submission(first.path).scenarios
    assert sorted(saved) == ["first-week", CASE]


def test_a_stale_window_cannot_answer_a_question_again(enrol: Enrol) -> None:
    stale = enrol().open(CASE)
    enrol().open(CASE).answer("recuse", "declare")
    with pytest.raises(AnswerError, match="answered in another window"):
        stale.answer("recuse", "leak_questions")
    assert [answer.value for answer in read_submission(enrol().path).scenarios[CASE].answers] == ["declare"]


@pytest.mark.parametrize("learner", ["../etc/passwd", "", "a b", "x" * 65])
def test_a_learner_id_that_cannot_name_a_file_is_refused(enrol: Enrol, learner: str) -> None:
    with pytest.raises(ValueError, match="not a usable learner id"):
        enrol(learner=learner)


def test_an_id_typed_with_capitals_is_the_same_learner(enrol: Enrol) -> None:
    enrol(learner="alice").open(CASE).answer("recuse", "declare")
    again = enrol(learner=" Alice")
    assert again.learner == "alice" and again.path.name == "alice.json"
    assert again.status(CASE) == "in_progress"  # the answers given as "alice" are there


def test_the_acknowledgement_of_the_code_is_recorded_with_its_date(enrol: Enrol) -> None:
    import datetime as dt

    enrolment = enrol()
    assert enrolment.needs_acknowledgement
    enrolment.acknowledge(dt.date(2026, 3, 4))
    saved = read_submission(enrolment.path).acknowledgement
    assert saved is not None and saved.confirmed and saved.signed_on == dt.date(2026, 3, 4)
    assert not enrol().needs_acknowledgement


def test_an_exam_session_has_nothing_to_mark_with(enrol: Enrol) -> None:
    session = enrol("advanced-training").open("gift-at-desk")
    assert session.marker is None
    assert session.answer("first_action", "keep") is None
    assert session.feedback("first_action") is None


def test_ordering_items_are_never_shown_in_their_correct_order(enrol: Enrol) -> None:
    enrolment = enrol()
    checked = 0
    for scenario_id, scenario in enrolment.bundle.scenarios.items():
        session = enrolment.open(scenario_id)
        for step in scenario.steps:
            if step.type == "ordering":
                assert session.order(session.paper.step(step.id)) != [item.id for item in step.items]
                checked += 1
    assert checked >= 3

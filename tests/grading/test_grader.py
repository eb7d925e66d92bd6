"""Grading rebuilds each learner's keys from the library and scores exactly what the player would have."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import read
from simkit.grading.synthetic import synthetic_submission
from simkit.player.enrolment import Enrolment
from simkit.scenarios import answer_key
from simkit.scenarios.release import load_bundle, release_courses
from simkit.submissions import encode_submission


@pytest.fixture(scope="module")
def exam_key() -> CourseKey:
    return course_key("advanced-training")


@pytest.fixture(scope="module")
def practice_key() -> CourseKey:
    return course_key("onboarding")


def write(folder: Path, submission) -> Path:  # type: ignore[no-untyped-def]
    path = folder / f"{submission.learner}.json"
    path.write_bytes(encode_submission(submission))
    return path


def test_a_perfect_learner_earns_the_maximum_and_passes(exam_key: CourseKey, tmp_path: Path) -> None:
    graded = grade(read(write(tmp_path, synthetic_submission(exam_key, "ace", skill=1.0))), exam_key)
    free_text = sum(answer.points is None for answer in graded.answers)
    assert graded.pending_review == free_text
    earned_elsewhere = sum(answer.max_points for answer in graded.answers if answer.points is None)
    assert graded.score == pytest.approx(graded.max_score - earned_elsewhere)
    assert graded.finished == tuple(exam_key.course.scenarios)
    assert graded.passed is (None if free_text else True)


def test_grading_agrees_with_the_feedback_the_player_gave(tmp_path: Path, practice_key: CourseKey) -> None:
    release_courses(["onboarding"], tmp_path / "release")
    enrolment = Enrolment(load_bundle("onboarding", tmp_path / "release"), "maria", tmp_path / "subs")
    session = enrolment.open("official-car")
    shown = {}
    while (step := session.walked.current) is not None:  # a wrong option at each choice, the key elsewhere
        assert session.marker is not None
        value = (
            step.options[-1].id
            if step.type == "single_choice"
            else answer_key(session.marker.scenario.step(step.id), session.variant)
        )
        shown[step.id] = session.answer(step.id, value[0] if step.type == "provision" else value)
    graded = grade(read(enrolment.path), practice_key)
    assert [(answer.step_id, answer.points) for answer in graded.answers] == [
        (step_id, feedback.points)
        for step_id, feedback in shown.items()  # type: ignore[union-attr]
    ]
    assert graded.answers[0].step_id == "weekend_car" and graded.answers[0].points == 0  # down the case's branch
    assert graded.finished == ("official-car",) and graded.passed is False


def test_a_date_answer_is_marked_against_the_learners_own_variant(tmp_path: Path, practice_key: CourseKey) -> None:
    release_courses(["onboarding"], tmp_path / "release")
    for learner in ("ivan", "olga"):
        session = Enrolment(load_bundle("onboarding", tmp_path / "release"), learner, tmp_path / "subs").open(
            "hiring-relatives"
        )
        assert session.marker is not None
        while (step := session.walked.current) is not None and step.id != "gift_date":
            key = answer_key(session.marker.scenario.step(step.id), session.variant)
            session.answer(step.id, key[0] if step.type in ("single_choice", "provision") else key)
        key = answer_key(session.marker.scenario.step("gift_date"), session.variant)
        session.answer("gift_date", (key + dt.timedelta(days=1)).isoformat() if learner == "olga" else key)
    ivan = grade(read(tmp_path / "subs" / "onboarding" / "ivan.json"), practice_key)
    olga = grade(read(tmp_path / "subs" / "onboarding" / "olga.json"), practice_key)
    assert [answer.step_id for answer in ivan.answers][-1] == "gift_date" == olga.answers[-1].step_id
    assert ivan.answers[-1].correct is True and olga.answers[-1].correct is False
    assert all(answer.correct for answer in ivan.answers + olga.answers[:-1])  # only the date tells them apart


def test_the_same_file_always_grades_the_same(exam_key: CourseKey, tmp_path: Path) -> None:
    path = write(tmp_path, synthetic_submission(exam_key, "same", seed=3))
    first, again = grade(read(path), exam_key), grade(read(path), exam_key)
    assert first == again and first.digest == again.digest


def test_a_fixed_key_changes_the_key_digest(tmp_path: Path) -> None:
    import shutil

    from simkit.scenarios.library import library_root

    library = tmp_path / "library"
    shutil.copytree(library_root(), library)
    before = course_key("onboarding", library).digest
    path = library / "hiring-relatives.yaml"
    path.write_text(path.read_text("utf-8").replace("points: 3\n", "points: 4\n", 1), "utf-8")
    assert course_key("onboarding", library).digest != before


def test_scores_remembered_across_a_batch_are_those_each_learner_gets_alone(tmp_path: Path) -> None:
    # A batch works out each fixed answer's score and each date or number key once and shares them; a learner
    # graded after hundreds of others must get what a grader seeing them first would give.
    shared = course_key("advanced-training")
    paths = [
        write(tmp_path, synthetic_submission(shared, f"learner{number:03d}", seed=number, skill=0.5))
        for number in range(120)
    ]
    in_batch = [grade(read(path), shared) for path in paths]
    alone = [grade(read(path), course_key("advanced-training")) for path in paths[::7]]
    assert alone == in_batch[::7]
    assert len({graded.score for graded in in_batch}) > 20, "the learners are not varied enough to tell"


UNFIT = {  # (scenario, step) → an answer the player would have refused, and what the reason says
    ("relative-subordination", "who_counts"): (["wife_son", "wife_son"], "names 'wife_son' twice"),
    ("relative-subordination", "protection_rule"): ("law:99.9", "choose a provision: 'law:99.9' is not one offered"),
    ("relative-subordination", "conflict_steps"): (["notify", "check"], "put every item in the order: 2 of the 4"),
    ("relative-subordination", "notice"): ("   ", "write your answer: '   ' is no text"),
    ("repeated-offence", "leave_added"): ("twenty", "enter a number: 'twenty' is not a finite one"),
    ("repeated-offence", "first_deadline"): ("10.07.2026", "pick a date: '10.07.2026' is not one (YYYY-MM-DD)"),
}


def test_an_answer_that_does_not_fit_its_question_is_marked_wrong_with_the_reason(
    exam_key: CourseKey, tmp_path: Path
) -> None:
    submission = synthetic_submission(exam_key, "odd", skill=1.0, seed=5)
    for (scenario_id, step_id), (value, _reason) in UNFIT.items():
        record = submission.scenarios[scenario_id]
        [answer] = [answer for answer in record.answers if answer.step == step_id]
        answer.value = value
    graded = grade(read(write(tmp_path, submission)), exam_key)
    marks = {(answer.scenario_id, answer.step_id): answer for answer in graded.answers}
    for place, (value, reason) in UNFIT.items():
        assert marks[place].value == value and marks[place].points == 0 and marks[place].correct is False
        assert any(unfit.startswith(f"{'/'.join(place)}: ") and reason in unfit for unfit in graded.unfit), place
    assert len(graded.unfit) == len(UNFIT) and graded.finished == tuple(exam_key.course.scenarios)

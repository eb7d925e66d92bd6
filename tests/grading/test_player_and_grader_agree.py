"""Whatever way a learner takes through a case, the grader scores each answer exactly as the player's feedback
did, and walks the same way: both ask `simkit.scenarios` (its walk and its one check of an answer,
`simkit.scenarios.answers`), so they cannot disagree. Hypothesis plays random ways through every case of both
courses, answering each question with the key, an alternative reading's key, a near miss or a plain miss, and now
and then with a value that may not fit the question at all: what the player refuses, the grader marks wrong with
the player's own reason; what the player takes, both mark alike."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import Refused, read
from simkit.player.changes import fresh_submission
from simkit.player.session import Marker, ScenarioSession, memory_commit
from simkit.scenarios import AnswerError, model
from simkit.scenarios.answers import MAX_TEXT
from simkit.scenarios.library import load_library
from simkit.scenarios.paper import PaperStep
from simkit.scenarios.release import Bundle, load_bundle, release_courses
from simkit.scenarios.scoring import computed_keys
from simkit.scenarios.variants import make_variant
from simkit.submissions import Answer, ScenarioAnswers, Submission, encode_submission, now
from simkit.submissions.limits import REASON_CHARS, excerpt

COURSES = ("onboarding", "advanced-training")
CASES = [(course_id, case) for course_id in COURSES for case in load_library().courses[course_id][1].scenarios]
LEARNERS = st.from_regex(r"[a-z][a-z0-9._-]{0,20}", fullmatch=True)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("release")
    release_courses(list(COURSES), root)
    return root


@functools.cache
def course(course_id: str, release: Path) -> tuple[CourseKey, Bundle]:
    return course_key(course_id), load_bundle(course_id, release)


def _value(step: PaperStep, full: model.Step, values: dict[str, Any], pick: st.DrawFn) -> Any:
    """An answer a learner could give: every choice is possible, and a date or number is a key or a miss."""
    if step.type in ("single_choice", "provision"):
        ids = [option.id for option in step.options] or list(step.choices)
        return pick(st.sampled_from(ids))
    if step.type == "multiple_choice":
        ids = [option.id for option in step.options]
        return pick(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    if step.type == "ordering":
        return pick(st.permutations([item.id for item in step.items]))
    if step.type == "free_text":
        return pick(st.text(min_size=1, max_size=40).filter(str.strip))
    assert isinstance(full, model.DateQuestion | model.NumberQuestion)
    keys = list(dict.fromkeys(computed_keys(full, values)))  # an alternative that differs is as likely as the key
    key = pick(st.sampled_from(keys))
    if isinstance(full, model.DateQuestion):
        return (key + dt.timedelta(days=pick(st.sampled_from([0, 0, 1, -1, 3, 30])))).isoformat()
    return float(key + pick(st.sampled_from([0, 0, full.tolerance, 1, -7, 1000])))


def _odd(step: PaperStep, pick: st.DrawFn) -> Any:
    """A value a submission can hold (a text, a number, a list of texts, nothing) that may not fit ``step``: an id
    not offered, one twice, part of an order, a date in another form, a blank text, or anything at all."""
    ids = [choice.id for choice in (*step.options, *step.items)] or list(step.choices) or ["x"]
    near = st.sampled_from(ids)
    aimed = st.one_of(
        near.map(lambda id_: id_.upper()),
        near.map(lambda id_: f" {id_}"),
        near.map(lambda id_: [id_]),
        near.map(lambda id_: [id_, id_]),
        st.lists(near, max_size=len(ids), unique=True),
        st.lists(near, max_size=len(ids) + 1),
        st.sampled_from(["law:99.9", "", " ", "\n\t", "01.03.2026", "2026-02-30", "2026-03-01T10:00", "20260301"]),
        st.sampled_from(["2026-W10-1", "12", "nan", "1e3", "x" * (MAX_TEXT + 1)]),
    )
    anything = st.one_of(
        st.none(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.lists(st.text(max_size=6), max_size=4),
    )
    return pick(st.one_of(aimed, anything))


def _graded_alone(key: CourseKey, bundle: Bundle, path: Path, record: ScenarioAnswers, step_id: str, value: Any) -> Any:
    """The grader's mark of ``value`` answered to ``step_id`` after the answers of ``record``, and what it found
    wrong; None if intake refuses the file (a value no submission can hold: a text over the longest taken)."""
    tampered = ScenarioAnswers(
        id=record.id,
        version=record.version,
        started_at=record.started_at,
        answers=[*record.answers, Answer(step=step_id, value=value, at=now())],
    )
    submission: Submission = fresh_submission(bundle.course, path.stem)
    submission.scenarios[record.id] = tampered
    path.write_bytes(encode_submission(submission))
    try:
        received = read(path)
    except Refused:
        assert isinstance(value, str) and len(value) > MAX_TEXT
        return None
    graded = grade(received, key)
    last = graded.answers[-1]
    assert (last.step_id, last.value) == (step_id, value)
    return last.points, last.correct, graded.unfit


@pytest.mark.parametrize(("course_id", "scenario_id"), CASES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), learner=LEARNERS)
def test_the_grader_scores_every_answer_as_the_player_did(
    release: Path, tmp_path: Path, course_id: str, scenario_id: str, data: st.DataObject, learner: str
) -> None:
    key, bundle = course(course_id, release)
    paper, scenario = bundle.papers[scenario_id], key.scenarios[scenario_id].scenario
    variant = make_variant(scenario, bundle.course.seed, learner)  # an exam paper lacks the keys' values
    record = ScenarioAnswers(id=paper.id, version=paper.version, started_at=now())
    # The keys stay on the server in an exam: the player's feedback is given here by the library's own case.
    session = ScenarioSession(paper, variant, record, memory_commit(paper, record), Marker(scenario, variant))
    path = tmp_path / f"{learner}.json"
    shown: list[tuple[str, float | None, bool | None]] = []
    while (step := session.walked.current) is not None:
        if data.draw(st.booleans(), label="odd"):
            odd = _odd(step, data.draw)
            before = ScenarioAnswers(
                id=paper.id, version=paper.version, started_at=record.started_at, answers=list(session.record.answers)
            )
            try:
                scored = session.answer(step.id, odd)
            except AnswerError as refused:  # the player saves nothing: the grader, given it, marks it wrong
                alone = _graded_alone(key, bundle, path, before, step.id, odd)
                reason = excerpt(f"{scenario_id}/{step.id}: {refused}", REASON_CHARS)
                assert alone is None or alone == (0.0, False, (reason,))
            else:  # it fits: marked below with the rest
                assert scored is not None
                shown.append((step.id, scored.points, scored.correct))
                continue
        scored = session.answer(step.id, _value(step, scenario.step(step.id), variant.values, data.draw))
        assert scored is not None
        shown.append((step.id, scored.points, scored.correct))

    submission = fresh_submission(bundle.course, learner)
    submission.scenarios[scenario_id] = session.record
    path.write_bytes(encode_submission(submission))
    graded = grade(read(path), key)

    assert [(answer.step_id, answer.points, answer.correct) for answer in graded.answers] == shown
    assert graded.finished == (scenario_id,) and graded.unfit == ()

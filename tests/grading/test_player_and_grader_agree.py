"""Whatever way a learner takes through a case, the grader scores each answer exactly as the player's feedback
did, and walks the same way: both ask `simkit.scenarios` (its walk and its one check of an answer), so they
cannot disagree. Hypothesis plays random ways through every case of both courses, answering each question with
the key, an alternative reading's key, a near miss or a plain miss."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import read
from simkit.player.changes import fresh_submission
from simkit.player.session import Marker, ScenarioSession, memory_commit
from simkit.scenarios import model
from simkit.scenarios.library import load_library
from simkit.scenarios.paper import PaperStep
from simkit.scenarios.release import Bundle, load_bundle, release_courses
from simkit.scenarios.scoring import computed_keys
from simkit.scenarios.variants import make_variant
from simkit.submissions import ScenarioAnswers, encode_submission, now

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
    shown: list[tuple[str, float | None, bool | None]] = []
    while (step := session.walked.current) is not None:
        scored = session.answer(step.id, _value(step, scenario.step(step.id), variant.values, data.draw))
        assert scored is not None
        shown.append((step.id, scored.points, scored.correct))

    submission = fresh_submission(bundle.course, learner)
    submission.scenarios[scenario_id] = session.record
    path = tmp_path / f"{learner}.json"
    path.write_bytes(encode_submission(submission))
    graded = grade(read(path), key)

    assert [(answer.step_id, answer.points, answer.correct) for answer in graded.answers] == shown
    assert graded.finished == (scenario_id,)

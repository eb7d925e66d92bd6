"""Generated submissions, as learners' players would write them: for benchmarks and tests at scale.

Each learner plays every scenario of a course along the branches their answers take, right with a given
probability and otherwise wrong in a way the question allows.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from simkit.grading.grader import CourseKey
from simkit.scenarios import answer_key, make_variant, model
from simkit.scenarios.walk import next_step
from simkit.submissions import Answer, ScenarioAnswers, Submission

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _answer(step: model.Step, key: Any, rng: random.Random, right: bool) -> Any:
    if isinstance(step, model.SingleChoice):
        return key[0] if right else rng.choice(step.options).id
    if isinstance(step, model.MultipleChoice):
        return list(key) if right else [option.id for option in step.options if rng.random() < 0.5]
    if isinstance(step, model.Ordering):
        order = list(key)
        if not right:
            rng.shuffle(order)
        return order
    if isinstance(step, model.DateQuestion):
        return (key if right else key + dt.timedelta(days=rng.choice([-3, -1, 1, 7]))).isoformat()
    if isinstance(step, model.NumberQuestion):
        return float(key if right else key + rng.choice([-1, 1]) * max(1.0, abs(key) * 0.1))
    if isinstance(step, model.ProvisionQuestion):
        offered = sorted({*step.choices, *step.key})
        return key[0] if right else rng.choice(offered)
    return "Я бы сообщил руководителю письменно и передал подарок." if right else "Не знаю."


def play(key: CourseKey, scenario_id: str, learner: str, rng: random.Random, skill: float) -> ScenarioAnswers:
    scenario = key.scenarios[scenario_id].scenario
    variant = make_variant(scenario, key.course.seed, learner)
    at = START + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 30))
    record = ScenarioAnswers(id=scenario.id, version=scenario.version, started_at=at)
    step_id: str | None = scenario.first
    while step_id is not None:
        step = scenario.step(step_id)
        if isinstance(step, model.End):
            record.finished_at = at
            break
        if isinstance(step, model.QUESTION_TYPES):
            value = _answer(step, answer_key(step, variant), rng, rng.random() < skill)
            at += dt.timedelta(seconds=rng.randint(10, 120))
            record.answers.append(Answer(step=step.id, value=value, at=at))
            step_id = next_step(step, value)
        else:
            step_id = step.next
    return record


def synthetic_submission(key: CourseKey, learner: str, seed: int = 0, skill: float = 0.7) -> Submission:
    rng = random.Random(f"{seed}:{learner}")
    records = {scenario_id: play(key, scenario_id, learner, rng, skill) for scenario_id in key.course.scenarios}
    last = max((answer.at for record in records.values() for answer in record.answers), default=START)
    return Submission(
        learner=learner,
        course=key.course.id,
        course_version=key.course.version,
        mode=key.course.mode,
        created_at=START,
        updated_at=last,
        scenarios=records,
        acknowledgement=None,
    )

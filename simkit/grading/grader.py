"""Scoring a submission against keys rebuilt from the scenario library, never from anything the learner sent.

Each learner's variant is rebuilt from (scenario, version, course seed, learner id); the way through a branching
case is walked again from the answers, so an answer to a step the learner's choices do not lead to is refused.
Keys that do not depend on the variant are scored once per distinct answer and remembered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.grading.intake import Received, Refused, check_identity
from simkit.grading.results import GradedSubmission, ScoredAnswer
from simkit.player.submission import ScenarioAnswers
from simkit.scenarios import AnswerError, Scored, model, score
from simkit.scenarios.expressions import names_in
from simkit.scenarios.graph import max_score
from simkit.scenarios.library import library_root
from simkit.scenarios.validate import Report, validate_paths
from simkit.scenarios.variants import Variant, make_variant

VARIANT_KEYED = (model.DateQuestion, model.NumberQuestion)


def _needs(scenario: model.Scenario, expression: str) -> frozenset[str]:
    """The parameters an expression reads, directly or through derived ones."""
    needed: set[str] = set()
    pending = list(names_in(expression))
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        spec = scenario.parameters.get(name)
        if isinstance(spec, model.DerivedParameter):
            pending.extend(names_in(spec.expr))
    return frozenset(needed)


@dataclass(frozen=True)
class Node:
    """A step as the walk needs it, worked out once per course rather than once per answer."""

    step: model.Step
    asks: bool
    ends: bool
    next: str | None
    branches: dict[str, str]  # option id → the step it leads to, for single choices

    @classmethod
    def of(cls, step: model.Step) -> Node:
        branches = (
            {option.id: option.next for option in step.options if option.next}
            if isinstance(step, model.SingleChoice)
            else {}
        )
        asks = isinstance(step, model.QUESTION_TYPES)
        return cls(step, asks, isinstance(step, model.End), getattr(step, "next", None), branches)


@dataclass
class ScenarioKey:
    scenario: model.Scenario
    best: float
    needs: dict[str, frozenset[str]]  # step id → the parameters its key reads (date and number steps)
    nodes: dict[str, Node]
    fixed: dict[tuple[str, Hashable], Scored] = field(default_factory=dict)  # scores that need no variant

    @classmethod
    def of(cls, scenario: model.Scenario) -> ScenarioKey:
        needs = {step.id: _needs(scenario, step.key) for step in scenario.steps if isinstance(step, VARIANT_KEYED)}
        return cls(scenario, max_score(scenario), needs, {step.id: Node.of(step) for step in scenario.steps})


@dataclass
class CourseKey:
    """A course's keys as the library has them now; ``digest`` changes whenever a scenario file does."""

    course: model.Course
    scenarios: dict[str, ScenarioKey]
    digest: str

    @property
    def max_score(self) -> float:
        return sum(key.best for key in self.scenarios.values())


def course_key(course_id: str, library: Path | None = None) -> CourseKey:
    """The keys of a course from the scenario library; ValueError names the first problem."""
    report: Report = validate_paths([library or library_root()])
    if report.errors:
        raise ValueError(f"{report.errors[0]} (fix the library before grading: `simkit validate`)")
    if course_id not in report.courses:
        raise ValueError(f"no course with id {course_id!r}; the courses are {', '.join(sorted(report.courses))}")
    course_path, course = report.courses[course_id]
    digest = hashlib.sha256(course_path.read_bytes())
    scenarios = {}
    for scenario_id in course.scenarios:
        path, scenario = report.scenarios[scenario_id]
        digest.update(path.read_bytes())
        scenarios[scenario_id] = ScenarioKey.of(scenario)
    return CourseKey(course, scenarios, digest.hexdigest())


def _frozen(value: Any) -> Hashable:
    # The submission's schema has already made a list a list of strings.
    return tuple(value) if type(value) is list else value


class _Marking:
    """One scenario of one submission: the variant is made only if a date or number answer needs it."""

    def __init__(self, key: ScenarioKey, course_seed: int, learner: str) -> None:
        self.key, self.course_seed, self.learner = key, course_seed, learner
        self.variant: Variant | None = None
        self.needed: frozenset[str] = frozenset()

    def mark(self, step: model.Step, value: Any) -> Scored:
        if step.id not in self.key.needs:
            if isinstance(step, model.FreeText):  # each text is its learner's own: nothing to remember
                return score(step, value, _NO_VARIANT)
            remembered = (step.id, _frozen(value))
            if remembered not in self.key.fixed:
                self.key.fixed[remembered] = score(step, value, _NO_VARIANT)
            return self.key.fixed[remembered]
        if self.variant is None:
            self.needed = frozenset().union(*self.key.needs.values())
            self.variant = make_variant(self.key.scenario, self.course_seed, self.learner, only=self.needed)
        return score(step, value, self.variant)


_NO_VARIANT = Variant("", 0, 0, "", {})


def _walk(key: ScenarioKey, record: ScenarioAnswers, marking: _Marking) -> tuple[list[ScoredAnswer], bool]:
    """Score the answers along the way they lead; refuse answers off that way or given twice."""
    given = {answer.step: answer for answer in record.answers}
    if len(given) != len(record.answers):
        raise Refused(f"{record.id}: a step is answered twice")
    scored: list[ScoredAnswer] = []
    step_id: str | None = key.scenario.first
    for _ in range(len(key.nodes) + 1):
        node = key.nodes[step_id]  # type: ignore[index]
        if node.ends:
            return _all_on_the_way(record, given, scored), True
        if node.asks:
            answer = given.pop(node.step.id, None)
            if answer is None:
                break
            try:
                result = marking.mark(node.step, answer.value)
            except AnswerError as error:
                raise Refused(f"{record.id}/{node.step.id}: {error}") from None
            scored.append(_scored(record, node.step.id, answer.value, answer.at, result))
            step_id = node.branches.get(answer.value, node.next) if isinstance(answer.value, str) else node.next
        else:
            step_id = node.next
        if step_id is None:
            break
    return _all_on_the_way(record, given, scored), False


def _all_on_the_way(record: ScenarioAnswers, left: dict[str, Any], scored: list[ScoredAnswer]) -> list[ScoredAnswer]:
    if left:
        raise Refused(f"{record.id}: answers {', '.join(sorted(left))}, which the choices given do not lead to")
    return scored


def _scored(record: ScenarioAnswers, step_id: str, value: Any, at: Any, result: Scored) -> ScoredAnswer:
    return ScoredAnswer(record.id, record.version, step_id, value, at, result.points, result.max_points, result.correct)


def grade(received: Received, key: CourseKey) -> GradedSubmission:
    """Score one submission; raise :class:`Refused` with the reason it cannot be graded."""
    submission, course = received.submission, key.course
    check_identity(received, course)
    answers: list[ScoredAnswer] = []
    finished: list[str] = []
    for scenario_id, record in submission.scenarios.items():
        scenario_key = key.scenarios.get(scenario_id)
        if scenario_key is None or record.id != scenario_id:
            raise Refused(f"answers scenario {scenario_id!r}, which {course.id!r} does not have")
        if record.version != scenario_key.scenario.version:
            raise Refused(
                f"{scenario_id}: answers version {record.version}; the library has version "
                f"{scenario_key.scenario.version} (hint: the learner replays it after a new release)"
            )
        scored, done = _walk(scenario_key, record, _Marking(scenario_key, course.seed, submission.learner))
        answers += scored
        if done:
            finished.append(scenario_id)
    pending = sum(answer.points is None for answer in answers)
    total = sum(answer.points or 0.0 for answer in answers)
    passed = None if pending else total >= key.max_score * course.pass_mark / 100
    acknowledged = submission.acknowledgement.signed_on if submission.acknowledgement else None
    return GradedSubmission(
        learner=submission.learner,
        course_id=course.id,
        course_version=course.version,
        mode=course.mode,
        source=str(received.source),
        digest=received.digest,
        key_digest=key.digest,
        submitted_at=submission.updated_at,
        answers=tuple(answers),
        score=round(total, 4),
        max_score=key.max_score,
        pending_review=pending,
        passed=passed,
        acknowledged_on=acknowledged,
        finished=tuple(finished),
    )

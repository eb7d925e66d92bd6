"""Scoring a submission against keys rebuilt from the scenario library, never from anything the learner sent.

Each learner's variant is rebuilt from (scenario, version, course seed, learner id); the way through a branching
case is walked again from the answers, so an answer to a step the learner's choices do not lead to is refused.
Keys that do not depend on the variant are scored once per distinct answer and remembered.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simkit.gradebook.results import Answered, AnswerRow, GradedSubmission, ScenarioAnswers
from simkit.gradebook.results import passed as pass_rule
from simkit.grading.intake import Received, Refused, check_identity
from simkit.scenarios import AnswerError, Scored, model, score
from simkit.scenarios.answers import form_of
from simkit.scenarios.expressions import evaluate, names_in
from simkit.scenarios.graph import max_score, step_max_points
from simkit.scenarios.library import library_root
from simkit.scenarios.scoring import THE_KEY, Matcher, alternative_keys, key_mark, key_matcher
from simkit.scenarios.validate import Report, validate_paths
from simkit.scenarios.variants import Draws, Plan, Variant, draw_into, draw_planned, plan_of
from simkit.scenarios.walk import ways_out
from simkit.submissions import excerpt, quoted, schema
from simkit.submissions.limits import REASON_CHARS
from simkit.submissions.times import EARLIEST_UTC, Window, server_now

VARIANT_KEYED = (model.DateQuestion, model.NumberQuestion)


def key_sources(step: model.DateQuestion | model.NumberQuestion) -> tuple[str, ...]:
    return (step.key, *(alternative.key for alternative in step.alternatives))


def _needs(scenario: model.Scenario, sources: tuple[str, ...]) -> frozenset[str]:
    """The parameters expressions read, directly or through derived ones."""
    needed: set[str] = set()
    pending = [name for source in sources for name in names_in(source) if name != THE_KEY]
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        spec = scenario.parameters.get(name)
        if isinstance(spec, model.DerivedParameter):
            pending.extend(names_in(spec.expr))
    return frozenset(needed)


# Points, maximum, correct: what a scored answer records; then, for an answer whose form does not fit its question
# (marked wrong), what is wrong with it, else None.
Mark = tuple[float | None, float, bool | None, str | None]
REMEMBERED_AT_MOST = 1 << 17  # scores kept per step; past it, answers are scored afresh
# A step whose key is new nine times in ten over its first look-ups (a deadline from several drawn dates) is no
# longer looked up: the key is worked out for each learner, from the values it reads alone.
TRIAL_LOOK_UPS = 500
DRAWN = (model.DateParameter, model.NumberParameter, model.ChoiceParameter)  # values that are plain, hashable data


@dataclass(frozen=True, slots=True)
class Node:
    """A step as the walk needs it, worked out once per course rather than once per answer."""

    step: model.Step
    asks: bool
    ends: bool
    next: str | None
    branches: dict[str, str]  # option id → the step it leads to (simkit.scenarios.walk.ways_out)
    keyed_by_variant: bool  # a date or number key, computed from the learner's own values
    reads: tuple[str, ...] | None  # the drawn values its key depends on (None: not only plain data, never kept)
    remembered: dict[Hashable, Mark] = field(default_factory=dict)  # fixed keys: scores of answers met before
    keys: dict[Hashable, tuple[Any, ...]] = field(default_factory=dict)  # date or number keys by the values read
    tally: list[int] = field(default_factory=lambda: [0, 0])  # look-ups in ``keys``, and those that found none
    read: Callable[[Mapping[str, Any]], Hashable] = field(init=False)  # those values, from a learner's
    match: Matcher = field(init=False)  # which key a date or number answer is (scoring.matched_key, made once)
    waits_for_review: Mark | None = None  # a free text's mark until a trainer scores it
    key_needs: frozenset[str] = frozenset()  # the parameters its key reads, directly or through derived ones
    alternatives_need: frozenset[str] = frozenset()  # those its alternatives' keys read besides
    most: float = 0.0  # the step's points, which an answer unfit for it misses
    # What an answer may be: the player's check (simkit.scenarios.answers), made once. The answer as the player
    # stores it, or AnswerError naming what is wrong.
    check: Callable[[Any], Any] = field(init=False)

    @classmethod
    def of(cls, step: model.Step, scenario: model.Scenario) -> Node:
        branches, leads_to = ways_out(step)
        asks, ends = isinstance(step, model.QUESTION_TYPES), isinstance(step, model.End)
        keyed = isinstance(step, VARIANT_KEYED)
        sources = key_sources(step) if isinstance(step, VARIANT_KEYED) else ()
        free_text = _mark(score(step, "", _NO_VARIANT)) if isinstance(step, model.FreeText) else None
        return cls(
            step,
            asks,
            ends,
            leads_to,
            branches,
            keyed,
            _reads(step, scenario),
            waits_for_review=free_text,
            key_needs=_needs(scenario, sources[:1]),
            alternatives_need=_needs(scenario, sources[1:]),
            most=step_max_points(step),
        )

    def __post_init__(self) -> None:
        reads = self.reads or ()
        object.__setattr__(self, "read", operator.itemgetter(*reads) if reads else lambda _values: ())
        object.__setattr__(self, "match", key_matcher(self.step) if self.keyed_by_variant else _no_key)  # type: ignore[arg-type]
        object.__setattr__(self, "check", form_of(self.step).checker())

    def mark(self, value: Any, remembered: Hashable) -> Mark:
        """Score an answer to a fixed key not met before, or mark it wrong if it does not fit its question;
        remember the mark unless it is a learner's own text (a free text: scored by a trainer, not here)."""
        try:
            checked = self.check(value)
            found = self.waits_for_review or _mark(score(self.step, checked, _NO_VARIANT))
        except AnswerError as error:
            found = self.unfit(error)
        if self.reads is not None and len(self.remembered) < REMEMBERED_AT_MOST:
            self.remembered[remembered] = found
        return found

    def mark_against_key(self, value: Any, values: _Values) -> Mark:
        """Score a date or number answer; its key is worked out once for each set of values it reads, and its
        alternatives' keys only for an answer that is not the key (most answers are, or are plainly wrong); an
        answer that is no date or number is marked wrong."""
        try:
            value = self.check(value)
            if self.reads is None:
                return _mark(score(self.step, value, values.variant(self.key_needs | self.alternatives_need)))
        except AnswerError as error:
            return self.unfit(error)
        step: Any = self.step
        tally = self.tally
        if tally[0] >= TRIAL_LOOK_UPS and tally[1] * 10 > tally[0] * 9:  # each learner's key is their own
            key = evaluate(step.key, values.with_(self.key_needs))
            index = self.match(value, (key,), 0)
            if index < 0 and step.alternatives:
                alternatives = alternative_keys(step, values.with_(self.alternatives_need), key)
                index = self.match(value, (key, *alternatives), 1)
            points, correct = key_mark(step, index)
            return points, step.points, correct, None
        drawn = values.of(self.read)
        keys = self.keys.get(drawn)
        tally[0] += 1
        if keys is None:
            tally[1] += 1
            keys = (evaluate(step.key, values.with_(self.key_needs)),)
            self._keep(drawn, keys)
        index = self.match(value, keys, 0)
        if index < 0 and len(keys) <= len(step.alternatives):
            keys = (keys[0], *alternative_keys(step, values.with_(self.alternatives_need), keys[0]))
            self._keep(drawn, keys)
            index = self.match(value, keys, 1)
        points, correct = key_mark(step, index)
        return points, step.points, correct, None

    def unfit(self, error: AnswerError) -> Mark:
        return 0.0, self.most, False, str(error)

    def _keep(self, drawn: Hashable, keys: tuple[Any, ...]) -> None:
        if len(self.keys) < REMEMBERED_AT_MOST:
            self.keys[drawn] = keys


def _no_key(_answer: Any, _keys: tuple[Any, ...], _start: int = 0) -> int:
    return -1


def _reads(step: model.Step, scenario: model.Scenario) -> tuple[str, ...] | None:
    if isinstance(step, model.FreeText):
        return None
    if not isinstance(step, VARIANT_KEYED):
        return ()
    needed = _needs(scenario, key_sources(step))
    drawn = sorted(name for name in needed if not isinstance(scenario.parameters.get(name), model.DerivedParameter))
    return tuple(drawn) if all(isinstance(scenario.parameters.get(name), DRAWN) for name in drawn) else None


def _mark(scored: Scored) -> Mark:
    return scored.points, scored.max_points, scored.correct, None


@dataclass
class ScenarioKey:
    scenario: model.Scenario
    best: float
    nodes: dict[str, Node]
    needed: frozenset[str] = frozenset()  # every parameter some key reads, derived ones included
    drawn: frozenset[str] = frozenset()  # the drawn ones among them, on which remembered scores depend
    # Read once per scenario of every submission: the model's attributes (the first step, a property) cost more.
    first: str = ""
    version: int = 0
    plans: dict[frozenset[str], Plan] = field(default_factory=dict)  # what to draw for a set of names, made once

    def __post_init__(self) -> None:
        self.needed = frozenset().union(*(node.key_needs for node in self.nodes.values()))
        self.drawn = frozenset(name for node in self.nodes.values() for name in node.reads or ())
        self.first, self.version = self.scenario.first, self.scenario.version

    @classmethod
    def of(cls, scenario: model.Scenario) -> ScenarioKey:
        nodes = {step.id: Node.of(step, scenario) for step in scenario.steps}
        return cls(scenario, max_score(scenario), nodes)

    def plan(self, names: frozenset[str]) -> Plan:
        """The plan drawing ``names`` (variants.plan_of), made the first time a learner needs it: the sets asked
        for are the drawn values, the values keys read, and those with what some alternatives read as well."""
        plan = self.plans.get(names)
        if plan is None:
            plan = plan_of(self.scenario, names)
            if len(self.plans) < PLANS_AT_MOST:
                self.plans[names] = plan
        return plan


PLANS_AT_MOST = 256  # sets of names kept per scenario; a scenario's keys and alternatives make a handful


class _Values:
    """One learner's values in one scenario, drawn only when a date or number answer needs them: first the drawn
    values a remembered score depends on, then, if the answer is new, the values its key reads, and those its
    alternatives read only for an answer that misses the key. A step off the learner's way draws nothing. Each
    of these draws spends a budget of evaluation of its own, as :func:`~simkit.scenarios.variants.draw_values`
    does."""

    __slots__ = ("course_seed", "drawn", "draws", "key", "learner", "values")

    def __init__(self, key: ScenarioKey, course_seed: int, learner: str) -> None:
        self.key, self.course_seed, self.learner = key, course_seed, learner
        self.draws: Draws | None = None  # the learner's draws, made when a first value is needed
        self.drawn: Mapping[str, Any] | None = None
        self.values: dict[str, Any] | None = None  # every value drawn so far, derived ones included

    def _draws(self) -> Draws:
        """The learner's draws, with a fresh budget of evaluation: each set of values drawn spends its own."""
        draws = self.draws
        if draws is None:
            scenario = self.key.scenario
            draws = self.draws = Draws(scenario.id, self.key.version, self.course_seed, str(self.learner))
        else:
            draws.meter = None  # made afresh by the first derived value drawn, as for a call of draw_values
        return draws

    def of(self, read: Callable[[Mapping[str, Any]], Hashable]) -> Hashable:
        if self.drawn is None:
            self.drawn = draw_planned(self._draws(), self.key.plan(self.key.drawn))
        return read(self.drawn)

    def with_(self, names: frozenset[str]) -> Mapping[str, Any]:
        """The values drawn so far with ``names`` among them; what is drawn already is not drawn again (a
        deadline moved off a day off reads only the key: nothing more is drawn for it)."""
        known = self.values
        if known is None:
            known = self.values = dict(self.drawn) if self.drawn is not None else {}
        missing = names.difference(known)
        if missing:
            draw_into(self._draws(), self.key.plan(missing), known)
        return known

    def variant(self, names: frozenset[str]) -> Variant:
        scenario = self.key.scenario
        return Variant(scenario.id, scenario.version, self.course_seed, self.learner, self.with_(names))


@dataclass
class CourseKey:
    """A course's keys as the library has them now; ``digest`` changes whenever a scenario file does."""

    course: model.Course
    scenarios: dict[str, ScenarioKey]
    digest: str

    @functools.cached_property
    def max_score(self) -> float:  # read twice for every submission graded: summed once
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


_NO_VARIANT = Variant("", 0, 0, "", {})


def _walk(
    key: ScenarioKey, record: schema.ScenarioAnswers, course_seed: int, learner: str, window: Window, unfit: list[str]
) -> tuple[list[AnswerRow], bool]:
    """Score the answers along the way they lead, each dated no later than the submission came in; refuse answers
    off that way, given twice, or dated beyond the clock skew ahead or before simkit's courses. An answer that does
    not fit its question (simkit.scenarios.answers, as the player checks it) is marked wrong, and what is wrong with
    it added to ``unfit``."""
    given = {answer.step: answer for answer in record.answers}
    if len(given) != len(record.answers):
        raise Refused(f"{record.id}: a step is answered twice")
    scored: list[AnswerRow] = []
    before = len(unfit)  # what is wrong with this scenario's answers is added after
    values: _Values | None = None  # made at the first date or number answer: most steps ask none
    nodes, step_id = key.nodes, key.first
    received, earliest = window.received_at, EARLIEST_UTC
    started, finished = record.started_at, record.finished_at
    try:  # inline, as for the answers below: a usual start and finish cost two comparisons each, no call
        usual = earliest <= started <= received and (finished is None or earliest <= finished <= received)
    except TypeError:  # a time without an offset: compared once taken as UTC
        usual = False
    if not usual:
        _scenario_times(record, window, "scenarios", record.id)
    for _ in range(len(nodes) + 1):
        node = nodes[step_id]
        if node.ends:
            return _all_on_the_way(record, given, scored, unfit[before:]), True
        if node.asks:
            answer = given.pop(step_id, None)
            if answer is None:
                break
            value = answer.value
            if node.keyed_by_variant:
                if values is None:
                    values = _Values(key, course_seed, learner)
                points, most, correct, wrong = node.mark_against_key(value, values)
            else:  # inline, as it is most of the time grading takes: the score of an answer met before
                remembered = tuple(value) if isinstance(value, list) else value  # the schema made lists of strings
                points, most, correct, wrong = node.remembered.get(remembered) or node.mark(value, remembered)
            if wrong is not None:
                unfit.append(excerpt(f"{record.id}/{step_id}: {wrong}", REASON_CHARS))
            at = answer.at
            if at.tzinfo is not UTC or not earliest <= at <= received:  # inline: the usual time passes as is
                at = window.time(at, "scenarios", record.id, "answers", record.answers.index(answer), "at")
            scored.append((step_id, value, at, points, most, correct))
            # walk.next_step, inlined on the tables walk.ways_out made once for the course
            next_id = node.branches.get(value, node.next) if type(value) is str else node.next
        else:
            next_id = node.next
        if next_id is None:
            break
        step_id = next_id
    return _all_on_the_way(record, given, scored, unfit[before:]), False


UTC = dt.UTC
POINTS = Answered._fields.index("points")


def _all_on_the_way(
    record: schema.ScenarioAnswers, left: dict[str, Any], scored: list[AnswerRow], unfit: list[str]
) -> list[AnswerRow]:
    if left:
        # A choice that is none of the options leads where the step's own next does: say so, it is the likely cause.
        cause = f" (after an answer that does not fit: {unfit[0]})" if unfit else ""
        names = excerpt(", ".join(sorted(left)))
        raise Refused(
            excerpt(f"{record.id}: answers {names}, which the choices given do not lead to{cause}", REASON_CHARS)
        )
    return scored


def _times(submission: schema.Submission, window: Window) -> dt.datetime:
    """Check the submission's own times and those of answers to earlier versions; its save time, bounded."""
    created, updated, received = submission.created_at, submission.updated_at, window.received_at
    if updated.tzinfo is UTC and not submission.superseded and submission.acknowledgement is None:
        try:  # as the player writes most submissions: two comparisons each, no call
            if EARLIEST_UTC <= created <= received and EARLIEST_UTC <= updated <= received:
                return updated
        except TypeError:  # a creation time without an offset: checked below, taken as UTC
            pass
    window.time(created, "created_at")
    if (signed := submission.acknowledgement) is not None:
        window.time(signed.at, "acknowledgement", "at")
    for number, record in enumerate(submission.superseded):
        _scenario_times(record, window, "superseded", number)
        for index, answer in enumerate(record.answers):
            window.time(answer.at, "superseded", number, "answers", index, "at")
    return window.time(submission.updated_at, "updated_at")


def _scenario_times(record: schema.ScenarioAnswers, window: Window, *where: str | int) -> None:
    window.time(record.started_at, *where, "started_at")
    if record.finished_at is not None:
        window.time(record.finished_at, *where, "finished_at")


def grade(received: Received, key: CourseKey, received_at: dt.datetime | None = None) -> GradedSubmission:
    """Score one submission received at ``received_at`` by the server's clock (now if not given); raise
    :class:`Refused` with the reason it cannot be graded."""
    submission, course = received.submission, key.course
    check_identity(received, course)
    window = Window.at(received_at or server_now())
    submitted_at = _times(submission, window)
    signed = submission.acknowledgement
    acknowledged = window.day(signed.signed_on, "acknowledgement.signed_on") if signed else None
    scenarios: list[ScenarioAnswers] = []
    finished: list[str] = []
    unfit: list[str] = []
    seed = course.seed
    for scenario_id, record in submission.scenarios.items():
        scenario_key = key.scenarios.get(scenario_id)
        if scenario_key is None or record.id != scenario_id:
            raise Refused(f"answers scenario {quoted(scenario_id)}, which {course.id!r} does not have")
        if record.version != scenario_key.version:
            raise Refused(
                f"{scenario_id}: answers version {record.version}; the library has version "
                f"{scenario_key.version} (hint: the learner replays it after a new release)"
            )
        scored, done = _walk(scenario_key, record, seed, submission.learner, window, unfit)
        scenarios.append(ScenarioAnswers(scenario_id, record.version, scored))
        if done:
            finished.append(scenario_id)
    points = [answer[POINTS] for scenario in scenarios for answer in scenario.answers]
    pending = points.count(None)  # free-text answers waiting for a trainer's review
    total = float(sum(filter(None, points)))
    return GradedSubmission(
        learner=submission.learner,
        course_id=course.id,
        course_version=course.version,
        mode=course.mode,
        source=str(received.source),
        digest=received.digest,
        key_digest=key.digest,
        submitted_at=submitted_at,
        received_at=window.received_at,
        scenarios=tuple(scenarios),
        score=round(total, 4),
        max_score=key.max_score,
        pending_review=pending,
        passed=pass_rule(total, key.max_score, course.pass_mark, pending),
        acknowledged_on=acknowledged,
        finished=tuple(finished),
        unfit=tuple(unfit),
    )

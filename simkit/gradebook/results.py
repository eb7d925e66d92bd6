"""What grading produces: each submission's scored answers, or the reason it was rejected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from simkit.submissions.codec import Refused
from simkit.submissions.limits import REASON_CHARS, excerpt


class Answered(
    NamedTuple
):  # the layout of an answer's row; the grader makes them as plain tuples, by the hundred thousand
    step_id: str
    value: Any  # as the submission gave it: an option id, a list of ids, an ISO date, a number, a citation, a text
    answered_at: dt.datetime  # in UTC
    points: float | None  # None while a free-text answer waits for a trainer's review
    max_points: float
    correct: bool | None


AnswerRow = tuple[
    str, Any, dt.datetime, float | None, float, bool | None
]  # as :class:`Answered`; stored as a JSON array


class ScenarioAnswers(NamedTuple):
    """One scenario's scored answers, in the order the learner's way through it met them."""

    scenario_id: str
    scenario_version: int
    answers: list[AnswerRow]


class ScoredAnswer(NamedTuple):  # one answer with its scenario, as reports and reviews read them
    scenario_id: str
    scenario_version: int
    step_id: str
    value: Any  # as the submission gave it: an option id, a list of ids, an ISO date, a number, a citation, a text
    answered_at: dt.datetime
    points: float | None  # None while a free-text answer waits for a trainer's review
    max_points: float
    correct: bool | None


@dataclass(frozen=True)
class GradedSubmission:
    learner: str
    course_id: str
    course_version: int
    mode: str
    source: str  # the file it came from
    digest: str  # sha256 of the file's bytes: the same file graded again changes nothing
    key_digest: str  # sha256 of the course's scenario files: a fixed key gives a new digest, hence a regrade
    submitted_at: dt.datetime  # when the submission says it was saved, at the latest received_at (in UTC)
    scenarios: tuple[ScenarioAnswers, ...]
    score: float  # points earned, reviews pending counting as 0
    max_score: float  # the total of each scenario's best path
    pending_review: int  # free-text answers waiting for a trainer
    passed: bool | None  # None while reviews are pending and could change the verdict
    acknowledged_on: dt.date | None  # the written acknowledgement of the Code (code:5, code:6)
    finished: tuple[str, ...]  # scenarios played to their end
    # Answers marked wrong because they do not fit their question (an option not offered, a date that is none), each
    # "scenario/step: what is wrong", a line at most: the player refuses them, so a file holding one was altered.
    unfit: tuple[str, ...] = ()
    # The server's time when the submission came in: it bounds every time the submission claims (submitted_at is
    # never later), and of two submissions saved at the same time, the one received later is the newer. Not a part
    # of the grading: the same file grades the same whenever it comes.
    received_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC), compare=False)

    @property
    def order(self) -> tuple[dt.datetime, dt.datetime]:
        """Of two submissions of a learner, the one with the greater order is the newer: saved later, or saved at
        the same time and received later."""
        return self.submitted_at, self.received_at

    @property
    def answers(self) -> tuple[ScoredAnswer, ...]:
        return tuple(
            ScoredAnswer(scenario.scenario_id, scenario.scenario_version, *answer)
            for scenario in self.scenarios
            for answer in scenario.answers
        )


def by_scenario(answers: Iterable[ScoredAnswer]) -> tuple[ScenarioAnswers, ...]:
    """Answers grouped as a :class:`GradedSubmission` holds them (answers of one scenario come together)."""
    return tuple(
        ScenarioAnswers(scenario_id, version, [_answered(answer) for answer in group])
        for (scenario_id, version), group in groupby(answers, key=itemgetter(0, 1))
    )


def _answered(answer: ScoredAnswer) -> Answered:
    return Answered(answer.step_id, answer.value, in_utc(answer.answered_at), *answer[5:])


def in_utc(stamp: dt.datetime) -> dt.datetime:
    """A time in UTC, as the gradebook keeps every time (one without an offset is taken to be in UTC);
    :class:`Refused` for one at the calendar's very ends, which no day in Kazakhstan or in UTC can hold."""
    try:
        utc = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)
    except OverflowError:
        utc = dt.datetime.min.replace(tzinfo=dt.UTC)
    if not 1 < utc.year < 9999:
        raise Refused(f"the time {stamp.isoformat()} is at the end of the calendar (hint: a real time is expected)")
    return utc


def percent(score: float, max_score: float) -> float:
    """A score as a percentage of the most it could be, as certificates and HR exports print it."""
    return round(100 * score / max_score, 1) if max_score else 0.0


@dataclass(frozen=True)
class Rejection:
    source: str
    reason: str  # one line: what is wrong and, where it helps, what to do

    def __post_init__(self) -> None:
        # Kept in the gradebook and shown in every report: never more than a line, whatever a file held.
        object.__setattr__(self, "reason", excerpt(self.reason, REASON_CHARS))


def passed(score: float, max_score: float, pass_mark: float | None, pending: int) -> bool | None:
    """The course's pass rule, the one place it is written: a score (rounded to 4 places, as recorded) of at
    least ``pass_mark`` percent of the maximum passes; undecided (None) while answers wait for review, or for a
    course without a pass mark."""
    if pending or pass_mark is None:
        return None
    return round(score, 4) >= max_score * pass_mark / 100

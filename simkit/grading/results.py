"""What grading produces: each submission's scored answers, or the reason it was rejected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple


class ScoredAnswer(NamedTuple):  # a tuple: a batch makes hundreds of thousands of them
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
    submitted_at: dt.datetime
    answers: tuple[ScoredAnswer, ...]
    score: float  # points earned, reviews pending counting as 0
    max_score: float  # the total of each scenario's best path
    pending_review: int  # free-text answers waiting for a trainer
    passed: bool | None  # None while reviews are pending and could change the verdict
    acknowledged_on: dt.date | None  # the written acknowledgement of the Code (code:5, code:6)
    finished: tuple[str, ...]  # scenarios played to their end


@dataclass(frozen=True)
class Rejection:
    source: str
    reason: str  # one line: what is wrong and, where it helps, what to do

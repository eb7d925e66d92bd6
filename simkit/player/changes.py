"""The changes a learner makes to a submission, as pure functions of it: the player applies them to its file, the
grading service to its row in the gradebook, so both accept exactly the same answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simkit.law.clock import legal_today
from simkit.player.session import walk
from simkit.scenarios import AnswerError, check_answer, model
from simkit.scenarios.paper import Paper
from simkit.submissions import Acknowledgement, Answer, ScenarioAnswers, Submission, now


class NotWaiting(AnswerError):
    """An answer to a question the scenario is not waiting for (answered already, or off the learner's way)."""


def fresh_submission(course: model.Course, learner: str) -> Submission:
    stamp = now()
    return Submission(
        learner=learner,
        course=course.id,
        course_version=course.version,
        mode=course.mode,
        created_at=stamp,
        updated_at=stamp,
    )


def scenario_record(submission: Submission, paper: Paper, started_at: dt.datetime) -> ScenarioAnswers:
    """The scenario's answers at the paper's version; answers to an earlier version are kept, not dropped."""
    record = submission.scenarios.get(paper.id)
    if record is not None and record.version == paper.version:
        return record
    if record is not None:
        submission.superseded.append(record)
    record = ScenarioAnswers(id=paper.id, version=paper.version, started_at=started_at)
    submission.scenarios[paper.id] = record
    return record


def add_answer(
    submission: Submission, paper: Paper, started_at: dt.datetime, step_id: str, value: Any
) -> ScenarioAnswers:
    """Add one answer to the question the scenario is waiting for, as the question takes it; refuse any other."""
    record = scenario_record(submission, paper, started_at)
    current = walk(paper, record).current
    if current is None or current.id != step_id:
        raise NotWaiting("this question was answered in another window; reopen the case to continue")
    record.answers.append(Answer(step=step_id, value=check_answer(current, value), at=now()))
    if walk(paper, record).finished:
        record.finished_at = now()
    return record


def add_acknowledgement(submission: Submission, today: dt.date | None = None) -> Acknowledgement:
    """The written acknowledgement of the Code (code:5, code:6) dated by the day in Kazakhstan (note ``legal-day``);
    the first one stays."""
    if submission.acknowledgement is None:
        signed_on = today or legal_today()
        submission.acknowledgement = Acknowledgement(confirmed=True, signed_on=signed_on, at=now())
    return submission.acknowledgement

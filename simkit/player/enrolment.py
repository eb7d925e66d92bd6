"""A learner in a course: the released bundle, the submission file, and a session per scenario.

Every change is a read-modify-write of the file under a lock: two windows on the same course (or a page served
by a kernel that started before the last answers) never overwrite each other's answers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, TypeVar

from simkit.player.session import Marker, ScenarioSession, walk
from simkit.scenarios import AnswerError
from simkit.scenarios.paper import Paper
from simkit.scenarios.release import Bundle
from simkit.scenarios.variants import make_variant
from simkit.submissions import (
    Acknowledgement,
    Answer,
    AnswerValue,
    ScenarioAnswers,
    Submission,
    normalise_learner_id,
    now,
    read_submission,
    submission_path,
    write_submission,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; one window per learner is then the rule
    fcntl = None  # type: ignore[assignment]

Status = Literal["not_started", "in_progress", "done"]
Result = TypeVar("Result")


class Enrolment:
    """Opening it reads the learner's submission (never overwriting a damaged one); every change is saved at once."""

    def __init__(self, bundle: Bundle, learner: str, root: Path | None = None) -> None:
        self.bundle, self.learner = bundle, normalise_learner_id(learner)
        self.path = submission_path(bundle.course.id, self.learner, root)
        self.submission = self._read() or self._fresh()

    def _read(self) -> Submission | None:
        if not self.path.exists():
            return None
        submission = read_submission(self.path)
        if submission.learner != self.learner or submission.course != self.bundle.course.id:
            raise ValueError(
                f"{self.path}: belongs to {submission.learner!r} in {submission.course!r} "
                "(hint: the file is kept; move it aside to start afresh)"
            )
        return submission

    def _fresh(self) -> Submission:
        course, stamp = self.bundle.course, now()
        return Submission(
            learner=self.learner,
            course=course.id,
            course_version=course.version,
            mode=course.mode,
            created_at=stamp,
            updated_at=stamp,
        )

    def refresh(self) -> None:
        """Read what other windows may have saved since."""
        self.submission = self._read() or self.submission

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{self.path.name}.lock"), "a") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def change(self, apply: Callable[[Submission], Result]) -> Result:
        """Apply a change to the submission as it is on disk now, and save it before returning."""
        with self._locked():
            submission = self._read() or self._fresh()
            result = apply(submission)
            submission.updated_at = now()
            write_submission(self.path, submission)
            self.submission = submission
        return result

    def status(self, scenario_id: str) -> Status:
        record = self.submission.scenarios.get(scenario_id)
        if record is None or record.version != self.bundle.papers[scenario_id].version:
            return "not_started"
        return "done" if record.finished_at else "in_progress"

    def _record(self, submission: Submission, paper: Paper, started_at: dt.datetime) -> ScenarioAnswers:
        record = submission.scenarios.get(paper.id)
        if record is not None and record.version == paper.version:
            return record
        if record is not None:
            submission.superseded.append(record)  # answers to an earlier version are kept, not dropped
        record = ScenarioAnswers(id=paper.id, version=paper.version, started_at=started_at)
        submission.scenarios[paper.id] = record
        return record

    def commit(self, paper: Paper, started_at: dt.datetime, step_id: str, value: AnswerValue) -> ScenarioAnswers:
        """Save one answer to the question the scenario is waiting for on disk; refuse any other."""

        def apply(submission: Submission) -> ScenarioAnswers:
            record = self._record(submission, paper, started_at)
            current = walk(paper, record).current
            if current is None or current.id != step_id:
                raise AnswerError("this question was answered in another window; reopen the case to continue")
            record.answers.append(Answer(step=step_id, value=value, at=now()))
            if walk(paper, record).finished:
                record.finished_at = now()
            return record

        return self.change(apply)

    def open(self, scenario_id: str) -> ScenarioSession:
        """The scenario's session, resumed from the file; a record of another version starts afresh."""
        self.refresh()
        paper = self.bundle.papers[scenario_id]
        record = self.submission.scenarios.get(scenario_id)
        if record is None or record.version != paper.version:
            record = ScenarioAnswers(id=paper.id, version=paper.version, started_at=now())
        started_at = record.started_at
        variant = make_variant(paper, self.bundle.course.seed, self.learner)
        scenario = self.bundle.scenarios.get(scenario_id)
        marker = Marker(scenario, variant) if scenario is not None else None
        return ScenarioSession(
            paper, variant, record, lambda step_id, value: self.commit(paper, started_at, step_id, value), marker
        )

    @property
    def all_done(self) -> bool:
        return all(self.status(scenario_id) == "done" for scenario_id in self.bundle.course.scenarios)

    @property
    def needs_acknowledgement(self) -> bool:
        return self.bundle.course.acknowledgement and self.submission.acknowledgement is None

    def acknowledge(self, today: dt.date | None = None) -> Acknowledgement:
        """Record the written acknowledgement of the Code (code:5, code:6) with today's date; the first one stays."""

        def apply(submission: Submission) -> Acknowledgement:
            if submission.acknowledgement is None:
                signed_on = today or dt.date.today()
                submission.acknowledgement = Acknowledgement(confirmed=True, signed_on=signed_on, at=now())
            return submission.acknowledgement

        return self.change(apply)

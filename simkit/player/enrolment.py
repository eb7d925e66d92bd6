"""A learner in a course: the released bundle, the submission file, and a session per scenario."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from simkit.player.session import Marker, ScenarioSession
from simkit.player.submission import (
    Acknowledgement,
    ScenarioAnswers,
    Submission,
    check_learner_id,
    now,
    read_submission,
    submission_path,
    write_submission,
)
from simkit.scenarios.release import Bundle
from simkit.scenarios.variants import make_variant

Status = Literal["not_started", "in_progress", "done"]


class Enrolment:
    """Opening it reads the learner's submission (never overwriting a damaged one); every change is saved at once."""

    def __init__(self, bundle: Bundle, learner: str, root: Path | None = None) -> None:
        self.bundle, self.learner = bundle, check_learner_id(learner)
        self.path = submission_path(bundle.course.id, learner, root)
        self.submission = read_submission(self.path) if self.path.exists() else self._fresh()
        if self.submission.learner != learner or self.submission.course != bundle.course.id:
            raise ValueError(
                f"{self.path}: belongs to {self.submission.learner!r} in {self.submission.course!r} "
                "(hint: the file is kept; move it aside to start afresh)"
            )

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

    def save(self) -> None:
        self.submission.updated_at = now()
        write_submission(self.path, self.submission)

    def status(self, scenario_id: str) -> Status:
        record = self.submission.scenarios.get(scenario_id)
        if record is None or record.version != self.bundle.papers[scenario_id].version:
            return "not_started"
        return "done" if record.finished_at else "in_progress"

    def open(self, scenario_id: str) -> ScenarioSession:
        """The scenario's session, resumed from the submission; a record of another version starts afresh."""
        paper = self.bundle.papers[scenario_id]
        record = self.submission.scenarios.get(scenario_id)
        if record is None or record.version != paper.version:
            if record is not None:
                self.submission.superseded.append(record)
            record = ScenarioAnswers(id=paper.id, version=paper.version, started_at=now())
            self.submission.scenarios[scenario_id] = record
        variant = make_variant(paper, self.bundle.course.seed, self.learner)
        scenario = self.bundle.scenarios.get(scenario_id)
        marker = Marker(scenario, variant) if scenario is not None else None
        return ScenarioSession(paper, variant, record, self.save, marker)

    @property
    def all_done(self) -> bool:
        return all(self.status(scenario_id) == "done" for scenario_id in self.bundle.course.scenarios)

    @property
    def needs_acknowledgement(self) -> bool:
        return self.bundle.course.acknowledgement and self.submission.acknowledgement is None

    def acknowledge(self, today: dt.date | None = None) -> Acknowledgement:
        """Record the written acknowledgement of the Code (code:5, code:6) with today's date."""
        stamp = now()
        self.submission.acknowledgement = Acknowledgement(confirmed=True, signed_on=today or dt.date.today(), at=stamp)
        self.save()
        return self.submission.acknowledgement

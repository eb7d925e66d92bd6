"""A learner in a course: the released bundle, the submission (in a file or in the grading service), and a
session per scenario.

Every change is applied to the submission as it is saved now (a file read under a lock, or the service's row
locked in a transaction): two windows on the same course never overwrite each other's answers. The changes
themselves (simkit.player.changes) are the same functions wherever it is saved, so the
grading service accepts exactly what the player does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from simkit.player.changes import fresh_submission
from simkit.player.session import Marker, ScenarioSession
from simkit.player.store import FileStore, SubmissionStore
from simkit.scenarios.paper import Paper
from simkit.scenarios.release import Bundle
from simkit.scenarios.variants import make_variant
from simkit.submissions import Acknowledgement, ScenarioAnswers, normalise_learner_id, now

Status = Literal["not_started", "in_progress", "done"]


class Enrolment:
    """Opening it reads the learner's submission (never overwriting a damaged one); every change is saved at once,
    in the submission file or, given a service store, in the gradebook through the grading service."""

    def __init__(
        self, bundle: Bundle, learner: str, root: Path | None = None, store: SubmissionStore | None = None
    ) -> None:
        self.bundle, self.learner = bundle, normalise_learner_id(learner)
        self.store = store or FileStore(bundle.course.id, self.learner, root)
        self.submission = self.store.load() or fresh_submission(bundle.course, self.learner)

    @property
    def path(self) -> Path:
        """The submission file (file store only)."""
        assert isinstance(self.store, FileStore)
        return self.store.path

    def refresh(self) -> None:
        """Read what other windows may have saved since."""
        self.submission = self.store.load() or self.submission

    def status(self, scenario_id: str) -> Status:
        record = self.submission.scenarios.get(scenario_id)
        if record is None or record.version != self.bundle.papers[scenario_id].version:
            return "not_started"
        return "done" if record.finished_at else "in_progress"

    def commit(self, paper: Paper, started_at: dt.datetime, step_id: str, value: Any) -> ScenarioAnswers:
        """Save one answer to the question the scenario is waiting for; refuse any other. Returns once it is saved
        (:class:`simkit.player.store.SaveFailed` if it could not be)."""
        self.submission = self.store.answer(self.bundle.course, paper, started_at, step_id, value)
        return self.submission.scenarios[paper.id]

    def open(self, scenario_id: str) -> ScenarioSession:
        """The scenario's session, resumed from the saved submission; a record of another version starts afresh."""
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
        """Record the written acknowledgement of the Code (code:5, code:6) with today's date; the first one stays.
        The service dates it by its own clock."""
        self.submission = self.store.acknowledge(self.bundle.course, today)
        assert self.submission.acknowledgement is not None
        return self.submission.acknowledgement

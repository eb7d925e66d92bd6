"""The compliance report: the roster joined with the gradebook, each learner's two statuses, and the counts per
status and per organisation."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Engine

from simkit.compliance.roster import Roster, RosterEntry, read_roster

if TYPE_CHECKING:
    from simkit.compliance.register import Mapping
from simkit.compliance.status import (
    Onboarding,
    OnboardingStatus,
    Training,
    TrainingStatus,
    onboarding_status,
    training_status,
)
from simkit.gradebook.compliance import GradebookRecords, gradebook_records
from simkit.memory import collector_paused

Progress = Callable[[int, int], None]  # (learners done, learners in all)
PROGRESS_EVERY = 5_000


class LearnerCompliance(NamedTuple):
    entry: RosterEntry
    onboarding: OnboardingStatus
    acknowledged_from: str  # "roster", "gradebook", or "" when none counts
    training: TrainingStatus
    trained_from: str  # "roster", "gradebook", or "" when never trained


@dataclass
class Tally:
    """Counts of one organisation (or of all)."""

    name: str
    learners: int = 0
    onboarding: Counter[Onboarding] = field(default_factory=Counter)
    training: Counter[Training] = field(default_factory=Counter)
    never_trained: int = 0  # administrative servants with no advanced training known: counted from entry

    def add(self, onboarding: Onboarding, training: Training, never_trained: bool, count: int = 1) -> None:
        self.learners += count
        self.onboarding[onboarding] += count
        self.training[training] += count
        self.never_trained += count if never_trained else 0

    def overdue(self) -> int:
        return self.onboarding[Onboarding.OVERDUE] + self.training[Training.OVERDUE]

    def attention(self) -> int:
        """Learners' statuses that need HR to act soon or to check, short of overdue."""
        return (
            self.onboarding[Onboarding.LATE]
            + self.onboarding[Onboarding.BEFORE_ENTRY]
            + self.training[Training.DUE_SOON]
        )


@dataclass
class ComplianceReport:
    roster: Roster
    as_of: dt.date
    due_within: int
    learners: list[LearnerCompliance]

    @cached_property
    def _kinds(self) -> Counter[tuple[str, Onboarding, Training, bool]]:
        """Learners counted by organisation and statuses, in one pass: every tally is made from these few."""
        return Counter(
            (
                learner.entry.organisation,
                learner.onboarding.state,
                learner.training.state,
                learner.training.counted_from == "entry" and learner.training.last_training is None,
            )
            for learner in self.learners
        )

    def totals(self) -> Tally:
        total = Tally("all")
        for (_organisation, onboarding, training, never_trained), count in self._kinds.items():
            total.add(onboarding, training, never_trained, count=count)
        return total

    @cached_property
    def _organisations(self) -> list[Tally]:
        tallies: dict[str, Tally] = {}
        for (organisation, onboarding, training, never_trained), count in self._kinds.items():
            tally = tallies.get(organisation)
            if tally is None:
                tally = tallies[organisation] = Tally(organisation)
            tally.add(onboarding, training, never_trained, count=count)
        return sorted(tallies.values(), key=lambda t: (-t.overdue(), -t.attention(), -t.learners, t.name))

    def organisations(self) -> list[Tally]:
        """Per organisation, those with the most overdue first, then the most needing attention, the largest."""
        return list(self._organisations)


def _source(counted: dt.date | None, from_roster: dt.date | None) -> str:
    if counted is None:
        return ""
    return "roster" if counted == from_roster else "gradebook"


def _signed_source(counted: dt.date | None, from_roster: tuple[dt.date, ...]) -> str:
    if counted is None:
        return ""
    return "roster" if counted in from_roster else "gradebook"


def assess(entry: RosterEntry, records: GradebookRecords, as_of: dt.date, due_within: int) -> LearnerCompliance:
    """One learner: the roster's own dates and the gradebook's, whichever counts. Both rhythms are of the latest
    entry (interpretation note reentry-onboarding); the history (simkit.compliance.history) shows the earlier."""
    signed = records.acknowledgements.get(entry.learner, ())
    if entry.acknowledged_on is not None:
        signed = [*signed, *entry.acknowledgements]
    onboarding = onboarding_status(entry=entry.entry_date, as_of=as_of, acknowledgements=signed)
    trained = records.last_training.get(entry.learner)
    trainings = [day for day in (entry.last_training, trained) if day is not None]
    training = training_status(
        entry=entry.entry_date, as_of=as_of, trainings=trainings, due_within=due_within, corps=entry.corps
    )
    return LearnerCompliance(
        entry,
        onboarding,
        _signed_source(onboarding.acknowledged_on, entry.acknowledgements),
        training,
        _source(training.last_training, entry.last_training),
    )


def assess_roster(
    roster: Roster, records: GradebookRecords, as_of: dt.date, due_within: int, progress: Progress | None = None
) -> ComplianceReport:
    if due_within < 0:
        raise ValueError(f"--due-within cannot be negative (got {due_within})")
    learners, total = [], len(roster.entries)
    for number, entry in enumerate(roster.entries, 1):
        learners.append(assess(entry, records, as_of, due_within))
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == total):
            progress(number, total)
    return ComplianceReport(roster, as_of, due_within, learners)


def compliance_report(
    roster: Path | str,
    engine: Engine,
    *,
    as_of: dt.date,
    due_within: int = 90,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> ComplianceReport:
    """Read the roster, read the gradebook once, and assess every learner as of ``as_of``."""
    if due_within < 0:
        raise ValueError(f"--due-within cannot be negative (got {due_within})")
    with collector_paused():  # a hundred thousand learners' tuples, none in a cycle: nothing to collect
        read = read_roster(roster, as_of, mapping)
        return assess_roster(read, gradebook_records(engine, as_of), as_of, due_within, progress)

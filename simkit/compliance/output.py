"""The report as CSV: one row per learner with both statuses, their deadlines and provisions, and the roster's bad
rows beside it. Written as the HR export is (simkit.exports.hr_csv): UTF-8 with a byte-order mark for Excel; the
line numbers, days and day counts are typed cells, and every other cell is text, defused when it starts like a
spreadsheet formula (simkit.csvfile); the delimiter is the roster's own, so a file that came from an Excel
with Russian settings (``;``) goes back to it. Both files are written whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simkit.compliance.report import ComplianceReport, LearnerCompliance
from simkit.compliance.roster import RosterProblem
from simkit.csvfile import csv_text
from simkit.files import atomic_write_text

COLUMNS = (
    "line",
    "learner",
    "name",
    "organisation",
    "corps",
    "entry_date",
    "onboarding_status",
    "onboarding_deadline",
    "acknowledged_on",
    "acknowledged_from",
    "onboarding_basis",
    "training_status",
    "training_due",
    "days_to_training_due",
    "last_advanced_training",
    "last_training_from",
    "training_counted_from",
    "training_basis",
)
PROBLEM_COLUMNS = ("line", "learner", "problem")


def _row(learner: LearnerCompliance) -> tuple[object, ...]:
    """None is an empty cell, a date its ISO form."""
    entry, onboarding, training = learner.entry, learner.onboarding, learner.training
    return (
        entry.line,
        entry.learner,
        entry.name,
        entry.organisation,
        entry.corps,
        entry.entry_date,
        onboarding.state.value,
        onboarding.deadline,
        onboarding.acknowledged_on,
        learner.acknowledged_from,
        " ".join(onboarding.basis),
        training.state.value,
        training.due,
        training.days_left,
        training.last_training,
        learner.trained_from,
        training.counted_from,
        " ".join(training.basis),
    )


def learners_csv(report: ComplianceReport) -> str:
    return csv_text(COLUMNS, map(_row, report.learners), report.roster.delimiter, bom=True)


def problems_csv(problems: Sequence[RosterProblem], delimiter: str = ",") -> str:
    rows = ((problem.line, problem.learner, problem.reason) for problem in problems)
    return csv_text(PROBLEM_COLUMNS, rows, delimiter, bom=True)


def problems_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-problems{out.suffix or '.csv'}")


def write_report(report: ComplianceReport, out: Path) -> list[Path]:
    """The learners to ``out`` and, when the roster had bad rows, those to ``<name>-problems.csv`` beside it (an
    old problems file is replaced by an empty one, never left to mislead)."""
    atomic_write_text(out, learners_csv(report))
    written = [out]
    problems = problems_path(out)
    if report.roster.problems or problems.exists():
        atomic_write_text(problems, problems_csv(report.roster.problems, report.roster.delimiter))
        written.append(problems)
    return written

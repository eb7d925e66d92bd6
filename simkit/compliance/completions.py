"""Who completed what, for the HR register to import back: one row per completion in the gradebook of a learner
the register lists, under the register's own names for the id and name columns. CSV through simkit.csvfile (text
defused, days as days) or an XLSX workbook (simkit.compliance.sheets: text never a formula), by the file's suffix;
written whole or not at all."""

from __future__ import annotations

from collections.abc import Mapping as Lookup
from collections.abc import Sequence
from pathlib import Path

from simkit import law
from simkit.compliance.register import Mapping
from simkit.compliance.roster import Roster
from simkit.compliance.sheets import is_workbook, write_workbook
from simkit.compliance.status import ONBOARDING_BASIS, TRAINING_BASIS
from simkit.csvfile import csv_text
from simkit.files import atomic_write_text
from simkit.gradebook.codes import shown
from simkit.gradebook.history import Completed

# The provisions each rhythm's course fulfils: simkit.law's references of the rhythm's period.
BASIS = {"onboarding": " ".join(ONBOARDING_BASIS), "advanced_training": " ".join(TRAINING_BASIS)}
COLUMNS = ("course", "course_version", "rhythm", "completed_on", "certificate", "basis", "next_due")


def header(mapping: Mapping | None) -> tuple[str, ...]:
    """The register's own names for the learner and the name, so its import finds them."""
    if mapping is None:
        return ("learner", "name", *COLUMNS)
    name = mapping.columns.name[0] if mapping.columns.name and len(mapping.columns.name) == 1 else "name"
    return (mapping.columns.learner, name, *COLUMNS)


def completion_rows(roster: Roster, done: Lookup[str, Sequence[Completed]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for entry in roster.entries:
        for completed in done.get(entry.learner, ()):
            next_due = law.training_due(completed.day) if completed.rhythm == "advanced_training" else None
            code = shown(completed.certificate) if completed.certificate else None
            rows.append(
                (entry.learner, entry.name, completed.course_id, completed.course_version, completed.rhythm,
                 completed.day, code, BASIS.get(completed.rhythm, ""), next_due)
            )  # fmt: skip
    return rows


def write_completions(out: Path, columns: Sequence[str], rows: Sequence[Sequence[object]], delimiter: str) -> Path:
    if is_workbook(out):
        return write_workbook(out, "completions", columns, rows)
    atomic_write_text(out, csv_text(columns, rows, delimiter, bom=True))
    return out

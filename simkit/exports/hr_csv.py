"""The course's results for HR systems: one CSV row per learner's current attempt.

UTF-8 with a byte-order mark, so that Excel shows Cyrillic and Kazakh names right when the file is opened by a
double click (importers read the mark as UTF-8 too); comma-separated by default, or ``;`` for an Excel set to
Russian or Kazakh regional settings, which splits columns at semicolons. Times are UTC, written
``YYYY-MM-DD HH:MM:SS`` (Excel reads that as a date and time); days ``YYYY-MM-DD``; scores with a decimal point.
The times, days, version, scores and counts are typed cells; every other cell is text, and one that starts like a
spreadsheet formula gets a leading apostrophe, so opening the file cannot run it (simkit.csvfile).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from simkit.csvfile import BOM, Number, csv_text
from simkit.gradebook.codes import shown
from simkit.gradebook.exports import current_results
from simkit.gradebook.results import percent

COLUMNS = (
    "learner",
    "name",
    "organisation",
    "course",
    "version",
    "submitted_at_utc",
    "graded_at_utc",
    "score",
    "max_score",
    "percent",
    "passed",
    "pending_reviews",
    "acknowledged_on",
    "certificate",
)
PASSED = {True: "yes", False: "no", None: ""}  # empty while free-text answers await review
DELIMITERS = (",", ";", "\t")

__all__ = ["BOM", "COLUMNS", "results_csv"]


def _row(result: dict[str, Any]) -> tuple[object, ...]:
    return (
        result["learner_id"],
        result["name"],
        result["organisation"],
        result["course_id"],
        result["course_version"],
        result["submitted_at"],
        result["graded_at"],
        Number(result["score"]),
        Number(result["max_score"]),
        Number(percent(result["score"], result["max_score"])),
        PASSED[result["passed"]],
        result["pending_review"],
        result["signed_on"],
        shown(result["certificate"]) if result["certificate"] else None,
    )


def results_csv(engine: Engine, course_id: str, delimiter: str = ",") -> tuple[str, int]:
    """The CSV text (without the byte-order mark) and its number of rows."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter {delimiter!r} is not one of , ; or a tab (hint: --delimiter ';' for Excel)")
    rows = [_row(result) for result in current_results(engine, course_id)]
    return csv_text(COLUMNS, rows, delimiter), len(rows)

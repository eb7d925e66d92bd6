"""The course's results for HR systems: one CSV row per learner's current attempt.

UTF-8 with a byte-order mark, so that Excel shows Cyrillic and Kazakh names right when the file is opened by a
double click (importers read the mark as UTF-8 too); comma-separated by default, or ``;`` for an Excel set to
Russian or Kazakh regional settings, which splits columns at semicolons. Times are UTC, written
``YYYY-MM-DD HH:MM:SS`` (Excel reads that as a date and time); days ``YYYY-MM-DD``; scores with a decimal point.
A name or organisation from the roster that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) gets a
leading apostrophe, so opening the file cannot run it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from sqlalchemy import Engine

from simkit.certificates.codes import shown
from simkit.certificates.model import percent
from simkit.gradebook.exports import current_results

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
BOM = "\ufeff"
PASSED = {True: "yes", False: "no", None: ""}  # empty while free-text answers await review
DELIMITERS = (",", ";", "\t")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if not value:
        return ""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _utc(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _row(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "learner": result["learner_id"],
        "name": _text(result["name"]),
        "organisation": _text(result["organisation"]),
        "course": result["course_id"],
        "version": result["course_version"],
        "submitted_at_utc": _utc(result["submitted_at"]),
        "graded_at_utc": _utc(result["graded_at"]),
        "score": f"{result['score']:g}",
        "max_score": f"{result['max_score']:g}",
        "percent": f"{percent(result['score'], result['max_score']):g}",
        "passed": PASSED[result["passed"]],
        "pending_reviews": result["pending_review"],
        "acknowledged_on": result["signed_on"].isoformat() if result["signed_on"] else "",
        "certificate": shown(result["certificate"]) if result["certificate"] else "",
    }


def results_csv(engine: Engine, course_id: str, delimiter: str = ",") -> tuple[str, int]:
    """The CSV text (without the byte-order mark) and its number of rows."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter {delimiter!r} is not one of , ; or a tab (hint: --delimiter ';' for Excel)")
    rows = [_row(result) for result in current_results(engine, course_id)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, delimiter=delimiter, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue(), len(rows)

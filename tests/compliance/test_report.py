"""The compliance report joins the roster with the gradebook: the acknowledgements and advanced-training records
grading made, up to the report day, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from simkit.compliance import compliance_report, read_roster
from simkit.compliance.chart import SHOWN, bars, write_chart
from simkit.compliance.output import COLUMNS, learners_csv, write_report
from simkit.compliance.report import assess_roster
from simkit.gradebook.book import Gradebook
from simkit.gradebook.compliance import GradebookRecords, import_roster
from simkit.gradebook.db import connect
from simkit.gradebook.tables import learners
from simkit.scenarios.library import load_library
from tests.grading.test_gradebook import graded_submission

AS_OF = dt.date(2026, 6, 1)
HEADER = "learner,name,organisation,entry_date,last_advanced_training,corps,acknowledged_on"


def at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=dt.UTC)


@pytest.fixture
def engine(gradebook_url: str) -> Iterator[Engine]:
    """What grading recorded: acknowledgements of the Code from the onboarding course, and passed attempts at
    both courses (only advanced-training's count for law:34.2)."""
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    library = load_library().courses
    book.add_course(library["onboarding"][1])
    book.add_course(library["advanced-training"][1])
    onboarding = [
        graded_submission("ann", acknowledged_on=dt.date(2026, 3, 3), submitted_at=at("2026-03-03")),
        graded_submission("bek", acknowledged_on=dt.date(2026, 3, 10), submitted_at=at("2026-03-10")),
        graded_submission("cem", submitted_at=at("2026-03-04")),  # passed, no acknowledgement given
        graded_submission("eve", submitted_at=at("2026-03-04")),  # an onboarding record: not advanced training
    ]
    training = [
        graded_submission("ann", course="advanced-training", submitted_at=at("2026-04-20")),
        graded_submission("bek", course="advanced-training", right=0.2, submitted_at=at("2025-05-10")),  # failed
        graded_submission("dan", course="advanced-training", submitted_at=at("2026-07-01")),  # after the report
    ]
    book.record(book.begin_batch("grade onboarding"), onboarding)
    book.record(book.begin_batch("grade advanced-training"), training)
    yield engine
    engine.dispose()


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_each_learner_is_assessed_from_the_roster_and_the_gradebook(engine: Engine, tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "ann,Анна,Акимат,2026-03-02,2024-01-01,B,",
        "bek,Бек,Акимат,2026-03-02,,B,",
        "cem,Джем,Акимат,2026-03-02,,B,2026-03-03",
        "dan,Дан,Министерство,2020-01-06,,A,",
        "eve,Ева,Министерство,2022-01-10,2023-01-10,B,",
        "fay,Фая,Министерство,2026-05-28,,,",
    )
    report = compliance_report(roster, engine, as_of=AS_OF, due_within=90)
    found = {
        learner.entry.learner: (
            learner.onboarding.state,
            learner.acknowledged_from,
            learner.training.state,
            learner.training.due,
            learner.trained_from,
        )
        for learner in report.learners
    }
    assert found == {
        # the gradebook's training (2026-04-20) is later than the roster's: three years from it
        "ann": ("in_time", "gradebook", "ok", dt.date(2029, 4, 20), "gradebook"),
        # acknowledged after the deadline of 5 March; a failed attempt is no training: counted from entry
        "bek": ("late", "gradebook", "ok", dt.date(2029, 3, 2), ""),
        # the paper sheet HR recorded in the roster
        "cem": ("in_time", "roster", "ok", dt.date(2029, 3, 2), ""),
        # a training recorded after the report day does not count yet
        "dan": ("overdue", "", "overdue", dt.date(2023, 1, 6), ""),
        # an onboarding record is not advanced training: the roster's date counts
        "eve": ("overdue", "", "overdue", dt.date(2026, 1, 10), "roster"),
        # not in the gradebook at all: still within the three working days
        "fay": ("pending", "", "ok", dt.date(2029, 5, 28), ""),
    }
    assert report.learners[0].onboarding.deadline == dt.date(2026, 3, 5)


def test_a_report_as_of_an_earlier_day_shows_what_was_known_then(engine: Engine, tmp_path: Path) -> None:
    roster = write(tmp_path, "ann,Анна,Акимат,2026-03-02,,B,", "bek,Бек,Акимат,2026-03-02,,B,")
    report = compliance_report(roster, engine, as_of=dt.date(2026, 3, 6), due_within=90)
    assert [learner.onboarding.state for learner in report.learners] == ["in_time", "overdue"]


def test_organisations_with_the_most_overdue_come_first(tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "a1,,Большой орган,2026-05-28,,B,",
        "a2,,Большой орган,2026-05-28,,B,",
        "a3,,Большой орган,2026-05-28,,B,",
        "b1,,Малый орган,2019-01-10,,B,",
        "c1,,Средний орган,2026-05-28,,B,",
        "c2,,Средний орган,2022-01-10,2023-06-20,B,2022-01-11",
    )
    report = assess_roster(read_roster(roster, AS_OF), GradebookRecords(), AS_OF, 90)
    tallies = report.organisations()
    assert [tally.name for tally in tallies] == ["Малый орган", "Средний орган", "Большой орган"]
    assert (tallies[0].overdue(), tallies[1].attention(), tallies[2].learners) == (2, 1, 3)
    totals = report.totals()
    assert (totals.learners, totals.never_trained, totals.onboarding["pending"]) == (6, 5, 4)


def rows_of(text: str, delimiter: str = ",") -> list[dict[str, Any]]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to show Cyrillic"
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def test_the_csv_has_a_row_per_learner_with_statuses_deadlines_and_provisions(tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "ann,=HYPERLINK(1),Акимат,2026-03-02,,political,2026-03-03",
        "bek,Бек,+Министерство,2020-01-06,2022-02-01,,",
    )
    report = assess_roster(read_roster(roster, AS_OF), GradebookRecords(), AS_OF, 90)
    text = learners_csv(report)
    assert text.splitlines()[0] == "\ufeff" + ",".join(COLUMNS)
    ann, bek = rows_of(text)
    assert ann["name"] == "'=HYPERLINK(1)" and bek["organisation"] == "'+Министерство"
    assert (ann["onboarding_status"], ann["onboarding_deadline"], ann["acknowledged_on"]) == (
        "in_time",
        "2026-03-05",
        "2026-03-03",
    )
    assert (ann["training_status"], ann["training_due"], ann["training_basis"]) == (
        "not_required",
        "",
        "law:34.2 law:1.16",
    )
    assert (bek["onboarding_status"], bek["onboarding_basis"], bek["acknowledged_on"]) == ("overdue", "code:5", "")
    assert (bek["training_due"], bek["days_to_training_due"], bek["training_counted_from"]) == (
        "2025-02-01",
        "-485",
        "training",
    )
    assert (bek["training_status"], bek["last_training_from"], bek["line"]) == ("overdue", "roster", "3")


def test_the_csv_keeps_the_rosters_delimiter(tmp_path: Path) -> None:
    roster = write(tmp_path, "ann;Анна;Акимат;2026-03-02", header="learner;name;organisation;entry_date")
    report = assess_roster(read_roster(roster, AS_OF), GradebookRecords(), AS_OF, 90)
    (ann,) = rows_of(learners_csv(report), ";")
    assert ann["learner"] == "ann" and ann["corps"] == ""


def test_bad_rows_go_to_a_problems_file_beside_the_csv_and_a_clean_rerun_empties_it(tmp_path: Path) -> None:
    out = tmp_path / "out" / "compliance.csv"
    bad = write(tmp_path, "ann,Анна,Акимат,2026-03-02,,B,", "ann,Анна,Акимат,2026-03-02,,B,")
    written = write_report(assess_roster(read_roster(bad, AS_OF), GradebookRecords(), AS_OF, 90), out)
    problems = out.with_name("compliance-problems.csv")
    assert written == [out, problems]
    assert rows_of(problems.read_text("utf-8")) == [
        {"line": "3", "learner": "ann", "problem": "learner 'ann' again (first on line 2): this row left out"}
    ]
    clean = write(tmp_path, "ann,Анна,Акимат,2026-03-02,,B,")
    write_report(assess_roster(read_roster(clean, AS_OF), GradebookRecords(), AS_OF, 90), out)
    assert rows_of(problems.read_text("utf-8")) == []
    assert [row["learner"] for row in rows_of(out.read_text("utf-8"))] == ["ann"]


def test_the_chart_draws_the_worst_organisations_and_merges_the_rest(tmp_path: Path) -> None:
    rows = [f"l{number},,Орган {number:02d},{'2019-01-10' if number < 3 else '2026-05-28'},,B," for number in range(30)]
    report = assess_roster(read_roster(write(tmp_path, *rows), AS_OF), GradebookRecords(), AS_OF, 90)
    drawn = bars(report, "en")
    assert len(drawn) == SHOWN + 1
    assert [tally.name for tally in drawn[:3]] == ["Орган 00", "Орган 01", "Орган 02"]
    assert (drawn[-1].name, drawn[-1].learners) == (f"{30 - SHOWN} other organisations", 30 - SHOWN)
    path = write_chart(report, tmp_path / "chart.png", "ru")
    assert path.read_bytes().startswith(b"\x89PNG")


def test_importing_the_roster_fills_the_gradebooks_learners_and_keeps_what_a_cell_leaves_empty(
    engine: Engine, tmp_path: Path
) -> None:
    first = read_roster(write(tmp_path, "ann,Анна Ким,Акимат,2026-03-02,,B,", "new,Нов,Акимат,2026-05-28,,,"), AS_OF)
    assert import_roster(engine, first.entries) == 2
    again = read_roster(write(tmp_path, "ann,,Министерство,2026-03-02,,,"), AS_OF)
    import_roster(engine, again.entries)
    with engine.connect() as connection:
        stored = {row.id: tuple(row)[1:] for row in connection.execute(select(learners))}
    assert stored["ann"] == ("Анна Ким", "Министерство", dt.date(2026, 3, 2), "B")
    assert stored["new"] == ("Нов", "Акимат", dt.date(2026, 5, 28), None)
    assert stored["cem"] == (None, None, None, None)  # a learner grading knows but the roster does not

"""`simkit roster` and the compliance notebook, as HR and ethics commissioners use them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.compliance import example_roster
from simkit.compliance.notebook import compliance
from simkit.gradebook.db import connect
from simkit.gradebook.tables import learners

runner = CliRunner()


def run(*arguments: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["roster", *arguments], env={"COLUMNS": "160"})


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gradebook.sqlite'}"


def test_the_example_roster_gives_the_csv_the_summary_the_bad_rows_and_the_chart(tmp_path: Path, database: str) -> None:
    out, chart = tmp_path / "report.csv", tmp_path / "chart.png"
    result = run(
        str(example_roster()), "--as-of", "2026-06-01", "--db", database, "--out", str(out), "--chart", str(chart)
    )
    assert result.exit_code == 0, result.output
    assert "10 learner(s) in 3 organisation(s); 6 bad row(s) left out" in result.output
    assert "не ознакомлен, срок истёк" in result.output  # the statuses in Russian by default
    assert "learner 'daniyar.k' again (first on line 3)" in result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 10 and {row["onboarding_status"] for row in rows} >= {"overdue", "late", "pending"}
    assert (tmp_path / "report-problems.csv").exists()
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_without_out_the_csv_is_named_after_the_roster_and_the_day_here(
    tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(example_roster()), "--as-of", "2026-06-01", "--db", database, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "written example_roster-compliance-2026-06-01.csv" in result.output
    assert "not acknowledged, overdue" in result.output
    assert (tmp_path / "example_roster-compliance-2026-06-01.csv").is_file()


def test_a_roster_without_the_required_columns_is_one_error_line(tmp_path: Path, database: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\nann,Анна\n", encoding="utf-8")
    result = run(str(roster), "--db", database, "--out", str(tmp_path / "out.csv"))
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert "missing required column(s) organisation, entry_date; found 'id', 'name'" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--as-of", "01.06.2026"], "YYYY-MM-DD"),
        (["--due-within", "-5"], "--due-within cannot be negative"),
        (["--lang", "de"], "unknown language 'de'"),
    ],
)
def test_bad_options_are_refused_with_what_to_write(database: str, options: list[str], message: str) -> None:
    result = run(str(example_roster()), "--db", database, *options)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_an_unwritable_output_is_one_error_line(tmp_path: Path, database: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run(str(example_roster()), "--as-of", "2026-06-01", "--db", database, "--out", str(blocker / "x.csv"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_import_stores_the_good_rows_in_the_gradebooks_learners(tmp_path: Path, database: str) -> None:
    result = run(str(example_roster()), "--as-of", "2026-06-01", "--db", database, "--out", str(tmp_path / "o.csv"))
    engine = connect(database)
    with engine.connect() as connection:
        assert connection.execute(select(learners)).all() == []  # reporting alone writes nothing
    result = run(
        str(example_roster()), "--as-of", "2026-06-01", "--db", database, "--out", str(tmp_path / "o.csv"), "--import"
    )
    assert result.exit_code == 0, result.output
    assert "stored 10 learner(s)" in result.output
    with engine.connect() as connection:
        stored = {row.id: (row.organisation, row.corps) for row in connection.execute(select(learners))}
    engine.dispose()
    assert len(stored) == 10 and stored["aliya.m"] == ("Акимат города Астаны", "political")


def test_the_notebook_shows_the_summary_the_bad_rows_and_the_chart(tmp_path: Path, database: str) -> None:
    shown = compliance(example_roster(), as_of="2026-06-01", due_within=90, database=database, lang="en")
    html = shown._repr_html_()
    assert "acknowledged before entry only" in html and "6 bad row(s) left out" in html
    assert "data:image/png;base64," in html
    written = shown.write_csv(tmp_path / "compliance.csv")
    assert [path.name for path in written] == ["compliance.csv", "compliance-problems.csv"]
    with pytest.raises(ValueError, match="AS_OF '1 June' is not a date"):
        compliance(example_roster(), as_of="1 June", database=database)

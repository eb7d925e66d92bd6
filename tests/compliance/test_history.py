"""A learner's history as HR read it: every entry with the onboarding it opened, every cycle of advanced training
with its completion, certificate code and next due date; an earlier cycle's certificate still verifies after a
newer completion. On SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from simkit.certificates import CertificateBook, issue_certificates, verify_code
from simkit.cli.main import app
from simkit.compliance.histories import histories
from simkit.compliance.notebook import history
from simkit.compliance.roster import read_roster
from simkit.gradebook.book import Gradebook
from simkit.gradebook.compliance import import_roster
from simkit.gradebook.db import connect
from simkit.scenarios.library import load_library
from tests.grading.test_gradebook import graded_submission

AS_OF = dt.date(2026, 6, 1)
HEADER = "learner,name,organisation,entry_date,last_advanced_training,corps,acknowledged_on"
# Әсел entered in 2020, left, and came back on 2 March 2026; her first service had two trainings, one in time
# (2021-05-10, due 2023-09-07) and one late (2024-06-03, due 2024-05-10), then a third cycle the re-entry ended.
ROSTER = f"{HEADER}\nasel,Әсел Қайратқызы,Министерство юстиции,07.09.2020; 02.03.2026,,B,\n"


def at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=dt.UTC)


@pytest.fixture
def engine(gradebook_url: str) -> Iterator[Engine]:
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    library = load_library().courses
    book.add_course(library["onboarding"][1])
    book.add_course(library["advanced-training"][1])
    book.record(
        book.begin_batch("grade onboarding"),
        [graded_submission("asel", acknowledged_on=dt.date(2026, 3, 4), submitted_at=at("2026-03-04"))],
    )
    first = graded_submission("asel", "file-1", course="advanced-training", submitted_at=at("2021-05-10"))
    book.record(book.begin_batch("grade advanced-training"), [first])
    yield engine
    engine.dispose()


def later_completions(engine: Engine) -> None:
    book = Gradebook(engine)
    again = graded_submission("asel", "file-2", course="advanced-training", submitted_at=at("2024-06-03"))
    back = graded_submission("asel", "file-3", course="advanced-training", submitted_at=at("2026-04-20"))
    book.record(book.begin_batch("grade advanced-training"), [again])
    book.record(book.begin_batch("grade advanced-training"), [back])


def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def test_every_cycle_has_its_completion_certificate_and_next_due_and_the_old_certificate_verifies(
    engine: Engine, tmp_path: Path
) -> None:
    (first_certificate,) = issue_certificates(CertificateBook(engine), "advanced-training", "asel")
    later_completions(engine)
    rows, read = histories(engine, as_of=AS_OF, learner="asel", roster=roster_file(tmp_path))
    assert read is not None and not read.problems
    found = [(r.entry_date, r.rhythm, r.cycle, r.opened_on, r.due, r.completed_on, r.status, r.next_due) for r in rows]
    d, a = dt.date, "advanced_training"
    assert found == [
        (d(2020, 9, 7), "onboarding", None, d(2020, 9, 7), d(2020, 9, 10), None, "overdue", None),
        (d(2020, 9, 7), a, 1, d(2020, 9, 7), d(2023, 9, 7), d(2021, 5, 10), "in_time", d(2024, 5, 10)),
        (d(2020, 9, 7), a, 2, d(2021, 5, 10), d(2024, 5, 10), d(2024, 6, 3), "late", d(2027, 6, 3)),
        (d(2020, 9, 7), a, 3, d(2024, 6, 3), d(2027, 6, 3), None, "ended", None),
        # the re-entry opens onboarding again, and the three years start again from it
        (d(2026, 3, 2), "onboarding", None, d(2026, 3, 2), d(2026, 3, 5), d(2026, 3, 4), "in_time", None),
        (d(2026, 3, 2), a, 1, d(2026, 3, 2), d(2029, 3, 2), d(2026, 4, 20), "in_time", d(2029, 4, 20)),
        (d(2026, 3, 2), a, 2, d(2026, 4, 20), d(2029, 4, 20), None, "ok", d(2029, 4, 20)),
    ]  # fmt: skip
    assert rows[1].certificate == first_certificate.shown_code and rows[1].source == "gradebook"
    assert rows[2].certificate is None and rows[1].course == "advanced-training v1"
    assert all("training-next-due/from-completion" in row.reading for row in rows if row.cycle)
    assert rows[0].name == "Әсел Қайратқызы"

    # The first cycle's certificate stays the record of its completion, though a newer one superseded the attempt.
    verified = verify_code(CertificateBook(engine), first_certificate.shown_code)
    assert verified.genuine and verified.certificate.completed_on == dt.date(2021, 5, 10)
    assert verified.standing.state == "superseded" and verified.standing.passed
    result = CliRunner().invoke(
        app, ["verify", first_certificate.shown_code, "--db", str(engine.url.render_as_string(False))]
    )
    assert result.exit_code == 0, result.output
    assert "verified" in result.output and "2021-05-10" in result.output
    assert "completed again" in result.output


def test_the_command_line_shows_one_learner_and_writes_everyone_s_csv(engine: Engine, tmp_path: Path) -> None:
    later_completions(engine)
    url = engine.url.render_as_string(hide_password=False)
    import_roster(engine, read_roster(roster_file(tmp_path), AS_OF).entries)  # the gradebook now has both entries
    runner = CliRunner()
    shown = runner.invoke(app, ["history", "ASEL", "--as-of", "2026-06-01", "--db", url], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Әсел Қайратқызы" in shown.output and "2020-09-07" in shown.output and "late" in shown.output
    out = tmp_path / "history.csv"
    written = runner.invoke(app, ["history", "--all", "--csv", str(out), "--as-of", "2026-06-01", "--db", url])
    assert written.exit_code == 0, written.output
    assert "7 row(s) of 1 learner(s)" in written.output
    text = out.read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["status"] for row in rows] == ["overdue", "in_time", "late", "ended", "in_time", "in_time", "ok"]
    assert rows[2]["next_due"] == "2027-06-03" and rows[0]["name"] == "Әсел Қайратқызы"

    unknown = runner.invoke(app, ["history", "nobody", "--db", url])
    assert unknown.exit_code == 2 and "learner 'nobody': no entry into the service in the gradebook" in unknown.output
    both = runner.invoke(app, ["history", "asel", "--all", "--db", url])
    assert both.exit_code == 2 and "give a LEARNER or --all" in both.output


def test_a_name_that_looks_like_a_formula_is_defused_in_the_csv(engine: Engine, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(f"{HEADER}\nasel,=HYPERLINK(1),Акимат,2026-03-02,,B,\n", encoding="utf-8")
    out, url = tmp_path / "h.csv", engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        app,
        ["history", "--all", "--roster", str(roster), "--csv", str(out), "--as-of", "2026-06-01", "--db", url],
    )
    assert result.exit_code == 0, result.output
    assert next(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))["name"] == "'=HYPERLINK(1)"


def test_the_notebook_shows_the_history(engine: Engine, tmp_path: Path) -> None:
    later_completions(engine)
    shown = history(
        "asel", roster=roster_file(tmp_path), as_of="2026-06-01", database=engine.url.render_as_string(False)
    )
    html = shown._repr_html_()
    assert "Әсел Қайратқызы" in html and "training-next-due/from-completion" in html and "2027-06-03" in html
    assert shown.write_csv(tmp_path / "h.csv") == tmp_path / "h.csv"

"""An HR register's export (XLSX or CSV) read as the roster through a YAML column mapping: bad rows named by file
and row, the rest read; the learner-id rule and Kazakh names; who completed what written back as CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from simkit.certificates import CertificateBook, issue_certificates
from simkit.cli.main import app
from simkit.compliance import compliance_report, read_roster
from simkit.compliance.register import load_mapping
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.scenarios.library import load_library
from tests.grading.test_gradebook import graded_submission

AS_OF = dt.date(2026, 6, 1)
MAPPING = """\
# The export of a typical HR register: a title row, then the header on row 2.
sheet: Личный состав
header_row: 2
columns:
  learner: Табельный номер
  name: [Фамилия, Имя]
  entry_dates: [Дата приёма, Дата повторного приёма]
  organisation: Государственный орган
  corps: Категория
date_formats: ["%d.%m.%Y"]
values:
  corps: {"А-1": A, "А-3": A, "В-4": B, "С-О-5": B, "политический": political}
"""
HEADER = ["Табельный номер", "Фамилия", "Имя", "Дата приёма", "Дата повторного приёма", "Государственный орган"]
HEADER += ["Категория", "Примечание"]
ENTERED, BACK = dt.datetime(2020, 9, 7), dt.datetime(2026, 3, 2)  # real date cells
ROWS = [
    ["000123", "Әбілқасымова", "Гүлнұр", ENTERED, BACK, "Министерство юстиции", "В-4", ""],
    ["KZ-77", "Серікбаев", "Нұрлан", "01.02.2021", None, "Акимат города Астаны", "А-1", "перевод"],
    ["Иван Иванов", "Иванов", "Иван", "01.02.2021", None, "Акимат города Астаны", "В-4", ""],
    ["000124", "Омарова", "Дана", "31.02.2024", None, "Акимат города Астаны", "Х-9", ""],
    [None, None, None, None, None, None, None, None],
    ["000125", "=HYPERLINK(\"http://x\")", "Дана", "05.05.2025", None, "Акимат города Астаны", "С-О-5", ""],
]  # fmt: skip


def register(tmp_path: Path) -> tuple[Path, Path]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Личный состав"
    sheet.append(["Выгрузка реестра на 01.06.2026"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet["B8"].data_type = "s"  # a name typed as text that starts like a formula
    book.create_sheet("Справка")
    path, mapping = tmp_path / "реестр.xlsx", tmp_path / "hr-register.yaml"
    book.save(path)
    mapping.write_text(MAPPING, encoding="utf-8")
    return path, mapping


def test_a_register_workbook_is_read_through_the_mapping_with_its_bad_rows_named(tmp_path: Path) -> None:
    path, mapping = register(tmp_path)
    roster = read_roster(path, AS_OF, load_mapping(mapping))
    found = {entry.learner: (entry.name, entry.entry_dates, entry.corps) for entry in roster.entries}
    assert found == {
        "000123": ("Әбілқасымова Гүлнұр", (dt.date(2020, 9, 7), dt.date(2026, 3, 2)), "B"),
        "kz-77": ("Серікбаев Нұрлан", (dt.date(2021, 2, 1),), "A"),  # the learner-id rule folds capitals
        "000125": ('=HYPERLINK("http://x") Дана', (dt.date(2025, 5, 5),), "B"),
    }
    problems = {problem.line: problem.reason for problem in roster.problems}
    assert set(problems) == {5, 6}  # the sheet's own row numbers; the empty row 7 is skipped
    assert "is not a usable learner id" in problems[5]
    assert "entry_date '31.02.2024' is not a date (02.03.2026, as 2 March 2026)" in problems[6]
    assert "corps 'Х-9' is not A, B, political or employee" in problems[6]
    assert roster.ignored == ("Примечание",)


def test_the_command_line_imports_the_register_and_lists_each_bad_row_on_one_line(tmp_path: Path) -> None:
    path, mapping = register(tmp_path)
    db = f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    out = tmp_path / "report.csv"
    options = ["--as-of", "2026-06-01", "--out", str(out), "--db", db, "--import", "--lang", "en"]
    result = CliRunner().invoke(app, ["roster", str(path), "--mapping", str(mapping), *options], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "3 learner(s) in 2 organisation(s)" in result.output
    assert f"2 bad row(s) of {path} left out" in result.output
    assert "stored 3 learner(s)" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    asel = next(row for row in rows if row["learner"] == "000123")
    assert (asel["entry_date"], asel["name"]) == ("2026-03-02", "Әбілқасымова Гүлнұр")  # the latest entry counts

    history = CliRunner().invoke(
        app, ["history", "000123", "--as-of", "2026-06-01", "--db", db], env={"COLUMNS": "200"}
    )
    assert history.exit_code == 0, history.output
    assert "2020-09-07" in history.output and "2026-03-02" in history.output


def test_who_completed_what_goes_back_under_the_register_s_names_as_xlsx_and_csv(tmp_path: Path) -> None:
    path, mapping = register(tmp_path)
    db = f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    engine = connect(db)
    book = Gradebook(engine)
    book.add_course(load_library().courses["advanced-training"][1])
    at = dt.datetime(2026, 4, 20, 10, tzinfo=dt.UTC)
    book.record(book.begin_batch("grade"), [graded_submission("000123", course="advanced-training", submitted_at=at)])
    book.record(book.begin_batch("grade"), [graded_submission("000125", course="advanced-training", submitted_at=at)])
    codes = {c.learner_id: c.shown_code for c in issue_certificates(CertificateBook(engine), "advanced-training")}
    engine.dispose()
    runner = CliRunner()
    for name in ("completions.xlsx", "completions.csv"):
        out = tmp_path / name
        result = runner.invoke(
            app,
            [
                "completions",
                str(path),
                "--mapping",
                str(mapping),
                "--out",
                str(out),
                "--as-of",
                "2026-06-01",
                "--db",
                db,
            ],
            env={"COLUMNS": "200"},
        )
        assert result.exit_code == 0, result.output
        assert f"{path}:5: иван иванов:" not in result.output and f"{path}:5: " in result.output
        assert "written" in result.output and "2 completion(s) of 3 learner(s)" in result.output
    sheet = load_workbook(tmp_path / "completions.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Табельный номер", "name", "course")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Табельный номер"] == "000123" and first["name"] == "Әбілқасымова Гүлнұр"
    assert first["completed_on"] == dt.datetime(2026, 4, 20) and first["next_due"] == dt.datetime(2029, 4, 20)
    assert first["certificate"] == codes["000123"] and first["basis"] == "law:34.2"
    formula = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "000125")[1]
    assert formula.data_type == "s" and formula.value == '=HYPERLINK("http://x") Дана'  # text, never a formula
    text = (tmp_path / "completions.csv").read_text("utf-8-sig")
    by_id = {row["Табельный номер"]: row for row in csv.DictReader(io.StringIO(text))}
    assert by_id["000125"]["name"] == '\'=HYPERLINK("http://x") Дана'
    assert by_id["000123"]["completed_on"] == "2026-04-20" and by_id["000123"]["certificate"] == codes["000123"]


def test_a_csv_register_with_semicolons_and_a_title_row_is_read_the_same_way(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING.replace("sheet: Личный состав\n", ""), encoding="utf-8")
    path = tmp_path / "реестр.csv"
    lines = ["Выгрузка реестра", ";".join(HEADER), "000123;Әбілқасымова;Гүлнұр;07.09.2020;02.03.2026;Минюст;В-4;"]
    lines.append("000126;Ким;Ли;02/06/2026;;Минюст;В-4;")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    roster = read_roster(path, AS_OF, load_mapping(mapping))
    assert [entry.entry_dates for entry in roster.entries] == [(dt.date(2020, 9, 7), dt.date(2026, 3, 2))]
    assert roster.problems[0].line == 4 and "'02/06/2026' is not a date" in roster.problems[0].reason


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns: {name: ФИО, entry_dates: Дата}\n", "m.yaml: columns.learner: Field required"),
        ("columns: {learner: ИД, entry_dates: Дата}\nsheets: x\n", "m.yaml: sheets: Extra inputs are not permitted"),
        ("columns: [\n", "m.yaml:2: not a YAML mapping file"),
        ("columns: {learner: ИД, entry_dates: Дата}\nvalues: {name: {a: b}}\n", "values can translate corps"),
    ],
)
def test_a_bad_mapping_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_mapping(path)


def test_a_column_the_mapping_names_but_the_register_lacks_is_one_line(tmp_path: Path) -> None:
    path, mapping = register(tmp_path)
    mapping.write_text(MAPPING.replace("Категория", "Категория должности"), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["roster", str(path), "--mapping", str(mapping), "--db", f"sqlite:///{tmp_path / 'g.sqlite'}"]
    )
    assert result.exit_code == 2
    assert f"{path}:2: no column 'Категория должности' the mapping names" in result.output
    assert "Traceback" not in result.output
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    result = CliRunner().invoke(app, ["roster", str(bad), "--db", f"sqlite:///{tmp_path / 'g.sqlite'}"])
    assert result.exit_code == 2 and f"{bad}: not an XLSX workbook" in result.output


def test_a_roster_cell_with_several_entry_dates_reports_on_the_latest_entry(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "learner,name,organisation,entry_date,corps,acknowledged_on\n"
        'ann,Анна,Акимат,"2021-02-01, 2026-05-28",B,2021-02-02\n'
        "bek,Бек,Акимат,2019-01-09 2026-03-02,B,2019-01-10\n"
        "cem,Джем,Акимат,2021-02-01; 2026-13-01,B,\n",
        encoding="utf-8",
    )
    engine = connect(f"sqlite:///{tmp_path / 'g.sqlite'}")
    report = compliance_report(path, engine, as_of=AS_OF)
    engine.dispose()
    found = {x.entry.learner: (x.entry.entry_date, x.onboarding.state, x.training.due) for x in report.learners}
    assert found == {
        # the re-entry opens onboarding again: the first service's sheet does not count for it
        "ann": (dt.date(2026, 5, 28), "pending", dt.date(2029, 5, 28)),
        "bek": (dt.date(2026, 3, 2), "before_entry", dt.date(2029, 3, 2)),
    }
    assert report.roster.problems[0].line == 4 and "'2026-13-01' is not a date" in report.roster.problems[0].reason


def test_the_bundled_example_mapping_reads_a_register_laid_out_as_it_says(tmp_path: Path) -> None:
    from importlib import resources

    example = Path(str(resources.files("simkit.compliance").joinpath("data/hr-register.yaml")))
    mapping = load_mapping(example)
    names = mapping.columns
    header = [names.learner, *(names.name or ()), *names.entry_dates, names.organisation or "", names.corps or ""]
    header += [names.last_advanced_training or "", *(names.acknowledged_on or ())]
    book = Workbook()
    sheet = book.active
    assert sheet is not None and mapping.sheet is not None
    sheet.title = mapping.sheet
    sheet.append(["Реестр"])
    sheet.append(header)
    sheet.append(["7701", "Нұрғалиева", "Әсел", "Қайратқызы", "07.09.20", "02.03.2026", "Минюст", "С-О-1", "", ""])
    path = tmp_path / "register.xlsx"
    book.save(path)
    (entry,) = read_roster(path, AS_OF, mapping).entries
    assert (entry.learner, entry.name, entry.corps) == ("7701", "Нұрғалиева Әсел Қайратқызы", "B")
    assert entry.entry_dates == (dt.date(2020, 9, 7), dt.date(2026, 3, 2))

"""Reading an HR roster as HR write it: Excel's CSV flavours, English or Russian headers, and bad rows that are
reported by line without stopping the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simkit.compliance import example_roster, read_roster

AS_OF = dt.date(2026, 6, 1)
HEADER = "learner,name,organisation,entry_date,last_advanced_training,corps,acknowledged_on"


def roster_file(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_clean_roster_gives_one_entry_per_row_with_its_line(tmp_path: Path) -> None:
    path = roster_file(
        tmp_path,
        f"{HEADER}\nann,Анна Ким,Министерство юстиции,2024-01-15,2025-03-01,B,2024-01-16\n"
        "bek,Бек Омаров,Акимат,2020-09-01,,,\n",
    )
    roster = read_roster(path, AS_OF)
    assert roster.problems == []
    ann, bek = roster.entries
    assert (ann.line, ann.learner, ann.name, ann.organisation) == (2, "ann", "Анна Ким", "Министерство юстиции")
    assert (ann.entry_date, ann.last_training, ann.corps, ann.acknowledged_on) == (
        dt.date(2024, 1, 15),
        dt.date(2025, 3, 1),
        "B",
        dt.date(2024, 1, 16),
    )
    assert (bek.line, bek.last_training, bek.corps, bek.acknowledged_on) == (3, None, None, None)


def test_excel_with_russian_settings_semicolons_bom_and_russian_headers_are_read(tmp_path: Path) -> None:
    text = (
        "\ufeffИдентификатор;ФИО;Организация;Дата поступления;Последнее повышение квалификации;Корпус\r\n"
        "ann;Анна Ким;Акимат;15.01.2024;01.03.2025;Б\r\n"
    )
    roster = read_roster(roster_file(tmp_path, text), AS_OF)
    assert roster.delimiter == ";"
    (ann,) = roster.entries
    assert (ann.learner, ann.entry_date, ann.last_training, ann.corps) == (
        "ann",
        dt.date(2024, 1, 15),
        dt.date(2025, 3, 1),
        "B",
    )


def test_headers_match_whatever_their_case_and_spacing_and_tabs_are_read(tmp_path: Path) -> None:
    text = "Learner ID\tOrganization\tEntry Date\tCORPS\tNotes\nann\tAkimat\t2024-01-15\tpolitical\tx\n"
    roster = read_roster(roster_file(tmp_path, text), AS_OF)
    assert roster.delimiter == "\t" and roster.ignored == ("Notes",)
    assert [(entry.learner, entry.organisation, entry.corps) for entry in roster.entries] == [
        ("ann", "Akimat", "political")
    ]


def test_missing_required_columns_are_one_error_naming_them_and_the_columns_found(tmp_path: Path) -> None:
    path = roster_file(tmp_path, "id,name,entry\nann,Анна,2024-01-15\n")
    with pytest.raises(ValueError) as error:
        read_roster(path, AS_OF)
    message = str(error.value)
    assert message.startswith(f"{path}:1: missing required column(s) organisation;")
    assert "found 'id', 'name', 'entry'" in message
    assert "\n" not in message


def test_two_columns_for_one_field_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="columns 'learner' and 'id' both give learner"):
        read_roster(roster_file(tmp_path, "learner,id,organisation,entry_date\n"), AS_OF)


def test_each_bad_row_is_reported_by_line_and_the_good_rows_still_read(tmp_path: Path) -> None:
    rows = [
        HEADER,
        "ann,Анна,Акимат,2024-01-15,,B,",  # 2: good
        "bek,Бек,Акимат,2026-02-30,,B,",  # 3: no such day
        "cem,Джем,Акимат,2026-07-01,,B,",  # 4: after the report day
        "ann,Анна,Министерство,2024-01-15,,B,",  # 5: ann again
        ",Без id,Акимат,2024-01-15,,B,",  # 6
        "dan,Дан, Данияр,Акимат,2024-01-15,,B,",  # 7: an unquoted comma
        "eva,Ева,Акимат,2024-01-15,,C,",  # 8
        "fay,Фая,Акимат,,,B,",  # 9
        "gul,Гуль,Акимат,2024-01-15,2026-06-02,B,2024-01-16",  # 10: training after the report day
        "Иван,Иван,Акимат,2024-01-15,,B,",  # 11: not an id the player can have
        "hal,Хал,Акимат,15/01/2024,,B,",  # 12
        "",  # blank lines are skipped
        "ivy,Иви,Акимат,2024-01-15,,A,",  # 14: good
    ]
    roster = read_roster(roster_file(tmp_path, "\n".join(rows) + "\n"), AS_OF)
    assert [entry.learner for entry in roster.entries] == ["ann", "ivy"]
    assert [entry.line for entry in roster.entries] == [2, 14]
    reasons = {problem.line: problem.reason for problem in roster.problems}
    assert reasons == {
        3: "entry_date '2026-02-30' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
        4: "entry_date 2026-07-01 is after the report date 2026-06-01",
        5: "learner 'ann' again (first on line 2): this row left out",
        6: "'' is not a usable learner id (hint: letters, digits and . _ @ - only, up to 64 characters)",
        7: "8 field(s) where the header has 7 (hint: quote a value containing ',')",
        8: "corps 'C' is not A, B, political or employee (law:1.1, law:1.3)",
        9: "no entry_date",
        10: "last_advanced_training 2026-06-02 is after the report date 2026-06-01",
        11: "'Иван' is not a usable learner id (hint: letters, digits and . _ @ - only, up to 64 characters)",
        12: "entry_date '15/01/2024' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
    }


def test_a_row_with_several_faults_names_them_all(tmp_path: Path) -> None:
    text = f"{HEADER}\nann,Анна,Акимат,2024-01-15,,B,\nann,Анна,Акимат,2024-13-01,2024-1-5,X,\n"
    (problem,) = read_roster(roster_file(tmp_path, text), AS_OF).problems
    assert problem.reason.split("; ") == [
        "learner 'ann' again (first on line 2): this row left out",
        "entry_date '2024-13-01' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
        "last_advanced_training '2024-1-5' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
        "corps 'X' is not A, B, political or employee (law:1.1, law:1.3)",
    ]


def test_a_quoted_value_over_two_lines_keeps_the_line_numbers_of_later_rows(tmp_path: Path) -> None:
    text = 'learner,name,organisation,entry_date\nann,"Анна\nКим",Акимат,2024-01-15\nbek,Бек,Акимат,2024-99-01\n'
    roster = read_roster(roster_file(tmp_path, text), AS_OF)
    assert roster.entries[0].name == "Анна\nКим"
    assert [(problem.line, problem.learner) for problem in roster.problems] == [(4, "bek")]


def test_a_roster_saved_in_windows_1251_is_refused_with_its_line_and_how_to_save_it(tmp_path: Path) -> None:
    path = roster_file(tmp_path, "learner,name,organisation,entry_date\nann,Анна,Акимат,2024-01-15\n", "cp1251")
    with pytest.raises(ValueError, match=r"roster\.csv:2: not UTF-8 text \(hint: in Excel, save as 'CSV UTF-8"):
        read_roster(path, AS_OF)


def test_a_missing_or_empty_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nowhere\.csv: no such file"):
        read_roster(tmp_path / "nowhere.csv", AS_OF)
    with pytest.raises(ValueError, match=r"empty\.csv:1: the roster is empty"):
        read_roster(roster_file(tmp_path, "\n", name="empty.csv"), AS_OF)


def test_a_header_alone_is_an_empty_roster_not_an_error(tmp_path: Path) -> None:
    roster = read_roster(roster_file(tmp_path, HEADER + "\n"), AS_OF)
    assert roster.entries == [] and roster.problems == []


def test_the_bundled_example_has_good_rows_and_a_bad_row_of_each_kind() -> None:
    roster = read_roster(example_roster(), AS_OF)
    assert len(roster.entries) == 10
    reasons = " | ".join(problem.reason for problem in roster.problems)
    for kind in (
        "is not a date",
        "after the report date",
        "again (first on line",
        "is not a usable learner id",
        "field(s)",
    ):
        assert kind in reasons


def test_learner_ids_are_read_by_the_learner_id_rule_as_the_gradebook_holds_them(tmp_path: Path) -> None:
    # HR systems write "Ivanov.A"; the player and the gradebook know that learner as "ivanov.a".
    text = f"{HEADER}\nIvanov.A,Иванов,Акимат,2024-01-15,,B,\nivanov.a,Иванов,Акимат,2024-01-15,,B,\n"
    roster = read_roster(roster_file(tmp_path, text), AS_OF)
    assert [entry.learner for entry in roster.entries] == ["ivanov.a"]
    assert [problem.reason for problem in roster.problems] == [
        "learner 'ivanov.a' again (first on line 2): this row left out"
    ]

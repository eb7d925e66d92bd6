"""The simkit command line, as a trainer uses it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app

runner = CliRunner()


def run(*arguments: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(arguments))


def command_paths() -> list[list[str]]:
    """Every command and group of the app, found by walking it, so a new command cannot miss this test."""
    import click
    import typer

    found: list[list[str]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        found.append(path)
        for name, child in getattr(command, "commands", {}).items():
            walk(child, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_help() -> None:
    commands = command_paths()
    assert ["law", "cite"] in commands and ["release"] in commands and ["collect"] in commands
    for command in commands:
        result = run(*command, "--help")
        assert result.exit_code == 0, (command, result.output)
        assert "Usage" in result.output


def test_cite_prints_the_russian_text() -> None:
    result = run("law", "cite", "law:13.7", "--lang", "ru")
    assert result.exit_code == 0
    assert "усыновленными" in result.output
    data = json.loads(run("law", "cite", "law:13.7", "--json").output)
    assert "О государственной службе" in data["answer"]
    assert "translation-13-7" in [note["id"] for note in data["interpretations"]]


def test_deadline_with_a_suspension_as_json() -> None:
    result = run(
        "law",
        "deadline",
        "--committed",
        "2026-01-10",
        "--revealed",
        "2026-03-01",
        "--discrediting",
        "--suspension",
        "2026-04-01:2026-04-14",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["answer"] == "2026-06-15"
    assert [item["id"] for item in data["provisions"]] == ["law:45.2", "law:45.4"]
    assert "suspension-both-limits" in [note["id"] for note in data["interpretations"]]


def test_sanction_with_a_previous_offence() -> None:
    result = run(
        "law",
        "sanction",
        "law:50.1.7",
        "--previous",
        "law:50.1.8@2026-02-01",
        "--committed",
        "2026-06-01",
        "--json",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["answer"], data["kind"]) == ("dismissal", "dismissal")


def test_sanctions_are_named_with_the_lawyers_terms() -> None:
    result = run("law", "sanction", "law:50.1.3", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Sanction: warning of incomplete fitness for the post or dismissal" in result.output
    assert "incompetence_warning" not in result.output
    glossary = run("law", "glossary")
    assert "remark — замечание (law:44.3.1); the translation: reprimand; kk: ескерту" in glossary.output
    assert "conflict of interest — конфликт интересов (law:1.17); kk: мүдделер қақтығысы" in glossary.output


@pytest.mark.parametrize(("day", "status"), [("2026-12-31", "pending"), ("2027-01-01", "in_force")])
def test_cite_shows_an_amendment_and_whether_it_is_in_force_on_the_day(day: str, status: str) -> None:
    data = json.loads(run("law", "cite", "law:16.3.14", "--on", day, "--json", "--lang", "en").output)
    assert data["legal_day"] == day
    notes = {note["id"]: note for note in data["provisions"][0]["notes"]}
    assert notes["amendment-188-vii-16-3-14"]["status"] == status
    assert notes["amendment-188-vii-16-3-14"]["effective"] == "2027-01-01"
    assert notes["constitutional-court-2023-38"]["kind"] == "constitutional_court"
    text = run("law", "cite", "law:16.3.14", "--on", day).output
    assert "Editors' note" in text and "188-VII" in text


def test_cite_shows_the_court_resolution_beside_16_3_6() -> None:
    result = run("law", "cite", "law:16.3.6", "--lang", "en")
    assert "06.03.2023 No. 4" in result.output
    assert "editors-note-position" in result.output


def test_reentry_judges_the_notes_on_the_day_of_the_application() -> None:
    data = json.loads(run("law", "reentry", "--applying", "2027-02-01", "--liability", "2025-01-10", "--json").output)
    assert (
        data["legal_day"] == "2027-02-01" and data["provisions"][0]["notes"][0]["id"] == "constitutional-court-2023-4"
    )


def test_notes_lists_every_note_and_its_markdown_is_the_committed_doc() -> None:
    from pathlib import Path

    listed = run("law", "notes", "--on", "2026-12-31", "--lang", "en").output
    assert "amendment-71-viii-chapter-9-1" in listed and "not yet in force on 2026-12-31" in listed
    only = run("law", "notes", "--provision", "law:16.3.6").output
    assert "constitutional-court-2023-4" in only and "188-VII" not in only
    doc = Path(__file__).resolve().parents[1] / "docs" / "editors-notes.md"
    assert run("law", "notes", "--markdown").output == doc.read_text("utf-8"), "regenerate: simkit law notes --markdown"


def test_a_deadline_on_a_day_off_is_flagged_not_moved() -> None:
    result = run("law", "gift", "2026-03-01", "--json")
    data = json.loads(result.output)
    assert data["answer"] == "2026-03-08"
    assert data["warnings"] and "нерабочий" in data["warnings"][0]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["law", "cite", "law:13.77"], "did you mean law:13.7"),
        (["law", "cite", "law13.7"], "malformed citation"),
        (["law", "deadline", "--committed", "2026-03-01", "--revealed", "2026-02-01"], "cannot be revealed"),
        (["law", "relative", "cousin"], "unknown kinship step"),
        (["law", "sanction", "law:34.2"], "no duty"),
    ],
)
def test_bad_input_gives_one_clear_line_and_no_traceback(arguments: list[str], message: str) -> None:
    result = run(*arguments)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_malformed_date_is_refused_with_the_expected_form() -> None:
    result = run("law", "gift", "2026-3-1")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_interpretations_markdown_is_the_reading_sheet() -> None:
    assert run("law", "interpretations", "--markdown").output == run("law", "sheet").output

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
    assert json.loads(result.output)["answer"] == "dismissal"


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


def test_interpretations_markdown_is_the_committed_doc() -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "interpretations.md"
    result = run("law", "interpretations", "--markdown")
    assert result.output == doc.read_text("utf-8"), "regenerate: simkit law interpretations --markdown > docs/..."

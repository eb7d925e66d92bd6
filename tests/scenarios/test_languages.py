"""The validator says which languages each file is complete in, and can require one: a file that is not complete
in it is an error at its first text without that language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.scenarios.library import library_root
from simkit.scenarios.validate import validate_paths
from tests.scenarios.conftest import VALID
from tests.scenarios.test_positions import MARK, marked

runner = CliRunner()
NARRATIVE_EN = '  en: "{servant} finds a gift on {found}."\n'
NARRATIVE_KK = '  kk: "{servant} {found} күні сыйлық табады."\n'


def in_kazakh(text: str) -> str:
    """VALID with a Kazakh text beside every English one."""
    flow = re.sub(r"(\{ru: [^{}]*, en: [^{}]*)\}", r"\1, kk: Қазақша}", text)
    assert flow.count(NARRATIVE_EN) == 1
    return flow.replace(NARRATIVE_EN, NARRATIVE_EN + NARRATIVE_KK)


COMPLETE = in_kazakh(VALID)


def write(tmp_path: Path, text: str, name: str = "mini-case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_file_with_every_text_in_kazakh_is_complete_in_three_languages(tmp_path: Path) -> None:
    path = write(tmp_path, COMPLETE)
    report = validate_paths([path], require_languages=("kk",))
    assert report.issues == []
    found = report.languages[path]
    assert (found.kind, found.id, found.found.complete) == ("scenario", "mini-case", ("ru", "en", "kk"))
    assert found.found.texts == COMPLETE.count("kk:")


def test_one_text_without_kazakh_is_reported_at_its_place_when_kazakh_is_required(tmp_path: Path) -> None:
    text = COMPLETE.replace("text: {ru: Оставить, en: Keep, kk: Қазақша}", f"text: {MARK}{{ru: Оставить, en: Keep}}")
    clean, line, column = marked(text)
    path = write(tmp_path, clean)
    found = validate_paths([path]).languages[path].found
    assert found.complete == ("ru", "en") and found.missing("kk") == 1
    assert validate_paths([path]).errors == []  # not required: the summary says it, nothing fails
    issues = validate_paths([path], require_languages=("kk",)).errors
    assert [(issue.code, issue.line, issue.column) for issue in issues] == [("E020", line, column)]
    assert "steps.0.options.1.text has no kk text" in issues[0].message
    assert "more text" not in issues[0].message


def test_a_block_text_without_kazakh_is_reported_at_its_first_language(tmp_path: Path) -> None:
    text = COMPLETE.replace(NARRATIVE_KK, "").replace('narrative:\n  ru: "', f'narrative:\n  {MARK}ru: "')
    clean, line, column = marked(text)
    issue = validate_paths([write(tmp_path, clean)], require_languages=("kk",)).errors[0]
    assert (issue.code, issue.line, issue.column) == ("E020", line, column)
    assert "narrative has no kk text" in issue.message and issue.hint


def test_the_first_missing_text_in_file_order_is_named_with_how_many_more(tmp_path: Path) -> None:
    text = VALID.replace("title: {ru: Мини, en: Mini}", f"title: {MARK}{{ru: Мини, en: Mini}}")
    clean, line, column = marked(text)
    path = write(tmp_path, clean)
    issue = validate_paths([path], require_languages=("kk",)).errors[0]
    assert (issue.line, issue.column) == (line, column)
    assert f"title has no kk text ({COMPLETE.count('kk:') - 1} more text(s) without it)" in issue.message


def test_a_blank_kazakh_text_does_not_count(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        COMPLETE.replace(
            "outcome: {ru: Конец, en: The end, kk: Қазақша}", 'outcome: {ru: Конец, en: The end, kk: " "}'
        ),
    )
    assert validate_paths([path]).languages[path].found.complete == ("ru", "en")


def test_the_command_prints_each_files_languages_and_fails_on_a_required_one(tmp_path: Path) -> None:
    good = write(tmp_path, COMPLETE, "good.yaml")
    partial = write(tmp_path, VALID.replace("id: mini-case", "id: partial-case"), "partial.yaml")
    result = runner.invoke(app, ["validate", str(good), str(partial)])
    assert result.exit_code == 0, result.output
    assert "good.yaml: scenario 'mini-case' complete in ru, en, kk" in result.output
    texts = COMPLETE.count("kk:")
    assert f"partial.yaml: scenario 'partial-case' complete in ru, en; kk 0/{texts} texts" in result.output
    required = runner.invoke(app, ["validate", str(good), str(partial), "--require-lang", "kk"])
    assert required.exit_code == 1
    assert "partial.yaml:3:8: error E020: scenario 'partial-case' is not complete in kk: title" in required.output
    assert "good.yaml" not in required.output.split("error E020")[0]


def test_an_unknown_required_language_is_refused_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(write(tmp_path, COMPLETE)), "--require-lang", "kz"])
    assert result.exit_code != 0
    assert "unknown language 'kz'; use ru, en, kk" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["onboarding.yaml", "advanced-training.yaml"])
def test_the_library_courses_are_complete_in_kazakh(name: str) -> None:
    path = library_root() / "courses" / name
    assert "kk" in validate_paths([path]).languages[path].found.complete

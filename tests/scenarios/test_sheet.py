"""The lawyer's reading sheet (docs/interpretations.md, `simkit law sheet`): each contested point with its
provisions' Russian text, its readings, where the library's keys use each and accept the others."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.law import provision
from simkit.law.interpretations import interpretations
from simkit.scenarios.library import library_root

DOC = Path(__file__).resolve().parents[2] / "docs" / "interpretations.md"
CONTESTED = [note for note in interpretations().values() if note.contested]


def sheet() -> str:
    result = CliRunner().invoke(app, ["law", "sheet"])
    assert result.exit_code == 0, result.output
    return result.output


def section(text: str, note_id: str) -> str:
    """The sheet's section on one point: from its heading to the next heading of its level or above."""
    start = text.index(f"### `{note_id}`:")
    following = re.search(r"^#{2,3} ", text[start + 4 :], flags=re.MULTILINE)
    return text[start : start + 4 + following.start()] if following else text[start:]


def accepting(library: Path, ref: str) -> set[str]:
    """case/step of every alternative in the library's YAML that reads ``ref``: read from the files themselves."""
    found = set()
    for path in library.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        for step in data.get("steps", []):
            if any(ref in alternative.get("readings", []) for alternative in step.get("alternatives", [])):
                found.add(f"{data['id']}/{step['id']}")
    return found


def test_the_committed_sheet_is_what_the_command_generates() -> None:
    assert DOC.read_text("utf-8") == sheet(), (
        "docs/interpretations.md is stale: simkit law sheet > docs/interpretations.md"
    )


def test_each_contested_point_quotes_its_provisions_in_russian_and_lists_every_case_accepting_a_reading() -> None:
    text = sheet()
    assert CONTESTED, "the notes record contested points"
    for note in CONTESTED:
        part = section(text, note.id)
        for citation in note.provisions:
            first_paragraph = provision(citation).text["ru"].splitlines()[0]
            assert f"**{citation}**" in part and f"> {first_paragraph}" in part
        for number, reading in enumerate(note.readings):
            ref = f"{note.id}/{reading.id}"
            assert reading.text.ru in part and reading.text.en in part
            row = next(line for line in part.splitlines() if line.startswith(f"| `{ref}` |"))
            assert ("| yes |" in row) == (number == 0)  # the reading simkit's rules implement
            cases = accepting(library_root(), ref)
            if cases:
                line = next(line for line in part.splitlines() if line.startswith(f"- **It accepts** `{ref}` in "))
                assert all(case in line for case in cases), (ref, cases - {c for c in cases if c in line})
        assert note.reading in part  # why


def test_the_sheet_follows_the_keys_of_the_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = tmp_path / "library"
    shutil.copytree(library_root(), library)
    monkeypatch.setenv("SIMKIT_SCENARIOS", str(library))
    ref = "no-rollover/next-working-day"
    path, step = next(_alternatives(library, ref))
    data = yaml.safe_load(path.read_text("utf-8"))
    target = next(s for s in data["steps"] if s["id"] == step)
    chosen = next(a for a in target["alternatives"] if a["readings"] == [ref])
    chosen["points"] = 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    line = next(line for line in section(sheet(), "no-rollover").splitlines() if line.startswith("- **It accepts**"))
    assert f"{data['id']}/{step} (1 point)" in line
    assert sheet() != DOC.read_text("utf-8")


def _alternatives(library: Path, ref: str) -> Any:
    for path in sorted(library.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for step in data.get("steps", []):
            for alternative in step.get("alternatives", []):
                if alternative.get("readings") == [ref] and "points" not in alternative:
                    yield path, step["id"]

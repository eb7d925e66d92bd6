"""The authoring commands as a trainer runs them: new, validate, preview, coverage, schema."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from simkit.cli.main import app
from tests.scenarios.conftest import VALID

runner = CliRunner()


def test_new_scaffolds_a_scenario_that_validates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "travel-invite", "--dir", str(tmp_path), "--audience", "code"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "travel-invite.yaml"
    assert "audience: code" in target.read_text("utf-8")
    checked = runner.invoke(app, ["validate", str(target)])
    assert checked.exit_code == 0 and "0 error(s), 0 warning(s)" in checked.output
    again = runner.invoke(app, ["new", "travel-invite", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_new_refuses_a_bad_id(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "Travel Invite", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "not a valid id" in result.output


def test_validate_exit_status_and_messages(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(VALID, "utf-8")
    bad.write_text(
        VALID.replace("id: mini-case", "id: other-case")
        .replace("pointz", "x")
        .replace("    points: 2\n", "    pointz: 2\n"),
        "utf-8",
    )
    assert runner.invoke(app, ["validate", str(good)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:31:5: error E003: unknown key 'pointz' (hint: did you mean 'points'?)" in result.output
    as_json = json.loads(runner.invoke(app, ["validate", str(bad), "--json"]).output)
    assert {"code": "E003", "line": 31} in [{"code": item["code"], "line": item["line"]} for item in as_json]


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(VALID.replace("outcome: {ru: Конец, en: The end}", "outcome: {ru: Конец}"), "utf-8")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(path), "--strict"]).exit_code == 1


def test_preview_shows_the_learners_variant_and_key(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(VALID, "utf-8")
    result = runner.invoke(app, ["preview", str(path), "--learner", "alice", "--lang", "en", "--markdown"])
    assert result.exit_code == 0, result.output
    assert "Maximum (best path): 3" in result.output and "**Key:**" in result.output
    assert "law:50.1.17" in result.output and "sanction: dismissal" in result.output
    assert (
        result.output
        == runner.invoke(app, ["preview", str(path), "--learner", "alice", "--lang", "en", "--markdown"]).output
    )


def test_preview_of_an_unknown_id_suggests_one() -> None:
    result = runner.invoke(app, ["preview", "gift-at-desc"])
    assert result.exit_code == 2 and "did you mean gift-at-desk" in result.output


def test_coverage_lists_every_required_provision(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(VALID, "utf-8")
    result = runner.invoke(app, ["coverage", str(path)])
    assert result.exit_code == 1
    assert "law:50.1.17" in result.output and "code:10.11" in result.output
    assert "1/47 provisions covered" in result.output


def test_schema_writes_both_schemas(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    scenario = json.loads((tmp_path / "scenario.schema.json").read_text("utf-8"))
    assert scenario["title"] == "simkit scenario" and "steps" in scenario["properties"]
    assert (tmp_path / "course.schema.json").exists()

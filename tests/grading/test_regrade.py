"""`simkit grade --dry-run`: per case, how many learners' scores grading with today's library would raise, lower or
leave, against a real SQLite gradebook holding the earlier grading of a seeded cohort; nothing written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.gradebook.tables import metadata
from simkit.scenarios.library import library_root

ROOT = Path(__file__).resolve().parents[2]
COURSE = "onboarding"
LEARNERS = 24


def simkit(*arguments: str) -> Any:
    return CliRunner().invoke(app, list(arguments))


@pytest.fixture
def setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gradebook_url: str) -> dict[str, Any]:
    """A copy of the library, a seeded cohort of onboarding and a gradebook (SQLite, and PostgreSQL when there is
    a server) holding its grading."""
    library = tmp_path / "library"
    shutil.copytree(library_root(), library)
    monkeypatch.setenv("SIMKIT_SCENARIOS", str(library))
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIMKIT_GRADEBOOK", raising=False)
    made = simkit("cohort", COURSE, str(tmp_path / "cohort"), "--learners", str(LEARNERS), "--seed", "11")
    assert made.exit_code == 0, made.output
    db = gradebook_url
    graded = simkit("grade", COURSE, str(tmp_path / "cohort"), "--db", db)
    assert graded.exit_code == 0 and f"{LEARNERS} graded" in graded.output, graded.output
    return {"library": library, "cohort": tmp_path / "cohort" / COURSE, "db": db, "tmp": tmp_path}


def dry_run(setting: dict[str, Any], *more: str) -> tuple[int, dict[str, Any]]:
    result = simkit("grade", COURSE, str(setting["cohort"]), "--db", setting["db"], "--dry-run", "--json", *more)
    assert result.exit_code in (0, 3), result.output
    return result.exit_code, json.loads(result.output)


def rows(db: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(db)
    with engine.connect() as connection:
        found = {
            table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for table in metadata.sorted_tables
        }
    engine.dispose()
    return found


def files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def scenario_file(setting: dict[str, Any], case: str) -> Path:
    return setting["library"] / f"{case}.yaml"


def a_wrong_option(path: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The scenario's data, a single-choice step and one of its options that earns nothing."""
    data = yaml.safe_load(path.read_text("utf-8"))
    for step in data["steps"]:
        if step.get("type") == "single_choice":
            for option in step["options"]:
                if not option.get("points"):
                    return data, step, option
    raise AssertionError(f"{path.name} has no single-choice option that earns nothing")


def chose(setting: dict[str, Any], case: str, step: str, option: str) -> int:
    """How many of the cohort's submissions answer ``step`` of ``case`` with ``option``: read from the files."""
    count = 0
    for path in setting["cohort"].glob("*.json"):
        answers = json.loads(path.read_text("utf-8"))["scenarios"][case]["answers"]
        count += any(answer["step"] == step and answer["value"] == option for answer in answers)
    return count


def test_an_unchanged_library_changes_no_score_and_the_dry_run_writes_nothing(setting: dict[str, Any]) -> None:
    before, home = rows(setting["db"]), files(setting["tmp"])
    status, report = dry_run(setting)
    assert status == 0 and report["rejected"] == []
    cases = {tally["case"]: tally for tally in report["cases"]}
    assert set(cases) == set(
        yaml.safe_load((setting["library"] / "courses" / f"{COURSE}.yaml").read_text())["scenarios"]
    )
    for tally in [*cases.values(), report["total"]]:
        assert (tally["learners"], tally["unchanged"], tally["raised"], tally["lowered"], tally["new"]) == (
            LEARNERS,
            LEARNERS,
            0,
            0,
            0,
        )
        assert tally["mean_change"] == 0
    table = simkit("grade", COURSE, str(setting["cohort"]), "--db", setting["db"], "--dry-run")
    assert table.exit_code == 0 and "all cases" in table.output and f"{LEARNERS} learner(s) compared" in table.output
    assert rows(setting["db"]) == before  # no attempt, batch, answer or rejection row added or changed
    assert files(setting["tmp"]) == home  # no file made or changed: gradebook, certificates, anything


def test_a_key_change_that_raises_points_shows_as_raised_on_its_case_only(setting: dict[str, Any]) -> None:
    case = yaml.safe_load((setting["library"] / "courses" / f"{COURSE}.yaml").read_text())["scenarios"][0]
    path = scenario_file(setting, case)
    data, step, option = a_wrong_option(path)
    picked = chose(setting, case, step["id"], option["id"])
    assert 0 < picked < LEARNERS, "the cohort's seed should have some learners choose the wrong option"
    best = max(float(other.get("points") or 0) for other in step["options"])
    option["points"] = best / 2  # a key fix: the option now earns half the question's points
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    before = rows(setting["db"])
    status, report = dry_run(setting)
    assert status == 0
    cases = {tally["case"]: tally for tally in report["cases"]}
    changed = cases.pop(case)
    assert (changed["raised"], changed["lowered"], changed["unchanged"]) == (picked, 0, LEARNERS - picked)
    assert changed["mean_change"] == pytest.approx(best / 2 * picked / LEARNERS, abs=1e-4)
    assert all(tally["unchanged"] == LEARNERS for tally in cases.values())
    assert (report["total"]["raised"], report["total"]["lowered"]) == (picked, 0)
    assert rows(setting["db"]) == before


def test_a_refused_file_is_reported_and_the_others_are_still_compared(setting: dict[str, Any]) -> None:
    (setting["cohort"] / "learner99999.json").write_text("{", "utf-8")
    result = simkit("grade", COURSE, str(setting["cohort"]), "--db", setting["db"], "--dry-run")
    assert result.exit_code == 3
    assert "refused" in result.output and "learner99999.json: damaged JSON" in result.output
    assert f"{LEARNERS + 1} file(s): {LEARNERS} learner(s) compared, 1 refused" in result.output
    status, report = dry_run(setting)
    assert status == 3 and [Path(r["source"]).name for r in report["rejected"]] == ["learner99999.json"]
    assert report["total"]["unchanged"] == LEARNERS


def test_answers_to_an_earlier_version_are_refused_unless_scored_as_played(setting: dict[str, Any]) -> None:
    case = yaml.safe_load((setting["library"] / "courses" / f"{COURSE}.yaml").read_text())["scenarios"][0]
    path = scenario_file(setting, case)
    data, step, option = a_wrong_option(path)
    picked = chose(setting, case, step["id"], option["id"])
    option["points"] = max(float(other.get("points") or 0) for other in step["options"])
    data["version"] += 1  # a new release: learners replay the case
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = simkit("grade", COURSE, str(setting["cohort"]), "--db", setting["db"], "--dry-run")
    assert result.exit_code == 3
    assert f"{LEARNERS} refused file(s) answer an earlier version of a case" in result.output
    assert f"answers version {data['version'] - 1}; the library has version {data['version']}" in result.output
    status, report = dry_run(setting, "--as-played")
    assert status == 0 and report["as_played"]
    changed = next(tally for tally in report["cases"] if tally["case"] == case)
    assert changed["recorded_versions"] == [data["version"] - 1] and changed["version"] == data["version"]
    assert (changed["raised"], changed["lowered"]) == (picked, 0)


def test_a_dry_run_makes_no_gradebook_where_there_is_none(setting: dict[str, Any]) -> None:
    missing = setting["tmp"] / "none.sqlite"
    result = simkit("grade", COURSE, str(setting["cohort"]), "--db", f"sqlite:///{missing}", "--dry-run")
    assert result.exit_code == 2 and "no gradebook there" in result.output
    assert not missing.exists()
    assert simkit("grade", COURSE, str(setting["cohort"]), "--json").exit_code == 2  # --json goes with --dry-run


def test_a_cohort_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    for folder, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        assert simkit("cohort", COURSE, str(tmp_path / folder), "--learners", "5", "--seed", seed).exit_code == 0
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert len(files(tmp_path / "a")) == 5 and files(tmp_path / "a") != files(tmp_path / "c")
    refused = simkit("cohort", COURSE, str(tmp_path / "d"), "--learners", "0")
    assert refused.exit_code == 2 and "at least one learner" in refused.output


def grade(setting: dict[str, Any], *more: str) -> Any:
    return simkit("grade", COURSE, str(setting["cohort"]), "--db", setting["db"], *more)


def test_a_key_fix_stops_grading_to_show_the_changes_until_run_again_with_yes(setting: dict[str, Any]) -> None:
    case = yaml.safe_load((setting["library"] / "courses" / f"{COURSE}.yaml").read_text())["scenarios"][0]
    path = scenario_file(setting, case)
    data, step, option = a_wrong_option(path)
    picked = chose(setting, case, step["id"], option["id"])
    option["points"] = max(float(other.get("points") or 0) for other in step["options"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    before = rows(setting["db"])
    stopped = grade(setting)
    assert stopped.exit_code == 1 and "run again with --yes" in stopped.output, stopped.output
    assert rows(setting["db"]) == before
    applied = grade(setting, "--yes")
    assert applied.exit_code == 0 and f"0 graded, {LEARNERS} regraded" in applied.output, applied.output
    assert picked > 0, "the cohort's seed should have some learners choose the fixed option"
    assert f"0 regraded, {LEARNERS} unchanged" in grade(setting).output  # the new key is recorded once


def test_a_reworded_text_changes_no_score_so_grading_goes_on_without_stopping(setting: dict[str, Any]) -> None:
    case = yaml.safe_load((setting["library"] / "courses" / f"{COURSE}.yaml").read_text())["scenarios"][0]
    path = scenario_file(setting, case)
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"]["en"] = data["title"]["en"] + " (revised wording)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = grade(setting)
    assert result.exit_code == 0 and f"0 graded, {LEARNERS} regraded" in result.output, result.output
    assert "run again with --yes" not in result.output

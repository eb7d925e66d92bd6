"""Keys stay on the server: the wheel and exam bundles carry none, the audit finds them where they are, learners'
bundles are read-only, and the library is found only where a trainer or the grading service has it."""

from __future__ import annotations

import copy
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.scenarios import library
from simkit.scenarios.audit import find_keys, keys_in
from simkit.scenarios.release import release_course, release_courses
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.yamlsource import parse

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "scenarios"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the project, as a learner's environment would be installed from it."""
    from hatchling.builders.wheel import WheelBuilder

    folder = tmp_path_factory.mktemp("wheel")
    [built] = WheelBuilder(str(ROOT)).build(directory=str(folder), versions=["standard"])
    return Path(built)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("release")
    release_courses(None, root)
    return root


def test_the_wheel_carries_no_answer_keys_and_no_scenario_library(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "simkit/scenarios/strip.py" in names and "simkit/law/data/provisions.json" in names  # a real wheel
    assert "simkit/templates/certificates/certificate.html" in names  # the pages' templates are package data
    assert not [name for name in names if name.endswith(("gift-at-desk.yaml", "courses/onboarding.yaml"))]
    assert find_keys([wheel]) == []


def test_a_wheel_that_carries_the_library_is_found_out_member_by_member(tmp_path: Path) -> None:
    leaky = tmp_path / "simkit-0.0.0-py3-none-any.whl"
    with zipfile.ZipFile(leaky, "w") as archive:
        archive.write(LIBRARY / "gift-at-desk.yaml", "simkit/_bundled/scenarios/gift-at-desk.yaml")
    found = find_keys([leaky])
    assert found and {finding.file for finding in found} == {f"{leaky}!simkit/_bundled/scenarios/gift-at-desk.yaml"}
    assert f"{leaky}!simkit/_bundled/scenarios/gift-at-desk.yaml:" in str(found[0])


def test_an_exam_release_has_no_keys_and_a_practice_release_and_the_library_have(released: Path) -> None:
    assert find_keys([released / "advanced-training"]) == []
    practice = find_keys([released / "onboarding"])
    assert {Path(finding.file).name for finding in practice} == {
        f"{scenario}.yaml" for scenario in parse(released / "onboarding" / "course.yaml").data["scenarios"]
    }
    found = find_keys([LIBRARY])
    assert {Path(finding.file).name for finding in found} == {path.name for path in LIBRARY.glob("*.yaml")}
    text = [str(finding) for finding in found]
    assert any(":54: steps[0].options[0].points: points, which exam copies do not carry" in line for line in text)
    assert any("steps[2].key: an answer key" in line for line in text)  # gift-at-desk's transfer date
    assert not find_keys([LIBRARY / "courses"])  # courses hold no keys


EXAM_COPY = strip_answers(parse(LIBRARY / "gift-at-desk.yaml").data)


def put_back(change: str) -> dict:  # type: ignore[type-arg]
    """An exam copy of gift-at-desk with one piece of key material put back."""
    data = copy.deepcopy(EXAM_COPY)
    steps = {step["id"]: step for step in data["steps"]}
    if change == "points":
        steps["first_action"]["options"][0]["points"] = 1
    elif change == "feedback":
        steps["first_action"]["options"][1]["feedback"] = {"en": "No, because …"}
    elif change == "key":
        steps["transfer_date"]["key"] = "gift_transfer_deadline(found)"
    elif change == "case":
        steps["first_action"]["case"] = {"offence": "law:50.1.17", "committed": "found", "revealed": "found"}
    elif change == "rubric":
        data["steps"].append({"id": "essay", "type": "free_text", "prompt": {"en": "Why?"}, "rubric": []})
    elif change == "outcome":
        next(step for step in data["steps"] if step["type"] == "end")["outcome"] = {"en": "You returned the gift."}
    elif change == "parameters":
        data["parameters"]["hidden_deadline"] = {"type": "derived", "expr": "gift_transfer_deadline(found)"}
    return data


@pytest.mark.parametrize("change", ["points", "feedback", "key", "case", "rubric", "outcome", "parameters"])
def test_each_kind_of_key_material_put_back_into_an_exam_copy_is_found_at_its_place(change: str) -> None:
    assert keys_in(copy.deepcopy(EXAM_COPY)) == []
    found = [".".join(map(str, path)) for path, _what in keys_in(put_back(change))]
    assert len(found) == 1 and found[0].split(".")[-1] in (change, "hidden_deadline"), found


def test_reordered_items_and_choices_of_an_exam_copy_are_not_keys() -> None:
    data = copy.deepcopy(EXAM_COPY)
    for step in data["steps"]:
        for listed in ("items", "choices"):
            if listed in step:
                step[listed].reverse()
    assert keys_in(data) == []


def test_the_released_library_has_no_exam_scenario_in_a_practice_course(released: Path, tmp_path: Path) -> None:
    alone = release_course("onboarding", tmp_path / "alone")
    assert find_keys([alone.parent], allow_practice=True) == []
    assert find_keys([released], allow_practice=True) == []  # every course of the library, side by side
    exam = set(parse(released / "advanced-training" / "course.yaml").data["scenarios"])
    assert not exam & set(parse(released / "onboarding" / "course.yaml").data["scenarios"])


def test_practice_keys_may_stay_unless_an_exam_released_beside_them_asks_the_same_scenario(
    released: Path, tmp_path: Path
) -> None:
    """An exam scenario put into the practice bundle (as a library that allowed the overlap would release it)."""
    both = tmp_path / "release"
    shutil.copytree(released, both)
    for folder in both.iterdir():  # releases are read-only: let the copy be changed
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    course = both / "onboarding" / "course.yaml"
    text = course.read_text("utf-8")
    assert "\n  - first-week\n" in text
    course.write_text(text.replace("\n  - first-week\n", "\n  - first-week\n  - gift-at-desk\n"), "utf-8")
    shutil.copyfile(LIBRARY / "gift-at-desk.yaml", both / "onboarding" / "scenarios" / "gift-at-desk.yaml")
    found = find_keys([both], allow_practice=True)
    assert found and {Path(finding.file).relative_to(both) for finding in found} == {
        Path("onboarding/scenarios/gift-at-desk.yaml")
    }
    assert "the exam course 'advanced-training' released beside it asks the same scenario" in str(found[0])


def test_simkit_audit_keys_exits_1_listing_each_place_and_0_when_there_is_none(released: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["audit-keys", str(released / "advanced-training")])
    assert clean.exit_code == 0 and "no answer-key material" in clean.output
    leaky = runner.invoke(app, ["audit-keys", str(LIBRARY / "gift-at-desk.yaml")])
    lines = leaky.output.strip().splitlines()
    assert leaky.exit_code == 1 and lines[0].startswith(f"{LIBRARY / 'gift-at-desk.yaml'}:")
    assert lines[-1].endswith("place(s) of answer-key material in 1 file(s)")
    missing = runner.invoke(app, ["audit-keys", str(released / "nowhere")])
    assert (
        missing.exit_code == 2 and missing.output.startswith("error: ") and "no such file or folder" in missing.output
    )


def modes(folder: Path) -> set[tuple[str, int]]:
    found = {("folder", stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found.add(("folder" if path.is_dir() else "file", stat.S_IMODE(path.stat().st_mode)))
    return found


def test_bundles_are_read_only_and_the_next_release_still_replaces_them_whole(tmp_path: Path) -> None:
    folder = release_course("advanced-training", tmp_path)
    assert modes(folder) == {("folder", 0o555), ("file", 0o444)}
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "alice.json").write_text("{}", "utf-8")
    first = (folder / "course.yaml").stat().st_ino
    again = release_course("advanced-training", tmp_path)
    assert again == folder and (folder / "course.yaml").stat().st_ino != first  # a new bundle, not an edit
    assert modes(folder) == {("folder", 0o555), ("file", 0o444)}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["advanced-training", "submissions"]  # old one gone
    assert (tmp_path / "submissions" / "alice.json").read_text("utf-8") == "{}"


def test_the_library_is_the_named_folder_or_the_checkouts_and_a_missing_one_is_one_line_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIMKIT_SCENARIOS", raising=False)
    assert library.library_root() == LIBRARY  # a checkout: make run, notebooks, tests and the command line
    monkeypatch.setenv("SIMKIT_SCENARIOS", str(tmp_path))
    assert library.library_root() == tmp_path
    monkeypatch.setenv("SIMKIT_SCENARIOS", str(tmp_path / "absent"))
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith(f"error: $SIMKIT_SCENARIOS={tmp_path / 'absent'}: no such folder (hint:")
    monkeypatch.delenv("SIMKIT_SCENARIOS")
    monkeypatch.setattr(library, "PROJECT_LIBRARY", tmp_path / "installed" / "scenarios")  # as from a wheel
    with pytest.raises(ValueError, match=r"no scenario library: \$SIMKIT_SCENARIOS is not set .* \(hint: run from a"):
        library.library_root()


def test_simkit_release_names_a_release_baked_into_an_image_for_the_player_and_the_release_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simkit.scenarios.release import released_courses

    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SIMKIT_RELEASE", str(tmp_path / "image" / "release"))
    result = CliRunner().invoke(app, ["release", "onboarding"])
    assert result.exit_code == 0, result.output
    assert released_courses() == ["onboarding"] and not (tmp_path / "home" / "release").exists()

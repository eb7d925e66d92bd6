"""Collecting submissions from learners' folders and JupyterHub homes."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from simkit.grading.collect import collect
from simkit.submissions import encode_submission


def put(path: Path, learner: str, updated_at: str = "2026-03-02T10:00:00Z") -> Path:
    """A submission as the player writes it, for the course its folder names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    submission = {
        "learner": learner,
        "course": path.parent.name,
        "course_version": 1,
        "mode": "practice",
        "created_at": "2026-03-01T09:00:00Z",
        "updated_at": updated_at,
    }
    path.write_text(json.dumps(submission), "utf-8")
    return path


def test_homes_and_learner_folders_are_gathered_by_course(tmp_path: Path) -> None:
    homes = tmp_path / "home"
    put(homes / "alice" / ".simkit" / "submissions" / "onboarding" / "alice.json", "alice")
    put(homes / "bob" / "submissions" / "advanced-training" / "bob.json", "bob")
    collected = collect([homes], tmp_path / "out")
    assert sorted(collected.copied) == [("advanced-training", "bob"), ("onboarding", "alice")]
    assert (tmp_path / "out" / "onboarding" / "alice.json").is_file() and not collected.rejected


def test_a_file_in_one_learners_home_naming_another_is_refused(tmp_path: Path) -> None:
    put(tmp_path / "home" / "mallory" / ".simkit" / "submissions" / "onboarding" / "alice.json", "alice")
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert not collected.copied
    assert "found in 'mallory''s folder but names learner 'alice'" in collected.rejected[0].reason


def test_links_are_not_followed(tmp_path: Path) -> None:
    secret = put(tmp_path / "elsewhere" / "submissions" / "onboarding" / "eve.json", "eve")
    folder = tmp_path / "home" / "eve" / "submissions" / "onboarding"
    folder.mkdir(parents=True)
    (folder / "eve.json").symlink_to(secret)
    (tmp_path / "home" / "eve" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert not collected.copied and "links are not followed" in collected.rejected[0].reason


def test_of_two_copies_the_one_saved_last_is_kept(tmp_path: Path) -> None:
    older = put(tmp_path / "a" / "ann" / "submissions" / "onboarding" / "ann.json", "ann", "2026-03-01T10:00:00Z")
    newer = put(tmp_path / "b" / "ann" / "submissions" / "onboarding" / "ann.json", "ann", "2026-03-05T10:00:00Z")
    collected = collect([tmp_path / "b", tmp_path / "a"], tmp_path / "out")
    assert collected.copied[("onboarding", "ann")] == newer
    assert collected.rejected[0].source == str(older) and "is newer" in collected.rejected[0].reason
    assert json.loads((tmp_path / "out" / "onboarding" / "ann.json").read_text())["updated_at"].startswith("2026-03-05")


def test_copies_saved_in_other_time_zones_are_compared_as_times(tmp_path: Path) -> None:
    # 12:00 in Astana (+05:00) is 07:00 UTC: earlier than 08:00 UTC, though it sorts later as text.
    put(tmp_path / "a" / "ann" / "submissions" / "onboarding" / "ann.json", "ann", "2026-03-05T12:00:00+05:00")
    later = put(tmp_path / "b" / "ann" / "submissions" / "onboarding" / "ann.json", "ann", "2026-03-05T08:00:00Z")
    assert collect([tmp_path / "a", tmp_path / "b"], tmp_path / "out").copied[("onboarding", "ann")] == later


def test_a_file_named_by_an_id_not_in_its_one_form_is_refused(tmp_path: Path) -> None:
    put(tmp_path / "home" / "Ann" / "submissions" / "onboarding" / "Ann.json", "Ann")
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert not collected.copied
    assert collected.rejected[0].reason.startswith(
        "file name: 'Ann' is not a usable learner id as written: its one form"
    )


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not a folder"):
        collect([tmp_path / "nowhere"], tmp_path / "out")


def test_simkit_collect_then_feedback_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from simkit.cli.main import app
    from simkit.grading.grader import course_key
    from simkit.grading.synthetic import synthetic_submission

    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "trainer"))
    key = course_key("advanced-training")
    for learner in ("ann", "bek"):
        put(tmp_path / "homes" / learner / ".simkit" / "submissions" / "advanced-training" / f"{learner}.json", learner)
        path = tmp_path / "homes" / learner / ".simkit" / "submissions" / "advanced-training" / f"{learner}.json"
        path.write_bytes(encode_submission(synthetic_submission(key, learner)))
    runner = CliRunner()
    collected = runner.invoke(app, ["collect", str(tmp_path / "homes")])
    assert collected.exit_code == 0 and "2 collected, 0 refused" in collected.output
    written = runner.invoke(app, ["feedback", "advanced-training", "--lang", "en", "--to", str(tmp_path / "fb")])
    assert written.exit_code == 0 and "2 report(s) written" in written.output
    assert (tmp_path / "fb" / "advanced-training" / "bek.en.html").is_file()


def test_a_bad_file_is_refused_and_every_other_submission_collected(tmp_path: Path) -> None:
    homes = tmp_path / "home"
    for learner in ("ann", "bek"):
        put(homes / learner / ".simkit" / "submissions" / "onboarding" / f"{learner}.json", learner)
    deep = homes / "eve" / ".simkit" / "submissions" / "onboarding" / "eve.json"
    deep.parent.mkdir(parents=True)
    deep.write_bytes(b"[" * 50_000)
    huge = put(homes / "dana" / "submissions" / "onboarding" / "dana.json", "dana")
    huge.write_bytes(huge.read_bytes() + b" " * (1 << 20))
    latin = put(homes / "zed" / "submissions" / "onboarding" / "zed.json", "zed")
    latin.write_bytes(latin.read_bytes().replace(b'"zed"', b'"z\xe9d"'))
    collected = collect([homes], tmp_path / "out")
    assert sorted(collected.copied) == [("onboarding", "ann"), ("onboarding", "bek")]
    reasons = {Path(rejection.source).stem: rejection.reason for rejection in collected.rejected}
    assert reasons["eve"].startswith("nested deeper than 32 levels at line 1, column 33")
    assert reasons["dana"].startswith("1,048,") and "over the 1,048,576-byte limit" in reasons["dana"]
    assert reasons["zed"].startswith("not UTF-8 text: byte 0xE9")
    assert sorted(path.name for path in (tmp_path / "out" / "onboarding").iterdir()) == ["ann.json", "bek.json"]


def test_a_file_naming_another_learner_or_course_than_its_place_is_refused(tmp_path: Path) -> None:
    path = put(tmp_path / "home" / "ann" / "submissions" / "onboarding" / "ann.json", "bek")
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert not collected.copied and collected.rejected[0].source == str(path)
    assert "names learner 'bek' in course 'onboarding', but is filed as 'ann''s" in collected.rejected[0].reason


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(tmp_path / "home" / "ann" / "submissions" / "onboarding" / "ann.json", "ann")
    locked = tmp_path / "home" / "bek"
    locked.mkdir()
    listed = os.scandir

    def refusing(path: str | Path = ".") -> Any:  # as for a home of mode 700 (root may read any)
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", refusing)
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert list(collected.copied) == [("onboarding", "ann")]
    assert collected.rejected[0].source == str(locked)
    assert collected.rejected[0].reason.startswith("cannot be listed: permission denied (hint:")


def test_simkit_collect_exits_3_when_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from simkit.cli.main import app

    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "trainer"))
    put(tmp_path / "homes" / "ann" / "submissions" / "onboarding" / "ann.json", "ann")
    bad = tmp_path / "homes" / "bek" / "submissions" / "onboarding" / "bek.json"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b'{"learner": NaN}')
    result = CliRunner().invoke(app, ["collect", str(tmp_path / "homes")])
    assert result.exit_code == 3 and "1 collected, 1 refused" in result.output
    assert f"refused {bad}: not JSON as a submission is written: NaN at line 1, column 13" in result.output


def test_a_copy_saved_at_the_end_of_the_calendar_is_refused_and_the_other_kept(tmp_path: Path) -> None:
    kept = put(tmp_path / "a" / "ann" / "submissions" / "onboarding" / "ann.json", "ann")
    odd = put(tmp_path / "b" / "ann" / "submissions" / "onboarding" / "ann.json", "ann", "9999-12-31T23:59:59-14:00")
    collected = collect([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert collected.copied[("onboarding", "ann")] == kept and collected.rejected[0].source == str(odd)
    assert "is at the end of the calendar" in collected.rejected[0].reason

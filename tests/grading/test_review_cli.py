"""`simkit review`: a trainer sees each free-text answer beside its rubric, written with the learner's own
values, and the score given is recorded and rescores the attempt."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.grading.grader import course_key
from simkit.grading.synthetic import synthetic_submission
from simkit.submissions import encode_submission


@pytest.fixture
def graded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "trainer"))
    key = course_key("onboarding")
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "ann.json").write_bytes(encode_submission(synthetic_submission(key, "ann", seed=1)))
    runner = CliRunner()
    result = runner.invoke(app, ["grade", "onboarding", str(folder)])
    assert result.exit_code == 0 and "1 graded" in result.output
    return runner


def _waiting(runner: CliRunner) -> int:
    listed = runner.invoke(app, ["review", "onboarding", "--list"])
    assert listed.exit_code == 0
    return int(listed.output.split(" answer(s) awaiting review")[0].split()[-1])


def test_the_queue_shows_each_rubric_with_the_learners_values(graded: CliRunner) -> None:
    listed = graded.invoke(app, ["review", "onboarding", "--list"])
    assert listed.exit_code == 0 and "ann · inducement-to-corruption/notice_text" in listed.output
    assert "{" not in listed.output  # every {parameter} of a prompt or rubric is the learner's value


def test_a_score_given_leaves_the_queue_and_is_recorded(graded: CliRunner) -> None:
    before = _waiting(graded)
    given = "2\nclear enough\n" + "\n" * (before - 1)  # the first scored, Enter on each of the others
    scored = graded.invoke(app, ["review", "onboarding", "--reviewer", "A. Trainer"], input=given)
    assert scored.exit_code == 0 and "score now" in scored.output
    assert _waiting(graded) == before - 1

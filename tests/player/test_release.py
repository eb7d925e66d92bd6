"""Learner bundles: practice courses carry whole scenarios, exam courses exam copies with nothing to mark with."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.scenarios.library import find_scenario
from simkit.scenarios.paper import Paper, exam_paper
from simkit.scenarios.release import load_bundle, release_course, release_courses
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.variants import make_variant
from simkit.scenarios.yamlsource import parse

REVEALING_KEYS = ("points:", "feedback:", "correct:", "key:", "rubric:", "case:", "outcome:\n    ru: Подарок")


def test_an_exam_bundle_holds_no_key_points_feedback_rubric_or_case(release: Path) -> None:
    files = sorted((release / "advanced-training" / "scenarios").glob("*.yaml"))
    assert len(files) == 10
    for path in files:
        text = path.read_text("utf-8")
        for revealing in REVEALING_KEYS:
            assert revealing not in text, (path.name, revealing)


def test_an_exam_bundle_loads_with_papers_only_and_a_practice_bundle_with_whole_scenarios(release: Path) -> None:
    exam, practice = load_bundle("advanced-training", release), load_bundle("onboarding", release)
    assert exam.scenarios == {} and list(exam.papers) == exam.course.scenarios
    assert list(practice.scenarios) == practice.course.scenarios


def test_the_player_refuses_an_exam_copy_that_still_holds_keys(tmp_path: Path) -> None:
    path, _scenario, _report = find_scenario("gift-at-desk")
    leaked = tmp_path / "gift-at-desk.yaml"
    leaked.write_text(path.read_text("utf-8"), "utf-8")
    with pytest.raises(ValueError, match=r"gift-at-desk.yaml: not an exam copy, it holds steps\[0\]\.options\[0\]"):
        exam_paper(leaked)


def test_a_provision_question_still_offers_its_key_in_the_exam_copy() -> None:
    path, _scenario, _report = find_scenario("gift-at-desk")
    paper = Paper.model_validate(strip_answers(parse(path).data))
    assert "law:44.7" in paper.step("sanction_provision").choices
    assert list(paper.step("sanction_provision").choices) == sorted(paper.step("sanction_provision").choices)


def test_an_exam_copy_drops_derived_values_no_text_shows_and_keeps_every_drawn_value() -> None:
    data = {
        "id": "x",
        "version": 1,
        "parameters": {
            "found": {"type": "date", "between": ["2026-03-02", "2026-03-31"]},
            "deadline": {"type": "derived", "expr": "gift_transfer_deadline(found)"},
            "later": {"type": "derived", "expr": "add_days(audit, 1)"},
            "audit": {"type": "derived", "expr": "add_days(found, 3)"},
        },
        "narrative": {"en": "On {found}; see {later}."},
        "steps": [{"id": "q", "type": "date", "key": "deadline", "prompt": {"en": "When?"}}],
    }
    assert list(strip_answers(data)["parameters"]) == ["found", "later", "audit"]


def test_a_learner_gets_the_same_values_from_the_exam_copy_as_the_grader_from_the_original(release: Path) -> None:
    paper = load_bundle("advanced-training", release).papers["gift-at-desk"]
    _path, scenario, _report = find_scenario("gift-at-desk")
    from_paper = make_variant(paper, 20260301, "bob").values
    from_original = make_variant(scenario, 20260301, "bob").values
    assert from_paper.items() <= from_original.items() and "found" in from_paper


def test_releasing_again_replaces_the_bundle_whole(tmp_path: Path) -> None:
    folder = release_course("onboarding", tmp_path)
    (folder / "scenarios" / "stale.yaml").write_text("left over", "utf-8")
    release_course("onboarding", tmp_path)
    assert not (folder / "scenarios" / "stale.yaml").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["onboarding"]


def test_an_unknown_course_is_named_with_the_close_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no course with id 'onboardin'; did you mean onboarding"):
        release_courses(["onboardin"], tmp_path)
    with pytest.raises(ValueError, match=r"not released in .*`simkit release exam`"):
        load_bundle("exam", tmp_path)


def test_simkit_release_writes_bundles_and_names_a_mistyped_course(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from simkit.cli.main import app

    runner = CliRunner()
    done = runner.invoke(app, ["release", "--all", "--to", str(tmp_path)])
    assert done.exit_code == 0 and "2 course(s) released" in done.output
    assert (tmp_path / "advanced-training" / "course.yaml").is_file()
    wrong = runner.invoke(app, ["release", "advanced-trainig", "--to", str(tmp_path)])
    assert wrong.exit_code == 2 and "did you mean advanced-training?" in wrong.output
    assert runner.invoke(app, ["release"]).exit_code == 2

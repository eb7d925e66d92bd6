"""The disciplinary cases the scenario library declares, played for learners: each ends as its narrative says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.scenarios.library import library_root
from simkit.scenarios.validate import validate_paths
from simkit.sim.case import run_case
from simkit.sim.load import load_case

LEARNERS = ("alice", "bob", "carol", "dave", "erlan")


def declared_cases() -> list[str]:
    report = validate_paths([library_root()])
    return [
        f"{scenario.id}:{step.id}"
        for _path, scenario in report.scenarios.values()
        for step in scenario.steps
        if step.case is not None
    ]


@pytest.mark.parametrize("reference", declared_cases())
def test_every_declared_case_plays_for_every_learner(reference: str) -> None:
    for learner in LEARNERS:
        timeline = run_case(load_case(reference, learner))
        assert timeline.outcome in ("imposed", "time_barred")
        assert timeline.events[0].kind == "committed"


@pytest.mark.parametrize("learner", LEARNERS)
def test_the_repeated_offence_left_to_the_next_quarter_runs_out_of_time(learner: str) -> None:
    timeline = run_case(load_case("repeated-offence:lapsed", learner))
    assert timeline.outcome == "time_barred"
    assert timeline.events[-1].kind == "time_barred"


@pytest.mark.parametrize("learner", LEARNERS)
def test_the_same_repeat_heard_in_time_leads_to_dismissal(learner: str) -> None:
    case = load_case("repeated-offence:lapsed", learner)
    timeline = run_case(case.model_copy(update={"commission": case.commission.model_copy(update={"interval_days": 7})}))
    assert timeline.outcome == "imposed" and timeline.sanction.kind == "dismissal"
    assert timeline.sanction.repeat_of is not None


def test_simulate_case_prints_the_timeline_and_writes_the_chart(tmp_path: Path) -> None:
    chart = tmp_path / "gift.png"
    result = CliRunner().invoke(
        app, ["simulate", "case", "gift-at-desk:kept", "--learner", "alice", "--chart", str(chart), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["outcome"] == "imposed" and data["events"][0]["citation"] == "law:50.1.17"
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_simulate_case_explains_a_step_without_a_case() -> None:
    result = CliRunner().invoke(app, ["simulate", "case", "gift-at-desk:first_action"])
    assert result.exit_code == 2 and "declares no case" in result.output and "kept" in result.output


def test_simulate_org_writes_summary_and_charts(tmp_path: Path) -> None:
    config = tmp_path / "body.yaml"
    config.write_text(
        'name: small body\nheadcount: 600\ndays: 120\nfollow_days: 200\noffence_rates: {"44.5": 5, ordinary: 30}\n',
        "utf-8",
    )
    result = CliRunner().invoke(
        app,
        [
            "simulate",
            "org",
            str(config),
            "--replications",
            "4",
            "--workers",
            "1",
            "--out",
            str(tmp_path / "out"),
            "--sweep",
            "7,60",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary["replications"] == 4 and summary["summary"]["time_barred_share"]["low"] >= 0
    assert (tmp_path / "out" / "summary.csv").read_text("utf-8").startswith("metric,mean,ci95_low,ci95_high")
    for chart in ("days_to_sanction.png", "time_barred_by_interval.png"):
        assert (tmp_path / "out" / chart).stat().st_size > 1000


def test_a_bad_sweep_is_refused_before_any_replication_runs(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["simulate", "org", "ministry", "--sweep", "7,x", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--sweep '7,x'" in result.output
    assert not (tmp_path / "o").exists()

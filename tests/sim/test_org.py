"""Organisation mode: reproducible replications, plausible metrics, workers and clusters agreeing."""

from __future__ import annotations

import pytest

from simkit.sim.load import load_config
from simkit.sim.montecarlo import run_org
from simkit.sim.org import OrgConfig, replicate

SMALL = OrgConfig(
    name="test body",
    headcount=1500,
    days=180,
    follow_days=300,
    offence_rates={"44.5": 4, "44.6": 2, "44.7": 2, "ordinary": 25},
    commission={"interval_days": 14, "capacity": 4},
)


def test_the_same_seed_gives_identical_results() -> None:
    assert replicate(SMALL, 42) == replicate(SMALL, 42)
    assert replicate(SMALL, 42) != replicate(SMALL, 43)


def test_every_case_ends_imposed_time_barred_or_pending() -> None:
    run = replicate(SMALL, 7)
    assert run["cases"] == run["imposed"] + run["time_barred"] + run["pending"] > 0


def test_a_rarely_meeting_commission_lets_more_cases_run_out_of_time() -> None:
    monthly = SMALL.model_copy(update={"commission": SMALL.commission.model_copy(update={"interval_days": 90})})
    weekly = SMALL.model_copy(update={"commission": SMALL.commission.model_copy(update={"interval_days": 7})})
    rare = run_org(monthly, replications=8, seed=1).summary()["time_barred_share"]
    often = run_org(weekly, replications=8, seed=1).summary()["time_barred_share"]
    assert rare.mean > often.mean and rare.low > often.high


def test_workers_do_not_change_the_results() -> None:
    assert (
        run_org(SMALL, replications=6, seed=3, workers=1).replications
        == run_org(SMALL, replications=6, seed=3, workers=2).replications
    )


def test_a_local_dask_cluster_gives_the_same_results() -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = run_org(SMALL, replications=4, seed=5, cluster=cluster.scheduler_address)
    assert on_cluster.replications == run_org(SMALL, replications=4, seed=5).replications


@pytest.mark.parametrize("name", ["ministry", "akimat", "civil-service"])
def test_bundled_configurations_load(name: str) -> None:
    assert load_config(name).headcount > 1000


def test_the_civil_service_configuration_has_its_headcount() -> None:
    assert load_config("civil-service").headcount == 91330


def test_a_bad_configuration_names_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nheadcount: 10\noffence_rates: {ordinary: 1}\ncomission: {interval_days: 7}\n")
    with pytest.raises(ValueError, match=r"bad.yaml:4:1: error E003: unknown key 'comission'.*'commission'"):
        load_config(str(path))

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


#: A replication's metrics as the model gave them for a seed: a faster model must give the very same numbers.
PINNED = {
    "akimat": {
        "cases": 141,
        "imposed": 97,
        "time_barred": 44,
        "pending": 0,
        "time_barred_share": 0.3120567375886525,
        "days_to_sanction": 28.649484536082475,
        "dismissals_from_repeats": 0,
        "commission_utilisation": 0.4852941176470588,
        "commission_queue": 0.29411764705882354,
        "sanctions_demotion": 3,
        "sanctions_incompetence_warning": 8,
        "sanctions_incompetence_warning_or_dismissal": 6,
        "sanctions_dismissal": 9,
        "sanctions_discretionary": 71,
    },
    "civil-service": {
        "cases": 2312,
        "imposed": 2228,
        "time_barred": 84,
        "pending": 0,
        "time_barred_share": 0.03633217993079585,
        "days_to_sanction": 24.600987432675044,
        "dismissals_from_repeats": 1,
        "commission_utilisation": 0.1465993891041256,
        "commission_queue": 0.18500199733336764,
        "sanctions_demotion": 143,
        "sanctions_incompetence_warning": 125,
        "sanctions_incompetence_warning_or_dismissal": 116,
        "sanctions_dismissal": 102,
        "sanctions_discretionary": 1742,
    },
}
#: Of each replication's days from discovery to sanction: how many, their sum and their sum of squares.
PINNED_WAITS = {"akimat": (97, 2779, 110487), "civil-service": (2228, 54811, 2882467)}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_seed_gives_the_pinned_metrics(name: str) -> None:
    run = replicate(load_config(name), 1)
    waits = run.pop("days_to_sanction_all")
    assert run == pytest.approx(PINNED[name], rel=1e-12)
    assert (len(waits), sum(waits), sum(wait * wait for wait in waits)) == PINNED_WAITS[name]

"""``simkit simulate``: one case as a timeline, or an organisation in Monte Carlo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from simkit.cli.output import console, friendly_errors, inert, json_text, learner_option
from simkit.csvfile import csv_text
from simkit.files import atomic_write_text
from simkit.sim import charts
from simkit.sim.case import run_case
from simkit.sim.load import load_case, load_config
from simkit.sim.montecarlo import run_org

app = typer.Typer(
    help="Play disciplinary timelines: one case step by step, or an organisation in Monte Carlo.", no_args_is_help=True
)


def parse_intervals(sweep: str) -> list[int]:
    """Meeting intervals for the sweep chart, checked before any replication runs."""
    parts = [part.strip() for part in sweep.split(",") if part.strip()]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(f"--sweep {sweep!r}: give meeting intervals in days, separated by commas, e.g. 7,14,30,60")
    return [int(part) for part in parts]


@app.command("case")
@friendly_errors
def case_command(
    reference: Annotated[
        str,
        typer.Argument(
            metavar="FILE|SCENARIO:STEP",
            help="A case YAML file, or a scenario step that declares a case, e.g. gift-at-desk:kept.",
        ),
    ],
    learner: Annotated[str, typer.Option(help="With SCENARIO:STEP: whose variant (dates) to play.")] = "preview",
    lang: Annotated[str, typer.Option(help="ru or en.")] = "en",
    chart: Annotated[Path, typer.Option(help="Where to write the timeline chart (PNG).")] = Path("timeline.png"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the timeline as JSON.")] = False,
) -> None:
    """Play one case deterministically: print its timeline and write the chart."""
    if lang not in ("ru", "en"):
        raise ValueError(f"unknown language {lang!r}; use ru or en")
    timeline = run_case(load_case(reference, learner_option("--learner", learner)))
    charts.save(charts.timeline_figure(timeline, lang), chart)
    if as_json:
        events = [
            {"day": e.day.isoformat(), "kind": e.kind, "actor": e.actor, "citation": e.citation, "text": e.text[lang]}
            for e in timeline.ordered()
        ]
        typer.echo(json_text({"outcome": timeline.outcome, "deadline": str(timeline.deadline), "events": events}))
        return
    console.print(inert(timeline.text(lang), lines=True))
    console.print(
        inert(
            f"outcome: {timeline.outcome}; deadline {timeline.deadline} (from discovery "
            f"{timeline.limit_from_discovery}, from commission {timeline.limit_from_commission})"
        )
    )
    console.print(inert(f"chart: {chart}"), soft_wrap=True)


@app.command("org")
@friendly_errors
def org_command(
    config: Annotated[str, typer.Argument(metavar="CONFIG", help="A YAML file, or ministry, akimat, civil-service.")],
    replications: Annotated[int, typer.Option(help="Independent replications.")] = 100,
    workers: Annotated[int, typer.Option(help="Local worker processes.")] = 2,
    seed: Annotated[int, typer.Option(help="Same seed, same results.")] = 0,
    cluster: Annotated[str | None, typer.Option(help="A Dask scheduler address (needs simkit[cluster]).")] = None,
    out: Annotated[Path, typer.Option(help="Folder for summary.csv, summary.json and charts.")] = Path("simulation"),
    sweep: Annotated[
        str, typer.Option(help="Meeting intervals (days) for the time-barred chart, e.g. 7,14,30,60; empty to skip.")
    ] = "7,14,30,60",
) -> None:
    """Run replications of an organisation; write a summary with 95% confidence intervals, and charts."""
    intervals = parse_intervals(sweep)
    organisation = load_config(config)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"{organisation.name}: replications", total=replications)
        result = run_org(
            organisation,
            replications=replications,
            seed=seed,
            workers=workers,
            cluster=cluster,
            progress=lambda done: progress.advance(task, done),
        )
    summary = result.summary()
    out.mkdir(parents=True, exist_ok=True)
    rows = [[name, e.mean, e.low, e.high] for name, e in summary.items()]
    atomic_write_text(out / "summary.csv", csv_text(("metric", "mean", "ci95_low", "ci95_high"), rows))
    (out / "summary.json").write_text(
        json.dumps(
            {
                "config": organisation.model_dump(mode="json"),
                "seed": seed,
                "replications": replications,
                "summary": {name: vars(e) for name, e in summary.items()},
            },
            ensure_ascii=False,
            indent=2,
        ),
        "utf-8",
    )
    for name, value in summary.items():
        console.print(f"{name:<45} {value}")
    waits = [wait for run in result.replications for wait in run["days_to_sanction_all"]]
    charts.save(charts.days_to_sanction_figure(waits), out / "days_to_sanction.png")
    if intervals:
        shares = []
        for interval in intervals:
            varied = organisation.model_copy(
                update={"commission": organisation.commission.model_copy(update={"interval_days": interval})}
            )
            estimate = run_org(
                varied, replications=max(10, replications // 5), seed=seed, workers=workers, cluster=cluster
            ).summary()["time_barred_share"]
            shares.append((estimate.mean, estimate.low, estimate.high))
        charts.save(charts.sweep_figure(intervals, shares), out / "time_barred_by_interval.png")
    console.print(f"wrote {out}/summary.csv, summary.json and charts")

"""How `simkit grade --dry-run` shows a regrade report: per case, how many learners' points would go up, go down or
stay, then the course score over all cases."""

from __future__ import annotations

import typer
from rich import box
from rich.table import Table

from simkit.cli.output import console, inert, json_text
from simkit.grading.regrade import RegradeReport, Tally


def _versions(tally: Tally) -> str:
    recorded = ", ".join(map(str, tally.recorded_versions)) or "—"
    if tally.version is None:
        return ""
    return str(tally.version) if tally.recorded_versions == [tally.version] else f"{recorded} → {tally.version}"


def regrade_table(report: RegradeReport) -> Table:
    table = Table(
        title=f"{report.course}: grading with today's library would change (nothing written)",
        caption="each learner's points per case against their current attempt; mean: the mean change in points",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        show_edge=False,
    )
    table.add_column("case", no_wrap=True)
    table.add_column("version", no_wrap=True)
    rows = [*report.cases, report.total]
    new = any(tally.new for tally in rows)  # a column only when some learner has nothing recorded: 80 columns
    for name in ("learners", "raised", "lowered", "unchanged", *(("new",) if new else ()), "mean"):
        table.add_column(name, justify="right", no_wrap=True)
    if new:
        table.caption = f"{table.caption}; new: nothing recorded to compare with"
    for tally in rows:
        if tally is report.total:
            table.add_section()
        counts = (tally.learners, tally.raised, tally.lowered, tally.unchanged, *((tally.new,) if new else ()))
        table.add_row(
            inert(tally.case),
            _versions(tally),
            *map(str, counts),
            f"{tally.mean_change:+.2f}",
            style="bold" if tally is report.total else "",
        )
    return table


def show_regrade(report: RegradeReport, *, as_json: bool) -> None:
    if as_json:
        typer.echo(json_text(report.as_dict()))
        return
    for rejection in report.rejected:
        console.print(f"refused {inert(rejection.source)}: {inert(rejection.reason)}", soft_wrap=True)
    console.print(regrade_table(report))
    graded = report.total.learners
    console.print(
        f"{report.files} file(s): {graded} learner(s) compared, {len(report.rejected)} refused; "
        f"passes gained {report.passes_gained}, lost {report.passes_lost}"
        + ("; earlier versions scored as played" if report.as_played else ""),
        soft_wrap=True,
    )
    if report.earlier_versions:
        console.print(
            f"{report.earlier_versions} refused file(s) answer an earlier version of a case: grading refuses them "
            "until the learner replays it; --as-played shows what today's keys make of those answers",
            soft_wrap=True,
        )

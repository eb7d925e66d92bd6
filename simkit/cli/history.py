"""`simkit history`: each learner's history as HR read it, every onboarding (code:5) and every cycle of advanced
training (law:34.2) with its completion, certificate code and next due date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from simkit.cli.grading import Database
from simkit.cli.law import parse_date
from simkit.cli.output import console, friendly_errors, inert
from simkit.cli.register import MappingOption, mapping_of, show_problems
from simkit.cli.statistics import writing
from simkit.compliance.histories import histories
from simkit.compliance.history import HistoryRow
from simkit.compliance.history_output import write_history
from simkit.gradebook.db import connect

SHOWN = ("entry_date", "rhythm", "cycle", "opened_on", "due", "completed_on", "status", "certificate", "next_due")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def history_table(rows: list[HistoryRow]) -> Table:
    first = rows[0]
    title = " — ".join(part for part in (first.learner, first.name, first.organisation) if part)
    table = Table(*SHOWN, title=inert(title), title_justify="left", box=box.SIMPLE_HEAD)
    for row in rows:
        table.add_row(*(inert(_cell(getattr(row, name))) for name in SHOWN))
    return table


@friendly_errors
def history_command(
    learner: Annotated[str | None, typer.Argument(help="The learner's id (omit with --all).")] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every learner (of the roster, or stored in the gradebook).")
    ] = False,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="Take learners and entry dates from this roster (default: the gradebook's)."),
    ] = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Write the rows as CSV (with --all, default: history-AS_OF.csv).")
    ] = None,
    as_of: Annotated[
        dt.date | None,
        typer.Option("--as-of", parser=parse_date, metavar="YYYY-MM-DD", help="The history's day (default: today)."),
    ] = None,
    due_within: Annotated[
        int, typer.Option("--due-within", help="Days: an open cycle due within them is due soon.")
    ] = 90,
    mapping: MappingOption = None,
    db: Database = None,
) -> None:
    """Every entry into the service with the onboarding it opened (code:5), and every cycle of advanced training
    (law:34.2): when it opened, when it was due, the completion that closed it (in time or late) with its
    certificate's code, and the next due date. Early or late, the next training is due three years after the
    completion (interpretation note training-next-due). See docs/compliance.md.
    """
    if (learner is None) == (not every):
        raise ValueError("give a LEARNER or --all (hint: simkit history ann; simkit history --all --csv h.csv)")
    day = as_of or dt.date.today()
    engine = connect(db)
    try:
        rows, read = histories(
            engine, as_of=day, learner=learner, roster=roster, mapping=mapping_of(mapping), due_within=due_within
        )
    finally:
        engine.dispose()
    if read is not None:
        show_problems(read)
    target = csv or (Path(f"history-{day}.csv") if every else None)
    if learner is not None and rows:
        console.print(history_table(rows))
    if target is not None:
        with writing(target):
            write_history(rows, target, read.delimiter if read else ",")
        learners = len({row.learner for row in rows})
        console.print(inert(f"written {target}: {len(rows)} row(s) of {learners} learner(s)"), soft_wrap=True)

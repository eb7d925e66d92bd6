"""`simkit completions`: who completed what, for an HR register to import back (CSV or XLSX)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from simkit.cli.grading import Database
from simkit.cli.law import parse_date
from simkit.cli.output import console, friendly_errors, inert
from simkit.cli.statistics import writing
from simkit.compliance.completions import completion_rows, header, write_completions
from simkit.compliance.register import Mapping, load_mapping
from simkit.compliance.roster import Roster, read_roster
from simkit.gradebook.db import connect
from simkit.gradebook.history import completions

MappingOption = Annotated[
    Path | None,
    typer.Option("--mapping", help="YAML naming the register's columns and date forms (docs/hr-register.md)."),
]


def mapping_of(path: Path | None) -> Mapping | None:
    return None if path is None else load_mapping(path)


def show_problems(roster: Roster) -> None:
    """Each bad row on one line, file and row first; the others were read."""
    for problem in roster.problems:
        learner = f"{problem.learner}: " if problem.learner else ""
        console.print(inert(f"{roster.source}:{problem.line}: {learner}{problem.reason}"), soft_wrap=True)
    if roster.problems:
        console.print(inert(f"{len(roster.problems)} bad row(s) left out, {len(roster.entries)} read"))


@friendly_errors
def completions_command(
    roster: Annotated[Path, typer.Argument(help="The HR register's export (CSV or XLSX), or a roster.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write: .csv or .xlsx.")],
    mapping: MappingOption = None,
    as_of: Annotated[
        dt.date | None,
        typer.Option("--as-of", parser=parse_date, metavar="YYYY-MM-DD", help="Completions up to this day (today)."),
    ] = None,
    db: Database = None,
) -> None:
    """One row per completion (onboarding, code:5; advanced training, law:34.2) of each learner the register lists:
    the register's id, the course, the day, the certificate's code and, for advanced training, the next due date.
    The id and name columns keep the register's names (from --mapping), so the register can import the file."""
    day = as_of or dt.date.today()
    chosen = mapping_of(mapping)
    read = read_roster(roster, day, chosen)
    show_problems(read)
    engine = connect(db)
    try:
        rows = completion_rows(read, completions(engine, day))
    finally:
        engine.dispose()
    with writing(out):
        write_completions(out, header(chosen), rows, read.delimiter)
    console.print(inert(f"written {out}: {len(rows)} completion(s) of {len(read.entries)} learner(s)"))

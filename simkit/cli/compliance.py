"""`simkit roster`: who is due and who is overdue, from an HR roster and the gradebook (code:5, law:34.2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from simkit.cli.grading import Database, progress_bar
from simkit.cli.law import parse_date
from simkit.cli.output import console, friendly_errors, inert
from simkit.cli.register import MappingOption, mapping_of
from simkit.cli.statistics import writing
from simkit.compliance.labels import check_language
from simkit.compliance.output import write_report
from simkit.compliance.report import ComplianceReport, assess_roster
from simkit.compliance.roster import read_roster
from simkit.compliance.summary import (
    ORGANISATIONS_SHOWN,
    PROBLEMS_SHOWN,
    headline,
    problem_rows,
    status_rows,
)
from simkit.compliance.summary import organisation_table as organisation_table_rows
from simkit.gradebook.compliance import gradebook_records, import_roster
from simkit.gradebook.db import connect, shown
from simkit.memory import collector_paused


def status_table(report: ComplianceReport, lang: str) -> Table:
    table = Table("", "status", "learners", "%", title="statuses", title_justify="left", box=box.SIMPLE_HEAD)
    previous = None
    for rhythm, status, count, share in status_rows(report, lang):
        table.add_row(inert(rhythm if rhythm != previous else ""), inert(status), str(count), share)
        previous = rhythm
    return table


def organisation_table(report: ComplianceReport, lang: str, rhythm: str) -> Table:
    title, header, rows = organisation_table_rows(report, lang, rhythm)
    table = Table(title=f"{inert(title)}, by organisation", title_justify="left", box=box.SIMPLE_HEAD)
    first, *counts = header
    table.add_column(inert(first), overflow="fold")
    for name in counts:
        table.add_column(inert(name), justify="right", overflow="fold")
    for row in rows:
        table.add_row(*map(inert, row))
    return table


def problem_table(report: ComplianceReport) -> Table:
    count = len(report.roster.problems)
    title = inert(f"{count} bad row(s) of {report.roster.source} left out")
    table = Table("line", "learner", "problem", title=title, title_justify="left")
    for line, learner, reason in problem_rows(report):
        table.add_row(line, inert(learner), inert(reason))
    return table


def show_summary(report: ComplianceReport, lang: str) -> None:
    console.print(inert(headline(report)), soft_wrap=True)
    console.print(status_table(report, lang))
    console.print(organisation_table(report, lang, "onboarding"))
    console.print(organisation_table(report, lang, "training"))
    if (hidden := len(report.organisations()) - ORGANISATIONS_SHOWN) > 0:
        console.print(f"and {hidden} more organisation(s): every learner is in the CSV")
    if report.roster.problems:
        console.print(problem_table(report))
        if (more := len(report.roster.problems) - PROBLEMS_SHOWN) > 0:
            console.print(f"and {more} more bad row(s): all of them are in the problems file")


def default_out(roster: Path, as_of: dt.date) -> Path:
    return Path(f"{roster.stem}-compliance-{as_of}.csv")


@friendly_errors
def roster_command(
    roster: Annotated[
        Path,
        typer.Argument(
            help="The HR roster (CSV or XLSX): learner, name, organisation, entry_date, and optional columns; "
            "or an HR register's export with --mapping."
        ),
    ],
    as_of: Annotated[
        dt.date | None,
        typer.Option("--as-of", parser=parse_date, metavar="YYYY-MM-DD", help="The report's day (default: today)."),
    ] = None,
    due_within: Annotated[
        int, typer.Option("--due-within", help="Days: advanced training due within them is reported as due soon.")
    ] = 90,
    out: Annotated[
        Path | None, typer.Option("--out", help="CSV to write (default: ROSTER-compliance-AS_OF.csv, here).")
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw the statuses by organisation: a PNG.")
    ] = None,
    lang: Annotated[str, typer.Option(help="ru, en or kk: the statuses' names in the summary and the chart.")] = "ru",
    mapping: MappingOption = None,
    db: Database = None,
    store: Annotated[
        bool,
        typer.Option(
            "--import", help="Also store each learner's name, organisation, entry date and corps in the gradebook."
        ),
    ] = False,
) -> None:
    """Who has not acknowledged the Code within three working days of entry (code:5), and whose advanced training
    is due or overdue (law:34.2), for every learner of an HR roster, joined with the gradebook.

    Writes one CSV row per learner with both statuses, their deadlines and provisions, prints the counts per
    status and per organisation, and lists the roster's bad rows (by line) without stopping. See
    docs/compliance.md.
    """
    check_language(lang)
    day = as_of or dt.date.today()
    if due_within < 0:
        raise ValueError(f"--due-within cannot be negative (got {due_within})")
    target = out or default_out(roster, day)
    with collector_paused():  # a hundred thousand learners' tuples, none in a cycle: nothing to collect
        read = read_roster(roster, day, mapping_of(mapping))  # a file that is no roster stops here
        engine = connect(db)
        with progress_bar() as bar:
            task = bar.add_task("assessing learners", total=len(read.entries))
            records = gradebook_records(engine, day)
            advance = lambda done, _total: bar.update(task, completed=done)  # noqa: E731
            report = assess_roster(read, records, day, due_within, advance)
            bar.update(task, description="writing the CSV")
            with writing(target):
                written = write_report(report, target)
    show_summary(report, lang)
    for path in written:
        console.print(inert(f"written {path}"))
    if chart:
        from simkit.compliance.chart import write_chart  # matplotlib only when a chart is asked for

        with writing(chart):
            console.print(inert(f"written {write_chart(report, chart, lang)}"))
    if store:
        stored = import_roster(engine, read.entries)
        console.print(inert(f"stored {stored} learner(s) of the roster in the gradebook {shown(engine.url)}"))
    engine.dispose()


def register(app: typer.Typer) -> None:
    from simkit.cli.history import history_command
    from simkit.cli.register import completions_command

    app.command("roster")(roster_command)
    app.command("history")(history_command)
    app.command("completions")(completions_command)

"""Grading commands for trainers: collect, grade, review, feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from simkit.cli.output import console, friendly_errors
from simkit.grading.batch import BatchReport, score_files, submission_files
from simkit.grading.collect import collect
from simkit.grading.feedback import write_feedback
from simkit.grading.grader import course_key
from simkit.grading.results import Rejection
from simkit.settings import data_home

Sources = Annotated[
    list[Path] | None,
    typer.Argument(help="Submission files or folders (default: the collected ones, else this machine's own)."),
]


def collected_root() -> Path:
    return data_home() / "collected"


def default_sources(course_id: str) -> list[Path]:
    collected = collected_root() / course_id
    return [collected if collected.is_dir() else data_home() / "submissions" / course_id]


def progress_bar() -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def show_rejections(rejected: list[Rejection]) -> None:
    if not rejected:
        return
    table = Table("file", "refused because", title=f"{len(rejected)} refused", title_justify="left")
    for rejection in rejected:
        table.add_row(escape(rejection.source), escape(rejection.reason))
    console.print(table)


@friendly_errors
def collect_command(
    folders: Annotated[list[Path], typer.Argument(help="Folders of learners' folders, or JupyterHub home folders.")],
    out: Annotated[Path | None, typer.Option("--to", help="Where to gather (default: $SIMKIT_HOME/collected).")] = None,
) -> None:
    """Gather learners' submissions into one folder per course, ready for `simkit grade`."""
    target = out or collected_root()
    result = collect(folders, target)
    courses = sorted({course for course, _learner in result.copied})
    for course in courses:
        count = sum(1 for found, _learner in result.copied if found == course)
        console.print(f"{course}: {count} submission(s) → {target / course}")
    console.print(f"{len(result.copied)} collected, {len(result.rejected)} refused")
    show_rejections(result.rejected)


def score_with_progress(course: str, sources: list[Path] | None) -> BatchReport:
    key = course_key(course)
    paths = submission_files(course, sources or default_sources(course))
    if not paths:
        raise ValueError(f"no submissions of {course!r} found (hint: `simkit collect DIR` gathers them first)")
    with progress_bar() as bar:
        task = bar.add_task(f"scoring {course}", total=len(paths))
        return score_files(key, paths, progress=lambda done: bar.update(task, completed=done))


@friendly_errors
def feedback(
    course: Annotated[str, typer.Argument(help="Course id, e.g. advanced-training.")],
    sources: Sources = None,
    lang: Annotated[str, typer.Option(help="ru or en.")] = "ru",
    out: Annotated[Path, typer.Option("--to", help="Folder for the reports.")] = Path("feedback"),
) -> None:
    """Write each learner's feedback report (HTML): every answer, the right one, the cited provisions' text."""
    if lang not in ("ru", "en"):
        raise ValueError(f"unknown language {lang!r}; use ru or en")
    report = score_with_progress(course, sources)
    written = write_feedback(course_key(course), report.graded, out, lang)
    console.print(f"{len(written)} report(s) written to {out / course}")
    show_rejections(report.rejected)


def register(app: typer.Typer) -> None:
    app.command("collect")(collect_command)
    app.command()(feedback)

"""Grading commands for trainers: collect, grade, review, feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from simkit.cli import cohort
from simkit.cli.output import console, friendly_errors, inert, learner_option
from simkit.cli.regrade import show_regrade
from simkit.gradebook.book import Change, Gradebook
from simkit.gradebook.cases import open_existing
from simkit.gradebook.db import connect
from simkit.gradebook.results import GradedSubmission, Rejection
from simkit.grading.batch import BatchReport, score_files, submission_files
from simkit.grading.collect import collect
from simkit.grading.feedback import write_feedback
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.regrade import regrade_report
from simkit.grading.run import dry_run, grade_into
from simkit.scenarios.variants import make_variant
from simkit.settings import data_home

SOME_REFUSED = 3  # exit status: done, but some files were refused (each on a line of its own); 2 is an error

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
    """One line a refused file, never wrapped: its name, then why, so it can be found and grepped for."""
    for rejection in rejected:
        console.print(f"refused {inert(rejection.source)}: {inert(rejection.reason)}", soft_wrap=True)


def show_unfit(graded: list[GradedSubmission]) -> None:
    """One line an answer marked wrong for not fitting its question: the player never saves one, so the file was
    altered or written by something else, which a trainer should know."""
    for submission in graded:
        for reason in submission.unfit:
            console.print(f"marked wrong {inert(submission.source)}: {inert(reason)}", soft_wrap=True)


def exit_if_refused(rejected: list[Rejection], done: str) -> None:
    if rejected:
        console.print(f"{len(rejected)} file(s) refused, listed above; {done}")
        raise typer.Exit(SOME_REFUSED)


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
        console.print(inert(f"{course}: {count} submission(s) → {target / course}"), soft_wrap=True)
    show_rejections(result.rejected)
    console.print(f"{len(result.copied)} collected, {len(result.rejected)} refused")
    exit_if_refused(result.rejected, "every other submission is collected")


def score_with_progress(course: str, sources: list[Path] | None) -> BatchReport:
    key = course_key(course)
    paths = submission_files(course, sources or default_sources(course))
    if not paths:
        raise ValueError(f"no submissions of {course!r} found (hint: `simkit collect DIR` gathers them first)")
    with progress_bar() as bar:
        task = bar.add_task(inert(f"scoring {course}"), total=len(paths))
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
    show_rejections(report.rejected)
    console.print(inert(f"{len(written)} report(s) written to {out / course}"), soft_wrap=True)
    exit_if_refused(report.rejected, "every other learner has a report")


Database = Annotated[
    str | None,
    typer.Option("--db", help="Gradebook URL (default: $SIMKIT_GRADEBOOK, else $SIMKIT_HOME/gradebook.sqlite)."),
]


def show_changes(changes: list[Change]) -> None:
    table = Table(
        "learner", "score now", "score after", "passed now", "passed after", title="what grading would change"
    )
    for change in changes:
        before = "—" if change.old_score is None else f"{change.old_score:g}"
        table.add_row(
            inert(change.learner), before, f"{change.new_score:g}", str(change.old_passed), str(change.new_passed)
        )
    console.print(table)


@friendly_errors
def grade_command(
    course: Annotated[str, typer.Argument(help="Course id, e.g. advanced-training.")],
    sources: Sources = None,
    db: Database = None,
    dry: Annotated[
        bool, typer.Option("--dry-run", help="Show per case how many learners' scores would change; write nothing.")
    ] = False,
    as_played: Annotated[
        bool,
        typer.Option(
            "--as-played",
            help="With --dry-run: score answers to an earlier version of a case by today's keys, on the values "
            "that version drew (grading refuses them until the learner replays the case).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --dry-run: print the report as JSON.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Apply a regrade after a key change without stopping.")] = False,
) -> None:
    """Grade the course's submissions against keys rebuilt from the library, and record them in the gradebook.

    Grading again changes nothing unless keys or answers changed. After a key fix that changes a recorded score,
    grading stops to show the changes per learner until it is run again with --yes; --dry-run shows them per case.
    """
    if (as_played or as_json) and not dry:
        raise ValueError(f"{'--as-played' if as_played else '--json'} goes with --dry-run")
    key = course_key(course)
    paths = submission_files(course, sources or default_sources(course))
    if not paths:
        raise ValueError(f"no submissions of {course!r} found (hint: `simkit collect DIR` gathers them first)")
    if dry:
        regrade_dry_run(key, paths, db, as_played=as_played, as_json=as_json)
        return
    book = Gradebook(connect(db))
    stale = [learner for (learner, _d), digest in book.graded_before(course).keys.items() if digest != key.digest]
    with progress_bar() as bar:
        task = bar.add_task(inert(f"grading {course}"), total=len(paths))
        advance = lambda done: bar.update(task, completed=done)  # noqa: E731
        changes: list[Change] = []
        if stale and not yes:
            report, changes = dry_run(book, key, paths, advance)
        # A changed file need not change a score (a translation, a reworded feedback): stop only when a
        # learner already graded would get another score or verdict.
        regraded = any(change.old_score is not None for change in changes)
        if not regraded:
            report, counts = grade_into(book, key, paths, f"grade {course}", advance)
    show_rejections(report.rejected)
    show_unfit(report.graded)
    if regraded:
        show_changes(changes)
        console.print(
            inert(
                f"the keys changed since {len(stale)} learner(s) were graded: check the changes above "
                f"(`simkit grade {course} --dry-run` shows them per case), then run again with --yes to regrade"
            ),
            soft_wrap=True,
        )
        raise typer.Exit(1)
    passed = sum(graded.passed is True for graded in report.graded)
    console.print(
        inert(
            f"{course}: {counts.graded} graded, {counts.regraded} regraded, {counts.unchanged} unchanged, "
            f"{counts.rejected} refused in {report.seconds:.1f} s; {passed} passed, "
            f"{len(book.pending_reviews(course))} answer(s) awaiting review (`simkit review {course}`)"
        ),
        soft_wrap=True,
    )
    exit_if_refused(report.rejected, "every other submission is graded")


def regrade_dry_run(key: CourseKey, paths: list[Path], db: str | None, *, as_played: bool, as_json: bool) -> None:
    """The regrade report of `simkit grade --dry-run`: nothing is written, no gradebook made."""
    engine = open_existing(db)
    try:
        if as_json:
            report = regrade_report(engine, key, paths, as_played=as_played)
        else:
            with progress_bar() as bar:
                task = bar.add_task(inert(f"comparing {key.course.id}"), total=len(paths))
                advance = lambda done: bar.update(task, completed=done)  # noqa: E731
                report = regrade_report(engine, key, paths, as_played=as_played, progress=advance)
    finally:
        engine.dispose()
    show_regrade(report, as_json=as_json)
    if report.rejected:
        if not as_json:
            console.print(f"{len(report.rejected)} file(s) refused, listed above; the others are compared")
        raise typer.Exit(SOME_REFUSED)


@friendly_errors
def review(
    course: Annotated[str, typer.Argument(help="Course id.")],
    db: Database = None,
    list_only: Annotated[bool, typer.Option("--list", help="List the queue; score nothing.")] = False,
    reviewer: Annotated[str, typer.Option(help="Your name, recorded with each score.")] = "trainer",
    learner: Annotated[str | None, typer.Option(help="Only this learner's answers (a learner id).")] = None,
) -> None:
    """Score the free-text answers waiting for review, against their rubric; Enter skips one."""
    only = None if learner is None else learner_option("--learner", learner)
    key, book = course_key(course), Gradebook(connect(db))
    queue = [item for item in book.pending_reviews(course) if only is None or item["learner_id"] == only]
    whose = "" if only is None else f" from {only}"
    console.print(inert(f"{len(queue)} answer(s){whose} awaiting review in {course}"), soft_wrap=True)
    for item in queue:
        scenario = key.scenarios[item["scenario_id"]].scenario
        step, variant = scenario.step(item["step_id"]), make_variant(scenario, key.course.seed, item["learner_id"])
        console.rule(inert(f"{item['learner_id']} · {item['scenario_id']}/{item['step_id']}"))
        console.print(inert(variant.render(step.prompt, "ru"), lines=True), soft_wrap=True)  # type: ignore[union-attr]
        # Whole, as the gradebook gives it: up to the longest answer intake takes, a longer one cut and marked.
        console.print(f"[bold]answer:[/bold] {inert(item['value'])}", soft_wrap=True)
        for rubric in getattr(step, "rubric", []):
            console.print(f"  · {inert(variant.render(rubric.text, 'ru'))} ({rubric.points:g})", soft_wrap=True)
        if list_only:
            continue
        given = typer.prompt(f"points (0–{item['max_points']:g}, Enter to skip)", default="", show_default=False)
        if given.strip():
            attempt = book.add_review(
                item["attempt_id"],
                item["scenario_id"],
                item["step_id"],
                float(given),
                reviewer,
                typer.prompt("comment", default="", show_default=False),
            )
            console.print(f"score now {attempt['score']:g}; passed: {attempt['passed']}")


def register(app: typer.Typer) -> None:
    app.command("collect")(collect_command)
    app.command("grade")(grade_command)
    app.command()(review)
    app.command()(feedback)
    cohort.register(app)

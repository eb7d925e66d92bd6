"""`simkit cohort`: a reproducible synthetic cohort's submission files, to try grading or a regrade on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simkit.cli.output import console, friendly_errors, inert
from simkit.grading.cohort import write_cohort
from simkit.grading.grader import course_key


@friendly_errors
def cohort_command(
    course: Annotated[str, typer.Argument(help="Course id, e.g. advanced-training.")],
    out: Annotated[Path, typer.Argument(help="Folder to write into (the files go in OUT/COURSE/).")],
    learners: Annotated[int, typer.Option(help="How many learners.")] = 100,
    seed: Annotated[int, typer.Option(help="The same seed writes the same files.")] = 0,
) -> None:
    """Write the submissions of a seeded synthetic cohort: generated learners who play every case of the course,
    each right with a skill of their own, for `simkit grade` (and `--dry-run` after a library change)."""
    written = write_cohort(course_key(course), out, learners, seed)
    console.print(inert(f"{len(written)} submission(s) of {course} written to {out / course}"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("cohort")(cohort_command)

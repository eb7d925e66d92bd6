"""Course commands for trainers: release the learner bundles the player reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simkit.cli.output import console, friendly_errors
from simkit.scenarios.release import release_courses
from simkit.settings import release_root


@friendly_errors
def release(
    courses: Annotated[list[str] | None, typer.Argument(help="Course ids, e.g. onboarding.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Release every course in the library.")] = False,
    out: Annotated[
        Path | None, typer.Option("--to", help="Folder for the bundles (default: $SIMKIT_HOME/release).")
    ] = None,
) -> None:
    """Write the learner bundle of each course: exam courses carry copies with no answer keys or feedback.

    Releasing again replaces a course's bundle whole; learners' submissions are not touched.
    """
    if not courses and not every:
        raise ValueError("name a course (e.g. `simkit release onboarding`) or give --all")
    folders = release_courses(None if every else courses, out)
    for folder in folders:
        console.print(f"released {folder.name} → {folder}")
    console.print(f"{len(folders)} course(s) released into {out or release_root()}")


def register(app: typer.Typer) -> None:
    app.command()(release)

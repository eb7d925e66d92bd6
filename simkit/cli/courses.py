"""Course commands for trainers: release the learner bundles the player reads; audit what learners can read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simkit.cli.output import console, friendly_errors, inert, show_error
from simkit.scenarios.audit import find_keys
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
        console.print(inert(f"released {folder.name} → {folder}"), soft_wrap=True)
    console.print(inert(f"{len(folders)} course(s) released into {out or release_root()}"), soft_wrap=True)


@friendly_errors
def audit_keys(
    paths: Annotated[list[Path], typer.Argument(help="Folders, files and wheels (.whl) to search.")],
    allow_practice: Annotated[
        bool,
        typer.Option(
            "--allow-practice", help="Allow the keys of released practice courses (not those an exam also asks)."
        ),
    ] = False,
) -> None:
    """Search for answer-key material of the scenario format: anything an exam copy does not carry.

    Prints one line per finding (file:line: place: what) and exits 1 if there is any, 0 if there is none. Run it
    on what a learner's server can read: the released bundles, the installed package, the learner's home.
    """
    found = find_keys(paths, allow_practice=allow_practice)
    for finding in found:
        console.print(inert(finding), soft_wrap=True)
    if found:
        files = len({finding.file for finding in found})
        show_error(f"{len(found)} place(s) of answer-key material in {files} file(s)")
        raise typer.Exit(1)
    console.print(inert(f"no answer-key material in {', '.join(map(str, paths))}"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(release)
    app.command(name="audit-keys")(audit_keys)

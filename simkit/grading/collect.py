"""Gathering learners' submission files into one folder per course, ready for grading.

Submissions are found wherever the player writes them, ``…/submissions/<course>/<learner>.json``: in a folder
per learner (a copy of each learner's ``$SIMKIT_HOME``) or in JupyterHub home folders (``<home>/<user>/.simkit``).
Symbolic links are not followed, a file found in one learner's folder that names another is refused, and of two
copies of one learner's submission the one saved last is kept.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simkit.grading.intake import MAX_BYTES
from simkit.grading.results import Rejection
from simkit.submissions import saved_at
from simkit.submissions.ids import require_learner_id


@dataclass
class Collected:
    copied: dict[tuple[str, str], Path] = field(default_factory=dict)  # (course, learner) → where it came from
    rejected: list[Rejection] = field(default_factory=list)


def found_files(root: Path) -> Iterator[Path]:
    """Every ``submissions/<course>/<learner>.json`` under ``root``, without following links."""
    for folder, subfolders, files in os.walk(root, followlinks=False):
        here = Path(folder)
        subfolders[:] = [name for name in subfolders if not (here / name).is_symlink()]
        if here.parent.name == "submissions":
            yield from (here / name for name in sorted(files) if name.endswith(".json") and not name.startswith("."))


def _owner(root: Path, path: Path) -> str | None:
    """The learner whose folder holds ``path``: the first folder under ``root``, when it is not the data folder."""
    first = path.relative_to(root).parts[0]
    return None if first in ("submissions", ".simkit") else first


def collect(roots: list[Path], out: Path) -> Collected:
    result = Collected()
    for root in roots:
        if not root.is_dir():
            raise ValueError(f"{root} is not a folder (hint: give the folder holding learners' folders or homes)")
        for path in found_files(root):
            _take(root, path, out, result)
    return result


def _problem(root: Path, path: Path) -> str | None:
    learner, owner = path.stem, _owner(root, path)
    if path.is_symlink() or not path.is_file():
        return "not a regular file (links are not followed)"
    try:
        require_learner_id(learner)
    except ValueError as error:
        return f"file name: {error}"
    if owner is not None and owner != learner:
        return f"found in {owner!r}'s folder but names learner {learner!r}"
    if path.stat().st_size > MAX_BYTES:
        return f"over the {MAX_BYTES:,}-byte limit for a submission"
    return None


def _take(root: Path, path: Path, out: Path, result: Collected) -> None:
    if problem := _problem(root, path):
        result.rejected.append(Rejection(str(path), problem))
        return
    course, learner = path.parent.name, path.stem
    earlier = result.copied.get((course, learner))
    if earlier is not None:
        older, newer = (path, earlier) if saved_at(earlier) >= saved_at(path) else (earlier, path)
        result.rejected.append(Rejection(str(older), f"an older copy of {learner}'s submission ({newer} is newer)"))
        if older == path:
            return
    target = out / course / f"{learner}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target.with_suffix(".part"))
    os.replace(target.with_suffix(".part"), target)
    result.copied[(course, learner)] = path

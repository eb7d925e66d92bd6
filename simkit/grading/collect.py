"""Gathering learners' submission files into one folder per course, ready for grading.

Submissions are found wherever the player writes them, ``…/submissions/<course>/<learner>.json``: in a folder
per learner (a copy of each learner's ``$SIMKIT_HOME``) or in JupyterHub home folders (``<home>/<user>/.simkit``).
Each file is read once, as grading reads it, and the bytes read are the ones copied. Symbolic links are not
followed; a file that is no submission, names another learner or course than its place says, or lies in another
learner's folder is refused with its reason, as is a folder that cannot be listed; of two copies of one learner's
submission the one saved last is kept.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simkit.gradebook.results import Rejection, in_utc
from simkit.submissions import Refused, decode_submission, quoted, read_submission_bytes
from simkit.submissions.files import NEVER
from simkit.submissions.ids import require_learner_id
from simkit.submissions.times import plausible, server_now

UNLISTED = "cannot be listed: {} (hint: run collect as a user who may read learners' folders)"


@dataclass
class Collected:
    copied: dict[tuple[str, str], Path] = field(default_factory=dict)  # (course, learner) → where it came from
    rejected: list[Rejection] = field(default_factory=list)
    saved: dict[tuple[str, str], dt.datetime] = field(default_factory=dict)  # when the copy kept was saved


def found_files(root: Path, refused: list[Rejection] | None = None) -> Iterator[Path]:
    """Every ``submissions/<course>/<learner>.json`` under ``root``, without following links; a folder that
    cannot be listed goes to ``refused``."""
    for folder, subfolders, files in os.walk(root, onerror=_noting(refused), followlinks=False):
        here = Path(folder)
        subfolders[:] = [name for name in subfolders if not (here / name).is_symlink()]
        if here.parent.name == "submissions":
            yield from (here / name for name in sorted(files) if name.endswith(".json") and not name.startswith("."))


def _noting(refused: list[Rejection] | None) -> Callable[[OSError], None]:
    def note(error: OSError) -> None:
        if refused is not None:
            refused.append(Rejection(str(error.filename), UNLISTED.format((error.strerror or "error").lower())))

    return note


def _owner(root: Path, path: Path) -> str | None:
    """The learner whose folder holds ``path``: the first folder under ``root``, when it is not the data folder."""
    first = path.relative_to(root).parts[0]
    return None if first in ("submissions", ".simkit") else first


def collect(roots: list[Path], out: Path) -> Collected:
    result = Collected()
    for root in roots:
        if not root.is_dir():
            raise ValueError(f"{root} is not a folder (hint: give the folder holding learners' folders or homes)")
        for path in found_files(root, result.rejected):
            _take(root, path, out, result)
    return result


def _misplaced(root: Path, path: Path) -> str | None:
    """What is wrong with where a file is, before it is read."""
    learner, owner = path.stem, _owner(root, path)
    try:
        require_learner_id(learner)
    except ValueError as error:
        return f"file name: {error}"
    if owner is not None and owner != learner:
        return f"found in {quoted(owner)}'s folder but names learner {learner!r}"
    return None


def _take(root: Path, path: Path, out: Path, result: Collected) -> None:
    course, learner = path.parent.name, path.stem
    try:
        if problem := _misplaced(root, path):
            raise Refused(problem)
        raw = read_submission_bytes(path)
        submission = decode_submission(raw, path)
        if (submission.course, submission.learner) != (course, learner):
            raise Refused(
                f"names learner {quoted(submission.learner)} in course {quoted(submission.course)}, but is filed "
                f"as {learner!r}'s in {course!r} (hint: a copied or renamed file?)"
            )
        saved = in_utc(submission.updated_at)
    except Refused as refused:
        result.rejected.append(Rejection(str(path), refused.reason))
        return
    if not plausible(saved, server_now()):  # a clock set wrong or an edited file: such a copy never wins
        saved = NEVER
    earlier = result.copied.get((course, learner))
    if earlier is not None:
        kept_saved = result.saved[(course, learner)]
        older, newer = (path, earlier) if kept_saved >= saved else (earlier, path)
        result.rejected.append(Rejection(str(older), f"an older copy of {learner}'s submission ({newer} is newer)"))
        if older == path:
            return
    _write(out / course / f"{learner}.json", raw)
    result.copied[(course, learner)] = path
    result.saved[(course, learner)] = saved


def _write(target: Path, raw: bytes) -> None:
    """The bytes read, under the learner's name; a grader never sees a half-copied file."""
    part = target.with_suffix(".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(raw)
        os.replace(part, target)
    except OSError as error:  # the folder collected into, not a learner's file: nothing more can be collected
        raise ValueError(f"{target}: cannot be written: {error.strerror} (hint: check --to and the disk)") from None

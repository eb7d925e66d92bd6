"""A grading batch: every submission file of a course read, scored and recorded, the rest of the batch going on
whatever one file holds. Unchanged submissions are recognised by their digest and not scored again; results are
written in chunks, each one transaction, so a run stopped at any point is completed by running it again."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from simkit.gradebook.book import Graded
from simkit.gradebook.results import GradedSubmission, Rejection
from simkit.grading.grader import CourseKey, grade
from simkit.grading.intake import Refused, load, parse
from simkit.submissions import excerpt

CHUNK = 500
Progress = Callable[[int], None]


@dataclass
class BatchReport:
    course: str
    files: int = 0
    graded: list[GradedSubmission] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def submission_files(course_id: str, sources: Iterable[Path]) -> list[Path]:
    """Files as given; in folders, ``*.json`` of a subfolder named after the course if there is one, else all.

    Links to folders are not followed. A folder that cannot be listed, or anything named ``*.json`` that is no
    file, is listed all the same: grading refuses it with its reason, rather than pass over it in silence. A
    source that is not there is refused likewise, unless none of them is (then it is an error: a typo)."""
    found: list[Path] = []
    missing: list[Path] = []
    for source in sources:
        if source.is_dir():
            found += _in_folder(course_id, source)
        elif source.exists() or source.is_symlink():
            found.append(source)
        else:
            missing.append(source)
    if missing and not found:
        raise ValueError(f"{missing[0]}: no such file or folder")
    return sorted(set(found + missing))


def _in_folder(course_id: str, source: Path) -> list[Path]:
    unlisted: list[Path] = []
    walked = [(Path(top), files + folders) for top, folders, files in os.walk(source, onerror=_noting(unlisted))]
    courses = [top for top, _names in walked if top.name == course_id and top != source]
    found: list[Path] = [*unlisted]
    for top, names in walked:
        if not courses or any(top.is_relative_to(folder) for folder in courses):
            found += [top / name for name in names if name.endswith(".json") and not name.startswith(".")]
    return found


def _noting(unlisted: list[Path]) -> Callable[[OSError], None]:
    """os.walk's ``onerror``: a folder it cannot list is kept, to be refused with its reason."""
    return lambda error: unlisted.append(Path(error.filename))


def score_files(
    key: CourseKey, paths: list[Path], before: Graded | None = None, progress: Progress | None = None
) -> BatchReport:
    """Score every file not already graded with these keys; refused files are reported, never fatal."""
    before = before or Graded({}, {})
    report = BatchReport(key.course.id, files=len(paths))
    newest: dict[str, GradedSubmission] = {}
    for number, path in enumerate(paths, 1):
        _score_one(key, path, before, newest, report)
        if progress and (number % 100 == 0 or number == len(paths)):
            progress(number)
    report.graded = list(newest.values())
    return report


def _score_one(
    key: CourseKey, path: Path, before: Graded, newest: dict[str, GradedSubmission], report: BatchReport
) -> None:
    try:
        graded = _graded(key, path, before, report)
    except Refused as refused:
        report.rejected.append(Rejection(str(path), refused.reason))
        return
    except Exception as error:  # a fault in simkit on one file must not cost the rest of the batch its grades
        failure = f"{type(error).__name__}: {excerpt(str(error))}"
        reason = f"simkit failed on this file ({failure}); please report it with the file"
        report.rejected.append(Rejection(str(path), reason))
        return
    if graded is None:
        return
    earlier = newest.get(graded.learner)
    if earlier is None:
        newest[graded.learner] = graded
        return
    older, newer = (graded, earlier) if earlier.order >= graded.order else (earlier, graded)
    report.rejected.append(Rejection(older.source, f"a duplicate of {graded.learner}'s submission {newer.source}"))
    newest[graded.learner] = newer


def _graded(key: CourseKey, path: Path, before: Graded, report: BatchReport) -> GradedSubmission | None:
    """The file scored, or None if this very file was graded with these very keys already."""
    raw, digest = load(path)
    if before.keys.get((path.stem, digest)) == key.digest:
        report.unchanged += 1
        return None
    graded = grade(parse(path, raw, digest), key)
    if (latest := before.latest.get(graded.learner)) is not None and graded.submitted_at < latest:
        raise Refused(
            f"saved {graded.submitted_at:%Y-%m-%d %H:%M}, before the submission already graded "
            f"({latest:%Y-%m-%d %H:%M}): a replayed copy?"
        )
    return graded


def chunks(items: list[GradedSubmission], size: int = CHUNK) -> Iterable[list[GradedSubmission]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def timed(report: BatchReport, started: float) -> BatchReport:
    report.seconds = time.perf_counter() - started
    return report

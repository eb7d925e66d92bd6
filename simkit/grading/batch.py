"""A grading batch: every submission file of a course read, scored and recorded, the rest of the batch going on
whatever one file holds. Unchanged submissions are recognised by their digest and not scored again; results are
written in chunks, each one transaction, so a run stopped at any point is completed by running it again."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from simkit.gradebook.book import Graded
from simkit.grading.grader import CourseKey, grade
from simkit.grading.intake import Refused, load, parse
from simkit.grading.results import GradedSubmission, Rejection

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
    """Files as given; in folders, ``*.json`` of a subfolder named after the course if there is one, else all."""
    found: list[Path] = []
    for source in sources:
        if source.is_file():
            found.append(source)
            continue
        if not source.is_dir():
            raise ValueError(f"{source}: no such file or folder")
        course_folders = [folder for folder in source.rglob(course_id) if folder.is_dir()]
        for folder in course_folders or [source]:
            found += [path for path in folder.rglob("*.json") if not path.name.startswith(".")]
    return sorted(set(found))


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
        raw, digest = load(path)
        if before.keys.get((path.stem, digest)) == key.digest:
            report.unchanged += 1  # this very file was graded with these very keys: nothing to do
            return
        graded = grade(parse(path, raw, digest), key)
        if (latest := before.latest.get(graded.learner)) is not None and graded.submitted_at < latest:
            raise Refused(
                f"saved {graded.submitted_at:%Y-%m-%d %H:%M}, before the submission already graded "
                f"({latest:%Y-%m-%d %H:%M}): a replayed copy?"
            )
    except Refused as refused:
        report.rejected.append(Rejection(str(path), refused.reason))
        return
    earlier = newest.get(graded.learner)
    if earlier is None:
        newest[graded.learner] = graded
        return
    older, newer = (graded, earlier) if earlier.order >= graded.order else (earlier, graded)
    report.rejected.append(Rejection(older.source, f"a duplicate of {graded.learner}'s submission {newer.source}"))
    newest[graded.learner] = newer


def chunks(items: list[GradedSubmission], size: int = CHUNK) -> Iterable[list[GradedSubmission]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def timed(report: BatchReport, started: float) -> BatchReport:
    report.seconds = time.perf_counter() - started
    return report

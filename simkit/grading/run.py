"""One grading run: score a course's submission files, then record them chunk by chunk in the gradebook."""

from __future__ import annotations

import time
from pathlib import Path

from simkit.gradebook.book import Change, Counts, Gradebook
from simkit.grading.batch import CHUNK, BatchReport, Progress, chunks, score_files
from simkit.grading.grader import CourseKey
from simkit.memory import collector_paused


def grade_into(
    book: Gradebook,
    key: CourseKey,
    paths: list[Path],
    command: str,
    progress: Progress | None = None,
    chunk: int = CHUNK,
) -> tuple[BatchReport, Counts]:
    """Grade and record; a stopped run leaves whole chunks recorded, and running again completes it."""
    started = time.perf_counter()
    with collector_paused():
        report = score_files(key, paths, book.graded_before(key.course.id), progress)
        batch = book.begin_batch(command, key.course)
        counts = Counts(unchanged=report.unchanged)
        for part in chunks(report.graded, chunk):
            counts.add(book.record(batch, part))
        counts.add(book.record(batch, [], report.rejected))
        book.finish_batch(batch, counts)
    report.seconds = time.perf_counter() - started
    return report, counts


def dry_run(
    book: Gradebook, key: CourseKey, paths: list[Path], progress: Progress | None = None
) -> tuple[BatchReport, list[Change]]:
    """What grading would change for each learner, written nowhere (as Moodle's dry-run regrade)."""
    with collector_paused():
        report = score_files(key, paths, book.graded_before(key.course.id), progress)
    return report, book.regrade_preview(report.graded)

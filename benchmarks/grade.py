"""Grading speed: a batch of generated submissions of the advanced-training course, one core, into a fresh
SQLite gradebook, beside bare `json.loads` of the same files in the same run.

Run: .venv/bin/python benchmarks/grade.py [--submissions N]   (prints one `name: value` per line)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

COURSE = "advanced-training"


def _generate(arguments: tuple[Path, int, int]) -> None:
    from simkit.grading.grader import course_key
    from simkit.grading.synthetic import synthetic_submission
    from simkit.submissions import encode_submission

    folder, start, stop = arguments
    key = course_key(COURSE)
    for number in range(start, stop):
        learner = f"learner{number:06d}"
        (folder / f"{learner}.json").write_bytes(encode_submission(synthetic_submission(key, learner, seed=number)))


def generate(folder: Path, count: int) -> list[Path]:
    """Generation is not what is measured: it uses every core."""
    workers = os.cpu_count() or 1
    step = -(-count // workers)
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_generate, [(folder, start, min(start + step, count)) for start in range(0, count, step)]))
    return sorted(folder.glob("*.json"))


def parse_rate(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        json.loads(path.read_bytes())
    return len(paths) / (time.perf_counter() - started)


def grade_rate(paths: list[Path], database: Path) -> float:
    from simkit.gradebook.book import Gradebook
    from simkit.gradebook.db import connect
    from simkit.grading.grader import course_key
    from simkit.grading.run import grade_into

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:1])  # one core, as the target says
    key = course_key(COURSE)  # as `simkit grade` does, once per batch
    book = Gradebook(connect(f"sqlite:///{database}"))
    started = time.perf_counter()
    report, _counts = grade_into(book, key, paths, command="benchmark")
    elapsed = time.perf_counter() - started
    if report.rejected or len(report.graded) != len(paths):
        raise SystemExit(f"grade: error: {len(report.rejected)} submissions refused, e.g. {report.rejected[:1]}")
    return len(paths) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=10_000)
    count = parser.parse_args().submissions
    with tempfile.TemporaryDirectory(prefix="simkit-bench-grade-") as scratch:
        folder = Path(scratch) / "submissions"
        folder.mkdir()
        paths = generate(folder, count)
        parse_rate(paths[:500])  # warm the file cache for both measurements alike
        parsed = parse_rate(paths)
        graded = grade_rate(paths, Path(scratch) / "gradebook.sqlite")
    print(f"grade.submissions_per_s: {graded:.0f}")
    print(f"grade.ratio_to_json_parse: {graded / parsed:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

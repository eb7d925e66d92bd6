"""Per-question statistics speed: generated submissions of the advanced-training course, graded and recorded in a
fresh gradebook (not timed), then the statistics of the whole course (timed): scores, rest-of-test correlations and
the options chosen, for every question.

Run: .venv/bin/python benchmarks/question_statistics.py [--attempts N] [--db URL]   (prints one `name: value` per line)
Without --db the gradebook is a scratch SQLite file; with a PostgreSQL URL, give an empty database.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

COURSE = "advanced-training"
CHUNK = 500


@functools.cache
def _key() -> Any:
    from simkit.grading.grader import course_key

    return course_key(COURSE)  # once per worker process: it validates the whole library


def _graded(span: tuple[int, int]) -> list[Any]:
    """Submissions of learners of uneven skill (as real groups are: otherwise no question could discriminate),
    graded as `simkit grade` grades them."""
    from simkit.grading.grader import grade
    from simkit.grading.intake import parse
    from simkit.grading.synthetic import synthetic_submission
    from simkit.submissions import encode_submission

    key = _key()
    made = []
    for number in range(*span):
        learner = f"learner{number:06d}"
        skill = random.Random(number).uniform(0.35, 0.95)
        raw = encode_submission(synthetic_submission(key, learner, seed=number, skill=skill))
        made.append(grade(parse(Path(f"{learner}.json"), raw, hashlib.sha256(raw).hexdigest()), key))
    return made


def fill(url: str, count: int) -> None:
    """Generation is not what is measured: it uses every core."""
    from simkit.gradebook.book import Gradebook
    from simkit.gradebook.db import connect
    from simkit.grading.grader import course_key

    book = Gradebook(connect(url))
    batch = book.begin_batch("benchmark", course_key(COURSE).course)
    spans = [(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]  # small: memory stays flat
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for graded in pool.map(_graded, spans):
            book.record(batch, graded)
    if book.engine.dialect.name == "postgresql":  # the planner's statistics, as autovacuum soon gathers them
        with book.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    book.engine.dispose()


def measure(url: str) -> tuple[float, int, int]:
    from simkit.gradebook.book import Gradebook
    from simkit.gradebook.db import connect
    from simkit.grading.grader import course_key
    from simkit.grading.statistics import course_statistics

    key = course_key(COURSE)
    book = Gradebook(connect(url))
    started = time.perf_counter()
    found = course_statistics(book, key, "ru")
    elapsed = time.perf_counter() - started
    book.engine.dispose()
    return elapsed, found.attempts, len(found.questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--db", help="gradebook URL (default: a scratch SQLite file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="simkit-bench-statistics-") as scratch:
        url = arguments.db or f"sqlite:///{Path(scratch) / 'gradebook.sqlite'}"
        fill(url, arguments.attempts)
        measure(url)  # the first read warms the database's cache, as a trainer's second look would find it
        elapsed, attempts, questions = measure(url)
    if attempts != arguments.attempts:
        raise SystemExit(f"statistics: error: {attempts} attempts counted, {arguments.attempts} recorded")
    size = f"{arguments.attempts // 1000}k" if arguments.attempts % 1000 == 0 else str(arguments.attempts)
    print(f"statistics.attempts_{size}_s: {elapsed:.3f}")
    print(f"statistics.questions: {questions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

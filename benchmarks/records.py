"""Speed of the records for others: issuing and rendering certificates, and the CSV and xAPI exports, over a fresh
SQLite gradebook of generated gradings of the onboarding course.

Run: .venv/bin/python benchmarks/records.py [--learners N]   (prints one `name: value` per line)
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

COURSE = "onboarding"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASS_MARK = 70  # the onboarding course's, of a maximum of 100 here


def score(number: int) -> float:
    return float(60 + number % 41)  # from 60 to 100: about three in four pass


def fill(url: str, count: int) -> None:
    """Gradings with a few answers each: the records read attempts, never answers. Not what is measured."""
    from simkit.gradebook.book import Gradebook
    from simkit.gradebook.db import connect
    from simkit.gradebook.results import GradedSubmission, ScoredAnswer, by_scenario
    from simkit.scenarios.library import load_library

    book = Gradebook(connect(url))
    batch = book.begin_batch("benchmark", load_library().courses[COURSE][1])
    graded = []
    for number in range(count):
        points = score(number)
        at = START + dt.timedelta(minutes=number)
        answers = (ScoredAnswer("first-week", 1, "q1", "a", at, 1.0, 1.0, True),)
        graded.append(
            GradedSubmission(
                learner=f"learner{number:06d}",
                course_id=COURSE,
                course_version=1,
                mode="practice",
                source=f"{number}.json",
                digest=f"{number:064x}",
                key_digest="0" * 64,
                submitted_at=at,
                scenarios=by_scenario(answers),
                score=points,
                max_score=100.0,
                pending_review=0,
                passed=points >= PASS_MARK,
                acknowledged_on=None,
                finished=(),
            )
        )
    for start in range(0, count, 500):
        book.record(batch, graded[start : start + 500])
    book.engine.dispose()


def measure(name: str, count: int, work: Callable[[], object], digits: int = 0) -> object:
    """Print ``name: items per second`` for ``work`` done on ``count`` items, and return what it made."""
    started = time.perf_counter()
    made = work()
    print(f"{name}: {count / (time.perf_counter() - started):.{digits}f}")
    return made


def main() -> int:
    from simkit.certificates import CertificateBook, issue_certificates
    from simkit.certificates.html import render_html
    from simkit.certificates.pdf import render_pdf
    from simkit.exports import check_statements, course_statements, results_csv
    from simkit.gradebook.db import connect

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=10_000)
    count = parser.parse_args().learners
    with tempfile.TemporaryDirectory(prefix="simkit-bench-records-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'gradebook.sqlite'}"
        fill(url, count)
        engine = connect(url)
        passed = sum(score(number) >= PASS_MARK for number in range(count))
        issued = measure(
            "records.certificates_issued_per_s", passed, lambda: issue_certificates(CertificateBook(engine), COURSE)
        )
        sample = list(issued)[:200]  # type: ignore[call-overload]
        measure("records.certificate_html_per_s", len(sample), lambda: [render_html(c) for c in sample])
        # The first PDF of a process also parses and cuts the fonts (a tenth of a second), once for a whole batch.
        measure("records.certificate_pdf_per_s", len(sample), lambda: [render_pdf(c) for c in sample], digits=1)
        measure("records.csv_rows_per_s", count, lambda: results_csv(engine, COURSE))
        statements = measure("records.xapi_statements_per_s", count, lambda: course_statements(engine, COURSE))
        measure("records.xapi_checked_per_s", count, lambda: check_statements(statements))  # type: ignore[arg-type]
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

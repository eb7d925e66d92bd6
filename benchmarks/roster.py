"""Compliance report speed: a generated roster of the whole civil service and a gradebook holding its learners'
acknowledgements of the Code and advanced-training records (made in bulk, not timed), then the report as
`simkit roster ROSTER --chart FILE` makes it (timed): the roster read, the gradebook read, every learner's
statuses, the CSV, the summary and the chart; then everyone's history as `simkit history --all --csv FILE`
writes it (timed).

With ``--history-years N`` (default 5) each learner has N years of history: an advanced training every one to
three years, each with its certificate, and one learner in twenty an earlier entry into the service (re-entry).
``--history-years 0`` gives the gradebook of one training per learner that the report was first measured on.

Run: .venv/bin/python benchmarks/roster.py [--learners N] [--history-years N] [--db URL]
(prints one `name: value` per line). Without --db the gradebook is a scratch SQLite file; with a PostgreSQL URL,
give an empty database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 6, 1)
ORGANISATIONS = 300
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


EARLIEST_GRADED = dt.date(2020, 9, 1)  # the gradebook takes no submission before the Code it teaches


def _history(rng: random.Random, entry: dt.date, years: int) -> list[dt.date]:
    """Advanced trainings of the last ``years`` years, one to three years apart, as grading records them."""
    start = max(entry, EARLIEST_GRADED, AS_OF - dt.timedelta(days=365 * years))
    days, day = [], start + dt.timedelta(days=rng.randrange(30, 400))
    while years and day <= AS_OF:
        days.append(day)
        day += dt.timedelta(days=rng.randrange(365, 3 * 365))
    return days


def learners(count: int, years: int = 0) -> list[dict[str, Any]]:
    """Entries from 2000 on; most of the corps B; some trained, some acknowledged, as HR and grading record; with
    ``years``, that many years of trainings and one re-entrant in twenty."""
    rng = random.Random(2026)
    made = []
    for number in range(count):
        entry = _day(rng, dt.date(2000, 1, 3), AS_OF)
        earlier = (
            _day(rng, dt.date(1995, 1, 2), entry - dt.timedelta(days=400)) if years and rng.random() < 0.05 else None
        )
        trained = _day(rng, entry, AS_OF) if rng.random() < 0.7 else None
        made.append(
            {
                "id": f"learner{number:06d}",
                "name": f"Слушатель {number}",
                "organisation": f"Орган {rng.randrange(ORGANISATIONS):03d}",
                "entry": entry,
                "corps": rng.choices(["B", "A", "political", "employee", ""], [80, 8, 2, 5, 5])[0],
                "roster_training": trained if trained and rng.random() < 0.3 else None,
                "book_training": trained if trained and rng.random() < 0.8 else None,
                "signed": entry + dt.timedelta(days=rng.choice([0, 1, 2, 3, 5, 12])) if rng.random() < 0.85 else None,
                "earlier_entry": earlier,
                "history": _history(rng, entry, years),
            }
        )
    return made


def write_roster(path: Path, made: list[dict[str, Any]]) -> None:
    lines = ["learner,name,organisation,entry_date,last_advanced_training,corps"]
    for learner in made:
        trained = learner["roster_training"] or ""
        entries = f"{learner['earlier_entry']};{learner['entry']}" if learner["earlier_entry"] else learner["entry"]
        lines.append(
            f"{learner['id']},{learner['name']},{learner['organisation']},{entries},{trained},{learner['corps']}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _attempt(learner: str, course: str, batch: int, day: dt.date, number: int = 0) -> dict[str, Any]:
    at = dt.datetime.combine(min(day, AS_OF), dt.time(9), tzinfo=dt.UTC)
    return {
        "learner_id": learner,
        "course_id": course,
        "course_version": 1,
        "batch_id": batch,
        "submission_digest": f"{learner}-{course}-{number}".ljust(64, "0")[:64],
        "key_digest": "k" * 64,
        "source": f"{learner}.json",
        "submitted_at": at,
        "received_at": at,
        "graded_at": at,
        "score": 90.0,
        "max_score": 100.0,
        "pending_review": 0,
        "passed": True,
        "status": "graded",
    }


def fill(url: str, made: list[dict[str, Any]]) -> None:
    """The gradebook as grading leaves it: one attempt per acknowledgement and per advanced training."""
    from sqlalchemy import insert, select

    from simkit.gradebook.db import connect
    from simkit.gradebook.tables import acknowledgements, attempts, batches, courses, learners, training_records

    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(
            insert(courses),
            [
                {"id": "onboarding", "version": 1, "mode": "practice", "rhythm": "onboarding"},
                {"id": "advanced-training", "version": 1, "mode": "exam", "rhythm": "advanced_training"},
            ],
        )
        batch = connection.execute(insert(batches).values(command="benchmark", started_at=STAMP)).inserted_primary_key
        connection.execute(insert(learners), [{"id": learner["id"]} for learner in made])
        for course, field in (("onboarding", "signed"), ("advanced-training", "book_training")):
            chosen = [learner for learner in made if learner[field] is not None]
            connection.execute(insert(attempts), [_attempt(x["id"], course, batch[0], x[field]) for x in chosen])
        query = select(attempts.c.learner_id, attempts.c.id).where(attempts.c.course_id == "onboarding")
        ids = {learner: attempt for learner, attempt in connection.execute(query)}
        signed = [learner for learner in made if learner["signed"] is not None]
        connection.execute(
            insert(acknowledgements),
            [
                {"learner_id": x["id"], "course_id": "onboarding", "signed_on": x["signed"], "attempt_id": ids[x["id"]]}
                | {"recorded_at": STAMP}
                for x in signed
            ],
        )
        query = select(attempts.c.learner_id, attempts.c.id).where(attempts.c.course_id == "advanced-training")
        trained = {learner: attempt for learner, attempt in connection.execute(query)}
        connection.execute(
            insert(training_records),
            [
                {
                    "attempt_id": trained[x["id"]],
                    "learner_id": x["id"],
                    "course_id": "advanced-training",
                    "course_version": 1,
                    "rhythm": "advanced_training",
                    "completed_on": x["book_training"],
                    "score": 90.0,
                }
                for x in made
                if x["book_training"] is not None
            ],
        )
        fill_history(connection, made, batch[0])
    if engine.dialect.name == "postgresql":  # the planner's statistics, as autovacuum soon gathers them
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    engine.dispose()


def fill_history(connection: Any, made: list[dict[str, Any]], batch: int) -> None:
    """Each earlier training of the history as an attempt with its record and its certificate."""
    from sqlalchemy import insert, select

    from simkit.gradebook.tables import attempts, certificates, training_records

    chosen = [(x["id"], n, day) for x in made for n, day in enumerate(x["history"], 1)]
    if not chosen:
        return
    connection.execute(insert(attempts), [_attempt(lid, "advanced-training", batch, day, n) for lid, n, day in chosen])
    query = select(attempts.c.id, attempts.c.learner_id, attempts.c.submission_digest).where(
        attempts.c.course_id == "advanced-training"
    )
    ids = {digest: (attempt, learner) for attempt, learner, digest in connection.execute(query)}
    rows = []
    for learner, number, day in chosen:
        attempt, _ = ids[f"{learner}-advanced-training-{number}".ljust(64, "0")[:64]]
        rows.append((attempt, learner, day))
    common = {"course_id": "advanced-training", "course_version": 1, "rhythm": "advanced_training", "score": 90.0}
    connection.execute(
        insert(training_records),
        [common | {"attempt_id": a, "learner_id": lid, "completed_on": d} for a, lid, d in rows],
    )
    printed = common | {"title_ru": "Курс", "title_en": "Course", "max_score": 100.0, "issued_at": STAMP}
    connection.execute(
        insert(certificates),
        [printed | {"code": f"C{a:015d}", "attempt_id": a, "learner_id": lid, "completed_on": d} for a, lid, d in rows],
    )


def measure(url: str, roster: Path, out: Path) -> dict[str, float]:
    """What `simkit roster ROSTER --out OUT --chart CHART` does, but printing."""
    from simkit.compliance.chart import write_chart
    from simkit.compliance.output import write_report
    from simkit.compliance.report import compliance_report
    from simkit.compliance.summary import organisation_table, status_rows
    from simkit.gradebook.db import connect

    engine = connect(url)
    times, started = {}, time.perf_counter()
    report = compliance_report(roster, engine, as_of=AS_OF, due_within=90)
    times["report"] = time.perf_counter()
    write_report(report, out)
    status_rows(report, "ru")
    organisation_table(report, "ru", "onboarding")
    organisation_table(report, "ru", "training")
    times["csv_and_summary"] = time.perf_counter()
    write_chart(report, out.with_suffix(".png"), "ru")
    times["chart"] = time.perf_counter()
    from simkit.compliance.histories import histories
    from simkit.compliance.history_output import write_history

    rows, _read = histories(engine, as_of=AS_OF, roster=roster)
    write_history(rows, out.with_name("history.csv"))
    times["history"] = time.perf_counter()
    engine.dispose()
    if not report.learners:
        raise SystemExit("roster: error: no learner was assessed")
    steps, previous = {}, started
    for name, at in times.items():
        steps[name], previous = at - previous, at
    return steps | {"total": times["chart"] - started, "history_rows": float(len(rows))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--history-years", type=int, default=5, help="years of trainings per learner (0: one)")
    parser.add_argument("--db", help="gradebook URL (default: a scratch SQLite file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="simkit-bench-roster-") as scratch:
        folder = Path(scratch)
        url = arguments.db or f"sqlite:///{folder / 'gradebook.sqlite'}"
        made = learners(arguments.learners, arguments.history_years)
        write_roster(folder / "roster.csv", made)
        fill(url, made)
        steps = measure(url, folder / "roster.csv", folder / "compliance.csv")
    size = f"{arguments.learners // 1000}k" if arguments.learners % 1000 == 0 else str(arguments.learners)
    total, history, rows = steps.pop("total"), steps.pop("history"), steps.pop("history_rows")
    print(f"roster.history_years: {arguments.history_years}")
    print(f"roster.learners_{size}_s: {total:.3f}")
    print(f"roster.learners_per_s: {arguments.learners / total:.0f}")
    for name, seconds in steps.items():
        print(f"roster.{name}_s: {seconds:.3f}")
    print(f"history.learners_{size}_s: {history:.3f}")
    print(f"history.learners_per_s: {arguments.learners / history:.0f}")
    print(f"history.rows: {rows:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

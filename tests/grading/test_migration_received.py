"""A gradebook made before attempts kept the time received gains it when opened, everything it had kept; times a
clock ahead of the grading server put in it are brought back to the grading time; going back drops the column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from sqlalchemy import Connection, Engine, MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import make_url

from simkit.gradebook.book import Counts, Gradebook
from simkit.gradebook.db import _engine, alembic_config, connect
from simkit.gradebook.tables import attempts
from simkit.law.clock import legal_today
from tests.grading.test_gradebook import graded_submission

GRADED = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)  # 23:00 in Kazakhstan
SAVED = GRADED - dt.timedelta(hours=2)
AHEAD = GRADED + dt.timedelta(days=30)  # what a learner's clock said, a month ahead, before times were checked
TABLES = ("batches", "courses", "learners", "attempts", "scenario_answers", "reviews", "acknowledgements")
TABLES += ("training_records", "certificates", "rejections", "live_submissions")


def reflected(connection: Connection, name: str) -> Table:
    return Table(name, MetaData(), autoload_with=connection)


def insert(connection: Connection, name: str, *rows: dict[str, Any]) -> None:
    connection.execute(reflected(connection, name).insert(), list(rows))


def attempt(number: int, learner: str, submitted_at: dt.datetime, **more: Any) -> dict[str, Any]:
    return {
        "id": number,
        "learner_id": learner,
        "course_id": "onboarding",
        "course_version": 2,
        "batch_id": 1,
        "submission_digest": f"file-{number}",
        "key_digest": "keys-1",
        "source": f"{learner}.json",
        "submitted_at": submitted_at,
        "graded_at": GRADED,
        "score": 9.0,
        "max_score": 10.0,
        "pending_review": 0,
        "passed": True,
        "status": "graded",
    } | more


def fill_0004(connection: Connection) -> None:
    insert(connection, "batches", {"id": 1, "command": "simkit grade onboarding", "started_at": GRADED})
    insert(connection, "courses", {"id": "onboarding", "version": 2, "mode": "practice", "rhythm": "onboarding"})
    insert(connection, "learners", {"id": "ann", "name": "Анна"}, {"id": "bek", "name": None})
    insert(connection, "attempts", attempt(1, "ann", SAVED), attempt(2, "bek", AHEAD))
    answer = ["first_action", "report", SAVED.isoformat().replace("+00:00", "Z"), None, 2.0, None]
    insert(
        connection,
        "scenario_answers",
        {"attempt_id": 1, "scenario_id": "first-week", "scenario_version": 1, "answers": [answer]},
    )
    review = {"attempt_id": 1, "scenario_id": "first-week", "step_id": "first_action", "reviewer": "t", "points": 2.0}
    insert(connection, "reviews", review | {"reviewed_at": GRADED})
    signed = {"course_id": "onboarding", "recorded_at": GRADED}
    insert(
        connection,
        "acknowledgements",
        signed | {"learner_id": "ann", "signed_on": SAVED.date(), "attempt_id": 1},
        signed | {"learner_id": "bek", "signed_on": AHEAD.date(), "attempt_id": 2},
    )
    record = {"course_id": "onboarding", "course_version": 2, "rhythm": "onboarding", "score": 9.0}
    insert(
        connection,
        "training_records",
        record | {"attempt_id": 1, "learner_id": "ann", "completed_on": SAVED.date()},
        record | {"attempt_id": 2, "learner_id": "bek", "completed_on": AHEAD.date()},
    )
    certificate = {"course_id": "onboarding", "course_version": 2, "title_ru": "Курс", "title_en": "Course"}
    certificate |= {"score": 9.0, "max_score": 10.0, "issued_at": GRADED, "rhythm": "onboarding"}
    insert(
        connection,
        "certificates",
        certificate | {"code": "B" * 16, "attempt_id": 2, "learner_id": "bek", "completed_on": AHEAD.date()},
    )
    if connection.dialect.name == "postgresql":  # the ids were given: the sequences go on after them
        for name in ("batches", "attempts"):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
            )


def everything(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        found = {}
        for name in TABLES:
            table = reflected(connection, name)
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            found[name] = [_in_utc(dict(row)) for row in rows]
    return found


def _in_utc(row: dict[str, Any]) -> dict[str, Any]:
    # SQLite gives the stored UTC times back without an offset, PostgreSQL in its session's zone.
    return {
        name: (value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC))
        if isinstance(value, dt.datetime)
        else value
        for name, value in row.items()
    }


def test_upgrading_keeps_every_row_and_brings_times_from_the_future_back_to_the_grading(gradebook_url: str) -> None:
    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
        fill_0004(connection)
    before = everything(engine)
    engine.dispose()

    migrated = connect(gradebook_url)
    after = everything(migrated)
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}
    for name in TABLES:  # every value kept, but the times a clock ahead made, and the new column
        if name not in ("attempts", "acknowledgements", "training_records"):
            assert after[name] == before[name], name
    ann, bek = after["attempts"]
    assert {k: v for k, v in ann.items() if k != "received_at"} == before["attempts"][0]
    assert ann["received_at"] == bek["received_at"] == GRADED
    assert bek["submitted_at"] == GRADED  # saved a month after it was graded: taken as saved when graded
    graded_day = legal_today(GRADED)  # 3 March: 23:00 in Kazakhstan is already the next day
    assert [row["completed_on"] for row in after["training_records"]] == [SAVED.date(), graded_day]
    assert [row["signed_on"] for row in after["acknowledgements"]] == [SAVED.date(), graded_day]
    assert after["certificates"][0]["completed_on"] == AHEAD.date()  # what was printed stays as printed

    # Bek's next save, made after that grading, is the newest: the month ahead no longer stands in its way.
    book = Gradebook(migrated)
    next_save = graded_submission("bek", "file-3", submitted_at=GRADED + dt.timedelta(days=1))
    assert book.record(book.begin_batch("grade onboarding"), [next_save]) == Counts(graded=1)
    with migrated.connect() as connection:
        current = connection.execute(
            select(attempts.c.id).where(attempts.c.learner_id == "bek", attempts.c.superseded_by.is_(None))
        )
        assert current.scalar_one() == 3
    migrated.dispose()

    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
    assert "received_at" not in {column["name"] for column in inspect(engine).get_columns("attempts")}
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(reflected(connection, "attempts"))).scalar_one() == 3
    engine.dispose()

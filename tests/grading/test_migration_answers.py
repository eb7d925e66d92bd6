"""A gradebook that kept a row per answer (migrations 0001–0002) keeps every answer and review when opened by
this simkit, which keeps a row per scenario; and going back gives the rows it had."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from sqlalchemy import Engine, MetaData, Table, inspect, select
from sqlalchemy.engine import make_url

from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import _engine, alembic_config, connect

STAMP = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ANSWERS = [  # as 0001 kept them: a choice, a pending free text in Russian, a list; seconds and microseconds
    ("gift-at-desk", "first_action", "find_giver", STAMP, 2.0, 2.0, True),
    ("gift-at-desk", "explain", 'Сообщу "письменно"\n', STAMP + dt.timedelta(seconds=30), None, 3.0, None),
    ("first-week", "order", ["a", "c"], STAMP + dt.timedelta(seconds=61, microseconds=250), 0.0, 2.0, False),
]


def _old_gradebook(url: str) -> int:
    """A gradebook at revision 0002 with one attempt, its answers, and a review of one of them."""
    engine = _engine(make_url(url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
    tables = MetaData()
    tables.reflect(engine)
    row = {"course_id": "onboarding", "course_version": 1}
    with engine.begin() as connection:
        connection.execute(tables.tables["learners"].insert().values(id="ann"))
        connection.execute(tables.tables["courses"].insert().values(id="onboarding", version=1, mode="practice"))
        connection.execute(tables.tables["batches"].insert().values(id=1, command="grade", started_at=STAMP))
        attempt = {"id": 7, "learner_id": "ann", "batch_id": 1, "submission_digest": "a" * 64, "key_digest": "b" * 64}
        attempt |= {"source": "ann.json", "submitted_at": STAMP, "graded_at": STAMP, "score": 2.0, "max_score": 7.0}
        attempt |= {"pending_review": 1, "status": "pending_review"}
        connection.execute(tables.tables["attempts"].insert().values(**attempt, **row))
        connection.execute(tables.tables["answers"].insert(), [_old_row(*answer) for answer in ANSWERS])
        review = {"attempt_id": 7, "scenario_id": "first-week", "step_id": "order", "reviewer": "trainer"}
        connection.execute(tables.tables["reviews"].insert().values(points=0.0, reviewed_at=STAMP, **review))
    engine.dispose()
    return 7


def _old_row(scenario: str, step: str, value: Any, at: dt.datetime, points: Any, most: float, right: Any) -> dict:
    return {
        "attempt_id": 7,
        "scenario_id": scenario,
        "step_id": step,
        "scenario_version": 1,
        "value": value,
        "answered_at": at,
        "points": points,
        "max_points": most,
        "correct": right,
    }


def _as_given(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    names = ("scenario_id", "step_id", "value", "answered_at", "points", "max_points", "correct")
    return [tuple(row[name] for name in names) for row in rows]


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    table = Table("answers", MetaData(), autoload_with=engine)
    with engine.connect() as connection:
        rows = connection.execute(select(table).order_by(table.c.answered_at)).mappings().all()
    return [(*row[:3], row[3].replace(tzinfo=row[3].tzinfo or dt.UTC), *row[4:]) for row in _as_given(rows)]


def test_an_answer_per_row_gradebook_keeps_its_answers_and_reviews_and_goes_back(gradebook_url: str) -> None:
    attempt = _old_gradebook(gradebook_url)
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    assert "scenario_answers" in inspect(engine).get_table_names()
    assert _as_given(book.attempt_answers(attempt)) == ANSWERS
    [pending] = book.pending_reviews("onboarding")
    assert (pending["step_id"], pending["learner_id"]) == ("explain", "ann")
    rescored = book.add_review(attempt, "gift-at-desk", "explain", 2.5, reviewer="trainer")
    assert (rescored["score"], rescored["pending_review"], rescored["status"]) == (4.5, 0, "graded")
    engine.dispose()

    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002")
    reviewed = [(*answer[:4], 2.5, answer[5], False) if answer[1] == "explain" else answer for answer in ANSWERS]
    assert "scenario_answers" not in inspect(engine).get_table_names()
    assert _stored(engine) == reviewed
    engine.dispose()

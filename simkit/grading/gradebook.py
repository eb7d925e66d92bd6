"""The gradebook: what grading found, kept so that grading again changes nothing unless keys or answers did.

Each chunk of a batch is one transaction: a run stopped at any point leaves whole submissions or none, and the
next run skips what is there. A learner's newest attempt is current; an earlier one is kept and points to it, and
a regrade after a key fix records which attempt it regraded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from simkit.grading.batch import Graded
from simkit.grading.results import GradedSubmission, Rejection, ScoredAnswer
from simkit.grading.tables import (
    acknowledgements,
    answers,
    attempts,
    batches,
    courses,
    learners,
    rejections,
    reviews,
    training_records,
)
from simkit.scenarios import model


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Counts:
    graded: int = 0
    regraded: int = 0
    unchanged: int = 0
    rejected: int = 0

    def add(self, other: Counts) -> None:
        for name in ("graded", "regraded", "unchanged", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Change:
    """What a regrade would do to one learner's current result (a dry run shows these)."""

    learner: str
    old_score: float | None
    new_score: float
    old_passed: bool | None
    new_passed: bool | None


def _insert_ignoring_duplicates(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def _current(course_id: str) -> Any:
    return and_(attempts.c.course_id == course_id, attempts.c.superseded_by.is_(None))


class Gradebook:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def begin_batch(self, command: str, course: model.Course) -> int:
        """Record the batch at once, so a run stopped before its end shows as unfinished."""
        with self.engine.begin() as connection:
            _insert_ignoring_duplicates(connection, courses, [_course_row(course)])
            return int(
                connection.execute(batches.insert().values(command=command, started_at=now())).inserted_primary_key[0]
            )

    def finish_batch(self, batch_id: int, counts: Counts) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(batches).where(batches.c.id == batch_id).values(finished_at=now(), **counts.__dict__)
            )

    def graded_before(self, course_id: str) -> Graded:
        """The current attempts' digests and dates, for a batch to skip what is unchanged and refuse replays."""
        query = select(
            attempts.c.learner_id, attempts.c.submission_digest, attempts.c.key_digest, attempts.c.submitted_at
        ).where(_current(course_id))
        keys, latest = {}, {}
        with self.engine.connect() as connection:
            for learner, digest, key_digest, submitted_at in connection.execute(query):
                keys[(learner, digest)] = key_digest
                latest[learner] = _aware(submitted_at)
        return Graded(keys, latest)

    def record(self, batch_id: int, graded: list[GradedSubmission], refused: list[Rejection] = ()) -> Counts:  # type: ignore[assignment]
        """Write one chunk of results in one transaction."""
        counts = Counts(rejected=len(refused))
        with self.engine.begin() as connection:
            if refused:
                connection.execute(
                    rejections.insert(),
                    [{"batch_id": batch_id, "source": r.source, "reason": r.reason} for r in refused],
                )
            if graded:
                counts.add(_write_attempts(connection, batch_id, graded))
        return counts

    def regrade_preview(self, graded: list[GradedSubmission]) -> list[Change]:
        """What recording ``graded`` would change in each learner's current result; nothing is written."""
        if not graded:
            return []
        with self.engine.connect() as connection:
            current = _current_of(connection, graded[0].course_id, [g.learner for g in graded])
        changes = []
        for submission in graded:
            old = current.get(submission.learner)
            old_score, old_passed = (old["score"], old["passed"]) if old else (None, None)
            if old is None or old_score != submission.score or old_passed != submission.passed:
                changes.append(Change(submission.learner, old_score, submission.score, old_passed, submission.passed))
        return changes

    def current_attempts(self, course_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(attempts).where(_current(course_id)).order_by(attempts.c.learner_id))
            return [dict(row._mapping) for row in rows]

    def pending_reviews(self, course_id: str) -> list[dict[str, Any]]:
        """Free-text answers of current attempts that no trainer has scored yet."""
        query = (
            select(answers, attempts.c.learner_id)
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .where(_current(course_id), answers.c.points.is_(None))
            .order_by(attempts.c.learner_id, answers.c.scenario_id, answers.c.step_id)
        )
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def add_review(
        self, attempt_id: int, scenario_id: str, step_id: str, points: float, reviewer: str, comment: str = ""
    ) -> dict[str, Any]:
        """Score a free-text answer and rescore its attempt in one transaction; return the attempt as it is now."""
        where = and_(
            answers.c.attempt_id == attempt_id, answers.c.scenario_id == scenario_id, answers.c.step_id == step_id
        )
        with self.engine.begin() as connection:
            answer = connection.execute(select(answers.c.max_points).where(where)).first()
            if answer is None:
                raise ValueError(f"attempt {attempt_id} has no answer {scenario_id}/{step_id}")
            if not 0 <= points <= answer.max_points:
                raise ValueError(f"{points:g} points is outside 0–{answer.max_points:g} for {scenario_id}/{step_id}")
            connection.execute(
                reviews.insert().values(
                    attempt_id=attempt_id,
                    scenario_id=scenario_id,
                    step_id=step_id,
                    reviewer=reviewer,
                    points=points,
                    comment=comment,
                    reviewed_at=now(),
                )
            )
            connection.execute(update(answers).where(where).values(points=points, correct=points == answer.max_points))
            return _rescore(connection, attempt_id)


def _aware(stamp: dt.datetime) -> dt.datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _course_row(course: model.Course) -> dict[str, Any]:
    return {
        "id": course.id,
        "version": course.version,
        "title": course.title.get("en"),
        "mode": course.mode,
        "pass_mark": course.pass_mark,
        "seed": course.seed,
        "rhythm": course.rhythm,
    }


def _current_of(connection: Connection, course_id: str, learner_ids: list[str]) -> dict[str, dict[str, Any]]:
    query = select(attempts).where(_current(course_id), attempts.c.learner_id.in_(learner_ids))
    return {row.learner_id: dict(row._mapping) for row in connection.execute(query)}


def _write_attempts(connection: Connection, batch_id: int, graded: list[GradedSubmission]) -> Counts:
    counts = Counts()
    course_id = graded[0].course_id
    _insert_ignoring_duplicates(connection, learners, [{"id": g.learner} for g in graded])
    current = _current_of(connection, course_id, [g.learner for g in graded])
    fresh = []
    for submission in graded:
        old = current.get(submission.learner)
        if old and (old["submission_digest"], old["key_digest"]) == (submission.digest, submission.key_digest):
            counts.unchanged += 1
        else:
            fresh.append(submission)
    if not fresh:
        return counts
    stamp = now()
    rows = [_attempt_row(batch_id, g, current.get(g.learner), stamp) for g in fresh]
    inserted = (
        connection.execute(attempts.insert().returning(attempts.c.id, sort_by_parameter_order=True), rows)
        .scalars()
        .all()
    )
    superseded = [
        {"old": current[g.learner]["id"], "new": new_id}
        for g, new_id in zip(fresh, inserted, strict=True)
        if g.learner in current
    ]
    if superseded:
        connection.execute(
            update(attempts).where(attempts.c.id == bindparam("old")).values(superseded_by=bindparam("new")),
            superseded,
        )
    _insert_answers(
        connection, answers, [(new_id, *a) for g, new_id in zip(fresh, inserted, strict=True) for a in g.answers]
    )
    _insert_ignoring_duplicates(
        connection,
        acknowledgements,
        [
            {
                "learner_id": g.learner,
                "course_id": g.course_id,
                "signed_on": g.acknowledged_on,
                "attempt_id": new_id,
                "recorded_at": stamp,
            }
            for g, new_id in zip(fresh, inserted, strict=True)
            if g.acknowledged_on
        ],
    )
    rhythm = connection.execute(select(courses.c.rhythm).where(courses.c.id == course_id)).scalar()
    records = [
        {
            "attempt_id": new_id,
            "learner_id": g.learner,
            "course_id": g.course_id,
            "course_version": g.course_version,
            "rhythm": rhythm,
            "completed_on": g.submitted_at.date(),
            "score": g.score,
        }
        for g, new_id in zip(fresh, inserted, strict=True)
        if g.passed
    ]
    if records:
        connection.execute(training_records.insert(), records)
    counts.regraded = sum(1 for row in rows if row["regrade_of"] is not None)
    counts.graded = len(rows) - counts.regraded
    return counts


def _attempt_row(batch_id: int, g: GradedSubmission, old: dict[str, Any] | None, stamp: dt.datetime) -> dict[str, Any]:
    regrade_of = old["id"] if old and old["submission_digest"] == g.digest else None
    return {
        "learner_id": g.learner,
        "course_id": g.course_id,
        "course_version": g.course_version,
        "batch_id": batch_id,
        "submission_digest": g.digest,
        "key_digest": g.key_digest,
        "source": g.source,
        "submitted_at": g.submitted_at,
        "graded_at": stamp,
        "score": g.score,
        "max_score": g.max_score,
        "pending_review": g.pending_review,
        "passed": g.passed,
        "superseded_by": None,
        "regrade_of": regrade_of,
    }


ANSWER_COLUMNS = ("attempt_id", *ScoredAnswer._fields)


def _insert_answers(connection: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert answers given as tuples in ANSWER_COLUMNS order. On SQLite they go straight to the driver's
    executemany: a batch's hundreds of thousands of answers would spend most of their time in per-row statement
    building. Each value still goes through its column type's own conversion."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":  # PostgreSQL's driver batches executemany itself, JSON included
        connection.execute(table.insert(), [dict(zip(ANSWER_COLUMNS, row, strict=True)) for row in rows])
        return
    processors = [table.c[name].type.bind_processor(connection.dialect) for name in ANSWER_COLUMNS]
    converting = [(index, process) for index, process in enumerate(processors) if process is not None]
    marks = ", ".join(["?" if connection.dialect.paramstyle == "qmark" else "%s"] * len(ANSWER_COLUMNS))
    statement = f"INSERT INTO {table.name} ({', '.join(ANSWER_COLUMNS)}) VALUES ({marks})"
    converted = []
    for row in rows:
        values = list(row)
        for index, process in converting:
            values[index] = process(values[index])
        converted.append(tuple(values))
    connection.exec_driver_sql(statement, converted)


def _rescore(connection: Connection, attempt_id: int) -> dict[str, Any]:
    totals = connection.execute(
        select(func.coalesce(func.sum(answers.c.points), 0.0), func.count().filter(answers.c.points.is_(None))).where(
            answers.c.attempt_id == attempt_id
        )
    ).one()
    attempt = connection.execute(select(attempts).where(attempts.c.id == attempt_id)).one()
    pass_mark, rhythm = connection.execute(
        select(courses.c.pass_mark, courses.c.rhythm).where(
            courses.c.id == attempt.course_id, courses.c.version == attempt.course_version
        )
    ).one()
    score, pending = float(totals[0]), int(totals[1])
    passed = None if pending else score >= attempt.max_score * pass_mark / 100
    connection.execute(
        update(attempts).where(attempts.c.id == attempt_id).values(score=score, pending_review=pending, passed=passed)
    )
    if passed:
        _insert_ignoring_duplicates(
            connection,
            training_records,
            [
                {
                    "attempt_id": attempt_id,
                    "learner_id": attempt.learner_id,
                    "course_id": attempt.course_id,
                    "course_version": attempt.course_version,
                    "rhythm": rhythm,
                    "completed_on": attempt.submitted_at.date(),
                    "score": score,
                }
            ],
        )
    return dict(connection.execute(select(attempts).where(attempts.c.id == attempt_id)).one()._mapping)

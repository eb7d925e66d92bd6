"""Pieces every query of the gradebook shares: the dialect's INSERT, the current attempts of a course, a course
version's rows, and the one line for a course the gradebook does not have."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, and_, select
from sqlalchemy.dialects import postgresql, sqlite

from simkit.gradebook.tables import attempts, courses


def dialect_insert(connection: Connection, table: Table) -> Any:
    """An INSERT with ON CONFLICT clauses, which SQLite's and PostgreSQL's dialects each spell alike."""
    return (postgresql if connection.dialect.name == "postgresql" else sqlite).insert(table)


def insert_missing(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows whose key is not there yet (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike)."""
    if rows:
        connection.execute(dialect_insert(connection, table).on_conflict_do_nothing(), rows)


def current(course_id: str) -> Any:
    """The current attempts of a course: each learner's newest, which no later attempt supersedes."""
    return and_(attempts.c.course_id == course_id, attempts.c.superseded_by.is_(None))


def course_is(table: Table, course_id: str, version: int) -> Any:
    return and_(table.c.course_id == course_id, table.c.course_version == version)


def of_course_version(table: Table) -> Any:
    """The join condition from ``table``'s course and version to the course's row."""
    return and_(courses.c.id == table.c.course_id, courses.c.version == table.c.course_version)


def require_course(connection: Connection, course_id: str) -> None:
    """ValueError naming the courses the gradebook has, if it has not this one (a typo, or nothing graded yet)."""
    if connection.execute(select(courses.c.id).where(courses.c.id == course_id).limit(1)).first() is None:
        known = sorted(set(connection.execute(select(courses.c.id)).scalars()))
        listed = ", ".join(known) if known else "none yet (hint: `simkit grade COURSE` records a course)"
        raise ValueError(f"the gradebook has no course {course_id!r}; its courses: {listed}")

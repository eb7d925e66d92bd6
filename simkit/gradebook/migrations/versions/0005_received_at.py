"""received at: the server's time each attempt's submission came in; times from the future brought back to it

A learner's newest attempt is decided inside the writing transaction by the time the submission was saved, never
later than it was received, then by the time received: two trainers grading at once can no longer leave an older
submission current because its run committed last. Earlier attempts are taken as received when graded.

Times a learner's clock put ahead of the grading server's are not believed: an attempt saved after it was graded is
taken as saved when graded, and a training record completed, or an acknowledgement signed, after the day (in
Kazakhstan, UTC+5) its grading was recorded is dated that day. Every other row and value is kept as it was; going
back drops the column only (the times brought back stay so).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The legal day's fixed offset (simkit.law.clock), repeated: a migration must not change when the code does.
KAZAKHSTAN_TIME = dt.timezone(dt.timedelta(hours=5))
Stamp = sa.DateTime(timezone=True)

attempts = sa.table(
    "attempts", sa.column("id", sa.Integer()), sa.column("submitted_at", Stamp), sa.column("graded_at", Stamp)
)
training_records = sa.table(
    "training_records", sa.column("attempt_id", sa.Integer()), sa.column("completed_on", sa.Date())
)
acknowledgements = sa.table(
    "acknowledgements",
    sa.column("learner_id", sa.String(64)),
    sa.column("course_id", sa.String(80)),
    sa.column("signed_on", sa.Date()),
    sa.column("recorded_at", Stamp),
)


# SQLite adds a NOT NULL column only with a default, and making it NOT NULL afterwards would copy the attempts
# table, which every answer points at (a copy dropped with foreign keys on would take the answers with it). The
# default is never used: each row is given its grading time below, and simkit always writes the column.
SQLITE_ADD = "ALTER TABLE attempts ADD COLUMN received_at DATETIME NOT NULL DEFAULT '1970-01-01 00:00:00.000000'"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_ADD)
    else:
        op.add_column("attempts", sa.Column("received_at", Stamp))
    op.execute("UPDATE attempts SET received_at = graded_at")
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("attempts", "received_at", existing_type=Stamp, nullable=False)
    ahead = attempts.c.submitted_at > attempts.c.graded_at
    op.execute(attempts.update().where(ahead).values(submitted_at=attempts.c.graded_at))
    _no_day_after_grading()


def downgrade() -> None:
    op.drop_column("attempts", "received_at")  # SQLite 3.35 and later drop a column in place


def _legal_day(stamp: dt.datetime) -> dt.date:
    aware = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp  # SQLite keeps UTC without an offset
    return aware.astimezone(KAZAKHSTAN_TIME).date()


def _no_day_after_grading() -> None:
    connection = op.get_bind()
    trained = sa.select(training_records.c.attempt_id, training_records.c.completed_on, attempts.c.graded_at).join(
        attempts, attempts.c.id == training_records.c.attempt_id
    )
    ahead: list[dict[str, Any]] = [
        {"key": row.attempt_id, "day": _legal_day(row.graded_at)}
        for row in connection.execute(trained)
        if row.completed_on > _legal_day(row.graded_at)
    ]
    if ahead:
        connection.execute(
            training_records.update()
            .where(training_records.c.attempt_id == sa.bindparam("key"))
            .values(completed_on=sa.bindparam("day")),
            ahead,
        )
    signed = sa.select(acknowledgements)
    signed_ahead = [
        {"learner": row.learner_id, "course": row.course_id, "day": _legal_day(row.recorded_at)}
        for row in connection.execute(signed)
        if row.signed_on > _legal_day(row.recorded_at)
    ]
    if signed_ahead:
        connection.execute(
            acknowledgements.update()
            .where(
                acknowledgements.c.learner_id == sa.bindparam("learner"),
                acknowledgements.c.course_id == sa.bindparam("course"),
            )
            .values(signed_on=sa.bindparam("day")),
            signed_ahead,
        )

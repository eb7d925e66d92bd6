"""The gradebook's tables. Migrations (``migrations/versions``) create and change them; this is their current
shape, which the code reads and writes through SQLAlchemy Core."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
Stamp = DateTime(timezone=True)

learners = Table(
    "learners",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text),
    Column("organisation", Text),
    Column("entry_date", Date),  # the Code is acknowledged within three working days of it (code:5)
    Column("corps", String(16)),  # administrative corps: advanced training at least every three years (law:34.2)
)

courses = Table(
    "courses",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("pass_mark", Float, nullable=False),
    Column("seed", Integer, nullable=False),
    Column("rhythm", String(32), nullable=False),
)

batches = Table(
    "batches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False),
    Column("started_at", Stamp, nullable=False),
    Column("finished_at", Stamp),  # empty when the run was stopped before its end
    Column("graded", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("regraded", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", String(64), ForeignKey("learners.id"), nullable=False),
    Column("course_id", String(80), nullable=False),
    Column("course_version", Integer, nullable=False),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("submission_digest", String(64), nullable=False),
    Column("key_digest", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("submitted_at", Stamp, nullable=False),
    Column("graded_at", Stamp, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("pending_review", Integer, nullable=False),
    Column("passed", Boolean),  # empty while reviews pending could change the verdict
    Column("superseded_by", Integer, ForeignKey("attempts.id")),
    Column("regrade_of", Integer, ForeignKey("attempts.id")),
    ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
    UniqueConstraint("learner_id", "course_id", "submission_digest", "key_digest", name="one_grading_per_key"),
    Index("current_attempts", "course_id", "learner_id", "superseded_by"),
)

answers = Table(
    "answers",
    metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column("scenario_id", String(80), primary_key=True),
    Column("step_id", String(64), primary_key=True),
    Column("scenario_version", Integer, nullable=False),
    Column("value", JSON),
    Column("answered_at", Stamp, nullable=False),
    Column("points", Float),  # empty while a free-text answer waits for review
    Column("max_points", Float, nullable=False),
    Column("correct", Boolean),
    Index("answers_by_question", "scenario_id", "step_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, nullable=False),
    Column("scenario_id", String(80), nullable=False),
    Column("step_id", String(64), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("points", Float, nullable=False),
    Column("comment", Text),
    Column("reviewed_at", Stamp, nullable=False),
    ForeignKeyConstraint(
        ["attempt_id", "scenario_id", "step_id"],
        ["answers.attempt_id", "answers.scenario_id", "answers.step_id"],
        ondelete="CASCADE",
    ),
)

acknowledgements = Table(  # the written acknowledgement of the Code (code:5, code:6)
    "acknowledgements",
    metadata,
    Column("learner_id", String(64), ForeignKey("learners.id"), primary_key=True),
    Column("course_id", String(80), primary_key=True),
    Column("signed_on", Date, nullable=False),
    Column("attempt_id", Integer, ForeignKey("attempts.id")),
    Column("recorded_at", Stamp, nullable=False),
)

training_records = Table(  # passed courses: the advanced-training rhythm of law:34.2 is read from here
    "training_records",
    metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id"), primary_key=True),
    Column("learner_id", String(64), ForeignKey("learners.id"), nullable=False),
    Column("course_id", String(80), nullable=False),
    Column("course_version", Integer, nullable=False),
    Column("rhythm", String(32), nullable=False),
    Column("completed_on", Date, nullable=False),
    Column("score", Float, nullable=False),
    Index("training_by_learner", "learner_id", "rhythm", "completed_on"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

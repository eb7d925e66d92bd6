"""The gradebook's tables as SQLAlchemy Core. Migrations (``migrations/versions``) create and change them; this
is their current shape, which the code reads and writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware timestamp stored in UTC: SQLite keeps no offset, so a +05:00 time would otherwise come back five
    hours off. Naive values are taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


LearnerId = String(64)  # simkit.player.submission.LEARNER_ID allows up to 64 characters
CourseId = String(80)
ScenarioId = String(80)
StepId = String(64)
Digest = String(64)  # sha256 in hex

learners = Table(  # one row per learner: grading adds a bare one, the HR roster import fills the rest
    "learners",
    metadata,
    Column("id", LearnerId, primary_key=True),
    Column("name", Text),
    Column("organisation", Text),
    Column("entry_date", Date),  # the Code is acknowledged within three working days of it (code:5)
    # "A" or "B" (law:1.1, law:1.3): administrative servants train at least once every three years (law:34.2)
    Column("corps", String(16)),
)

courses = Table(  # grading adds a bare row (id, version, mode); the course file's description fills the rest
    "courses",
    metadata,
    Column("id", CourseId, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("title", Text),
    Column("mode", String(16), nullable=False),
    Column("pass_mark", Float),  # percent of the maximum score
    Column("seed", Integer),
    # onboarding: the Code within three working days of entry (code:5); advanced_training: at least once every
    # three years (law:34.2)
    Column("rhythm", String(32)),
    CheckConstraint("mode IN ('practice', 'exam')", name="course_mode"),
    CheckConstraint("rhythm IN ('onboarding', 'advanced_training')", name="course_rhythm"),
)

batches = Table(  # one run of grading; finished_at stays empty when the run was stopped before its end
    "batches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
    Column("graded", Integer, nullable=False, server_default=text("0")),
    Column("unchanged", Integer, nullable=False, server_default=text("0")),
    Column("regraded", Integer, nullable=False, server_default=text("0")),
    Column("rejected", Integer, nullable=False, server_default=text("0")),
    Column("dry_run", Boolean, nullable=False, server_default=false()),
)

attempts = Table(  # one grading of one submission with one set of keys
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", LearnerId, ForeignKey("learners.id"), nullable=False),
    Column("course_id", CourseId, nullable=False),
    Column("course_version", Integer, nullable=False),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("submission_digest", Digest, nullable=False),
    Column("key_digest", Digest, nullable=False),
    Column("source", Text, nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("graded_at", UtcDateTime, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("pending_review", Integer, nullable=False),
    Column("passed", Boolean),  # empty while pending reviews could change the verdict
    Column("status", String(16), nullable=False),
    Column("superseded_by", Integer, ForeignKey("attempts.id")),  # empty on the learner's current attempt
    Column("regrade_of", Integer, ForeignKey("attempts.id")),  # the same submission graded with older keys
    ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
    UniqueConstraint("learner_id", "course_id", "submission_digest", "key_digest", name="one_grading_per_key"),
    CheckConstraint("status IN ('graded', 'pending_review')", name="attempt_status"),
    # The current attempts of a course: reports, rosters and the skip-unchanged lookup read only these.
    Index(
        "current_attempts",
        "course_id",
        "learner_id",
        sqlite_where=text("superseded_by IS NULL"),
        postgresql_where=text("superseded_by IS NULL"),
    ),
)

answers = Table(
    "answers",
    metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column("scenario_id", ScenarioId, primary_key=True),
    Column("step_id", StepId, primary_key=True),
    Column("scenario_version", Integer, nullable=False),
    # As the learner gave it. JSONB on PostgreSQL: its json type cannot be compared, so not grouped by.
    Column("value", JSON().with_variant(JSONB(), "postgresql")),
    Column("answered_at", UtcDateTime, nullable=False),
    Column("points", Float),  # empty while a free-text answer waits for review
    Column("max_points", Float, nullable=False),
    Column("correct", Boolean),
    # Clustered on its key (SQLite), so an attempt's answers sit together. Per-question statistics of a course
    # go through current_attempts and this key: (attempt, scenario, step) is one seek. An index of its own on
    # (scenario, step) would cost each submission's seventy-odd rows a second b-tree: +60 % on every write.
    sqlite_with_rowid=False,
)

reviews = Table(  # a trainer's score of a free-text answer; the answer's points are the latest review's
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, nullable=False),
    Column("scenario_id", ScenarioId, nullable=False),
    Column("step_id", StepId, nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("points", Float, nullable=False),
    Column("comment", Text),
    Column("reviewed_at", UtcDateTime, nullable=False),
    ForeignKeyConstraint(
        ["attempt_id", "scenario_id", "step_id"],
        ["answers.attempt_id", "answers.scenario_id", "answers.step_id"],
        ondelete="CASCADE",
    ),
    Index("reviews_by_answer", "attempt_id", "scenario_id", "step_id"),
)

acknowledgements = Table(  # the written acknowledgement of the Code (code:5), kept for the personnel file (code:6)
    "acknowledgements",
    metadata,
    Column("learner_id", LearnerId, ForeignKey("learners.id"), primary_key=True),
    Column("course_id", CourseId, primary_key=True),  # the first one signed stays
    Column("signed_on", Date, nullable=False),
    Column("attempt_id", Integer, ForeignKey("attempts.id")),
    Column("recorded_at", UtcDateTime, nullable=False),
)

training_records = Table(  # one per passed attempt: the three-year rhythm of law:34.2 is read from here
    "training_records",
    metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id"), primary_key=True),
    Column("learner_id", LearnerId, ForeignKey("learners.id"), nullable=False),
    Column("course_id", CourseId, nullable=False),
    Column("course_version", Integer, nullable=False),
    Column("rhythm", String(32)),  # the course's, once its description is known
    Column("completed_on", Date, nullable=False),  # the day of the submission's last save
    Column("score", Float, nullable=False),
    ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
    Index("training_by_learner", "learner_id", "rhythm", "completed_on"),
)

rejections = Table(  # each file a batch refused, with its one-line reason
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Index("rejections_by_batch", "batch_id"),
)

certificates = Table(  # one per passed attempt a trainer issued a certificate for: what the certificate printed
    "certificates",
    metadata,
    # 16 Crockford base32 characters: 75 random bits and a check character (simkit.certificates.codes)
    Column("code", String(16), primary_key=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("learner_id", LearnerId, ForeignKey("learners.id"), nullable=False),
    Column("learner_name", Text),  # as printed: the roster's name at issue, empty if the roster had none
    Column("course_id", CourseId, nullable=False),
    Column("course_version", Integer, nullable=False),
    Column("title_ru", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("rhythm", String(32)),  # the legal basis printed: onboarding (code:5) or advanced_training (law:34.2)
    Column("completed_on", Date, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
    # Two trainers issuing at once: the second finds the first one's certificate, never makes another.
    UniqueConstraint("attempt_id", name="one_certificate_per_attempt"),
    Index("certificates_by_course", "course_id", "learner_id"),
)

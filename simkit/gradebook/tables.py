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
        return None if value is None else _in_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else _in_utc(value)


def _in_utc(stamp: dt.datetime) -> dt.datetime:
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


LearnerId = String(64)  # simkit.submissions.ids.LEARNER_ID allows up to 64 characters
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

learner_entries = Table(  # every entry into the service the roster import stored: each opens onboarding again (code:5)
    "learner_entries",
    metadata,
    Column("learner_id", LearnerId, ForeignKey("learners.id"), primary_key=True),
    Column("entry_date", Date, primary_key=True),  # learners.entry_date is the latest of them
    sqlite_with_rowid=False,
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
    Column("submitted_at", UtcDateTime, nullable=False),  # as the submission says, never after received_at
    # The server's time when the submission came in. A learner's newest attempt is the one saved last, and of
    # two saved at the same time the one received last (migration 0005: the grading time of earlier attempts).
    Column("received_at", UtcDateTime, nullable=False),
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

scenario_answers = Table(  # one scenario's scored answers in one attempt: a JSON array, an answer an array in it
    "scenario_answers",
    metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column("scenario_id", ScenarioId, primary_key=True),
    Column("scenario_version", Integer, nullable=False),
    # [[step id, value as the learner gave it, answered at (UTC, ISO 8601 with Z), points, maximum, correct], …]
    # in the order the learner's way met them. Ten rows a submission, not seventy-odd: a quarter of the writing.
    Column("answers", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    sqlite_with_rowid=False,  # clustered on its key, so an attempt's scenarios sit together
)

# The view ``answers`` (migration 0003) unfolds those arrays: one row per answer, for reports, reviews and
# statistics. It is described here for queries, on metadata of its own, as no migration creates it as a table.
views = MetaData()
answers = Table(
    "answers",
    views,
    Column("attempt_id", Integer),
    Column("scenario_id", ScenarioId),
    Column("step_id", StepId),
    Column("scenario_version", Integer),
    Column("value", JSON().with_variant(JSONB(), "postgresql")),  # JSONB on PostgreSQL: groupable
    Column("answered_at", UtcDateTime),
    Column("points", Float),  # empty while a free-text answer waits for review
    Column("max_points", Float),
    Column("correct", Boolean),
)

reviews = Table(  # a trainer's score of a free-text answer; the answer's points are the latest review's
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("scenario_id", ScenarioId, nullable=False),
    Column("step_id", StepId, nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("points", Float, nullable=False),
    Column("comment", Text),
    Column("reviewed_at", UtcDateTime, nullable=False),
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
    # 16 Crockford base32 characters: 75 random bits and a check character (simkit.gradebook.codes)
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

live_submissions = Table(  # the grading service's copy of each learner's submission, saved answer by answer
    "live_submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", LearnerId, nullable=False),  # the hub token's owner, never a name from a request
    Column("course_id", CourseId, nullable=False),
    # The submission format (simkit.submissions): what a learner's server resumes from, and what is graded
    # on submit, as a file would be.
    Column("submission", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("learner_id", "course_id", name="one_live_submission"),
)

# LTI 1.3 (simkit.lti, migration 0006): what a launch from the learning platform leaves, and the scores on their
# way back to it.
Url = Text

lti_nonces = Table(  # each launch's nonce, once: a launch posted again is refused (kept until its token expires)
    "lti_nonces",
    metadata,
    Column("issuer", String(255), primary_key=True),
    Column("nonce", String(128), primary_key=True),
    Column("expires_at", UtcDateTime, nullable=False),
)

lti_contexts = Table(  # a learner's latest launch of a course: where the platform wants the course's score
    "lti_contexts",
    metadata,
    Column("learner_id", LearnerId, primary_key=True),
    Column("course_id", CourseId, primary_key=True),
    Column("issuer", String(255), nullable=False),
    Column("client_id", String(255), nullable=False),
    Column("deployment_id", String(255), nullable=False),
    Column("lti_user", String(255), nullable=False),  # the launch's sub: AGS names the learner by it
    Column("resource_link", String(255), nullable=False),
    Column("lineitem", Url),  # empty when the launch carried no line item (the platform keeps no grade)
    Column("scopes", Text, nullable=False),  # the AGS scopes the platform granted, space-separated
    Column("launched_at", UtcDateTime, nullable=False),
)

lti_passbacks = Table(  # the outbox: one score to post per graded attempt, retried until the platform has it
    "lti_passbacks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id"), nullable=False),
    Column("learner_id", LearnerId, nullable=False),
    Column("course_id", CourseId, nullable=False),
    Column("issuer", String(255), nullable=False),
    Column("client_id", String(255), nullable=False),
    Column("lti_user", String(255), nullable=False),
    Column("lineitem", Url, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("pending_review", Integer, nullable=False),
    Column("graded_at", UtcDateTime, nullable=False),  # the score's timestamp: the platform keeps the newest
    # pending: to send (again at next_try_at); sent; failed: the platform refused it for good (a trainer sends it
    # again once fixed); superseded: a newer score of the same learner and course was queued before it went
    Column("status", String(16), nullable=False),
    Column("tries", Integer, nullable=False, server_default=text("0")),
    Column("next_try_at", UtcDateTime, nullable=False),
    Column("last_error", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    CheckConstraint("status IN ('pending', 'sent', 'failed', 'superseded')", name="passback_status"),
    Index("passbacks_due", "status", "next_try_at"),
    Index("passbacks_by_learner", "learner_id", "course_id"),
)

"""the gradebook: learners, courses, attempts, answers, reviews, acknowledgements, training records, batches

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)  # simkit.gradebook.tables.UtcDateTime stores UTC in it
CURRENT = sa.text("superseded_by IS NULL")


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text()),
        sa.Column("organisation", sa.Text()),
        sa.Column("entry_date", sa.Date()),
        sa.Column("corps", sa.String(16)),
    )
    op.create_table(
        "courses",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("pass_mark", sa.Float()),
        sa.Column("seed", sa.Integer()),
        sa.Column("rhythm", sa.String(32)),
        sa.CheckConstraint("mode IN ('practice', 'exam')", name="course_mode"),
        sa.CheckConstraint("rhythm IN ('onboarding', 'advanced_training')", name="course_rhythm"),
    )
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("started_at", Stamp, nullable=False),
        sa.Column("finished_at", Stamp),
        sa.Column("graded", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("unchanged", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("regraded", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("rejected", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("dry_run", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.String(64), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("course_id", sa.String(80), nullable=False),
        sa.Column("course_version", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("submission_digest", sa.String(64), nullable=False),
        sa.Column("key_digest", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("submitted_at", Stamp, nullable=False),
        sa.Column("graded_at", Stamp, nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("pending_review", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("superseded_by", sa.Integer(), sa.ForeignKey("attempts.id")),
        sa.Column("regrade_of", sa.Integer(), sa.ForeignKey("attempts.id")),
        sa.ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
        sa.UniqueConstraint("learner_id", "course_id", "submission_digest", "key_digest", name="one_grading_per_key"),
        sa.CheckConstraint("status IN ('graded', 'pending_review')", name="attempt_status"),
    )
    op.create_index(
        "current_attempts", "attempts", ["course_id", "learner_id"], sqlite_where=CURRENT, postgresql_where=CURRENT
    )
    op.create_table(
        "answers",
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("scenario_id", sa.String(80), primary_key=True),
        sa.Column("step_id", sa.String(64), primary_key=True),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
        sa.Column("answered_at", Stamp, nullable=False),
        sa.Column("points", sa.Float()),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("correct", sa.Boolean()),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(80), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text()),
        sa.Column("reviewed_at", Stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id", "scenario_id", "step_id"],
            ["answers.attempt_id", "answers.scenario_id", "answers.step_id"],
            ondelete="CASCADE",
        ),
    )
    op.create_index("reviews_by_answer", "reviews", ["attempt_id", "scenario_id", "step_id"])
    op.create_table(
        "acknowledgements",
        sa.Column("learner_id", sa.String(64), sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("course_id", sa.String(80), primary_key=True),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id")),
        sa.Column("recorded_at", Stamp, nullable=False),
    )
    op.create_table(
        "training_records",
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id"), primary_key=True),
        sa.Column("learner_id", sa.String(64), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("course_id", sa.String(80), nullable=False),
        sa.Column("course_version", sa.Integer(), nullable=False),
        sa.Column("rhythm", sa.String(32)),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
    )
    op.create_index("training_by_learner", "training_records", ["learner_id", "rhythm", "completed_on"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("rejections_by_batch", "rejections", ["batch_id"])


def downgrade() -> None:
    for table in (
        "rejections",
        "training_records",
        "acknowledgements",
        "reviews",
        "answers",
        "attempts",
        "batches",
        "courses",
        "learners",
    ):
        op.drop_table(table)  # their indexes go with them

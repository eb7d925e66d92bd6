"""certificates: what each issued certificate printed, found by its verification code

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id"), nullable=False),
        sa.Column("learner_id", sa.String(64), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("learner_name", sa.Text()),
        sa.Column("course_id", sa.String(80), nullable=False),
        sa.Column("course_version", sa.Integer(), nullable=False),
        sa.Column("title_ru", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("rhythm", sa.String(32)),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["course_id", "course_version"], ["courses.id", "courses.version"]),
        sa.UniqueConstraint("attempt_id", name="one_certificate_per_attempt"),
    )
    op.create_index("certificates_by_course", "certificates", ["course_id", "learner_id"])


def downgrade() -> None:
    op.drop_table("certificates")  # its index goes with it

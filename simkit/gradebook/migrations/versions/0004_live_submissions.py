"""live submissions: each learner's submission as the grading service saves it, answer by answer

A learner on a JupyterHub confirms an answer and it is in the gradebook before the page says so; a killed server
or a second tab resumes from here. Submitting grades it as ``simkit grade`` grades a file.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_submissions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.String(64), nullable=False),
        sa.Column("course_id", sa.String(80), nullable=False),
        sa.Column("submission", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "course_id", name="one_live_submission"),
    )


def downgrade() -> None:
    op.drop_table("live_submissions")

"""LTI 1.3: launch nonces, each learner's launch context per course, and the grade passback outbox

Nothing existing changes; going back drops the three tables.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "lti_nonces",
        sa.Column("issuer", sa.String(255), primary_key=True),
        sa.Column("nonce", sa.String(128), primary_key=True),
        sa.Column("expires_at", Stamp, nullable=False),
    )
    op.create_table(
        "lti_contexts",
        sa.Column("learner_id", sa.String(64), primary_key=True),
        sa.Column("course_id", sa.String(80), primary_key=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("deployment_id", sa.String(255), nullable=False),
        sa.Column("lti_user", sa.String(255), nullable=False),
        sa.Column("resource_link", sa.String(255), nullable=False),
        sa.Column("lineitem", sa.Text()),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("launched_at", Stamp, nullable=False),
    )
    op.create_table(
        "lti_passbacks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id"), nullable=False),
        sa.Column("learner_id", sa.String(64), nullable=False),
        sa.Column("course_id", sa.String(80), nullable=False),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("lti_user", sa.String(255), nullable=False),
        sa.Column("lineitem", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("pending_review", sa.Integer(), nullable=False),
        sa.Column("graded_at", Stamp, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("next_try_at", Stamp, nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("sent_at", Stamp),
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed', 'superseded')", name="passback_status"),
    )
    op.create_index("passbacks_due", "lti_passbacks", ["status", "next_try_at"])
    op.create_index("passbacks_by_learner", "lti_passbacks", ["learner_id", "course_id"])


def downgrade() -> None:
    op.drop_table("lti_passbacks")
    op.drop_table("lti_contexts")
    op.drop_table("lti_nonces")

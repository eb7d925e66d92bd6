"""learner entries: every entry into the service of a learner who left it and came back

Each entry opens onboarding again (code:5), and the three years of advanced training start again from the latest
(law:34.2). A new table keeps every entry date the roster import stores; the one each learner had (the
``learners.entry_date`` column, which stays as the latest entry) is copied into it. No row or value is changed;
going back drops the table, and with it the earlier entries of re-entrants.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learner_entries",
        sa.Column("learner_id", sa.String(64), sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("entry_date", sa.Date(), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO learner_entries (learner_id, entry_date) "
        "SELECT id, entry_date FROM learners WHERE entry_date IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("learner_entries")

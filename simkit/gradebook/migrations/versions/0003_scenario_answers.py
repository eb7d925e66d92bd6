"""scenario answers: one row per scenario of an attempt, its answers a JSON array; ``answers`` becomes a view

A submission's seventy-odd answer rows cost grading more than scoring them; ten rows, one per scenario, cost a
quarter of that. Reports, reviews and statistics go on reading one row per answer from the view ``answers``, with
the columns the table had. Reviews point at their attempt (an answer is no longer a row a key can point at).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Stamp = sa.DateTime(timezone=True)
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# An answer is [step id, value, answered at, points, maximum, correct]; times are UTC in ISO 8601 with a Z.
VIEW = {
    "sqlite": """
CREATE VIEW answers AS
SELECT s.attempt_id AS attempt_id, s.scenario_id AS scenario_id, a.value ->> 0 AS step_id,
       s.scenario_version AS scenario_version, a.value -> 1 AS value,
       replace(rtrim(a.value ->> 2, 'Z'), 'T', ' ') AS answered_at, a.value ->> 3 AS points,
       a.value ->> 4 AS max_points, a.value ->> 5 AS correct
FROM scenario_answers AS s, json_each(s.answers) AS a""",
    "postgresql": """
CREATE VIEW answers AS
SELECT s.attempt_id, s.scenario_id, a.item ->> 0 AS step_id, s.scenario_version, a.item -> 1 AS value,
       (a.item ->> 2)::timestamptz AS answered_at, (a.item ->> 3)::double precision AS points,
       (a.item ->> 4)::double precision AS max_points, (a.item ->> 5)::boolean AS correct
FROM scenario_answers AS s CROSS JOIN LATERAL jsonb_array_elements(s.answers) AS a(item)""",
}
FOLD = {  # the answers table's rows folded into one array per (attempt, scenario), in the order they were given
    "sqlite": """
INSERT INTO scenario_answers (attempt_id, scenario_id, scenario_version, answers)
SELECT attempt_id, scenario_id, max(scenario_version),
       json_group_array(json_array(step_id, json(value), replace(answered_at, ' ', 'T') || 'Z', points, max_points,
                                   CASE correct WHEN 1 THEN json('true') WHEN 0 THEN json('false') END))
FROM (SELECT * FROM answers_table ORDER BY attempt_id, scenario_id, answered_at, step_id)
GROUP BY attempt_id, scenario_id""",
    "postgresql": """
INSERT INTO scenario_answers (attempt_id, scenario_id, scenario_version, answers)
SELECT attempt_id, scenario_id, max(scenario_version),
       jsonb_agg(jsonb_build_array(step_id, value,
                                   to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                   points, max_points, correct) ORDER BY answered_at, step_id)
FROM answers_table
GROUP BY attempt_id, scenario_id""",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "scenario_answers",
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("scenario_id", sa.String(80), primary_key=True),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("answers", Json, nullable=False),
        sqlite_with_rowid=False,
    )
    _reviews_point_at(["attempt_id"], "attempts", ["id"])
    op.rename_table("answers", "answers_table")
    op.execute(FOLD[dialect])
    op.drop_table("answers_table")
    op.execute(VIEW[dialect])


def downgrade() -> None:
    op.create_table(
        "answers_table",
        sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("scenario_id", sa.String(80), primary_key=True),
        sa.Column("step_id", sa.String(64), primary_key=True),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("value", Json),
        sa.Column("answered_at", Stamp, nullable=False),
        sa.Column("points", sa.Float()),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("correct", sa.Boolean()),
        sqlite_with_rowid=False,
    )
    op.execute("INSERT INTO answers_table SELECT * FROM answers")
    op.execute("DROP VIEW answers")
    op.rename_table("answers_table", "answers")
    _reviews_point_at(["attempt_id", "scenario_id", "step_id"], "answers", ["attempt_id", "scenario_id", "step_id"])
    op.drop_table("scenario_answers")


def _reviews_point_at(columns: list[str], table: str, keys: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite alters a key only by copying the table
        _copy_reviews(columns, table, keys)
        return
    for key in sa.inspect(op.get_bind()).get_foreign_keys("reviews"):
        assert key["name"] is not None  # only SQLite leaves a foreign key unnamed
        op.drop_constraint(key["name"], "reviews", type_="foreignkey")
    op.create_foreign_key(f"reviews_{table}", "reviews", table, columns, keys, ondelete="CASCADE")


def _copy_reviews(columns: list[str], table: str, keys: list[str]) -> None:
    op.create_table(
        "reviews_copy",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(80), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text()),
        sa.Column("reviewed_at", Stamp, nullable=False),
        sa.ForeignKeyConstraint(columns, [f"{table}.{key}" for key in keys], ondelete="CASCADE"),
    )
    op.execute("INSERT INTO reviews_copy SELECT * FROM reviews")
    op.drop_table("reviews")  # its index goes with it
    op.rename_table("reviews_copy", "reviews")
    op.create_index("reviews_by_answer", "reviews", ["attempt_id", "scenario_id", "step_id"])

"""A gradebook made before learners could have several entries into the service gains the table of entries when
opened, each learner's entry date copied into it and every other row kept; going back drops the table only."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

from simkit.compliance.roster import RosterEntry
from simkit.gradebook.compliance import import_roster
from simkit.gradebook.db import _engine, alembic_config, connect
from simkit.gradebook.history import stored_learners
from tests.grading.test_migration_received import GRADED, SAVED, TABLES, attempt, everything, insert, reflected


def test_upgrading_copies_each_entry_date_keeps_every_row_and_then_takes_a_re_entry(gradebook_url: str) -> None:
    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0005")
        insert(connection, "batches", {"id": 1, "command": "simkit grade onboarding", "started_at": GRADED})
        insert(connection, "courses", {"id": "onboarding", "version": 2, "mode": "practice", "rhythm": "onboarding"})
        insert(
            connection,
            "learners",
            {"id": "ann", "name": "Әсел", "organisation": "Акимат", "entry_date": dt.date(2021, 2, 1), "corps": "B"},
            {"id": "bek", "name": None, "organisation": None, "entry_date": None, "corps": None},
        )
        insert(connection, "attempts", attempt(1, "ann", SAVED, received_at=GRADED))
        record = {"course_id": "onboarding", "course_version": 2, "rhythm": "onboarding", "score": 9.0}
        insert(connection, "training_records", record | {"attempt_id": 1, "learner_id": "ann", "completed_on": SAVED})
    before = everything(engine)
    engine.dispose()

    migrated = connect(gradebook_url)
    after = everything(migrated)
    assert after == before  # every table and value as it was
    with migrated.connect() as connection:
        entries = connection.execute(select(reflected(connection, "learner_entries"))).all()
    assert [tuple(row) for row in entries] == [("ann", dt.date(2021, 2, 1))]
    assert stored_learners(migrated)["ann"].entries == (dt.date(2021, 2, 1),)

    # Ann left and came back: the import adds the new entry and keeps the first.
    back = RosterEntry(2, "ann", "", "", dt.date(2026, 3, 2), None, None, None)
    import_roster(migrated, [back])
    assert stored_learners(migrated)["ann"] == ("Әсел", "Акимат", "B", (dt.date(2021, 2, 1), dt.date(2026, 3, 2)))
    migrated.dispose()

    engine = _engine(make_url(gradebook_url))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005")
    assert "learner_entries" not in inspect(engine).get_table_names()
    assert {name: len(rows) for name, rows in everything(engine).items()} == {name: 1 for name in TABLES} | {
        "learners": 2,
        **{name: 0 for name in ("scenario_answers", "reviews", "acknowledgements", "certificates", "rejections")},
        "live_submissions": 0,
    }
    engine.dispose()

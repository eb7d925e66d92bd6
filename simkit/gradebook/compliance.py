"""What the compliance report reads from the gradebook, one query per table for the whole roster, and the roster
import that fills the gradebook's learners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Engine, exists, func, select

from simkit.gradebook.db import reading, writing
from simkit.gradebook.sql import dialect_insert, insert_missing
from simkit.gradebook.tables import acknowledgements, learner_entries, learners, training_records

if TYPE_CHECKING:
    from simkit.compliance.roster import RosterEntry

ADVANCED_TRAINING = "advanced_training"  # the rhythm of law:34.2 (courses.rhythm, training_records.rhythm)
ROSTER_COLUMNS = ("name", "organisation", "entry_date", "corps")


@dataclass
class GradebookRecords:
    acknowledgements: dict[str, list[dt.date]] = field(default_factory=dict)  # learner -> days signed (code:5)
    last_training: dict[str, dt.date] = field(default_factory=dict)  # learner -> latest advanced training


def gradebook_records(engine: Engine, as_of: dt.date) -> GradebookRecords:
    """Every learner's acknowledgements of the Code and latest advanced training, up to ``as_of``, in one reading
    transaction. Training records of courses whose rhythm is unknown are not counted."""
    signed = select(acknowledgements.c.learner_id, acknowledgements.c.signed_on).where(
        acknowledgements.c.signed_on <= as_of
    )
    trained = (
        select(training_records.c.learner_id, func.max(training_records.c.completed_on))
        .where(training_records.c.rhythm == ADVANCED_TRAINING, training_records.c.completed_on <= as_of)
        .group_by(training_records.c.learner_id)
    )
    found = GradebookRecords()
    with reading(engine) as connection:
        for learner, day in connection.execute(signed):
            found.acknowledgements.setdefault(learner, []).append(day)
        found.last_training = {learner: day for learner, day in connection.execute(trained)}
    return found


def import_roster(engine: Engine, entries: Iterable[RosterEntry]) -> int:
    """Store each learner's name, organisation, entry dates and corps in the gradebook, in one transaction: all of
    them or none. An empty cell keeps what the gradebook had; an entry date stored before stays (a re-entrant's
    earlier entries are kept, learners.entry_date is the latest)."""
    entries = list(entries)
    rows = [
        {
            "id": entry.learner,
            "name": entry.name or None,
            "organisation": entry.organisation or None,
            "entry_date": entry.entry_date,
            "corps": entry.corps,
        }
        for entry in entries
    ]
    with writing(engine) as connection:
        insert = dialect_insert(connection, learners)
        kept = {column: func.coalesce(insert.excluded[column], learners.c[column]) for column in ROSTER_COLUMNS}
        if rows:
            connection.execute(insert.on_conflict_do_update(index_elements=["id"], set_=kept), rows)
            dated = [{"learner_id": e.learner, "entry_date": day} for e in entries for day in e.entry_dates]
            insert_missing(connection, learner_entries, dated)
            of_learner = learner_entries.c.learner_id == learners.c.id
            latest = select(func.max(learner_entries.c.entry_date)).where(of_learner).scalar_subquery()
            connection.execute(learners.update().where(exists().where(of_learner)).values(entry_date=latest))
    return len(rows)

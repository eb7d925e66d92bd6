"""The history of one learner or of everyone: from the roster when one is given, else from the learners the roster
import stored in the gradebook; the gradebook's completions and acknowledgements joined to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine

from simkit.compliance.history import HistoryRow, learner_history
from simkit.compliance.register import Mapping
from simkit.compliance.roster import Roster, RosterEntry, read_roster
from simkit.gradebook.history import completions, signatures, stored_learners
from simkit.memory import collector_paused
from simkit.submissions import normalise_learner_id


def _stored(engine: Engine, learner: str | None) -> list[RosterEntry]:
    people = stored_learners(engine, learner)
    return [
        RosterEntry(0, lid, p.name, p.organisation, p.entries[-1], p.corps, None, None, p.entries)
        for lid, p in sorted(people.items())
    ]


def people(engine: Engine, learner: str | None, roster: Roster | None) -> list[RosterEntry]:
    if roster is None:
        found = _stored(engine, learner)
        where = "in the gradebook"
        hint = "store the roster with `simkit roster ROSTER --import`, or give --roster"
    else:
        found = [entry for entry in roster.entries if learner is None or entry.learner == learner]
        where, hint = f"in {roster.source}", "check the id, or the roster's bad rows"
    if learner is not None and not found:
        raise ValueError(f"learner {learner!r}: no entry into the service {where} (hint: {hint})")
    return found


def histories(
    engine: Engine,
    *,
    as_of: dt.date,
    learner: str | None = None,
    roster: Path | str | None = None,
    mapping: Mapping | None = None,
    due_within: int = 90,
) -> tuple[list[HistoryRow], Roster | None]:
    """Every history row of ``learner`` (or of everyone when None), and the roster read (None without one)."""
    if due_within < 0:
        raise ValueError(f"--due-within cannot be negative (got {due_within})")
    chosen = None if learner is None else normalise_learner_id(learner)
    with collector_paused():
        read = None if roster is None else read_roster(roster, as_of, mapping)
        persons = people(engine, chosen, read)
        done, signed = completions(engine, as_of, chosen), signatures(engine, as_of, chosen)
        rows = [
            row
            for person in persons
            for row in learner_history(
                person, done.get(person.learner, ()), signed.get(person.learner, ()), as_of=as_of, due_within=due_within
            )
        ]
    return rows, read

"""Alembic's entry point for the gradebook, run by simkit.gradebook.db.migrate inside its transaction (the connection
comes in ``config.attributes``), or by ``alembic.command.revision`` to write a new migration the same way."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from simkit.gradebook.tables import UtcDateTime, metadata


def render_item(kind: str, item: Any, _context: Any) -> str | Literal[False]:
    # A migration keeps the plain column type: it must not change when the application's code does.
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


# render_as_batch: SQLite alters a table by copying it; batch mode writes migrations that way on every database.
context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=metadata,
    render_as_batch=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()

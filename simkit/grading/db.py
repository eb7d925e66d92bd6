"""The gradebook's database: SQLite by default (one file, WAL), PostgreSQL by URL; always at the newest schema.

``$SIMKIT_GRADEBOOK`` names the database (e.g. ``postgresql+psycopg://user:password@host/simkit``); without it,
``$SIMKIT_HOME/gradebook.sqlite``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from simkit.settings import data_home

URL_VARIABLE = "SIMKIT_GRADEBOOK"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def gradebook_url() -> str:
    return os.environ.get(URL_VARIABLE) or f"sqlite:///{data_home() / 'gradebook.sqlite'}"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL lets trainers read reports while a batch writes; one writer at a time still holds.
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; refuse a database made by a newer simkit."""
    config = alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise ValueError(
                f"{engine.url.render_as_string(hide_password=True)}: the gradebook's schema ({current}) is newer "
                "than this simkit knows (hint: upgrade simkit)"
            )
        if current != head:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def connect(url: str | None = None) -> Engine:
    """An engine on the gradebook at ``url`` (default: :func:`gradebook_url`), migrated to the newest schema."""
    target = url or gradebook_url()
    try:
        parsed = make_url(target)
    except ArgumentError:
        raise ValueError(f"{target!r} is not a database URL (hint: sqlite:///path or postgresql+psycopg://…)") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed)
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise ValueError(
            f"{parsed.render_as_string(hide_password=True)}: cannot open the gradebook: {reason} "
            f"(hint: check ${URL_VARIABLE} or the server)"
        ) from None
    except (SQLAlchemyError, ModuleNotFoundError) as error:
        raise ValueError(f"{parsed.render_as_string(hide_password=True)}: {error}") from None
    return engine

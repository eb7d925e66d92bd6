"""The gradebook's database: SQLite by default (one file, WAL), PostgreSQL by URL; always at the newest schema.

``$SIMKIT_GRADEBOOK`` names the database (e.g. ``postgresql+psycopg://user:password@host/simkit``); without it,
``$SIMKIT_HOME/gradebook.sqlite``. Whatever goes wrong opening it is one ValueError line naming the URL, the
problem and a hint.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from simkit.settings import data_home

URL_VARIABLE = "SIMKIT_GRADEBOOK"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITING = {"gradebook_writes": True}  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)
SQLITE_PRAGMAS = (
    "journal_mode=WAL",  # readers (reports, a trainer's notebook) go on while a batch writes
    "foreign_keys=ON",
    "synchronous=NORMAL",  # with WAL: a power cut may lose the last commits, never consistency
    "busy_timeout=10000",  # a second writer waits its turn up to 10 s instead of failing at once
)
# Non-ASCII kept as is: Russian and Kazakh free-text answers take half the bytes of \u escapes.
dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def gradebook_url() -> str:
    return os.environ.get(URL_VARIABLE) or f"sqlite:///{data_home() / 'gradebook.sqlite'}"


def _on_sqlite_connect(connection: Any, _record: Any) -> None:
    # pysqlite opens transactions itself, and only before INSERT/UPDATE/DELETE: migrations' DDL would commit
    # statement by statement, and a read-then-write could not hold the write lock from its first read.
    # SQLAlchemy's "begin" event below opens them instead.
    connection.isolation_level = None
    for pragma in SQLITE_PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")


def _on_sqlite_begin(connection: Connection) -> None:
    # A writing transaction takes the write lock up front, so what it reads is still true when it writes;
    # a concurrent writer waits (busy_timeout). Reading transactions stay deferred and never block a writer.
    writes = connection.get_execution_options().get("gradebook_writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration with no alembic.ini: the migrations folder shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _lock_migrations(connection: Connection) -> None:
    # Two processes opening a new PostgreSQL gradebook at once: the second waits, then finds the schema made.
    # (On SQLite, BEGIN IMMEDIATE already did this.)
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(0x51A4_6B00)))


def _at_head(engine: Engine) -> bool:
    # Read first, without the write lock: opening a gradebook already at the newest schema must not wait for
    # another process's writing transaction (on SQLite, up to the busy timeout, then fail).
    with engine.connect() as connection:
        config = alembic_config(connection)
        head = ScriptDirectory.from_config(config).get_current_head()
        return MigrationContext.configure(connection).get_current_revision() == head


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration in one transaction; refuse a database made by a newer simkit."""
    if _at_head(engine):
        return
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # a migration altering a table copies it and drops the old one: foreign keys would refuse
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.execution_options(**WRITING).begin():
                _lock_migrations(connection)
                _upgrade(connection)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise ValueError(f"{shown(engine.url)}: a migration left rows pointing nowhere")
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _upgrade(connection: Connection) -> None:
    config = alembic_config(connection)
    scripts = ScriptDirectory.from_config(config)
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {script.revision for script in scripts.walk_revisions()}:
        raise ValueError(
            f"{shown(connection.engine.url)}: the gradebook's schema ({current}) is newer than this simkit's "
            "(hint: upgrade simkit, or point $SIMKIT_GRADEBOOK at another gradebook)"
        )
    if current != scripts.get_current_head():
        command.upgrade(config, "head")


def _engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, json_serializer=dumps, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=dumps)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def failure(url: URL, doing: str, error: BaseException) -> ValueError:
    """The one line a trainer sees: which gradebook, what failed and why, and what to do."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    reason = lines[0] if lines else type(cause).__name__
    if "database is locked" in reason:
        hint = (
            "another grading is writing to this SQLite gradebook, which takes one writer at a time: run again "
            "once it has finished, or move to PostgreSQL (docs/gradebook.md)"
        )
    else:
        hint = f"check ${URL_VARIABLE}, the path or the server"
    return ValueError(f"{shown(url)}: {doing}: {reason} (hint: {hint})")


def connect(url: str | None = None) -> Engine:
    """An engine on the gradebook at ``url`` (default: :func:`gradebook_url`), migrated to the newest schema."""
    target = url or gradebook_url()
    try:
        parsed = make_url(target)
    except ArgumentError:
        raise ValueError(
            f"{target!r} is not a database URL (hint: sqlite:///path/gradebook.sqlite or "
            "postgresql+psycopg://user:password@host/database)"
        ) from None
    engine = None
    try:
        engine = _engine(parsed)
        migrate(engine)
    except (SQLAlchemyError, OSError, ModuleNotFoundError) as error:
        if engine is not None:
            engine.dispose()
        raise failure(parsed, "cannot open the gradebook", error) from None
    except ValueError:
        if engine is not None:
            engine.dispose()
        raise
    return engine


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection to read with; a lost server or a damaged file is one line naming the gradebook."""
    try:
        with engine.connect() as connection:
            yield connection
    except OperationalError as error:
        raise failure(engine.url, "cannot read the gradebook", error) from None


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One transaction that writes (on SQLite it holds the write lock from its start); a busy SQLite file or a
    lost server is one line naming the gradebook, never a traceback."""
    try:
        with engine.execution_options(**WRITING).begin() as connection:
            yield connection
    except OperationalError as error:
        raise failure(engine.url, "cannot write to the gradebook", error) from None

"""Gradebooks to test against: a SQLite file, and a fresh PostgreSQL database when a server is given.

``$SIMKIT_TEST_POSTGRES_URL`` names a server and a database to connect to first (.ci/run starts one); each test
gets a database of its own there, dropped afterwards. Without the variable the PostgreSQL cases are skipped,
unless ``SIMKIT_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_VARIABLE = "SIMKIT_TEST_POSTGRES_URL"


def _postgres_database() -> Iterator[str]:
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        if os.environ.get("SIMKIT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"${POSTGRES_VARIABLE} is not set, and SIMKIT_REQUIRE_POSTGRES=1", pytrace=False)
        pytest.skip(f"no PostgreSQL server (set ${POSTGRES_VARIABLE}, as .ci/run does)")
    name = f"simkit_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def gradebook_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    else:
        yield from _postgres_database()

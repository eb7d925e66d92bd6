"""Gradebooks to test against: a SQLite file, and PostgreSQL when a server is given (CI starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

POSTGRES_VARIABLE = "SIMKIT_TEST_POSTGRES_URL"


def _postgres_database() -> Iterator[str]:
    server = os.environ.get(POSTGRES_VARIABLE)
    if not server:
        if os.environ.get("SIMKIT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"${POSTGRES_VARIABLE} is not set, and SIMKIT_REQUIRE_POSTGRES=1", pytrace=False)
        pytest.skip(f"no PostgreSQL server (set ${POSTGRES_VARIABLE})")
    name = f"simkit_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = create_engine(server).url.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def gradebook_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    else:
        yield from _postgres_database()

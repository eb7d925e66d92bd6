"""A real hub with the grading service (tests/hub/harness.py, the deploy configuration), started once per module,
on a library with two short courses added: an exam without free-text questions (graded and certified at once on
submit) and an onboarding course of one case. Its learners' servers read bundles released from the same library."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from simkit.hub.local import SampleUser, chp_command
from simkit.scenarios.release import release_courses
from tests.components import missing
from tests.hub.harness import ROOT, Hub, running_hub

SHORT_EXAM = """id: short-exam
version: 1
title: {ru: Короткий экзамен, en: A short exam}
description: {ru: Три кейса., en: Three cases.}
rhythm: advanced_training
mode: exam
pass_mark: 75
attempts: 2
seed: 20260301
scenarios: [gift-at-desk, repeated-offence, money-without-knowledge]
"""
SHORT_ONBOARDING = """id: short-onboarding
version: 1
title: {ru: Короткий вводный курс, en: A short onboarding course}
description: {ru: Один кейс и Кодекс., en: One case and the Code.}
rhythm: onboarding
mode: practice
pass_mark: 60
attempts: 3
seed: 20260101
acknowledgement: true
scenarios: [first-week]
"""


def _need_chp() -> None:
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_library(tmp_path_factory.mktemp("library") / "scenarios")


def make_library(root: Path) -> Path:
    """The project's library with the two short courses added."""
    shutil.copytree(ROOT / "scenarios", root)
    (root / "courses" / "short-exam.yaml").write_text(SHORT_EXAM, "utf-8")
    (root / "courses" / "short-onboarding.yaml").write_text(SHORT_ONBOARDING, "utf-8")
    return root


@pytest.fixture(scope="module")
def release(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The learners' side: bundles released from the same library (exam copies carry no keys)."""
    root = tmp_path_factory.mktemp("learner-release")
    release_courses(None, root, library)
    return root


def _hub(
    folder: Path, gradebook: str, library: Path, release: Path, users: tuple[SampleUser, ...] = ()
) -> Iterator[Hub]:
    """The hub on ``gradebook``, its service holding ``library``; ``users`` are those its provider signs in (the
    service's tests make theirs through the hub's API instead)."""
    _need_chp()
    env = {"SIMKIT_SCENARIOS": str(library), "SIMKIT_RELEASE": str(release)}
    with running_hub(folder, f"service-{folder.name}", users, env, gradebook) as hub:
        yield hub


@pytest.fixture(scope="module")
def hub(library: Path, release: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    folder = tmp_path_factory.mktemp("hub-sqlite")
    yield from _hub(folder, f"sqlite:///{folder / 'gradebook.sqlite'}", library, release)


@pytest.fixture(scope="module")
def gradebook(hub: Hub) -> Iterator[Engine]:
    """The service's gradebook, read directly: what trainers' tools would see."""
    engine = create_engine(hub.gradebook)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def pg_hub(library: Path, release: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """The same on a PostgreSQL gradebook of its own (skipped without a server, failing in CI)."""
    from tests.grading.conftest import _postgres_database

    databases = _postgres_database()
    url = next(databases)
    try:
        yield from _hub(tmp_path_factory.mktemp("hub-postgresql"), url, library, release)
    finally:
        next(databases, None)  # drops the database

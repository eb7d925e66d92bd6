"""A gradebook with an onboarding course graded: SQLite, and PostgreSQL when a server is given (as for grading)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, update

from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.tables import learners
from simkit.scenarios.library import load_library
from tests.grading.conftest import gradebook_url
from tests.grading.test_gradebook import graded_submission

__all__ = ["gradebook_url"]
ROSTER = {"ann": ("Әсел Қайратқызы Нұрғалиева", "Министерство юстиции")}


@pytest.fixture(scope="session")
def onboarding() -> Any:
    return load_library().courses["onboarding"][1]  # pass mark 70, rhythm onboarding (code:5)


def record(book: Gradebook, *graded: Any) -> None:
    book.record(book.begin_batch("grade onboarding"), list(graded))


@pytest.fixture
def graded(gradebook_url: str, onboarding: Any) -> Iterator[Engine]:
    """ann and bek passed (ann with her name from the roster), eve failed, fay awaits a review."""
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    book.add_course(onboarding)
    record(
        book,
        graded_submission("ann", right=0.9),
        graded_submission("bek", right=0.8),
        graded_submission("eve", right=0.3),
        graded_submission("fay", right=0.9, pending=2),
    )
    with engine.begin() as connection:
        for learner, (name, organisation) in ROSTER.items():
            connection.execute(
                update(learners).where(learners.c.id == learner).values(name=name, organisation=organisation)
            )
    yield engine
    engine.dispose()

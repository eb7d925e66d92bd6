"""A grading run killed at any point leaves the gradebook consistent, and running it again completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from simkit.grading.db import connect
from simkit.grading.grader import course_key
from simkit.grading.tables import answers, attempts
from tests.grading.test_gradebook import submissions

LEARNERS = 240
RUN = """
import sys
from pathlib import Path
from simkit.grading.db import connect
from simkit.grading.gradebook import Gradebook
from simkit.grading.grader import course_key
from simkit.grading.run import grade_into
paths = sorted(Path(sys.argv[2]).glob("*.json"))
grade_into(Gradebook(connect(sys.argv[1])), course_key("onboarding"), paths, "grade", chunk=8)
"""


def state(url: str) -> tuple[int, int, int, int]:
    """(attempts, answers, learners with more than one current attempt, attempts without answers)."""
    engine = connect(url)
    with engine.connect() as connection:
        doubled = (
            select(attempts.c.learner_id)
            .where(attempts.c.superseded_by.is_(None))
            .group_by(attempts.c.learner_id)
            .having(func.count() > 1)
        )
        empty = select(attempts.c.id).where(~attempts.c.id.in_(select(answers.c.attempt_id)))
        figures = (
            connection.execute(select(func.count()).select_from(attempts)).scalar_one(),
            connection.execute(select(func.count()).select_from(answers)).scalar_one(),
            connection.execute(select(func.count()).select_from(doubled.subquery())).scalar_one(),
            connection.execute(select(func.count()).select_from(empty.subquery())).scalar_one(),
        )
    engine.dispose()
    return figures


def start(url: str, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", RUN, url, str(folder)], env=os.environ.copy())


def test_a_run_killed_mid_way_is_consistent_and_completed_by_the_next(gradebook_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    submissions(course_key("onboarding"), folder, [f"learner{n:03d}" for n in range(LEARNERS)])
    connect(gradebook_url).dispose()
    rng = random.Random(20261123)
    partial_seen = 0
    for _round in range(3):
        before = state(gradebook_url)[0]
        process = start(gradebook_url, folder)
        while process.poll() is None and state(gradebook_url)[0] == before:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))  # a different moment each round, inside or between chunk transactions
        process.send_signal(signal.SIGKILL)
        process.wait()
        made, _answers, doubled, empty = state(gradebook_url)
        assert doubled == 0 and empty == 0, "a killed run left a half-written submission"
        partial_seen += 0 < made < LEARNERS
    assert partial_seen, "no kill landed while the batch was being written"
    finished = start(gradebook_url, folder)
    assert finished.wait(timeout=300) == 0
    made, answer_rows, doubled, empty = state(gradebook_url)
    assert (made, doubled, empty) == (LEARNERS, 0, 0) and answer_rows > LEARNERS

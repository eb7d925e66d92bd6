"""Two `simkit grade` processes on one gradebook at once, or one and the grading service, on SQLite and on
PostgreSQL: each learner's newest submission is current, whichever process commits last.

Each run is a real process, held at a chosen point by a file the test creates: before its writing transaction
(after reading what the gradebook held and scoring), or inside it (the write lock taken, the learners' attempts
read). Half the learners have their newer submission in one run, half in the other, so neither "first commit
wins" nor "last commit wins" passes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.gradebook.tables import attempts
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.synthetic import START, play, synthetic_submission
from simkit.player.changes import add_answer, fresh_submission
from simkit.service.courses import Courses
from simkit.submissions import encode_submission

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "scenarios"
LEARNERS = [f"learner{n:02d}" for n in range(12)]
OLDER = START + dt.timedelta(days=40)  # after every answer synthetic_submission gives
NEWER = OLDER + dt.timedelta(hours=1)
WAIT = 120  # seconds: a process that takes longer is stuck

HOLD = """
import sys, time
from pathlib import Path

import simkit.gradebook.book as book

url, source, hold, go, *learners = sys.argv[1:]


def wait_for_go():
    print("held", flush=True)
    while not Path(go).exists():
        time.sleep(0.01)


def holding(original, when):
    held = []

    def wrapped(*args, **kwargs):
        if when == "before" and not held:
            held.append(wait_for_go())
        result = original(*args, **kwargs)
        if when == "after" and not held:
            held.append(wait_for_go())
        return result

    return wrapped


if hold == "before":  # every submission scored against what the gradebook held; no transaction open
    book.Gradebook.record = holding(book.Gradebook.record, "before")
elif hold == "inside":  # the write lock held and the learners' attempts read, nothing written yet
    book._plan = holding(book._plan, "after")
begin_batch = book.Gradebook.begin_batch


def announced(self, *args, **kwargs):
    print("writing", flush=True)  # done reading: from here on the run writes
    return begin_batch(self, *args, **kwargs)


book.Gradebook.begin_batch = announced
"""
CLI = (
    HOLD
    + """
from simkit.cli.main import app

app(["grade", "onboarding", source, "--db", url], prog_name="simkit")
"""
)
SERVICE = (
    HOLD
    + """
from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.service.courses import Courses
from simkit.service.submit import submit

courses = Courses(Path(source))
storage = Storage(connect(url))
for learner in learners:
    submit(storage, courses, learner, "onboarding", "/services/simkit-grading/")
courses.close()
print("submitted", len(learners), flush=True)
"""
)


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("onboarding")


def write_files(key: CourseKey, folder: Path, saved: dict[str, dt.datetime]) -> dict[str, str]:
    """Each learner's submission saved at the given time; their sha256 by learner."""
    folder.mkdir()
    digests = {}
    for learner, when in saved.items():
        submission = synthetic_submission(key, learner, seed=1)
        submission.updated_at = when
        raw = encode_submission(submission)
        (folder / f"{learner}.json").write_bytes(raw)
        digests[learner] = hashlib.sha256(raw).hexdigest()
    return digests


def start(url: str, source: Path, hold: str, go: Path, driver: str = CLI, *more: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", driver, url, str(source), hold, str(go), *more],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT), "COLUMNS": "200"},
    )


def wait_for(process: subprocess.Popen[str], marker: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == marker:
            return
    raise AssertionError(f"the run ended (code {process.wait()}) before printing {marker!r}")


def finished(process: subprocess.Popen[str]) -> str:
    output, _ = process.communicate(timeout=WAIT)
    assert process.returncode == 0, output
    return output


@pytest.fixture
def runs(key: CourseKey, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Two folders: A has the older submission of the even learners and the newer of the odd ones; B the rest.
    The newest submission's digest of each learner."""
    half = {learner: number % 2 == 0 for number, learner in enumerate(LEARNERS)}
    a = write_files(key, tmp_path / "a", {learner: OLDER if even else NEWER for learner, even in half.items()})
    b = write_files(key, tmp_path / "b", {learner: NEWER if even else OLDER for learner, even in half.items()})
    newest = {learner: b[learner] if even else a[learner] for learner, even in half.items()}
    return tmp_path / "a", tmp_path / "b", newest


def current_digests(url: str) -> tuple[dict[str, str], int]:
    engine = connect(url)
    with engine.connect() as connection:
        rows = connection.execute(select(attempts.c.learner_id, attempts.c.submission_digest, attempts.c.superseded_by))
        found = rows.all()
    engine.dispose()
    current = {learner: digest for learner, digest, superseded_by in found if superseded_by is None}
    assert len(current) == len({learner for learner, _digest, _by in found}), "a learner with two current attempts"
    return current, len(found)


def test_a_run_held_before_writing_while_another_commits_leaves_the_newest_current(
    gradebook_url: str, tmp_path: Path, runs: tuple[Path, Path, dict[str, str]]
) -> None:
    connect(gradebook_url).dispose()
    a, b, newest = runs
    go = tmp_path / "go"
    held = start(gradebook_url, a, "before", go)
    wait_for(held, "held")  # A has read the gradebook (empty) and scored its files
    assert "12 graded" in finished(start(gradebook_url, b, "none", go))  # B commits all of its own
    go.touch()
    assert "12 graded" in finished(held)  # A commits last: its older ones are kept, already superseded
    current, recorded = current_digests(gradebook_url)
    assert (current, recorded) == (newest, 2 * len(LEARNERS))


def test_a_run_waiting_for_the_write_lock_of_another_leaves_the_newest_current(
    gradebook_url: str, tmp_path: Path, runs: tuple[Path, Path, dict[str, str]]
) -> None:
    connect(gradebook_url).dispose()
    a, b, newest = runs
    go = tmp_path / "go"
    holder = start(gradebook_url, a, "inside", go)
    wait_for(holder, "held")  # A holds the write lock, its learners' attempts read
    waiting = start(gradebook_url, b, "none", go)
    wait_for(waiting, "writing")  # B has read the gradebook (A's chunk not in it) and scored its files
    time.sleep(1.0)
    assert waiting.poll() is None, "B wrote while A held the write lock"
    go.touch()
    assert "12 graded" in finished(holder)
    assert "12 graded" in finished(waiting)  # B commits last: its older ones are kept, already superseded
    current, recorded = current_digests(gradebook_url)
    assert (current, recorded) == (newest, 2 * len(LEARNERS))


def test_an_older_submission_recorded_after_a_newer_one_is_kept_as_history(gradebook_url: str) -> None:
    from simkit.gradebook.book import Counts, Gradebook
    from tests.grading.test_gradebook import graded_submission

    engine = connect(gradebook_url)
    book = Gradebook(engine)
    newer = graded_submission("ann", "file-2", submitted_at=NEWER, right=0.2)
    book.record(book.begin_batch("grade"), [newer, graded_submission("bek", "file-0", submitted_at=NEWER)])
    older = [graded_submission(learner, "file-1", submitted_at=OLDER) for learner in ("ann", "bek")]
    same_time = graded_submission("bek", "file-2", submitted_at=NEWER)  # saved as bek's current, received later
    assert book.regrade_preview(older) == []  # a dry run shows nothing changing: the current results stay
    assert book.record(book.begin_batch("grade"), [*older, same_time]) == Counts(graded=3)
    current, recorded = current_digests(gradebook_url)
    engine.dispose()
    assert recorded == 5
    assert current == {"ann": newer.digest, "bek": same_time.digest}


# The grading service and a `simkit grade` run at once: the service's submission, saved by its own clock just
# now, is newer than the files the run grades, saved weeks before.

ANSWERING = LEARNERS[:4]


@pytest.fixture
def answered(gradebook_url: str, key: CourseKey, tmp_path: Path) -> Path:
    """Each learner's answers saved in the service, and an older copy of theirs in a folder for `simkit grade`."""
    storage, courses = Storage(connect(gradebook_url)), Courses(LIBRARY)
    bundle = courses.bundle("onboarding")
    for learner in ANSWERING:
        for scenario in bundle.course.scenarios:
            for given in play(key, scenario, learner, random.Random(1), skill=1.0).answers:
                storage.change(
                    learner,
                    "onboarding",
                    lambda learner=learner: fresh_submission(bundle.course, learner),
                    lambda submission, scenario=scenario, given=given: add_answer(
                        submission, bundle.papers[scenario], START, given.step, given.value
                    ),
                )
    courses.close()
    storage.engine.dispose()
    write_files(key, tmp_path / "files", dict.fromkeys(ANSWERING, OLDER))
    return tmp_path / "files"


def current_sources(url: str) -> dict[str, str]:
    engine = connect(url)
    with engine.connect() as connection:
        rows = connection.execute(select(attempts.c.learner_id, attempts.c.source, attempts.c.superseded_by)).all()
    engine.dispose()
    assert len(rows) == 2 * len(ANSWERING)
    return {learner: Path(source).parent.name for learner, source, superseded_by in rows if superseded_by is None}


def test_a_run_held_before_writing_while_the_service_submits_leaves_the_services_newer_attempt_current(
    gradebook_url: str, tmp_path: Path, answered: Path
) -> None:
    go = tmp_path / "go"
    run = start(gradebook_url, answered, "before", go)
    wait_for(run, "held")
    assert "submitted 4" in finished(start(gradebook_url, LIBRARY, "none", go, SERVICE, *ANSWERING))
    go.touch()
    assert "4 graded" in finished(run)
    assert current_sources(gradebook_url) == dict.fromkeys(ANSWERING, "simkit-grading:onboarding")


def test_a_run_waiting_while_the_service_holds_the_write_lock_leaves_the_services_newer_attempt_current(
    gradebook_url: str, tmp_path: Path, answered: Path
) -> None:
    go = tmp_path / "go"
    service = start(gradebook_url, LIBRARY, "inside", go, SERVICE, *ANSWERING)
    wait_for(service, "held")
    run = start(gradebook_url, answered, "none", go)
    wait_for(run, "writing")
    time.sleep(1.0)
    assert run.poll() is None, "the run wrote while the service held the write lock"
    go.touch()
    assert "submitted 4" in finished(service)
    assert "4 graded" in finished(run)
    assert current_sources(gradebook_url) == dict.fromkeys(ANSWERING, "simkit-grading:onboarding")

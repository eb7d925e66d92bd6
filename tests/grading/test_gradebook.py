"""The gradebook keeps each learner's grading once per submission and key, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, Text, func, select, text

from simkit.gradebook.book import Change, Counts, Gradebook
from simkit.gradebook.db import alembic_config, connect
from simkit.gradebook.results import GradedSubmission, Rejection, ScoredAnswer, by_scenario
from simkit.gradebook.tables import (
    acknowledgements,
    answers,
    attempts,
    batches,
    courses,
    learners,
    metadata,
    rejections,
    reviews,
    training_records,
)
from simkit.scenarios.library import load_library
from simkit.scenarios.yamlsource import parse
from simkit.submissions import encode_submission

ROOT = Path(__file__).resolve().parents[2]
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SCENARIOS, STEPS = 10, 7  # a submission as the speed target counts it: ten scenarios of seven answers


@cache
def course_version(course: str) -> int:
    """The version of the library's course, as the player writes it into a submission (1 for a made-up course)."""
    path = ROOT / "scenarios" / "courses" / f"{course}.yaml"
    return int(parse(path).data["version"]) if path.exists() else 1


def graded_submission(
    learner: str,
    digest: str = "file-1",
    key: str = "keys-1",
    *,
    right: float = 1.0,
    course: str = "onboarding",
    pending: int = 0,
    acknowledged_on: dt.date | None = None,
    submitted_at: dt.datetime = START,
) -> GradedSubmission:
    """A grading as the grader makes one: a share ``right`` of the answers right, ``pending`` texts unscored."""
    rng = random.Random(f"{learner}/{digest}")
    scored = []
    for number in range(SCENARIOS * STEPS):
        scenario, step = divmod(number, STEPS)
        value: Any = rng.choice(["report", ["a", "c"], "2026-03-05", 12.5, None, 'Сообщу\tписьменно: "срочно" \\\n'])
        points = None if number < pending else (2.0 if number < right * SCENARIOS * STEPS else 0.0)
        at = submitted_at - dt.timedelta(seconds=30 * (SCENARIOS * STEPS - number))
        correct = None if points is None else points == 2.0
        scored.append(ScoredAnswer(f"scenario-{scenario}", 1, f"step_{step}", value, at, points, 2.0, correct))
    score = sum(answer.points or 0.0 for answer in scored)
    maximum = 2.0 * SCENARIOS * STEPS
    return GradedSubmission(
        learner=learner,
        course_id=course,
        course_version=course_version(course),
        mode="practice",
        source=f"submissions/{learner}.json",
        digest=hashlib.sha256(digest.encode()).hexdigest(),
        key_digest=hashlib.sha256(key.encode()).hexdigest(),
        submitted_at=submitted_at,
        scenarios=by_scenario(scored),
        score=score,
        max_score=maximum,
        pending_review=pending,
        passed=None if pending else score >= maximum * 0.7,
        acknowledged_on=acknowledged_on,
        finished=tuple(f"scenario-{n}" for n in range(SCENARIOS)),
    )


@pytest.fixture
def book(gradebook_url: str) -> Iterator[Gradebook]:
    engine = connect(gradebook_url)
    yield Gradebook(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def onboarding() -> Any:
    return load_library().courses["onboarding"][1]  # pass mark 70, rhythm onboarding


def count(engine: Engine, table: Table, *where: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def everything(engine: Engine) -> dict[str, int]:
    return {table.name: count(engine, table) for table in [*metadata.sorted_tables, answers]}  # answers: a view


def attempt_of(book: Gradebook, learner: str, digest: str, key: str) -> dict[str, Any]:
    query = select(attempts).where(
        attempts.c.learner_id == learner,
        attempts.c.submission_digest == hashlib.sha256(digest.encode()).hexdigest(),
        attempts.c.key_digest == hashlib.sha256(key.encode()).hexdigest(),
    )
    with book.engine.connect() as connection:
        return dict(connection.execute(query).one()._mapping)


# The database


def test_migrations_create_the_tables_of_tables_py_and_running_them_again_changes_nothing(gradebook_url: str) -> None:
    first = connect(gradebook_url)
    again = connect(gradebook_url)
    with again.begin() as connection:
        head = ScriptDirectory.from_config(alembic_config(connection)).get_current_head()
        assert MigrationContext.configure(connection).get_current_revision() == head
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    assert everything(again) == dict.fromkeys(everything(again), 0)
    first.dispose()
    again.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_checked(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'home' / 'not yet made' / 'gradebook.sqlite'}")
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert (pragma("journal_mode"), pragma("foreign_keys"), pragma("synchronous")) == ("wal", 1, 1)
        assert pragma("busy_timeout") >= 1000
    engine.dispose()


def test_the_gradebook_is_under_simkit_home_unless_simkit_gradebook_names_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from simkit.gradebook.db import gradebook_url

    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path))
    monkeypatch.delenv("SIMKIT_GRADEBOOK", raising=False)
    assert gradebook_url() == f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    monkeypatch.setenv("SIMKIT_GRADEBOOK", "postgresql+psycopg://trainer@db.example/simkit")
    assert gradebook_url() == "postgresql+psycopg://trainer@db.example/simkit"


def test_an_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as refused:
        connect("postgresql+psycopg://trainer:secret@127.0.0.1:9/simkit")
    message = str(refused.value)
    assert message.startswith("postgresql+psycopg://trainer:***@127.0.0.1:9/simkit: cannot open the gradebook: ")
    assert "(hint: check $SIMKIT_GRADEBOOK" in message and "secret" not in message and "\n" not in message
    (tmp_path / "a file").write_text("")
    with pytest.raises(ValueError, match=r"gradebook.sqlite: cannot open the gradebook: .*\(hint: ") as refused:
        connect(f"sqlite:///{tmp_path / 'a file' / 'gradebook.sqlite'}")
    assert "\n" not in str(refused.value)
    with pytest.raises(ValueError, match="is not a database URL"):
        connect("gradebook.sqlite")


def test_a_gradebook_made_by_a_newer_simkit_is_refused_in_one_line(gradebook_url: str) -> None:
    connect(gradebook_url).dispose()
    engine = connect(gradebook_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(ValueError, match=r"schema \(9999\) is newer than this simkit's \(hint: upgrade simkit"):
        connect(gradebook_url)


# Recording


def test_recording_the_same_gradings_again_writes_nothing(book: Gradebook) -> None:
    chunk = [graded_submission(learner) for learner in ("ann", "bek", "dana")]
    batch = book.begin_batch("grade onboarding")
    assert book.record(batch, chunk) == Counts(graded=3)
    before = everything(book.engine)
    assert book.record(batch, chunk) == Counts(unchanged=3)
    assert everything(book.engine) == before
    assert before["attempts"] == 3 and before["answers"] == 3 * SCENARIOS * STEPS and before["learners"] == 3
    assert book.known_digests("onboarding") == {(g.learner, g.digest): g.key_digest for g in chunk}, (
        "a grader can skip these without scoring them"
    )


def test_a_fixed_key_regrades_the_same_file_and_links_the_two_attempts(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding")
    book.record(batch, [graded_submission("ann", "file-1", "keys-1", right=0.5)])
    assert book.record(batch, [graded_submission("ann", "file-1", "keys-2", right=0.9)]) == Counts(regraded=1)
    old, new = attempt_of(book, "ann", "file-1", "keys-1"), attempt_of(book, "ann", "file-1", "keys-2")
    assert (old["superseded_by"], new["regrade_of"], new["superseded_by"]) == (new["id"], old["id"], None)
    assert [row["id"] for row in book.current_attempts("onboarding")] == [new["id"]]


def test_a_new_file_of_the_learner_supersedes_the_current_attempt(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding")
    book.record(batch, [graded_submission("ann", "file-1"), graded_submission("bek", "file-1")])
    assert book.record(batch, [graded_submission("ann", "file-2")]) == Counts(graded=1)
    old, new = attempt_of(book, "ann", "file-1", "keys-1"), attempt_of(book, "ann", "file-2", "keys-1")
    assert (old["superseded_by"], new["regrade_of"]) == (new["id"], None)
    assert [(row["learner_id"], row["id"]) for row in book.current_attempts("onboarding")] == [
        ("ann", new["id"]),
        ("bek", attempt_of(book, "bek", "file-1", "keys-1")["id"]),
    ]


def test_two_files_of_one_learner_in_one_chunk_leave_the_later_one_current(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding")
    counts = book.record(batch, [graded_submission("ann", "file-1"), graded_submission("ann", "file-2")])
    assert counts == Counts(graded=2)
    [current] = book.current_attempts("onboarding")
    assert current["id"] == attempt_of(book, "ann", "file-1", "keys-1")["superseded_by"]


def test_the_first_acknowledgement_stays_and_each_pass_makes_a_training_record(
    book: Gradebook, onboarding: Any
) -> None:
    batch = book.begin_batch("grade onboarding", onboarding)
    signed = dt.date(2026, 3, 2)
    late = dt.datetime(2026, 3, 5, 22, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 6 March in UTC
    book.record(batch, [graded_submission("ann", acknowledged_on=signed)])
    book.record(batch, [graded_submission("bek", right=0.2, acknowledged_on=signed)])  # failed: no record
    book.record(batch, [graded_submission("ann", "file-2", acknowledged_on=dt.date(2026, 3, 5), submitted_at=late)])
    with book.engine.connect() as connection:
        signatures = connection.execute(select(acknowledgements.c.learner_id, acknowledgements.c.signed_on)).all()
        records = connection.execute(
            select(training_records.c.learner_id, training_records.c.rhythm, training_records.c.completed_on)
        ).all()
    assert sorted(signatures) == [("ann", signed), ("bek", signed)]  # code:5, code:6: the first one stays
    assert sorted(records) == [("ann", "onboarding", dt.date(2026, 3, 2)), ("ann", "onboarding", dt.date(2026, 3, 6))]


def test_a_course_first_met_in_grading_is_described_later_from_its_file(book: Gradebook, onboarding: Any) -> None:
    book.record(book.begin_batch("grade onboarding"), [graded_submission("ann")])
    with book.engine.connect() as connection:
        assert connection.execute(select(courses.c.mode, courses.c.rhythm)).one() == ("practice", None)
    book.add_course(onboarding)
    with book.engine.connect() as connection:
        assert connection.execute(select(courses.c.pass_mark, courses.c.rhythm)).one() == (70, "onboarding")
        assert connection.execute(select(training_records.c.rhythm)).scalar_one() == "onboarding"


def test_timestamps_come_back_in_utc_whatever_offset_they_came_in(book: Gradebook) -> None:
    almaty = dt.timezone(dt.timedelta(hours=5))
    saved = dt.datetime(2026, 3, 2, 14, 0, 0, 123456, tzinfo=almaty)
    book.record(book.begin_batch("grade"), [graded_submission("ann", submitted_at=saved)])
    [attempt] = book.current_attempts("onboarding")
    first = book.attempt_answers(attempt["id"])[0]
    assert attempt["submitted_at"] == saved and attempt["submitted_at"].tzinfo == dt.UTC
    assert first["answered_at"] == saved - dt.timedelta(seconds=30 * SCENARIOS * STEPS)
    assert first["answered_at"].tzinfo == dt.UTC


def test_answers_come_back_as_the_learner_gave_them(book: Gradebook) -> None:
    given = graded_submission("ann", pending=1)
    book.record(book.begin_batch("grade"), [given])
    [attempt] = book.current_attempts("onboarding")
    stored = book.attempt_answers(attempt["id"])
    assert len(stored) == SCENARIOS * STEPS
    assert [ScoredAnswer(**{name: row[name] for name in ScoredAnswer._fields}) for row in stored] == list(given.answers)


def test_a_batch_shows_unfinished_until_finished_and_keeps_its_refused_files(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding --dry-run", dry_run=True)
    counts = book.record(batch, [graded_submission("ann")], [Rejection("eve.json", "damaged JSON at line 1")])
    with book.engine.connect() as connection:
        assert connection.execute(select(batches.c.finished_at, batches.c.dry_run)).one() == (None, True)
    book.finish_batch(batch, counts)
    with book.engine.connect() as connection:
        row = connection.execute(select(batches)).one()
        reason = connection.execute(select(rejections.c.reason).where(rejections.c.batch_id == batch)).scalar_one()
    assert (row.graded, row.rejected, row.finished_at is not None) == (1, 1, True)
    assert reason == "damaged JSON at line 1"


# Dry runs and reviews


def test_a_dry_run_preview_shows_each_change_and_writes_nothing(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding")
    book.record(batch, [graded_submission("ann", right=0.5), graded_submission("bek")])
    before = everything(book.engine)
    fixed = [graded_submission(learner, key="keys-2") for learner in ("ann", "bek", "dana")]
    assert book.regrade_preview(fixed) == [
        Change("ann", 70.0, 140.0, False, True),
        Change("dana", None, 140.0, None, True),
    ]  # bek's score and verdict stay as they are: not listed
    assert everything(book.engine) == before


def test_a_review_rescores_the_attempt_and_decides_the_pass(book: Gradebook, onboarding: Any) -> None:
    book.record(book.begin_batch("grade onboarding", onboarding), [graded_submission("ann", right=0.75, pending=2)])
    pending = book.pending_reviews("onboarding")
    assert [(item["learner_id"], item["step_id"]) for item in pending] == [("ann", "step_0"), ("ann", "step_1")]
    assert book.current_attempts("onboarding")[0]["status"] == "pending_review"
    first, second = pending
    attempt = book.add_review(first["attempt_id"], first["scenario_id"], first["step_id"], 2.0, "trainer")
    assert (attempt["pending_review"], attempt["passed"], attempt["status"]) == (1, None, "pending_review")
    attempt = book.add_review(second["attempt_id"], second["scenario_id"], second["step_id"], 1.0, "trainer", "ok")
    assert (attempt["score"], attempt["pending_review"], attempt["passed"], attempt["status"]) == (
        105.0,  # 51 right answers before the reviews, and 2 + 1 points from them
        0,
        True,  # 105 of 140 is over the pass mark of 70 %
        "graded",
    )
    assert count(book.engine, training_records) == 1 and count(book.engine, reviews) == 2
    with pytest.raises(ValueError, match="9 points is outside 0–2 for scenario-0/step_1"):
        book.add_review(second["attempt_id"], second["scenario_id"], second["step_id"], 9, "trainer")
    attempt = book.add_review(first["attempt_id"], first["scenario_id"], first["step_id"], 0.0, "second reader")
    assert (attempt["score"], attempt["passed"]) == (103.0, True)
    assert book.pending_reviews("onboarding") == []


# Several writers, and runs killed mid-way


def test_two_trainers_grading_one_course_at_once_leave_one_current_attempt_per_learner(gradebook_url: str) -> None:
    connect(gradebook_url).dispose()
    learners_ = [f"learner{n:03d}" for n in range(60)]
    errors: list[BaseException] = []

    def trainer(file: str) -> None:
        engine = connect(gradebook_url)
        book = Gradebook(engine)
        try:
            batch = book.begin_batch(f"grade {file}")
            for start in range(0, len(learners_), 10):
                book.record(batch, [graded_submission(learner, file) for learner in learners_[start : start + 10]])
        except BaseException as error:
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=trainer, args=(file,)) for file in ("file-1", "file-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = connect(gradebook_url)
    assert count(engine, attempts) == 2 * len(learners_)
    assert count(engine, attempts, attempts.c.superseded_by.is_(None)) == len(learners_)
    engine.dispose()


def test_a_writer_kept_waiting_by_another_on_sqlite_gets_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simkit.gradebook.db

    url = f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    pragmas = (*simkit.gradebook.db.SQLITE_PRAGMAS, "busy_timeout=100")
    monkeypatch.setattr(simkit.gradebook.db, "SQLITE_PRAGMAS", pragmas)
    book = Gradebook(connect(url))
    batch = book.begin_batch("grade")
    other = sqlite3.connect(tmp_path / "gradebook.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another trainer's batch, mid-chunk
    with pytest.raises(ValueError) as refused:
        book.record(batch, [graded_submission("ann")])
    other.execute("ROLLBACK")
    assert str(refused.value).startswith(f"{url}: cannot write to the gradebook: database is locked (hint: another")
    assert book.record(batch, [graded_submission("ann")]) == Counts(graded=1)
    book.engine.dispose()


LEARNERS, CHUNK = 1500, 150
DRIVER = """
import sys
from simkit.gradebook.db import connect
from simkit.gradebook.book import Gradebook
from tests.grading.test_gradebook import CHUNK, LEARNERS, START, graded_submission

graded = [graded_submission(f"learner{n:05d}", acknowledged_on=None if n % 3 else START.date(), right=(n % 10) / 9)
          for n in range(LEARNERS)]
book = Gradebook(connect(sys.argv[1]))
batch = book.begin_batch("grade onboarding")
paced = sys.argv[2:] == ["paced"]
for number, start in enumerate(range(0, LEARNERS, CHUNK)):
    print("writing", number, flush=True)
    if paced:  # the test says when a chunk may start: a run it kills never outruns it, however loaded the machine
        sys.stdin.readline()
    book.record(batch, graded[start : start + CHUNK])
    print("written", number, flush=True)
book.finish_batch(batch, {})
"""


def start_driver(url: str, *, paced: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, url, *(["paced"] if paced else [])],
        cwd=ROOT,
        stdin=subprocess.PIPE if paced else None,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def kill_after(process: subprocess.Popen[str], chunk: int, fraction: float) -> None:
    """SIGKILL the (paced) driver once it has been writing chunk ``chunk`` for ``fraction`` of the time its longest
    chunk so far took: inside that chunk's transaction, at its commit, or waiting to start the next chunk, which it
    is never let to start."""
    assert process.stdout is not None and process.stdin is not None
    began: dict[str, float] = {}
    longest = 0.0
    for line in process.stdout:
        what, number = line.split()
        began.setdefault(number, time.perf_counter())
        if what == "written":
            longest = max(longest, time.perf_counter() - began[number])
            continue
        process.stdin.write("go\n")
        process.stdin.flush()
        if number == str(chunk):
            break
    time.sleep(fraction * longest)
    process.send_signal(signal.SIGKILL)
    process.wait()


def consistency(url: str) -> dict[str, int]:
    """What a killed run may leave: whole chunks of whole submissions, each linked and complete, nothing else."""
    engine = connect(url)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        per_attempt = select(answers.c.attempt_id, func.count().label("n")).group_by(answers.c.attempt_id).subquery()
        incomplete = (
            select(func.count())
            .select_from(attempts.outerjoin(per_attempt, per_attempt.c.attempt_id == attempts.c.id))
            .where(func.coalesce(per_attempt.c.n, 0) != SCENARIOS * STEPS)
        )
        assert connection.execute(incomplete).scalar_one() == 0, "an attempt without all its answers"
        passed = select(func.count()).select_from(attempts).where(attempts.c.passed.is_(True))
        assert connection.execute(passed).scalar_one() == count(engine, training_records)
    figures = everything(engine)
    engine.dispose()
    assert figures["attempts"] % CHUNK == 0, "a chunk was recorded in part"
    assert figures["attempts"] == figures["learners"], "a learner without an attempt, or with two"
    assert figures["acknowledgements"] == len(range(0, figures["attempts"], 3))
    return figures


def test_a_run_killed_at_any_moment_leaves_whole_chunks_and_the_next_run_completes_it(gradebook_url: str) -> None:
    connect(gradebook_url).dispose()
    rng = random.Random(20261123)
    interrupted = 0
    for chunk in sorted(rng.sample(range(1, LEARNERS // CHUNK - 1), 4)):
        process = start_driver(gradebook_url, paced=True)
        kill_after(process, chunk, rng.uniform(0, 1.5))
        assert process.returncode == -signal.SIGKILL
        recorded = consistency(gradebook_url)["attempts"]
        interrupted += 0 < recorded < LEARNERS
    assert interrupted, "no kill landed while the batch was being written"
    engine = connect(gradebook_url)
    with engine.connect() as connection:
        unfinished = connection.execute(select(func.count()).where(batches.c.finished_at.is_(None))).scalar_one()
    before = count(engine, attempts)
    engine.dispose()
    assert unfinished == 4
    finished = start_driver(gradebook_url)
    assert finished.wait(timeout=300) == 0
    figures = consistency(gradebook_url)
    assert (figures["attempts"], figures["answers"]) == (LEARNERS, LEARNERS * SCENARIOS * STEPS)
    engine = connect(gradebook_url)
    with engine.connect() as connection:
        last = connection.execute(select(batches).order_by(batches.c.id.desc()).limit(1)).one()
    engine.dispose()
    assert last.finished_at is not None and before < LEARNERS


# Reading at scale


def test_per_question_statistics_count_the_answers_given_and_the_points_of_current_attempts(book: Gradebook) -> None:
    batch = book.begin_batch("grade onboarding")
    book.record(batch, [graded_submission(learner, right=0.5) for learner in ("ann", "bek", "dana")])
    book.record(batch, [graded_submission("ann", "file-2", right=1.0)])  # supersedes ann's first: not counted
    current = (attempts.c.course_id == "onboarding") & attempts.c.superseded_by.is_(None)
    of_current = select(answers).join(attempts, attempts.c.id == answers.c.attempt_id).where(current).subquery()
    by_value = (
        select(of_current.c.value, func.count())
        .where(of_current.c.scenario_id == "scenario-0", of_current.c.step_id == "step_0")
        .group_by(of_current.c.value)
    )
    points = select(func.sum(of_current.c.points)).where(of_current.c.scenario_id == "scenario-9")
    with book.engine.connect() as connection:
        given = sorted(connection.execute(by_value).all(), key=repr)
        earned = connection.execute(points).scalar_one()
    first = [graded_submission(learner).answers[0].value for learner in ("bek", "dana")]
    first.append(graded_submission("ann", "file-2").answers[0].value)
    assert sum(n for _value, n in given) == 3 and sorted(first, key=repr) == sorted(
        [value for value, n in given for _ in range(n)], key=repr
    )
    assert earned == 7 * 2.0  # scenario-9 is past the half the first two got right: ann's second got it all


def test_per_question_statistics_of_a_course_read_through_the_current_attempts_and_the_answers_key(
    tmp_path: Path,
) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    one_step = (
        select(answers.c.value, func.count())
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .where(attempts.c.course_id == "onboarding", attempts.c.superseded_by.is_(None))
        .where(answers.c.scenario_id == "gift-at-desk", answers.c.step_id == "first_action")
        .group_by(answers.c.value)
    )
    with engine.connect() as connection:
        plan = " | ".join(row[-1] for row in connection.execute(text("EXPLAIN QUERY PLAN " + str(compiled(one_step)))))
    engine.dispose()
    # The view's scenario rows are found by their key, one seek per (attempt, scenario), never a scan.
    assert "USING INDEX current_attempts" in plan and "USING PRIMARY KEY (attempt_id=? AND scenario_id=?)" in plan, plan


def compiled(query: Any) -> Any:
    return query.compile(compile_kwargs={"literal_binds": True})


# Through the grading pipeline: files scored by the grader, recorded by simkit.grading.run


def test_grading_files_twice_records_them_once(gradebook_url: str, tmp_path: Path) -> None:
    from simkit.grading.grader import course_key
    from simkit.grading.run import grade_into
    from simkit.grading.synthetic import synthetic_submission

    key = course_key("onboarding")
    folder = tmp_path / "submissions"
    folder.mkdir()
    for learner in ("ann", "bek"):
        (folder / f"{learner}.json").write_bytes(encode_submission(synthetic_submission(key, learner)))
    (folder / "eve.json").write_text("{", "utf-8")
    paths = sorted(folder.glob("*.json"))
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    _report, first = grade_into(book, key, paths, "grade onboarding")
    _report, second = grade_into(book, key, paths, "grade onboarding")
    assert (first.graded, first.rejected, second.graded, second.unchanged) == (2, 1, 0, 2)
    assert count(engine, attempts) == 2 and count(engine, rejections) == 2
    engine.dispose()


def test_the_trainers_notebook_grades_a_folder_and_shows_each_learner(tmp_path: Path) -> None:
    from simkit.grading.grader import course_key
    from simkit.grading.notebook import grade_course
    from simkit.grading.synthetic import synthetic_submission

    key = course_key("onboarding")
    (tmp_path / "subs").mkdir()
    for learner in ("ann", "bek"):
        (tmp_path / "subs" / f"{learner}.json").write_bytes(encode_submission(synthetic_submission(key, learner)))
    result = grade_course("onboarding", tmp_path / "subs", f"sqlite:///{tmp_path / 'book.sqlite'}")
    html = result._repr_html_()
    assert "2 graded" in html and "<td>ann</td>" in html and "<td>bek</td>" in html
    assert [path.name for path in result.write_feedback("en", tmp_path / "fb")] == ["ann.en.html", "bek.en.html"]
    result.book.engine.dispose()


def test_learners_rows_made_by_grading_are_bare_until_the_roster_fills_them(book: Gradebook) -> None:
    book.record(book.begin_batch("grade"), [graded_submission("ann")])
    with book.engine.connect() as connection:
        row = connection.execute(select(learners)).one()
    assert row == ("ann", None, None, None, None)


def test_answer_values_are_stored_as_json_text_with_cyrillic_as_is(book: Gradebook) -> None:
    given = graded_submission("ann")
    book.record(book.begin_batch("grade"), [given])
    with book.engine.connect() as connection:
        stored = connection.execute(select(answers.c.value.cast(Text))).scalars().all()
    assert sorted(map(json.loads, stored), key=repr) == sorted((answer.value for answer in given.answers), key=repr)
    assert any(value.startswith('"Сообщу\\t') for value in stored)

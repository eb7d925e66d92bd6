"""The gradebook: what grading found, kept so that grading again changes nothing unless keys or answers did.

Each chunk of a batch is one transaction, and one grading of a submission with one set of keys is unique: a run
stopped at any point leaves whole chunks or nothing of them, and running it again records the rest. A learner's
newest attempt is current; an earlier one is kept and points to it (``superseded_by``), and a regrade after a key
fix names the attempt it regraded (``regrade_of``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec
from sqlalchemy import Connection, Engine, Row, and_, bindparam, delete, func, select, update

from simkit.gradebook.db import reading, writing
from simkit.gradebook.passback_queue import enqueue
from simkit.gradebook.results import Answered, GradedSubmission, Rejection
from simkit.gradebook.results import passed as pass_rule
from simkit.gradebook.sql import course_is, current, dialect_insert, insert_missing
from simkit.gradebook.tables import (
    acknowledgements,
    answers,
    attempts,
    batches,
    courses,
    learners,
    rejections,
    reviews,
    scenario_answers,
    training_records,
)
from simkit.law.clock import legal_today
from simkit.submissions.codec import Refused
from simkit.submissions.limits import MAX_ANSWER_CHARS, excerpt
from simkit.submissions.times import EARLIEST_DAY, EARLIEST_UTC, Window

if TYPE_CHECKING:
    from simkit.scenarios import model

UTC = dt.UTC
IN_LIMIT = 500  # values per IN (…): SQLite before 3.32 takes 999 parameters a statement, PostgreSQL 65,535
LOCK_SPACE = 0x51A4  # PostgreSQL advisory locks: (this, hashtext(course id)) serialises writers of one course


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Counts:
    graded: int = 0
    regraded: int = 0
    unchanged: int = 0
    rejected: int = 0

    def add(self, other: Counts) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True)
class Graded:
    """What the gradebook already holds for a course, so a batch can skip or refuse before writing."""

    keys: dict[tuple[str, str], str]  # (learner, submission digest) → the key digest it was graded with
    latest: dict[str, dt.datetime]  # learner → when their current graded submission was saved


class Change(NamedTuple):
    """What recording a grading would do to one learner's current result (a dry run shows these)."""

    learner: str
    old_score: float | None
    new_score: float
    old_passed: bool | None
    new_passed: bool | None


class Gradebook:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: set[tuple[str, int]] = set()  # rows never deleted: once seen, always there

    def _reading(self) -> AbstractContextManager[Connection]:
        return reading(self.engine)

    def _writing(self) -> AbstractContextManager[Connection]:
        return writing(self.engine)

    # Batches

    def begin_batch(self, command: str, course: model.Course | None = None, *, dry_run: bool = False) -> int:
        """Record a batch at once, in its own transaction, so a run stopped before its end shows as unfinished."""
        if course is not None:
            self.add_course(course)
        with self._writing() as connection:
            query = batches.insert().values(command=command, started_at=now(), dry_run=dry_run)
            return int(connection.execute(query.returning(batches.c.id)).scalar_one())

    def finish_batch(self, batch_id: int, counts: Counts | Mapping[str, int]) -> None:
        values = asdict(counts) if isinstance(counts, Counts) else dict(counts)
        with self._writing() as connection:
            connection.execute(update(batches).where(batches.c.id == batch_id).values(finished_at=now(), **values))

    def add_course(self, course: model.Course) -> None:
        """Describe a course (title, pass mark, seed, rhythm) from its file; grading alone knows only its mode."""
        row = {
            "id": course.id,
            "version": course.version,
            "title": course.title.get("ru"),
            "mode": course.mode,
            "pass_mark": course.pass_mark,
            "seed": course.seed,
            "rhythm": course.rhythm,
        }
        with self._writing() as connection:
            insert = dialect_insert(connection, courses).values(row)
            connection.execute(insert.on_conflict_do_update(index_elements=["id", "version"], set_=row))
            connection.execute(
                update(training_records)
                .where(course_is(training_records, course.id, course.version), training_records.c.rhythm.is_(None))
                .values(rhythm=course.rhythm)
            )
        self._known.add((course.id, course.version))

    # What is there already

    def known_digests(self, course_id: str) -> dict[tuple[str, str], str]:
        """(learner, submission digest) → key digest of each current attempt: a grader skips a submission
        whose file and keys are unchanged without reading it further."""
        query = select(attempts.c.learner_id, attempts.c.submission_digest, attempts.c.key_digest).where(
            current(course_id)
        )
        with self._reading() as connection:
            return {(learner, digest): key for learner, digest, key in connection.execute(query)}

    def graded_before(self, course_id: str) -> Graded:
        """The current attempts' digests and save times, for a batch to skip what is unchanged and refuse replays."""
        query = select(
            attempts.c.learner_id, attempts.c.submission_digest, attempts.c.key_digest, *ORDER_COLUMNS
        ).where(current(course_id))
        keys, latest = {}, {}
        with self._reading() as connection:
            for row in connection.execute(query):
                keys[(row.learner_id, row.submission_digest)] = row.key_digest
                latest[row.learner_id] = stored_order(row)[0]
        return Graded(keys, latest)

    # Recording

    def record(self, batch_id: int, graded: Sequence[GradedSubmission], rejected: Sequence[Rejection] = ()) -> Counts:
        """Write one chunk of a batch in one transaction. A grading already there with the same learner, course,
        submission digest and key digest is unchanged: nothing is written. Otherwise it is a new attempt, which
        supersedes the learner's current one; if the same file was graded with other keys, it is a regrade of
        that attempt. Learners and courses not there yet are added bare, the first acknowledgement of the Code is
        kept, and each pass makes a training record.

        Which attempt is current is decided here, inside the transaction, by the server-trusted order
        (saved time, bounded by the server's clock; then the time received): a submission older than the current
        attempt, recorded after it by a slower run, is kept as history already superseded by it. Saved times and
        acknowledgement days are bounded by this server's clock once more; one too far ahead is refused."""
        graded, untimely = _timely(graded, now())
        rejected = [*rejected, *untimely]
        counts = Counts(rejected=len(rejected))
        modes = {(g.course_id, g.course_version): g.mode for g in graded}
        new_courses = [{"id": c, "version": v, "mode": m} for (c, v), m in modes.items() if (c, v) not in self._known]
        groups = _by_course(graded)
        with self._writing() as connection:
            for course_id, _group in groups:
                _lock_course(connection, course_id)
            if rejected:
                rows = [{"batch_id": batch_id, "source": r.source, "reason": r.reason} for r in rejected]
                connection.execute(rejections.insert(), rows)
            insert_missing(connection, courses, new_courses)
            # Sorted: two writers adding the same new learners on PostgreSQL wait for each other, never deadlock.
            insert_missing(connection, learners, [{"id": learner} for learner in sorted({g.learner for g in graded})])
            for course_id, group in groups:
                for round_ in _rounds(group):
                    counts.add(_record_round(connection, batch_id, course_id, round_))
        self._known.update(modes)  # only once committed: a rolled-back chunk leaves no course behind
        return counts

    def regrade_preview(self, graded: Sequence[GradedSubmission]) -> list[Change]:
        """What recording ``graded`` would change in each learner's current score or verdict; nothing is written."""
        changes = []
        with self._reading() as connection:
            for course_id, group in _by_course(graded):
                history = _history(connection, course_id, [g.learner for g in group])
                for g in group:
                    old = next((h for h in history.get(g.learner, ()) if h.superseded_by is None), None)
                    if old is not None and g.order < stored_order(old):
                        continue  # older than the current attempt: recorded as history, the result stays
                    if old is None or (old.score, old.passed) != (g.score, g.passed):
                        old_score, old_passed = (old.score, old.passed) if old else (None, None)
                        changes.append(Change(g.learner, old_score, g.score, old_passed, g.passed))
        return changes

    # Reports and reviews

    def current_attempts(self, course_id: str) -> list[dict[str, Any]]:
        query = select(attempts).where(current(course_id)).order_by(attempts.c.learner_id)
        with self._reading() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def attempt_answers(self, attempt_id: int) -> list[dict[str, Any]]:
        query = (
            select(answers)
            .where(answers.c.attempt_id == attempt_id)
            .order_by(answers.c.answered_at, answers.c.scenario_id, answers.c.step_id)
        )
        with self._reading() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def pending_reviews(self, course_id: str) -> list[dict[str, Any]]:
        """Free-text answers of current attempts that no trainer has scored yet, each whole up to the longest
        answer intake takes (one kept from before that limit is cut there, marked)."""
        query = (
            select(answers, attempts.c.learner_id)
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .where(current(course_id), answers.c.points.is_(None))
            .order_by(attempts.c.learner_id, answers.c.scenario_id, answers.c.step_id)
        )
        with self._reading() as connection:
            return [dict(row._mapping) | {"value": _shown_whole(row.value)} for row in connection.execute(query)]

    def add_review(
        self, attempt_id: int, scenario_id: str, step_id: str, points: float, reviewer: str, comment: str = ""
    ) -> dict[str, Any]:
        """Score a free-text answer and rescore its attempt in one transaction; return the attempt as it is now."""
        scenario = and_(scenario_answers.c.attempt_id == attempt_id, scenario_answers.c.scenario_id == scenario_id)
        with self._writing() as connection:
            given = connection.execute(select(scenario_answers.c.answers).where(scenario)).scalar() or []
            answer = next((answer for answer in given if answer[STEP] == step_id), None)
            if answer is None:
                raise ValueError(f"attempt {attempt_id} has no answer {scenario_id}/{step_id}")
            most = answer[MAX_POINTS]
            if not 0 <= points <= most:
                raise ValueError(f"{points:g} points is outside 0–{most:g} for {scenario_id}/{step_id}")
            review = {"reviewer": reviewer, "points": points, "comment": comment, "reviewed_at": now()}
            connection.execute(
                reviews.insert().values(attempt_id=attempt_id, scenario_id=scenario_id, step_id=step_id, **review)
            )
            answer[POINTS], answer[CORRECT] = points, points == most
            connection.execute(update(scenario_answers).where(scenario).values(answers=given))
            rescored = _rescore(connection, attempt_id)
            enqueue(connection, rescored["course_id"], [attempt_id])
            return rescored


def _shown_whole(value: Any) -> Any:
    return excerpt(value, MAX_ANSWER_CHARS) if isinstance(value, str) else value


STEP, POINTS, MAX_POINTS, CORRECT = (
    Answered._fields.index(name) for name in ("step_id", "points", "max_points", "correct")
)


# Chunks and rounds


def _by_course(graded: Iterable[GradedSubmission]) -> list[tuple[str, list[GradedSubmission]]]:
    groups: dict[str, list[GradedSubmission]] = {}
    for g in graded:
        groups.setdefault(g.course_id, []).append(g)
    return sorted(groups.items())  # one order for every writer: locks taken in it never deadlock


def _rounds(group: list[GradedSubmission]) -> list[list[GradedSubmission]]:
    """Split a chunk so each learner comes at most once a round: a second submission of theirs in the chunk then
    supersedes the first, as if it had come in the next chunk."""
    rounds: list[list[GradedSubmission]] = []
    seen: dict[str, int] = {}
    for g in group:
        number = seen[g.learner] = seen.get(g.learner, -1) + 1
        if number == len(rounds):
            rounds.append([])
        rounds[number].append(g)
    return rounds


def _lock_course(connection: Connection, course_id: str) -> None:
    # On PostgreSQL two trainers may grade one course at once: each chunk reads the learners' current attempts
    # and supersedes them, so writers of one course take turns (till commit). SQLite's BEGIN IMMEDIATE did this.
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(LOCK_SPACE, func.hashtext(course_id))))


def _history(connection: Connection, course_id: str, learner_ids: list[str]) -> dict[str, list[Row[Any]]]:
    """Every attempt of these learners at this course, current or not."""
    columns = [getattr(attempts.c, name) for name in HISTORY]
    found: dict[str, list[Row[Any]]] = {}
    unique = sorted(set(learner_ids))
    for start in range(0, len(unique), IN_LIMIT):
        query = select(*columns).where(
            attempts.c.course_id == course_id, attempts.c.learner_id.in_(unique[start : start + IN_LIMIT])
        )
        for row in connection.execute(query):
            found.setdefault(row.learner_id, []).append(row)
    return found


HISTORY = (
    "id",
    "learner_id",
    "submission_digest",
    "key_digest",
    "superseded_by",
    "score",
    "passed",
    "submitted_at",
    "received_at",
    "graded_at",
)
ORDER_COLUMNS = (attempts.c.submitted_at, attempts.c.received_at, attempts.c.graded_at)


def stored_order(row: Row[*tuple[Any, ...]]) -> tuple[dt.datetime, dt.datetime]:
    """A recorded attempt's place in a learner's order, as :attr:`GradedSubmission.order` gives a new one's. No
    time of it is taken as later than the server graded it, whatever wrote the row."""
    received = min(row.received_at, row.graded_at)
    return min(row.submitted_at, received), received


def _timely(graded: Sequence[GradedSubmission], stamp: dt.datetime) -> tuple[list[GradedSubmission], list[Rejection]]:
    """The gradings whose times this server's clock allows, brought within it, and refusals of the rest: a grading
    made elsewhere (another process, another machine's clock) is not believed either."""
    taken, refused = [], []
    today = legal_today(stamp)
    for g in graded:
        signed = g.acknowledged_on
        utc = g.submitted_at.tzinfo is UTC and g.received_at.tzinfo is UTC  # a naive time is not compared as is
        if (
            utc
            and EARLIEST_UTC <= g.submitted_at <= g.received_at <= stamp
            and (signed is None or EARLIEST_DAY <= signed <= today)
        ):
            taken.append(g)  # as the grader leaves every grading: nothing to bring within the clock
            continue
        try:
            taken.append(_bounded(g, Window.at(stamp)))
        except Refused as refusal:
            refused.append(Rejection(g.source, refusal.reason))
    return taken, refused


def _bounded(g: GradedSubmission, window: Window) -> GradedSubmission:
    received = window.time(g.received_at, "received")
    submitted = min(window.time(g.submitted_at, "saved"), received)
    signed = None if g.acknowledged_on is None else window.day(g.acknowledged_on, "acknowledgement.signed_on")
    return dataclasses.replace(g, submitted_at=submitted, received_at=received, acknowledged_on=signed)


# One round of a chunk: each learner once


@dataclass(frozen=True)
class Plan:
    """What one graded submission becomes: a new attempt, maybe a regrade, superseding the current attempt if it is
    newer, or already superseded by it if older."""

    graded: GradedSubmission
    regrade_of: int | None
    supersedes: int | None
    superseded_by: int | None = None


def _plan(group: list[GradedSubmission], history: dict[str, list[Row[Any]]]) -> tuple[list[Plan], int]:
    """``history`` is read under the course's write lock (BEGIN IMMEDIATE on SQLite, an advisory lock on
    PostgreSQL): the current attempt compared with is the one committed last, whichever run committed it."""
    plans, unchanged = [], 0
    for g in group:
        past = history.get(g.learner, [])
        if any(h.submission_digest == g.digest and h.key_digest == g.key_digest for h in past):
            unchanged += 1  # graded with these very keys before: nothing to write
            continue
        same_file = [h.id for h in past if h.submission_digest == g.digest]
        regrade_of = max(same_file) if same_file else None
        current = next((h for h in past if h.superseded_by is None), None)
        if current is not None and g.order < stored_order(current):
            plans.append(Plan(g, regrade_of, None, superseded_by=current.id))
        else:
            plans.append(Plan(g, regrade_of, None if current is None else current.id))
    return plans, unchanged


def _record_round(connection: Connection, batch_id: int, course_id: str, group: list[GradedSubmission]) -> Counts:
    plans, unchanged = _plan(group, _history(connection, course_id, [g.learner for g in group]))
    if not plans:
        return Counts(unchanged=unchanged)
    stamp = now()
    ids = _insert_attempts(connection, batch_id, plans, stamp)
    superseded = [{"old": p.supersedes, "new": new} for p, new in zip(plans, ids, strict=True) if p.supersedes]
    if superseded:
        connection.execute(
            update(attempts)
            .where(attempts.c.id == bindparam("old"), attempts.c.superseded_by.is_(None))
            .values(superseded_by=bindparam("new")),
            superseded,
        )
    enqueue(connection, course_id, ids)  # grade passback to a learning platform the course was launched from
    made = [(new, p.graded) for p, new in zip(plans, ids, strict=True)]
    _insert_answers(connection, made)
    insert_missing(connection, acknowledgements, _acknowledgement_rows(made, stamp))
    _insert_training_records(connection, course_id, made)
    regraded = sum(p.regrade_of is not None for p in plans)
    return Counts(graded=len(plans) - regraded, regraded=regraded, unchanged=unchanged)


def _insert_attempts(connection: Connection, batch_id: int, plans: list[Plan], stamp: dt.datetime) -> list[int]:
    rows: list[dict[str, Any]] = [
        {
            "learner_id": p.graded.learner,
            "course_id": p.graded.course_id,
            "course_version": p.graded.course_version,
            "batch_id": batch_id,
            "submission_digest": p.graded.digest,
            "key_digest": p.graded.key_digest,
            "source": p.graded.source,
            "submitted_at": p.graded.submitted_at,
            "received_at": p.graded.received_at,
            "graded_at": stamp,
            "score": p.graded.score,
            "max_score": p.graded.max_score,
            "pending_review": p.graded.pending_review,
            "passed": p.graded.passed,
            "status": "pending_review" if p.graded.pending_review else "graded",
            "superseded_by": p.superseded_by,
            "regrade_of": p.regrade_of,
        }
        for p in plans
    ]
    if connection.dialect.name == "sqlite":
        # One executemany writes the rows as the driver takes them (with RETURNING, SQLAlchemy would send them one
        # statement a row; Core's binding cost three times the rest of the insert). SQLite numbers them; the
        # transaction holds the write lock from its start, so the rows numbered past the highest id before are
        # these, each learner's once in a round.
        before = connection.execute(select(func.coalesce(func.max(attempts.c.id), 0))).scalar_one()
        graded_at = _sqlite_time(stamp)
        given = [
            row
            | {"graded_at": graded_at}
            | {"submitted_at": _sqlite_time(row["submitted_at"]), "received_at": _sqlite_time(row["received_at"])}
            for row in rows
        ]
        connection.exec_driver_sql(SQLITE_INSERT_ATTEMPTS, given)
        numbered = connection.execute(select(attempts.c.learner_id, attempts.c.id).where(attempts.c.id > before))
        ids: dict[str, int] = dict(numbered.tuples().all())
        return [ids[row["learner_id"]] for row in rows]
    query = attempts.insert().returning(attempts.c.id, sort_by_parameter_order=True)
    return list(connection.execute(query, rows).scalars())


ATTEMPT_COLUMNS = tuple(column.name for column in attempts.columns if column.name != "id")  # numbered by SQLite
SQLITE_INSERT_ATTEMPTS = (
    f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({', '.join(f':{c}' for c in ATTEMPT_COLUMNS)})"
)


def _sqlite_time(stamp: dt.datetime) -> str:
    """A time as SQLAlchemy keeps it in SQLite (UtcDateTime): in UTC, without an offset, to the microsecond."""
    return stamp.astimezone(UTC).isoformat(" ", "microseconds")[:26]


def _acknowledgement_rows(made: list[tuple[int, GradedSubmission]], stamp: dt.datetime) -> list[dict[str, Any]]:
    return [
        {
            "learner_id": g.learner,
            "course_id": g.course_id,
            "signed_on": g.acknowledged_on,
            "attempt_id": attempt_id,
            "recorded_at": stamp,
        }
        for attempt_id, g in made
        if g.acknowledged_on is not None
    ]


def _insert_training_records(connection: Connection, course_id: str, made: list[tuple[int, GradedSubmission]]) -> None:
    passed = [(attempt_id, g) for attempt_id, g in made if g.passed]
    if not passed:
        return
    query = select(courses.c.version, courses.c.rhythm).where(courses.c.id == course_id)
    rhythms = {version: rhythm for version, rhythm in connection.execute(query)}
    connection.execute(
        training_records.insert(),
        [
            {
                "attempt_id": attempt_id,
                "learner_id": g.learner,
                "course_id": g.course_id,
                "course_version": g.course_version,
                "rhythm": rhythms.get(g.course_version),
                "completed_on": _legal_day(g.submitted_at),
                "score": g.score,
            }
            for attempt_id, g in passed
        ],
    )


def _legal_day(stamp: dt.datetime) -> dt.date:
    """The day in Kazakhstan of a timestamp (note ``legal-day``); a naive one is taken as UTC, as stored."""
    return legal_today(stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC))


# Answers: the hot path, one row per scenario of a submission


def _insert_answers(connection: Connection, made: list[tuple[int, GradedSubmission]]) -> None:
    """Each scenario's answers go in as one JSON array that msgspec writes in one call, its times in UTC with a Z
    (the view ``answers`` reads them back a row each)."""
    rows = [
        (attempt_id, scenario.scenario_id, scenario.scenario_version, _encode(scenario.answers).decode())
        for attempt_id, g in made
        for scenario in g.scenarios
    ]
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(SQLITE_INSERT_ANSWERS, rows)
    elif connection.dialect.driver == "psycopg":
        _copy_answers(connection, rows)
    else:  # another PostgreSQL driver: the column's JSON type writes the arrays
        given = [
            {"attempt_id": attempt, "scenario_id": scenario, "scenario_version": version, "answers": json.loads(text)}
            for attempt, scenario, version, text in rows
        ]
        connection.execute(scenario_answers.insert(), given)


def _copy_answers(connection: Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY through psycopg: two and a half times as fast as Core's executemany of the rows."""
    driver = connection.connection.dbapi_connection  # psycopg's own, in this transaction
    with driver.cursor() as cursor, cursor.copy(f"COPY scenario_answers ({ANSWER_COLUMNS}) FROM STDIN") as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(row)


ANSWER_COLUMNS = "attempt_id, scenario_id, scenario_version, answers"
SQLITE_INSERT_ANSWERS = f"INSERT INTO scenario_answers ({ANSWER_COLUMNS}) VALUES (?, ?, ?, ?)"
_encode = msgspec.json.Encoder().encode  # an Answered tuple is a JSON array; non-ASCII text is kept as it is


# Reviews


def _rescore(connection: Connection, attempt_id: int) -> dict[str, Any]:
    total, pending = connection.execute(
        select(func.coalesce(func.sum(answers.c.points), 0.0), func.count().filter(answers.c.points.is_(None))).where(
            answers.c.attempt_id == attempt_id
        )
    ).one()
    attempt = connection.execute(select(attempts).where(attempts.c.id == attempt_id)).one()
    course = connection.execute(
        select(courses.c.pass_mark, courses.c.rhythm).where(
            courses.c.id == attempt.course_id, courses.c.version == attempt.course_version
        )
    ).one()
    score = round(float(total), 4)  # as the grader rounds
    passed = pass_rule(score, attempt.max_score, course.pass_mark, pending)
    status = "pending_review" if pending else "graded"
    connection.execute(
        update(attempts)
        .where(attempts.c.id == attempt_id)
        .values(score=score, pending_review=pending, passed=passed, status=status)
    )
    connection.execute(delete(training_records).where(training_records.c.attempt_id == attempt_id))
    if passed:
        row = {"attempt_id": attempt_id, "learner_id": attempt.learner_id, "course_id": attempt.course_id}
        row |= {"course_version": attempt.course_version, "rhythm": course.rhythm, "score": score}
        day = _legal_day(min(attempt.submitted_at, attempt.graded_at))  # never after it was graded
        connection.execute(training_records.insert().values(row | {"completed_on": day}))
    return dict(connection.execute(select(attempts).where(attempts.c.id == attempt_id)).one()._mapping)

"""A submission's times are claims checked against the server's clock: every time it holds, on both sides of the
clock skew allowed and of the earliest time taken, with or without an offset, and damaged ones."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from simkit.certificates import CertificateBook
from simkit.gradebook.book import Counts, Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.results import GradedSubmission
from simkit.gradebook.tables import attempts, rejections, training_records
from simkit.grading.collect import collect
from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import Refused, read
from simkit.grading.run import grade_into
from simkit.grading.synthetic import synthetic_submission
from simkit.law.clock import legal_today
from simkit.submissions import encode_submission
from simkit.submissions.times import EARLIEST, MAX_CLOCK_SKEW
from tests.grading.test_collect import put

# 18:58 UTC is 23:58 in Kazakhstan: a clock four minutes ahead is already on the next legal day.
RECEIVED = dt.datetime(2026, 4, 30, 18, 58, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)
INSIDE, OUTSIDE = RECEIVED + MAX_CLOCK_SKEW - SECOND, RECEIVED + MAX_CLOCK_SKEW + SECOND
FIRST = "first-week"  # onboarding's first case

Place = Callable[[dict[str, Any], str], None]  # puts a time (ISO 8601 text) at one place of a submission


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("onboarding")


@pytest.fixture
def honest(key: CourseKey) -> dict[str, Any]:
    data = json.loads(encode_submission(synthetic_submission(key, "nurlan", seed=1, skill=1.0)))
    data["acknowledgement"] = {"confirmed": True, "signed_on": "2026-04-02", "at": "2026-04-02T10:00:00Z"}
    return data


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def graded(tmp_path: Path, key: CourseKey, data: dict[str, Any], received: dt.datetime = RECEIVED) -> GradedSubmission:
    path = tmp_path / f"{data['learner']}.json"
    path.write_text(json.dumps(data), "utf-8")
    return grade(read(path), key, received)


def refusal(tmp_path: Path, key: CourseKey, data: dict[str, Any], received: dt.datetime = RECEIVED) -> str:
    with pytest.raises(Refused) as refused:
        graded(tmp_path, key, data, received)
    reason = refused.value.reason
    assert "\n" not in reason and "(hint: " in reason
    return reason


def _superseded(data: dict[str, Any], value: str) -> None:
    earlier = copy.deepcopy(data["scenarios"][FIRST])
    earlier["answers"][0]["at"] = value
    data["superseded"] = [earlier]


PLACES: dict[str, tuple[Place, str]] = {
    "saved": (lambda data, value: data.update(updated_at=value), "updated_at"),
    "created": (lambda data, value: data.update(created_at=value), "created_at"),
    "an answer": (lambda data, value: data["scenarios"][FIRST]["answers"][1].update(at=value), "answers.1.at"),
    "a case started": (lambda data, value: data["scenarios"][FIRST].update(started_at=value), "started_at"),
    "a case finished": (lambda data, value: data["scenarios"][FIRST].update(finished_at=value), "finished_at"),
    "acknowledged": (lambda data, value: data["acknowledgement"].update(at=value), "acknowledgement.at"),
    "an answer to an earlier version": (_superseded, "superseded.0.answers.0.at"),
}


@pytest.mark.parametrize("place", PLACES)
def test_a_time_just_inside_the_clock_skew_is_taken_and_one_just_outside_is_refused(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any], place: str
) -> None:
    put, where = PLACES[place]
    put(honest, stamp(INSIDE))
    graded(tmp_path, key, honest)
    put(honest, stamp(OUTSIDE))
    reason = refusal(tmp_path, key, honest)
    assert where in reason and "5 min 1 s ahead of the server's clock" in reason


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("when", ["1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00"])
def test_a_time_before_simkits_courses_is_refused(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any], place: str, when: str
) -> None:
    put, where = PLACES[place]
    put(honest, when)
    reason = refusal(tmp_path, key, honest)
    assert where in reason and "before 2020-08-28" in reason


def test_the_earliest_time_is_taken_and_a_second_before_it_is_refused(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    honest["created_at"] = EARLIEST.isoformat()
    graded(tmp_path, key, honest)
    honest["created_at"] = (EARLIEST - SECOND).isoformat()
    assert "created_at: 2020-08-27T23:59:59+05:00 is before 2020-08-28" in refusal(tmp_path, key, honest)


def test_a_save_just_ahead_is_dated_when_received_so_the_legal_day_never_moves_on(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    honest["updated_at"] = stamp(INSIDE)  # 00:02:59 tomorrow in Kazakhstan by the learner's clock
    honest["scenarios"][FIRST]["answers"][-1]["at"] = stamp(INSIDE)
    result = graded(tmp_path, key, honest)
    assert result.submitted_at == result.received_at == RECEIVED
    assert max(answer.answered_at for answer in result.answers) == RECEIVED
    assert legal_today(result.submitted_at) == legal_today(RECEIVED) < legal_today(INSIDE)


def test_an_ordinary_past_save_is_kept_as_the_submission_says(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    saved = RECEIVED - dt.timedelta(days=7, hours=3)
    honest["updated_at"] = stamp(saved)
    result = graded(tmp_path, key, honest)
    assert (result.submitted_at, result.received_at, result.acknowledged_on) == (saved, RECEIVED, dt.date(2026, 4, 2))
    answered = honest["scenarios"][FIRST]["answers"][0]
    assert result.answers[0].answered_at == dt.datetime.fromisoformat(answered["at"])


# Without an offset a time is in UTC; with one it is the same instant wherever it was written.

SAME_TIMES = [
    ("no offset, inside", "2026-04-30T19:02:59", True),
    ("no offset, outside", "2026-04-30T19:03:01", False),
    ("Kazakhstan, inside", "2026-05-01T00:02:59+05:00", True),
    ("Kazakhstan, outside", "2026-05-01T00:03:01+05:00", False),
    ("the last time there is, west of UTC", "9999-12-31T23:59:59-05:00", False),
    ("an ordinary time in Kazakhstan", "2026-04-30T15:00:00+05:00", True),
]


@pytest.mark.parametrize(("case", "when", "taken"), SAME_TIMES, ids=[case for case, _when, _taken in SAME_TIMES])
def test_times_with_and_without_an_offset_are_compared_as_instants(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any], case: str, when: str, taken: bool
) -> None:
    honest["updated_at"] = when
    if not taken:
        assert "updated_at: " in refusal(tmp_path, key, honest)
        return
    result = graded(tmp_path, key, honest)
    claimed = dt.datetime.fromisoformat(when)
    claimed = claimed.replace(tzinfo=dt.UTC) if claimed.tzinfo is None else claimed
    assert result.submitted_at == min(claimed, RECEIVED) and result.submitted_at.tzinfo is dt.UTC


@pytest.mark.parametrize("when", ["2026-02-30T10:00:00Z", "2026-04-30T25:00:00Z", "soon", "", "2026-04-30"])
def test_a_damaged_time_is_refused_with_its_place(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any], when: str
) -> None:
    honest["scenarios"][FIRST]["answers"][0]["at"] = when
    path = tmp_path / "nurlan.json"
    path.write_text(json.dumps(honest), "utf-8")
    with pytest.raises(Refused) as refused:
        read(path)
    assert refused.value.reason.startswith(f"scenarios.{FIRST}.answers.0.at: ")


# The acknowledgement's day is a legal day: the day in Kazakhstan.


def test_an_acknowledgement_dated_tomorrow_is_today_within_the_skew_and_refused_beyond_it(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    today = legal_today(RECEIVED)
    honest["acknowledgement"]["signed_on"] = (today + dt.timedelta(days=1)).isoformat()
    assert graded(tmp_path, key, honest).acknowledged_on == today  # 23:58 with a clock a few minutes ahead
    noon = dt.datetime.combine(today, dt.time(7), tzinfo=dt.UTC)  # noon in Kazakhstan: tomorrow is hours away
    assert "acknowledgement.signed_on: " in refusal(tmp_path, key, honest, noon)
    honest["acknowledgement"]["signed_on"] = (today + dt.timedelta(days=2)).isoformat()
    assert "is after today in Kazakhstan" in refusal(tmp_path, key, honest)


def test_an_acknowledgement_before_the_code_was_adopted_is_refused(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    honest["acknowledgement"]["signed_on"] = "2020-08-28"
    assert graded(tmp_path, key, honest).acknowledged_on == dt.date(2020, 8, 28)
    honest["acknowledgement"]["signed_on"] = "2020-08-27"
    assert "acknowledgement.signed_on: 2020-08-27 is before 2020-08-28" in refusal(tmp_path, key, honest)


def test_grading_with_the_servers_own_clock_refuses_tomorrow_and_takes_a_minute_ago(
    tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    now = dt.datetime.now(dt.UTC)
    honest["updated_at"] = stamp(now + dt.timedelta(days=1))
    path = tmp_path / "nurlan.json"
    path.write_text(json.dumps(honest), "utf-8")
    with pytest.raises(Refused, match="ahead of the server's clock"):
        grade(read(path), key)
    honest["updated_at"] = stamp(now - dt.timedelta(minutes=1))
    path.write_text(json.dumps(honest), "utf-8")
    result = grade(read(path), key)
    assert result.submitted_at == now - dt.timedelta(minutes=1) < result.received_at


# In the gradebook: what a time from the future could have become


def grade_file(url: str, key: CourseKey, folder: Path, data: dict[str, Any]) -> tuple[Counts, list[dict[str, Any]]]:
    folder.mkdir(exist_ok=True)
    (folder / "nurlan.json").write_text(json.dumps(data), "utf-8")
    engine = connect(url)
    book = Gradebook(engine)
    _report, counts = grade_into(book, key, sorted(folder.glob("*.json")), "grade onboarding")
    for text in book.pending_reviews("onboarding"):  # a free text scored in full: the attempt passes
        book.add_review(text["attempt_id"], text["scenario_id"], text["step_id"], text["max_points"], "trainer")
    with engine.connect() as connection:
        rows = connection.execute(
            select(attempts, training_records.c.completed_on)
            .outerjoin(training_records, training_records.c.attempt_id == attempts.c.id)
            .order_by(attempts.c.id)
        )
        found = [dict(row._mapping) for row in rows]
    engine.dispose()
    return counts, found


def test_a_save_from_the_future_is_never_a_completion_day_and_never_makes_the_next_save_a_replay(
    gradebook_url: str, tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    now = dt.datetime.now(dt.UTC)
    honest["updated_at"] = stamp(now + dt.timedelta(days=1))
    counts, found = grade_file(gradebook_url, key, tmp_path / "subs", honest)
    assert (counts.graded, counts.rejected, found) == (0, 1, [])

    honest["updated_at"] = stamp(now + MAX_CLOCK_SKEW - dt.timedelta(seconds=30))  # a clock a little ahead
    counts, [first] = grade_file(gradebook_url, key, tmp_path / "subs", honest)
    assert counts.graded == 1 and first["passed"]
    assert first["submitted_at"] == first["received_at"] <= first["graded_at"]
    assert first["completed_on"] == legal_today(first["received_at"])
    engine = connect(gradebook_url)
    [certificate] = CertificateBook(engine).issue("onboarding", {}, "nurlan")
    engine.dispose()
    assert certificate.completed_on == legal_today(first["received_at"])

    honest["updated_at"] = stamp(dt.datetime.now(dt.UTC))  # saved again after that grading, by a right clock
    counts, [old, new] = grade_file(gradebook_url, key, tmp_path / "subs", honest)
    assert (counts.graded, counts.rejected) == (1, 0)
    assert old["superseded_by"] == new["id"] and new["superseded_by"] is None


def test_the_gradebook_bounds_gradings_made_elsewhere_by_its_own_clock(gradebook_url: str) -> None:
    from tests.grading.test_gradebook import graded_submission

    now = dt.datetime.now(dt.UTC)
    engine = connect(gradebook_url)
    book = Gradebook(engine)
    batch = book.begin_batch("grade")
    tomorrow = graded_submission("ann", submitted_at=now + dt.timedelta(days=1))
    signed_ahead = graded_submission("bek", acknowledged_on=legal_today(now) + dt.timedelta(days=2))
    before = graded_submission("cem", submitted_at=dt.datetime(1999, 12, 31, tzinfo=dt.UTC))
    assert book.record(batch, [tomorrow, signed_ahead, before]) == Counts(rejected=3)
    naive = graded_submission("dan", submitted_at=(now - dt.timedelta(days=1)).replace(tzinfo=None))
    ahead = graded_submission("eve", submitted_at=now + dt.timedelta(minutes=2))
    assert book.record(batch, [naive, ahead]) == Counts(graded=2)
    with engine.connect() as connection:
        reasons = connection.execute(select(rejections.c.reason).order_by(rejections.c.id)).scalars().all()
        rows = {row.learner_id: row for row in connection.execute(select(attempts))}
        days = dict(connection.execute(select(training_records.c.learner_id, training_records.c.completed_on)).all())
    engine.dispose()
    assert [reason.split(":")[0] for reason in reasons] == ["saved", "acknowledgement.signed_on", "saved"]
    assert rows["dan"].submitted_at == now - dt.timedelta(days=1)  # taken as UTC
    assert rows["eve"].submitted_at == rows["eve"].received_at <= rows["eve"].graded_at
    assert days["eve"] == legal_today(rows["eve"].received_at)


# Collecting copies, and the grading service's start times


def test_a_copy_claiming_a_later_save_than_could_be_never_wins_over_a_real_one(tmp_path: Path) -> None:
    real = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    for folder, when in (
        ("a", real + dt.timedelta(days=3)),
        ("b", real),
        ("c", dt.datetime(1999, 1, 1, tzinfo=dt.UTC)),
    ):
        put(tmp_path / folder / "ann" / "submissions" / "onboarding" / "ann.json", "ann", stamp(when))
    collected = collect([tmp_path / "a", tmp_path / "b", tmp_path / "c"], tmp_path / "out")
    assert collected.copied[("onboarding", "ann")] == tmp_path / "b" / "ann" / "submissions" / "onboarding" / "ann.json"


@pytest.mark.parametrize("sent", ["1999-12-31T10:00:00Z", "2999-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00"])
def test_the_service_takes_a_pages_start_time_only_if_it_could_be_true(sent: str) -> None:
    from simkit.service.api import _started_at

    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert before <= _started_at(sent) <= dt.datetime.now(dt.UTC)  # the service's own time instead
    hour_ago = before - dt.timedelta(hours=1)
    assert _started_at(hour_ago.isoformat()) == hour_ago


def test_a_save_time_after_its_grading_written_into_the_gradebook_by_hand_never_blocks_the_next_save(
    gradebook_url: str, tmp_path: Path, key: CourseKey, honest: dict[str, Any]
) -> None:
    honest["updated_at"] = stamp(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    grade_file(gradebook_url, key, tmp_path / "subs", honest)
    engine = connect(gradebook_url)
    with engine.begin() as connection:  # as a hand-made fix, a restore or another tool might leave it
        connection.execute(update(attempts).values(submitted_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)))
    engine.dispose()
    honest["updated_at"] = stamp(dt.datetime.now(dt.UTC))
    counts, [old, new] = grade_file(gradebook_url, key, tmp_path / "subs", honest)
    assert (counts.graded, counts.rejected) == (1, 0) and old["superseded_by"] == new["id"]


def test_the_times_an_attempt_is_written_with_are_found_again_by_sql(gradebook_url: str) -> None:
    from tests.grading.test_gradebook import graded_submission

    saved = RECEIVED - dt.timedelta(days=1)

    engine = connect(gradebook_url)
    book = Gradebook(engine)
    whole_second = replace(graded_submission("ann", submitted_at=saved), received_at=RECEIVED)  # no microseconds
    book.record(book.begin_batch("grade"), [whole_second])
    with engine.connect() as connection:
        found = select(attempts.c.id).where(attempts.c.submitted_at == saved, attempts.c.received_at == RECEIVED)
        assert connection.execute(found).scalar_one() == 1
        later = select(attempts.c.id).where(attempts.c.submitted_at < attempts.c.received_at)
        assert connection.execute(later).scalar_one() == 1
    engine.dispose()

"""The player reads its own file back as untrusted input: whatever is at the path is one line on the page, the
file is kept as it is, and an answer given meanwhile is not saved over it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from simkit.player.enrolment import Enrolment
from simkit.player.store import FileStore, SaveFailed
from simkit.submissions import Answer, ScenarioAnswers, Submission, read_submission, write_submission
from simkit.submissions.limits import MAX_ANSWER_CHARS, MAX_SUBMISSION_BYTES
from tests.player.test_session import CASE, right_answer

Enrol = Callable[..., Enrolment]
Damage = Callable[[Path], None]


def replace_with(make: Callable[[Path], None]) -> Damage:
    def damage(path: Path) -> None:
        path.unlink()
        make(path)

    return damage


DAMAGE: list[tuple[str, Damage, str]] = [
    ("nested deep", lambda path: path.write_bytes(b"[" * 50_000), "nested deeper than 32 levels"),
    ("megabytes", lambda path: path.write_bytes(path.read_bytes() + b" " * MAX_SUBMISSION_BYTES), "byte limit"),
    ("not UTF-8", lambda path: path.write_bytes(path.read_bytes().replace(b"alice", b"alic\xe9")), "not UTF-8"),
    ("a byte-order mark", lambda path: path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes()), "byte-order mark"),
    ("empty", lambda path: path.write_bytes(b""), "empty: no JSON in it"),
    ("a key twice", lambda path: path.write_bytes(path.read_bytes().replace(b"{", b'{"mode": 1,', 1)), "twice"),
    ("a folder", replace_with(lambda path: path.mkdir()), "a folder, not a submission file"),
    ("a pipe", replace_with(lambda path: os.mkfifo(path)), "a pipe, device or socket"),
    ("a link", replace_with(lambda path: path.symlink_to(path.with_name("elsewhere.json"))), "links are not followed"),
]


@pytest.mark.parametrize(("case", "damage", "reason"), DAMAGE, ids=[case for case, _damage, _reason in DAMAGE])
def test_whatever_is_at_the_path_is_one_line_and_nothing_is_written_over_it(
    enrol: Enrol, case: str, damage: Damage, reason: str
) -> None:
    enrolment = enrol()
    session = enrolment.open(CASE)
    session.answer("recuse", "declare")
    path = enrolment.path
    path.with_name("elsewhere.json").write_bytes(path.read_bytes())
    damage(path)
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    with pytest.raises(ValueError) as opened:
        enrol()
    assert str(opened.value).startswith(f"{path}: ") and reason in str(opened.value)
    assert "\n" not in str(opened.value) and "kept as it is" in str(opened.value)
    waiting = session.walked.current
    assert waiting is not None
    with pytest.raises(SaveFailed, match=reason):  # a window opened before the damage: its answer is not saved
        session.answer(waiting.id, right_answer(session, waiting.id))
    if before is not None:
        assert path.read_bytes() == before


def test_the_file_the_player_wrote_opens_again_with_a_long_answer_whole(tmp_path: Path) -> None:
    path = tmp_path / "onboarding" / "alice.json"
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    record = ScenarioAnswers(id=CASE, version=1, started_at=at)
    record.answers.append(Answer(step="reply", value="Сообщу письменно. " * (MAX_ANSWER_CHARS // 18), at=at))
    store = FileStore("onboarding", "alice", tmp_path)
    write_submission(path, _submission(record))
    assert store.load() == _submission(record) == read_submission(path)


def test_answers_that_would_make_the_file_too_big_to_read_are_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "onboarding" / "alice.json"
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    record = ScenarioAnswers(id=CASE, version=1, started_at=at)
    write_submission(path, _submission(record))
    saved = path.read_bytes()
    record.answers += [Answer(step=f"s{n}", value="я" * MAX_ANSWER_CHARS, at=at) for n in range(120)]
    with pytest.raises(ValueError, match=r"alice\.json: not saved: the answers would take [\d,]+ bytes, over the"):
        write_submission(path, _submission(record))
    assert path.read_bytes() == saved


def _submission(record: ScenarioAnswers) -> Submission:
    at = record.started_at
    return Submission(
        learner="alice",
        course="onboarding",
        course_version=1,
        mode="practice",
        created_at=at,
        updated_at=at,
        scenarios={record.id: record},
    )

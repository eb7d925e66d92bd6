"""One bad file never stops a batch: whatever a file holds, or whatever it is in place of a file, it is refused
with one line naming it and why, every other submission is graded, and `simkit grade` exits with status 3."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from simkit.cli.grading import SOME_REFUSED
from simkit.cli.main import app
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.tables import rejections
from simkit.grading import batch
from simkit.grading.batch import score_files, submission_files
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.run import grade_into
from simkit.grading.synthetic import synthetic_submission
from simkit.submissions import encode_submission
from simkit.submissions.limits import MAX_ANSWER_CHARS, MAX_SUBMISSION_BYTES, REASON_CHARS

COURSE = "advanced-training"
GOOD = ("ann", "bek", "dana")
Make = Callable[[Path, bytes], None]  # puts the bad thing at the path, given an honest submission's bytes


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key(COURSE)


def honest(key: CourseKey, learner: str) -> bytes:
    return encode_submission(synthetic_submission(key, learner, seed=3))


def folder_with(key: CourseKey, root: Path, make: Make) -> tuple[Path, Path]:
    """A folder of three honest submissions and ``eve.json``, made bad by ``make``."""
    folder = root / COURSE
    folder.mkdir(parents=True)
    for learner in GOOD:
        (folder / f"{learner}.json").write_bytes(honest(key, learner))
    bad = folder / "eve.json"
    make(bad, honest(key, "eve"))
    return folder, bad


def with_edit(old: bytes, new: bytes) -> Make:
    return lambda path, raw: path.write_bytes(raw.replace(old, new, 1))


def free_texts(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The free-text answers of a submission: the only values with a space (ids, dates, citations have none)."""
    answers = [answer for record in data["scenarios"].values() for answer in record["answers"]]
    return [answer for answer in answers if isinstance(answer["value"], str) and " " in answer["value"]]


def a_free_text(length: int) -> Make:
    def make(path: Path, raw: bytes) -> None:
        data = json.loads(raw)
        free_texts(data)[0]["value"] = ("Я бы сообщил руководителю письменно. " * (length // 37 + 1))[:length]
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    return make


def with_data(change: Callable[[dict[str, Any]], object]) -> Make:
    def make(path: Path, raw: bytes) -> None:
        data = json.loads(raw)
        change(data)
        path.write_text(json.dumps(data), "utf-8")

    return make


def first_answer(data: dict[str, Any]) -> dict[str, Any]:
    return next(iter(data["scenarios"].values()))["answers"][0]  # type: ignore[no-any-return]


def refusing(locked: Path, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real`` (os.open, os.scandir), but refused for ``locked`` as for one of mode 000 (root may read any)."""

    def call(path: str | Path = ".", *rest: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *rest)

    return call


def a_link(path: Path, raw: bytes) -> None:
    (path.parent.parent / "elsewhere.json").write_bytes(raw)
    path.symlink_to(path.parent.parent / "elsewhere.json")


BAD: list[tuple[str, Make, str]] = [
    ("not UTF-8", with_edit(b'"learner":"eve"', b'"learner":"ev\xe9"'), "not UTF-8 text: byte 0xE9 at line 1"),
    ("nested tens of thousands deep", lambda path, _raw: path.write_bytes(b"[" * 50_000), "nested deeper than 32"),
    ("megabytes long", lambda path, raw: path.write_bytes(raw + b" " * MAX_SUBMISSION_BYTES), "over the 1,048,576"),
    ("a megabyte answer", a_free_text(MAX_SUBMISSION_BYTES // 2 - 50_000), "value: expected `str` of length <= 5000"),
    ("damaged JSON", lambda path, raw: path.write_bytes(raw[:-40]), "damaged JSON at line 1, column"),
    ("JSON of the wrong shape", lambda path, _raw: path.write_bytes(b'{"learner": ["eve"]}'), "learner: expected"),
    ("NaN", with_edit(b'"course_version":1', b'"course_version":NaN'), "NaN at line 1"),
    ("Infinity", with_edit(b'"course_version":1', b'"course_version":Infinity'), "Infinity at line 1"),
    ("a huge number", with_edit(b'"course_version":1', b'"course_version":1' + b"0" * 5000), "5,001 digits"),
    ("a key twice", with_edit(b'"mode":"exam"', b'"mode":"practice","mode":"exam"'), "the key 'mode' twice"),
    ("a byte-order mark", lambda path, raw: path.write_bytes(b"\xef\xbb\xbf" + raw), "starts with a byte-order mark"),
    ("an empty file", lambda path, _raw: path.write_bytes(b""), "empty: no JSON in it"),
    (
        "a time before the calendar starts",
        with_data(lambda data: data.update(updated_at="0001-01-01T00:00:00+14:00")),
        "updated_at: 0001-01-01T00:00:00+14:00 is before 2020-08-28",
    ),
    (
        "an answer after the calendar ends",
        with_data(lambda data: first_answer(data).update(at="9999-12-31T23:59:59-14:00")),
        "9999-12-31T23:59:59-14:00 is ",  # … ahead of the server's clock
    ),
    ("a folder", lambda path, _raw: path.mkdir(), "a folder, not a submission file"),
    ("a symbolic link", a_link, "a symbolic link, not a file: links are not followed"),
    ("a named pipe", lambda path, _raw: os.mkfifo(path), "a pipe, device or socket, not a submission file"),
]


@pytest.mark.parametrize(("case", "make", "reason"), BAD, ids=[case for case, _make, _reason in BAD])
def test_one_bad_file_is_refused_and_every_other_submission_graded(
    key: CourseKey, tmp_path: Path, case: str, make: Make, reason: str
) -> None:
    folder, bad = folder_with(key, tmp_path, make)
    report = score_files(key, submission_files(COURSE, [folder]))
    assert sorted(graded.learner for graded in report.graded) == list(GOOD)
    [rejection] = report.rejected
    assert rejection.source == str(bad) and reason in rejection.reason, rejection.reason
    assert "\n" not in rejection.reason and len(rejection.reason) <= REASON_CHARS + 30


def test_a_file_that_cannot_be_read_is_refused(key: CourseKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, bad = folder_with(key, tmp_path, lambda path, raw: path.write_bytes(raw))
    monkeypatch.setattr(os, "open", refusing(bad, os.open))
    report = score_files(key, submission_files(COURSE, [folder]))
    assert len(report.graded) == 3 and report.rejected[0].source == str(bad)
    assert report.rejected[0].reason.startswith("cannot be read: permission denied (hint:")


def test_a_file_that_vanishes_after_the_listing_is_refused(key: CourseKey, tmp_path: Path) -> None:
    folder, bad = folder_with(key, tmp_path, lambda path, raw: path.write_bytes(raw))
    paths = submission_files(COURSE, [folder])
    bad.unlink()
    report = score_files(key, paths)
    assert len(report.graded) == 3 and report.rejected[0].source == str(bad)
    assert report.rejected[0].reason.startswith("not there any more (hint: it was moved or deleted")


def test_a_folder_that_cannot_be_listed_is_refused_not_skipped(
    key: CourseKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _bad = folder_with(key, tmp_path, lambda path, raw: path.write_bytes(raw))
    locked = folder / "late"
    (locked / COURSE).mkdir(parents=True)
    monkeypatch.setattr(os, "scandir", refusing(locked, os.scandir))
    monkeypatch.setattr(os, "open", refusing(locked, os.open))
    paths = submission_files(COURSE, [folder])
    assert locked in paths
    report = score_files(key, paths)
    assert len(report.graded) == 4 and [r.source for r in report.rejected] == [str(locked)]
    assert "permission denied" in report.rejected[0].reason


def test_a_fault_in_simkit_on_one_file_costs_only_that_file(
    key: CourseKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, bad = folder_with(key, tmp_path, lambda path, raw: path.write_bytes(raw))
    graded = batch.grade

    def failing(received: object, course: CourseKey) -> object:
        if received.source == bad:  # type: ignore[attr-defined]
            raise TypeError("an unforeseen value")
        return graded(received, course)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "grade", failing)
    report = score_files(key, submission_files(COURSE, [folder]))
    assert len(report.graded) == 3
    assert report.rejected[0].reason.startswith("simkit failed on this file (TypeError: an unforeseen value)")


def test_a_source_that_is_not_there_is_refused_beside_the_others(key: CourseKey, tmp_path: Path) -> None:
    folder, _bad = folder_with(key, tmp_path, lambda path, raw: path.write_bytes(raw))
    paths = submission_files(COURSE, [*folder.glob("*.json"), tmp_path / "typo.json"])
    report = score_files(key, paths)
    assert len(report.graded) == 4 and report.rejected[0].source == str(tmp_path / "typo.json")
    with pytest.raises(ValueError, match=r"typo\.json: no such file or folder"):
        submission_files(COURSE, [tmp_path / "typo.json"])  # nothing at all: a mistyped command, not a batch


def test_refused_files_are_kept_in_the_gradebook_with_their_reasons(key: CourseKey, tmp_path: Path) -> None:
    folder, bad = folder_with(key, tmp_path, a_free_text(MAX_SUBMISSION_BYTES // 2 - 50_000))
    engine = connect(f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    _report, counts = grade_into(Gradebook(engine), key, submission_files(COURSE, [folder]), "grade")
    assert (counts.graded, counts.rejected) == (3, 1)
    with engine.connect() as connection:
        [(source, reason)] = connection.execute(select(rejections.c.source, rejections.c.reason)).all()
    assert source == str(bad) and len(reason) < 300 and "Я бы сообщил" not in reason
    engine.dispose()


def test_a_long_but_legitimate_answer_is_graded_and_stored_whole(key: CourseKey, tmp_path: Path) -> None:
    folder, _bad = folder_with(key, tmp_path, a_free_text(MAX_ANSWER_CHARS - 40))
    engine = connect(f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    book = Gradebook(engine)
    _report, counts = grade_into(book, key, submission_files(COURSE, [folder]), "grade")
    assert (counts.graded, counts.rejected) == (4, 0)
    long_text = free_texts(json.loads((folder / "eve.json").read_text("utf-8")))[0]["value"]
    assert len(long_text) == MAX_ANSWER_CHARS - 40
    [eve] = [row for row in book.current_attempts(COURSE) if row["learner_id"] == "eve"]
    assert long_text in [answer["value"] for answer in book.attempt_answers(eve["id"])]
    assert long_text in [row["value"] for row in book.pending_reviews(COURSE)]  # a trainer reads it whole
    engine.dispose()


# The command line


def grade(tmp_path: Path, *sources: Path) -> tuple[int, str]:
    database = f"sqlite:///{tmp_path / 'gradebook.sqlite'}"
    result = CliRunner().invoke(app, ["grade", COURSE, *map(str, sources), "--db", database])
    return result.exit_code, result.output


def test_simkit_grade_names_each_refused_file_on_one_line_and_exits_3(key: CourseKey, tmp_path: Path) -> None:
    folder, bad = folder_with(key, tmp_path / "subs", lambda path, _raw: path.write_bytes(b"[" * 50_000))
    (folder / "zed.json").write_bytes(b"\xff\xfe not a submission")
    status, output = grade(tmp_path, folder)
    assert status == SOME_REFUSED == 3
    refused = [line for line in output.splitlines() if line.startswith("refused ")]
    assert refused[0].startswith(f"refused {bad}: nested deeper than 32 levels at line 1, column 33 (hint:")
    assert refused[1].startswith(f"refused {folder / 'zed.json'}: not UTF-8 text: byte 0xFF at line 1, column 1")
    assert "3 graded, 0 regraded, 0 unchanged, 2 refused" in output and "Traceback" not in output
    assert "2 file(s) refused, listed above; every other submission is graded" in output


def test_simkit_grade_of_a_sound_batch_exits_0(key: CourseKey, tmp_path: Path) -> None:
    folder, _bad = folder_with(key, tmp_path / "subs", lambda path, raw: path.write_bytes(raw))
    status, output = grade(tmp_path, folder)
    assert status == 0 and "4 graded, 0 regraded, 0 unchanged, 0 refused" in output and "refused /" not in output
    again, output = grade(tmp_path, folder)
    assert again == 0 and "0 graded, 0 regraded, 4 unchanged, 0 refused" in output


def test_simkit_feedback_writes_the_others_reports_and_exits_3(key: CourseKey, tmp_path: Path) -> None:
    folder, bad = folder_with(key, tmp_path / "subs", lambda path, _raw: path.write_bytes(b""))
    result = CliRunner().invoke(app, ["feedback", COURSE, str(folder), "--lang", "en", "--to", str(tmp_path / "fb")])
    assert result.exit_code == SOME_REFUSED and f"refused {bad}: empty: no JSON in it" in result.output
    assert sorted(path.name for path in (tmp_path / "fb" / COURSE).iterdir()) == [f"{n}.en.html" for n in GOOD]

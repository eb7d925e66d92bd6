"""Submitting: the learner's saved submission graded as ``simkit grade`` grades a file (the same grader, keys
rebuilt from the keyed library, the same tables), recorded as an attempt trainers and HR see at once, and the
certificate issued when it passed. Submitting again without a change changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from simkit.certificates import CertificateBook
from simkit.gradebook import Gradebook
from simkit.gradebook.live import Storage
from simkit.grading.grader import grade
from simkit.grading.intake import Refused, parse
from simkit.service.courses import Courses
from simkit.service.identity import Refusal
from simkit.submissions import encode_submission

COMMAND = "simkit-grading submit"  # the batch's command, as `simkit grade` records its own


def canonical(submission_json: bytes) -> tuple[bytes, str]:
    return submission_json, hashlib.sha256(submission_json).hexdigest()


def source_of(course_id: str, learner: str) -> Path:
    # Where a batch would name the file: the learner's own name, so the grader's identity check holds as for files.
    return Path(f"simkit-grading:{course_id}") / f"{learner}.json"


def submit(storage: Storage, courses: Courses, learner: str, course_id: str, prefix: str) -> dict[str, Any]:
    key = courses.key(course_id)
    submission = storage.submission(learner, course_id)
    if submission is None:
        raise Refusal(409, f"nothing to submit in {course_id!r} yet (hint: answer the course's questions first)")
    raw, digest = canonical(encode_submission(submission))
    current = storage.current_attempt(learner, course_id)
    if current is None or (current["submission_digest"], current["key_digest"]) != (digest, key.digest):
        try:
            graded = grade(parse(source_of(course_id, learner), raw, digest), key)
        except Refused as refused:
            raise Refusal(409, f"the submission cannot be graded: {refused}") from None
        book = Gradebook(storage.engine)
        batch = book.begin_batch(COMMAND, key.course)
        book.finish_batch(batch, book.record(batch, [graded]))
        current = storage.current_attempt(learner, course_id)
        assert current is not None
    if current["passed"] and current["certificate_code"] is None:
        titles = {key.course.version: (key.course.title.get("ru"), key.course.title.get("en"))}
        CertificateBook(storage.engine).issue(course_id, titles, learner)
        current = storage.current_attempt(learner, course_id)
        assert current is not None
    return result_json(current, prefix)


def result_json(attempt: dict[str, Any] | None, prefix: str) -> dict[str, Any]:
    if attempt is None:
        return {"score": None, "max_score": None, "passed": None, "pending_review": 0, "certificate": None}
    code = attempt["certificate_code"]
    return {
        "score": attempt["score"],
        "max_score": attempt["max_score"],
        "passed": attempt["passed"],
        "pending_review": attempt["pending_review"],
        "graded_at": attempt["graded_at"].isoformat(),
        "certificate": None if code is None else {"code": code, "url": f"{prefix}certificates/{code}"},
    }

"""Submissions as untrusted input: each file is read with a size limit, parsed, checked against its name and
the course, and refused with one line saying why. Nothing in a submission is believed but its answers, and no
refusal quotes more of what it holds than a short excerpt."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from simkit.scenarios import model
from simkit.submissions import Refused, Submission, decode_submission, quoted, read_submission_bytes
from simkit.submissions.ids import require_learner_id
from simkit.submissions.limits import MAX_SUBMISSION_BYTES

__all__ = ["MAX_BYTES", "Received", "Refused", "check_identity", "load", "parse", "read"]

MAX_BYTES = MAX_SUBMISSION_BYTES


@dataclass(frozen=True)
class Received:
    source: Path
    digest: str
    submission: Submission


def load(path: Path) -> tuple[bytes, str]:
    """A file's bytes and their sha256, refusing what is too big, unreadable, a link or not a file."""
    raw = read_submission_bytes(path)
    return raw, hashlib.sha256(raw).hexdigest()


def parse(path: Path, raw: bytes, digest: str) -> Received:
    """Decode a submission's bytes through the one submission schema, refusing what is not that format."""
    return Received(path, digest, decode_submission(raw, path))


def read(path: Path) -> Received:
    """Read one submission file, refusing what is too big, not JSON, or not the submission format."""
    raw, digest = load(path)
    return parse(path, raw, digest)


def check_identity(received: Received, course: model.Course) -> None:
    """The learner named inside must be the one the file's name says, in this course and its mode."""
    submission, stem = received.submission, received.source.stem
    for place, learner in (("learner", submission.learner), ("file name", stem)):
        try:
            require_learner_id(learner)  # in its one form: the id seeds the variants, so no folding here
        except ValueError as error:
            raise Refused(f"{place}: {error}") from None
    if submission.learner != stem:
        raise Refused(f"names learner {quoted(submission.learner)} but the file is {stem!r}'s (hint: a copied file?)")
    if submission.course != course.id:
        raise Refused(f"is for course {quoted(submission.course)}, not {course.id!r}")
    if submission.course_version != course.version:
        raise Refused(f"is for version {submission.course_version} of {course.id!r}; the course is at {course.version}")
    if submission.mode != course.mode:
        raise Refused(f"claims mode {submission.mode!r}; {course.id!r} is a {course.mode} course")

"""Submissions as untrusted input: each file is read with a size limit, parsed, checked against its name and
the course, and refused with one line saying why. Nothing in a submission is believed but its answers."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from simkit.scenarios import model
from simkit.submissions import Refused, Submission, decode_submission
from simkit.submissions.ids import require_learner_id

__all__ = ["MAX_BYTES", "Received", "Refused", "check_identity", "load", "parse", "read"]

MAX_BYTES = 1 << 20  # a whole course's answers take a few kilobytes; anything near this is not a submission


@dataclass(frozen=True)
class Received:
    source: Path
    digest: str
    submission: Submission


def load(path: Path) -> tuple[bytes, str]:
    """A file's bytes and their sha256, refusing what is too big or unreadable."""
    try:
        with open(path, "rb") as file:  # one open: the size is the opened file's, not a second look at the path
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise Refused(f"{size:,} bytes, over the {MAX_BYTES:,}-byte limit for a submission")
            raw = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise Refused(f"cannot be read: {error.strerror}") from None
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise Refused(f"over the {MAX_BYTES:,}-byte limit for a submission")
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
        raise Refused(f"names learner {submission.learner!r} but the file is {stem!r}'s (hint: a copied file?)")
    if submission.course != course.id:
        raise Refused(f"is for course {submission.course!r}, not {course.id!r}")
    if submission.course_version != course.version:
        raise Refused(f"is for version {submission.course_version} of {course.id!r}; the course is at {course.version}")
    if submission.mode != course.mode:
        raise Refused(f"claims mode {submission.mode!r}; {course.id!r} is a {course.mode} course")

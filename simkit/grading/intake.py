"""Submissions as untrusted input: each file is read with a size limit, parsed, checked against its name and
the course, and refused with one line saying why. Nothing in a submission is believed but its answers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from simkit.player.submission import Submission
from simkit.scenarios import model

MAX_BYTES = 1 << 20  # a whole course's answers take a few kilobytes; anything near this is not a submission


class Refused(ValueError):
    """A submission that cannot be graded; the message is the batch report's line."""


@dataclass(frozen=True)
class Received:
    source: Path
    digest: str
    submission: Submission


def read(path: Path) -> Received:
    """Read one submission file, refusing what is too big, not JSON, or not the submission format."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Refused(f"{size:,} bytes, over the {MAX_BYTES:,}-byte limit for a submission")
        raw = path.read_bytes()
    except OSError as error:
        raise Refused(f"cannot be read: {error.strerror}") from None
    try:
        submission = Submission.model_validate_json(raw)  # parses and checks in one pass, in compiled code
    except ValidationError as error:
        raise Refused(_reason(raw, error)) from None
    return Received(path, hashlib.sha256(raw).hexdigest(), submission)


def _reason(raw: bytes, error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    if first["type"] == "json_invalid":
        try:
            json.loads(raw)
        except UnicodeDecodeError:
            return "not UTF-8 text"
        except json.JSONDecodeError as decode:
            return f"damaged JSON at line {decode.lineno}, column {decode.colno}: {decode.msg}"
    where = ".".join(str(part) for part in first["loc"]) or "the top level"
    if first["type"] == "extra_forbidden":
        return f"unknown field {where!r}: a submission carries answers only (a claimed score, seed or key is refused)"
    return f"{where}: {first['msg']}"


def check_identity(received: Received, course: model.Course) -> None:
    """The learner named inside must be the one the file's name says, in this course and its mode."""
    submission, stem = received.submission, received.source.stem
    if submission.learner != stem:
        raise Refused(f"names learner {submission.learner!r} but the file is {stem!r}'s (hint: a copied file?)")
    if submission.course != course.id:
        raise Refused(f"is for course {submission.course!r}, not {course.id!r}")
    if submission.course_version != course.version:
        raise Refused(f"is for version {submission.course_version} of {course.id!r}; the course is at {course.version}")
    if submission.mode != course.mode:
        raise Refused(f"claims mode {submission.mode!r}; {course.id!r} is a {course.mode} course")

"""Submissions as untrusted input: each file is read with a size limit, parsed, checked against its name and
the course, and refused with one line saying why. Nothing in a submission is believed but its answers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec
from pydantic import ValidationError

from simkit.player.submission import Submission
from simkit.scenarios import model

MAX_BYTES = 1 << 20  # a whole course's answers take a few kilobytes; anything near this is not a submission


class Refused(ValueError):
    """A submission that cannot be graded; the message is the batch report's line."""


# The submission format as simkit.player.submission defines it, read by msgspec: a fifth of pydantic's time for a
# whole course's answers. As strict as the player's models or stricter (tests/grading/test_intake.py checks the two
# agree); whatever it refuses goes to the player's own models, which accept it or say why not.


class _Record(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    pass


class WireAnswer(_Record):
    step: str
    value: str | float | list[str] | None
    at: dt.datetime


class WireScenario(_Record):
    id: str
    version: int
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    answers: list[WireAnswer] = []


class WireAcknowledgement(_Record):
    confirmed: bool  # Literal[True] in the player's model: checked below, as msgspec has no boolean literals
    signed_on: dt.date
    at: dt.datetime


class WireSubmission(_Record):
    learner: str
    course: str
    course_version: int
    mode: Literal["practice", "exam"]
    created_at: dt.datetime
    updated_at: dt.datetime
    format: Literal[1] = 1
    scenarios: dict[str, WireScenario] = {}
    acknowledgement: WireAcknowledgement | None = None
    superseded: list[WireScenario] = []


_decode = msgspec.json.Decoder(WireSubmission).decode


@dataclass(frozen=True)
class Received:
    source: Path
    digest: str
    submission: WireSubmission


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
    """Parse a submission's bytes, refusing what is not JSON or not the submission format."""
    try:
        submission = _decode(raw)
        if submission.acknowledgement is None or submission.acknowledgement.confirmed is True:
            return Received(path, digest, submission)
    except (msgspec.ValidationError, msgspec.DecodeError):
        pass
    return Received(path, digest, _read_by_the_players_model(raw))


def read(path: Path) -> Received:
    """Read one submission file, refusing what is too big, not JSON, or not the submission format."""
    raw, digest = load(path)
    return parse(path, raw, digest)


def _read_by_the_players_model(raw: bytes) -> WireSubmission:
    # The player's models also take what msgspec's stricter reading refuses, such as "1" for a version.
    try:
        submission = Submission.model_validate_json(raw)
    except ValidationError as error:
        raise Refused(_reason(raw, error)) from None
    return msgspec.convert(submission.model_dump(), WireSubmission, strict=False)


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

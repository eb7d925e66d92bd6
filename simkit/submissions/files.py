"""Submission files: where the player keeps each learner's, and reading and writing them.

Every answer is written at once through an atomic rename, so a dead kernel or a reloaded page loses nothing; a
damaged file is never overwritten, it is reported with its place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from simkit.files import atomic_write_bytes
from simkit.settings import submissions_root
from simkit.submissions.codec import Refused, decode_submission, encode_submission
from simkit.submissions.ids import normalise_learner_id
from simkit.submissions.schema import Submission
from simkit.submissions.times import plausible, server_now

KEPT = "(hint: the file is kept as it is; move it aside to start the course afresh)"
NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def submission_path(course_id: str, learner: str, root: Path | None = None) -> Path:
    return (root or submissions_root()) / course_id / f"{normalise_learner_id(learner)}.json"


def read_submission(path: Path) -> Submission:
    """Read a submission; raise ValueError naming the file and the place of the damage."""
    try:
        return decode_submission(path.read_bytes(), path)
    except Refused as refused:
        raise ValueError(f"{path}: {refused.reason} {KEPT}") from None


def write_submission(path: Path, submission: Submission) -> None:
    atomic_write_bytes(path, msgspec.json.format(encode_submission(submission), indent=1) + b"\n")


class _Saved(msgspec.Struct):
    updated_at: dt.datetime  # the submission's other fields are not read: they may be anything here


def saved_at(path: Path) -> dt.datetime:
    """When a submission file says it was last saved (in UTC); the earliest time if it cannot tell, or if the time
    could not be true (ahead of this machine's clock, or before simkit's courses), so such a copy never wins."""
    try:
        stamp = msgspec.json.decode(path.read_bytes(), type=_Saved).updated_at
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return NEVER
    if not plausible(stamp, server_now()):
        return NEVER
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)

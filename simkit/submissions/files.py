"""Submission files: where the player keeps each learner's, and reading and writing them.

Every answer is written at once through an atomic rename, so a dead kernel or a reloaded page loses nothing; a
damaged file is never overwritten, it is reported with its place. Every reader of a submission file (the player,
``simkit collect``, ``simkit grade``) reads it through :func:`read_submission_bytes`: one open that follows no
link and waits for no pipe, a regular file only, at most the size limit.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from pathlib import Path

import msgspec

from simkit.files import atomic_write_bytes
from simkit.settings import submissions_root
from simkit.submissions.codec import Refused, decode_submission, encode_submission
from simkit.submissions.ids import normalise_learner_id
from simkit.submissions.limits import MAX_SUBMISSION_BYTES
from simkit.submissions.schema import Submission
from simkit.submissions.times import plausible, server_now

KEPT = "(hint: the file is kept as it is; move it aside to start the course afresh)"
NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)
OVER = f"over the {MAX_SUBMISSION_BYTES:,}-byte limit for a submission"
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_WHY = {
    errno.ENOENT: "not there any more (hint: it was moved or deleted after the batch listed it)",
    errno.EACCES: "cannot be read: permission denied (hint: run as a user who may read it, or copy it)",
    errno.EPERM: "cannot be read: permission denied (hint: run as a user who may read it, or copy it)",
    errno.ELOOP: "a symbolic link, not a file: links are not followed (hint: copy the file itself)",
}


def submission_path(course_id: str, learner: str, root: Path | None = None) -> Path:
    return (root or submissions_root()) / course_id / f"{normalise_learner_id(learner)}.json"


def read_submission_bytes(path: Path) -> bytes:
    """The bytes of a submission file, or :class:`Refused` (naming ``path``) with why it cannot be read."""
    if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():  # pragma: no cover - Windows: no O_NOFOLLOW
        raise Refused(_WHY[errno.ELOOP], path)
    try:
        descriptor = os.open(path, _OPEN)
    except OSError as error:
        raise Refused(_WHY.get(error.errno or 0) or f"cannot be read: {error.strerror}", path) from None
    try:
        raw = _read(descriptor, _size(descriptor, path))
    except OSError as error:
        raise Refused(f"cannot be read: {error.strerror}", path) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_SUBMISSION_BYTES:  # it grew while being read
        raise Refused(OVER, path)
    return raw


def _size(descriptor: int, path: Path) -> int:
    """The size of a regular file within the limit, from the file opened (not whatever the path names now)."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, device or socket"
        raise Refused(f"{kind}, not a submission file (hint: a submission is a .json file)", path)
    if info.st_size > MAX_SUBMISSION_BYTES:
        raise Refused(f"{info.st_size:,} bytes, {OVER}", path)
    return info.st_size


def _read(descriptor: int, size: int) -> bytes:
    """Up to one byte over the limit. Asking for the size (and one byte more, to see growth) first: asking for
    the whole limit at once would set aside a megabyte for every few-kilobyte file."""
    parts: list[bytes] = []
    read = 0
    while read <= MAX_SUBMISSION_BYTES:
        part = os.read(descriptor, (size + 1 if not parts else MAX_SUBMISSION_BYTES + 1) - read)
        if not part:
            break
        parts.append(part)
        read += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_submission(path: Path) -> Submission:
    """Read a submission; raise ValueError naming the file and the place of the damage."""
    try:
        return decode_submission(read_submission_bytes(path), path)
    except Refused as refused:
        raise ValueError(f"{path}: {refused.reason} {KEPT}") from None


def write_submission(path: Path, submission: Submission) -> None:
    """Write a submission atomically; ValueError, with nothing written, if it would be more than any reader takes."""
    data = msgspec.json.format(encode_submission(submission), indent=1) + b"\n"
    if len(data) > MAX_SUBMISSION_BYTES:
        raise ValueError(f"{path}: not saved: the answers would take {len(data):,} bytes, {OVER}")
    atomic_write_bytes(path, data)


def saved_at(path: Path) -> dt.datetime:
    """When a submission file says it was last saved (in UTC); the earliest time if it cannot tell, or if the time
    could not be true (ahead of this machine's clock, or before simkit's courses), so such a copy never wins."""
    try:
        stamp = decode_submission(read_submission_bytes(path), path).updated_at
    except Refused:
        return NEVER
    if not plausible(stamp, server_now()):
        return NEVER
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)

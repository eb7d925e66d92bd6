"""Submissions to and from JSON bytes: one decoder, refusing with one line that says where and what is wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import msgspec

from simkit.submissions.schema import ScenarioAnswers, Submission

ANSWERS_ONLY = "a submission carries answers only (a claimed score, seed or key is refused)"

_decode = msgspec.json.Decoder(Submission).decode
_encode = msgspec.json.Encoder().encode
_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")


class Refused(ValueError):
    """A submission that cannot be taken: ``reason`` is one line (what and where); ``source`` names the file."""

    def __init__(self, reason: str, source: str | Path | None = None) -> None:
        super().__init__(reason if source is None else f"{source}: {reason}")
        self.reason, self.source = reason, source


def decode_submission(raw: bytes, source: str | Path | None = None) -> Submission:
    """The submission in ``raw``, or :class:`Refused` naming the damage's line and column or the field's path."""
    try:
        return _decode(raw)
    except msgspec.ValidationError as error:  # first: it is a kind of DecodeError
        raise Refused(_invalid(raw, error), source) from None
    except msgspec.DecodeError:
        raise Refused(_damage(raw), source) from None


def encode_submission(submission: Submission) -> bytes:
    return _encode(submission)


def _damage(raw: bytes) -> str:
    # Only on the way to a refusal: the standard library's parser says where, msgspec's says only the byte.
    try:
        json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except json.JSONDecodeError as decode:
        return f"damaged JSON at line {decode.lineno}, column {decode.colno}: {decode.msg}"
    return "not JSON as a submission is written (hint: NaN, Infinity and very large numbers are refused)"


def _invalid(raw: bytes, error: msgspec.ValidationError) -> str:
    match = _AT.match(str(error))
    message, path = (match["message"], match["path"] or "") if match else (str(error), "")
    if "[...]" in path:  # a scenario's key: msgspec does not name it, so find the scenario that fails
        path, message = _in_scenarios(raw, path, message)
    where = ".".join(part for part in re.split(r"[.\[\]]+", path) if part)
    if unknown := _UNKNOWN.match(message):
        field = ".".join(filter(None, (where, unknown["name"])))
        return f"unknown field {field!r}: {ANSWERS_ONLY}"
    return f"{where or 'the top level'}: {message[:1].lower()}{message[1:]}"


def _in_scenarios(raw: bytes, path: str, message: str) -> tuple[str, str]:
    data: Any = json.loads(raw)
    if path.startswith(".scenarios[...]") and isinstance(data.get("scenarios"), dict):
        for key, value in data["scenarios"].items():
            try:
                msgspec.json.decode(_encode(value), type=ScenarioAnswers)
            except msgspec.ValidationError as inner:
                found = _AT.match(str(inner))
                if found:
                    return f".scenarios.{key}{found['path'] or ''}", found["message"]
    return path, message

"""Submissions to and from JSON bytes: one decoder, refusing with one line that says where and what is wrong.

msgspec decodes a submission straight into the Structs; only a refusal does more work, to name the place. JSON
is taken as the player writes it: UTF-8 without a byte-order mark, finite numbers, each key once per object, no
deeper than :data:`~simkit.submissions.limits.MAX_JSON_DEPTH`. :func:`strict_json` reads any other untrusted JSON
(the grading service's request bodies) by the same rules.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
import re
from pathlib import Path
from typing import Any

import msgspec

from simkit.submissions.limits import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_SUBMISSION_BYTES,
    REASON_CHARS,
    excerpt,
    quoted,
)
from simkit.submissions.schema import ScenarioAnswers, Submission

ANSWERS_ONLY = "a submission carries answers only (a claimed score, seed or key is refused)"
NOT_AS_WRITTEN = "not JSON as a submission is written"

_decode = msgspec.json.Decoder(Submission).decode
_encode = msgspec.json.Encoder().encode
_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$", re.DOTALL)
_STRUCTURE = re.compile(r'[\[\]{}"\\]')


class Refused(ValueError):
    """A submission that cannot be taken: ``reason`` is one line (what and where); ``source`` names the file."""

    def __init__(self, reason: str, source: str | Path | None = None) -> None:
        reason = excerpt(reason, REASON_CHARS)  # whatever a reason quotes, the line stays a line
        super().__init__(reason if source is None else f"{source}: {reason}")
        self.reason, self.source = reason, source


def decode_submission(raw: bytes, source: str | Path | None = None) -> Submission:
    """The submission in ``raw``, or :class:`Refused` naming the damage's line and column or the field's path."""
    if len(raw) > MAX_SUBMISSION_BYTES:
        raise Refused(f"{len(raw):,} bytes, over the {MAX_SUBMISSION_BYTES:,}-byte limit for a submission", source)
    try:
        submission = _decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:  # msgspec finds bad UTF-8 in a text as it reads it
        raise Refused(_refusal(raw, error), source) from None
    if not _as_encoded(raw, submission):
        strict_json(raw, source)  # only a file simkit did not write: a key given twice is refused there
    return submission


def encode_submission(submission: Submission) -> bytes:
    return _encode(submission)


def _as_encoded(raw: bytes, submission: Submission) -> bool:
    """Whether ``raw`` is, spaces aside, what encoding its submission gives: then no key in it came twice,
    since an encoding holds each once. Files the player and the service write are; it costs an encoding."""
    encoded = _encode(submission)
    return raw == encoded or msgspec.json.format(raw, indent=-1) == encoded


def strict_json(raw: bytes, source: str | Path | None = None) -> Any:
    """The JSON value in ``raw`` read as simkit takes untrusted JSON, or :class:`Refused` saying why not."""
    text = _text(raw, source)
    _no_deeper_than(text, MAX_JSON_DEPTH, source)
    try:
        data = json.loads(text, parse_constant=_constant, parse_int=_int, parse_float=_float, object_pairs_hook=_once)
    except json.JSONDecodeError as decode:
        raise Refused(f"damaged JSON at line {decode.lineno}, column {decode.colno}: {decode.msg}", source) from None
    except _NotAsWritten as what:
        at = _object_with_a_key_twice(text) if what.token is None else text.find(what.token)
        raise Refused(f"{NOT_AS_WRITTEN}: {what}{_at(text, at)} (hint: {what.hint})", source) from None
    _no_lone_surrogates(data, source)
    return data


def _text(raw: bytes, source: str | Path | None) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")
        bad = raw[error.start : error.start + 1].hex().upper()
        raise Refused(
            f"not UTF-8 text: byte 0x{bad}{_at(before, len(before))} (hint: save it as UTF-8)", source
        ) from None
    if text.startswith("\ufeff"):
        raise Refused("starts with a byte-order mark (hint: save it as UTF-8 without BOM)", source)
    if not text.strip():
        raise Refused("empty: no JSON in it (hint: was it copied while it was being written?)", source)
    return text


def _no_deeper_than(text: str, limit: int, source: str | Path | None) -> None:
    """Refuse JSON nested deeper than ``limit`` before any recursive parser sees it; strings are skipped."""
    if text.count("[") + text.count("{") <= limit:  # most bodies and files: no scan needed
        return
    depth, in_text, escaped_at = 0, False, -1
    for found in _STRUCTURE.finditer(text):
        at, char = found.start(), found.group()
        if at == escaped_at:
            continue
        if in_text:
            escaped_at = at + 1 if char == "\\" else escaped_at
            in_text = char != '"'
        elif char == '"':
            in_text = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                raise Refused(
                    f"nested deeper than {limit} levels{_at(text, at)} (hint: simkit nests six levels at most)",
                    source,
                )
        elif char in "]}":
            depth -= 1


class _NotAsWritten(ValueError):
    """A value json would take that a submission never holds; ``token`` finds it in the text (None: a key twice)."""

    def __init__(self, what: str, hint: str, token: str | None) -> None:
        super().__init__(what)
        self.hint, self.token = hint, token


def _constant(name: str) -> Any:
    raise _NotAsWritten(name, "NaN and Infinity are not JSON numbers", name)


def _int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_CHARS:
        raise _NotAsWritten(f"a number of {len(digits):,} digits", f"at most {MAX_NUMBER_CHARS}", digits[:40])
    return int(digits)


def _float(digits: str) -> float:
    if len(digits) > MAX_NUMBER_CHARS:
        raise _NotAsWritten(f"a number of {len(digits):,} characters", f"at most {MAX_NUMBER_CHARS}", digits[:40])
    value = float(digits)
    if math.isinf(value):
        raise _NotAsWritten(f"{digits}, too large a number", "numbers go up to about 1.8e308", digits)
    return value


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            raise _NotAsWritten(
                f"the key {quoted(key)} twice in the object", "each key once, so it reads one way", None
            )
        seen.add(key)
    return found


class _Found(Exception):
    def __init__(self, at: int) -> None:
        self.at = at


def _object_with_a_key_twice(text: str) -> int:
    """Where the object holding a key twice starts. Only on the way to a refusal: the standard library's
    Python parser is the one that tells which object it is reading."""
    starts: list[int] = []

    def parse_object(text_and_end: tuple[str, int], *rest: Any) -> Any:
        starts.append(text_and_end[1] - 1)
        try:
            return json.decoder.JSONObject(text_and_end, *rest)  # type: ignore[attr-defined]
        finally:
            starts.pop()

    def pairs(given: list[tuple[str, Any]]) -> dict[str, Any]:
        if len(found := dict(given)) != len(given):
            raise _Found(starts[-1])
        return found

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _Found as found:
        return found.at
    except ValueError:
        pass
    return -1


def _at(text: str, at: int) -> str:
    """`` at line L, column C`` of a position in ``text``; nothing for a position not found (-1)."""
    if at < 0:
        return ""
    before = text[:at]
    return f" at line {before.count(chr(10)) + 1}, column {at - before.rfind(chr(10))}"


def _no_lone_surrogates(data: Any, source: str | Path | None) -> None:
    # json takes "\ud800" as a text no UTF-8 can hold: saving or encoding it later would fail, so refuse it now.
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            pending += value
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise Refused(
                    f"{NOT_AS_WRITTEN}: an unpaired surrogate escape (\\ud800-\\udfff) in a text", source
                ) from None


def _refusal(raw: bytes, error: msgspec.DecodeError | UnicodeDecodeError) -> str:
    """Why msgspec refused ``raw``: damage to the JSON first, the place and what is wrong with a field after.
    Only on the way to a refusal: the standard library's parser says where, msgspec's says only the byte."""
    try:
        data = strict_json(raw)
    except Refused as refused:
        return refused.reason
    if isinstance(error, msgspec.ValidationError):
        return _invalid(data, error)
    return f"{NOT_AS_WRITTEN} (hint: write it as the player does, or let the player write it)"


def _invalid(data: Any, error: msgspec.ValidationError) -> str:
    match = _AT.match(str(error))
    message, path = (match["message"], match["path"] or "") if match else (str(error), "")
    if "[...]" in path:  # a scenario's key: msgspec does not name it, so find the scenario that fails
        path, message = _in_scenarios(data, path, message)
    where = excerpt(".".join(part for part in re.split(r"[.\[\]]+", path) if part))
    if unknown := _UNKNOWN.match(message):
        field = ".".join(filter(None, (where, excerpt(unknown["name"]))))
        return f"unknown field {field!r}: {ANSWERS_ONLY}"
    hint = " (hint: see the limits in docs/grading.md)" if "length <=" in message else ""
    return f"{where or 'the top level'}: {excerpt(message[:1].lower() + message[1:])}{hint}"


def _in_scenarios(data: Any, path: str, message: str) -> tuple[str, str]:
    if path.startswith(".scenarios[...]") and isinstance(data, dict) and isinstance(data.get("scenarios"), dict):
        for key, value in data["scenarios"].items():
            try:
                msgspec.json.decode(_encode(value), type=ScenarioAnswers)
            except msgspec.ValidationError as inner:
                found = _AT.match(str(inner))
                if found:
                    return f".scenarios.{excerpt(key)}{found['path'] or ''}", found["message"]
    return path, message

"""Every kind of bytes a submission's reader may be handed: each that is no submission is refused with one line
saying why and where, never an exception of another kind; the ordinary input beside each is read as before."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import msgspec
import pytest

from simkit.submissions import Refused, decode_submission, encode_submission, read_submission_bytes, strict_json
from simkit.submissions.limits import MAX_ANSWER_CHARS, MAX_ANSWER_ITEMS, MAX_SUBMISSION_BYTES, REASON_CHARS
from tests.submissions.test_codec import EARLIER, a_submission

DEEP = 50_000  # levels: far past any parser's stack


def refused(raw: bytes) -> str:
    """The refusal of ``raw`` as a submission file: one line, naming the file."""
    with pytest.raises(Refused) as caught:
        decode_submission(raw, "subs/ann.json")
    line = str(caught.value)
    assert line.startswith("subs/ann.json: ") and "\n" not in line and len(line) < REASON_CHARS + 100, line
    return caught.value.reason


def with_answer(value: object) -> bytes:
    data = json.loads(EARLIER)
    data["scenarios"]["gift-at-desk"]["answers"][0]["value"] = value
    return json.dumps(data, ensure_ascii=False).encode()


ATTACKS: list[tuple[str, bytes, str]] = [
    ("arrays nested deep", b"[" * DEEP + b"]" * DEEP, "nested deeper than 32 levels at line 1, column 33"),
    ("objects nested deep", b'{"a":' * DEEP + b"1" + b"}" * DEEP, "nested deeper than 32 levels"),
    ("deep and never closed", b"[" * DEEP, "nested deeper than 32 levels"),
    (
        "deep inside a scenario",
        EARLIER.replace('"finished_at": null', '"finished_at": ' + "[" * DEEP + "]" * DEEP).encode(),
        "nested deeper than 32 levels at line 5",
    ),
    ("deep inside an answer", with_answer(None).replace(b'"value": null', b'"value": ' + b"[" * DEEP), "nested deeper"),
    ("Latin-1 bytes in a text", EARLIER.replace("ann", "ann\xe9").encode("latin-1"), "not UTF-8 text: byte 0xE9 at"),
    ("UTF-16", EARLIER.encode("utf-16"), "not UTF-8 text: byte 0xFF at line 1, column 1"),
    ("a byte-order mark", b"\xef\xbb\xbf" + EARLIER.encode(), "starts with a byte-order mark"),
    ("an empty file", b"", "empty: no JSON in it"),
    ("only spaces", b" \n\t ", "empty: no JSON in it"),
    ("NaN", EARLIER.replace('"value": 3.0', '"value": NaN').encode(), "NaN at line 6"),
    ("Infinity", EARLIER.replace('"value": 3.0', '"value": -Infinity').encode(), "-Infinity at line 6"),
    ("a huge whole number", EARLIER.replace('"version": 1', '"version": 1' + "0" * 5000).encode(), "5,001 digits"),
    ("a huge number", EARLIER.replace('"value": 3.0', '"value": 1e999').encode(), "1e999, too large a number"),
    ("a key twice", EARLIER.replace('"mode": "practice"', '"mode": "exam", "mode": "practice"').encode(), "'mode'"),
    (
        "a key twice in an answer",
        EARLIER.replace('"value": 3.0', '"value": 3.0, "value": 4.0').encode(),
        "the key 'value' twice in the object at line 6, column 4",
    ),
    (
        "a scenario twice",
        EARLIER.replace('"scenarios": {', '"scenarios": {"gift-at-desk": {}, ').encode(),
        "the key 'gift-at-desk' twice in the object at line 4, column 15",
    ),
    ("an unpaired surrogate", EARLIER.replace("find_giver", "\\ud800").encode(), "an unpaired surrogate escape"),
    ("damaged JSON", EARLIER[:300].encode(), "damaged JSON at line 5, column"),
    ("JSON of the wrong shape", b'["learner", "ann"]', "the top level: expected `object`, got `array`"),
    ("a text for a number", EARLIER.replace('"course_version": 1', '"course_version": "1"').encode(), "`int`"),
    (
        "an answer over the limit",
        with_answer("x" * (MAX_ANSWER_CHARS + 1)),
        f"scenarios.gift-at-desk.answers.0.value: expected `str` of length <= {MAX_ANSWER_CHARS}",
    ),
    (
        "too many ids in an answer",
        with_answer(["a"] * (MAX_ANSWER_ITEMS + 1)),
        f"answers.0.value: expected `array` of length <= {MAX_ANSWER_ITEMS}",
    ),
    ("megabytes", b" " * (MAX_SUBMISSION_BYTES + 1), "1,048,577 bytes, over the 1,048,576-byte limit"),
]


@pytest.mark.parametrize(("case", "raw", "reason"), ATTACKS, ids=[case for case, _raw, _reason in ATTACKS])
def test_what_is_no_submission_is_refused_with_one_line_saying_why(case: str, raw: bytes, reason: str) -> None:
    assert reason in refused(raw)


def test_a_huge_field_name_or_value_is_quoted_only_in_part() -> None:
    assert len(refused(EARLIER.replace('"superseded"', '"' + "s" * 500_000 + '"').encode())) < REASON_CHARS + 20
    assert len(refused(EARLIER.replace('"practice"', '"' + "q" * 500_000 + '"').encode())) < REASON_CHARS + 20
    scenario_key = EARLIER.replace('"gift-at-desk": {"id"', '"' + "g" * 500_000 + '": {"id": 1, "x"').encode()
    assert "characters)" in refused(scenario_key)


# What is read as before, beside each of those.

ORDINARY: list[tuple[str, bytes]] = [
    ("as the player writes it", msgspec.json.format(encode_submission(a_submission()), indent=1) + b"\n"),
    ("as the service and the batch write it", encode_submission(a_submission())),
    ("as another tool writes it", EARLIER.encode()),
    ("keys in another order, spaces around colons", EARLIER.replace('"mode": ', '"mode" :\n ').encode()),
    ("escaped characters", EARLIER.replace("find_giver", "find\\u005fgiver").encode()),
    ("a whole number for an amount", EARLIER.replace('"value": 3.0', '"value": 3').encode()),
    ("a large but finite amount", EARLIER.replace('"value": 3.0', '"value": 1.5e300').encode()),
    ("a text at the limit", with_answer("Я" * MAX_ANSWER_CHARS)),
    ("ids up to the limit", with_answer(["a"] * MAX_ANSWER_ITEMS)),
    ("the same key in two objects", EARLIER.encode()),  # "at", "step", "value" in every answer
]


@pytest.mark.parametrize(("case", "raw"), ORDINARY, ids=[case for case, _raw in ORDINARY])
def test_ordinary_submissions_are_read(case: str, raw: bytes) -> None:
    submission = decode_submission(raw, "subs/ann.json")
    assert submission.learner == "ann" and submission.scenarios["gift-at-desk"].answers


def test_a_long_answer_within_the_limit_is_kept_whole() -> None:
    text = "Сообщу руководителю письменно. " * (MAX_ANSWER_CHARS // 31)
    assert decode_submission(with_answer(text)).scenarios["gift-at-desk"].answers[0].value == text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"value": ' + b"[" * DEEP, "nested deeper than 32 levels"),
        (b'{"value": NaN}', "NaN at line 1, column 11"),
        (b'{"step": "a", "step": "b"}', "the key 'step' twice"),
        (b"\xff{}", "not UTF-8 text"),
    ],
)
def test_any_untrusted_json_is_read_by_the_same_rules(raw: bytes, reason: str) -> None:
    with pytest.raises(Refused, match=reason):
        strict_json(raw)
    assert strict_json(b'{"step": "a", "value": [1, 2.5, null, "\\u00e9"]}') == {
        "step": "a",
        "value": [1, 2.5, None, "é"],
    }


def test_a_file_of_only_whitespace_around_a_submission_is_read(tmp_path: Path) -> None:
    assert decode_submission(b"\n  " + EARLIER.encode() + b"\n\n").learner == "ann"


def test_a_file_that_grows_while_it_is_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ann.json"
    path.write_bytes(EARLIER.encode() + b" " * MAX_SUBMISSION_BYTES)
    looked = os.fstat
    monkeypatch.setattr(os, "fstat", lambda descriptor: _as_when_opened(looked(descriptor)))
    with pytest.raises(Refused, match="over the 1,048,576-byte limit for a submission"):
        read_submission_bytes(path)
    monkeypatch.undo()
    path.write_bytes(EARLIER.encode())
    assert read_submission_bytes(path) == EARLIER.encode()


def _as_when_opened(found: os.stat_result) -> os.stat_result:
    """The file's status as it was when opened: a few hundred bytes."""
    fields = list(found)
    fields[stat.ST_SIZE] = len(EARLIER)
    return os.stat_result(fields)

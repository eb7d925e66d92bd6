"""The one reading of the submission format: files the player wrote read back as they were, anything else is
refused with one line that says where."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from simkit.submissions import (
    Acknowledgement,
    Answer,
    Refused,
    ScenarioAnswers,
    Submission,
    decode_submission,
    encode_submission,
    read_submission,
    saved_at,
    write_submission,
)

AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)

# As the player wrote it before the format had its own package (pydantic's output): such files must still open.
EARLIER = """{
 "format": 1, "learner": "ann", "course": "onboarding", "course_version": 1, "mode": "practice",
 "created_at": "2026-03-02T09:00:00Z", "updated_at": "2026-03-02T10:00:00Z",
 "scenarios": {"gift-at-desk": {"id": "gift-at-desk", "version": 1, "started_at": "2026-03-02T09:00:00Z",
   "finished_at": null, "answers": [{"step": "first_action", "value": "find_giver", "at": "2026-03-02T09:01:00Z"},
   {"step": "amount", "value": 3.0, "at": "2026-03-02T09:02:00Z"}]}},
 "acknowledgement": {"confirmed": true, "signed_on": "2026-03-02", "at": "2026-03-02T10:00:00Z"},
 "superseded": []
}"""


def a_submission() -> Submission:
    record = ScenarioAnswers(id="gift-at-desk", version=1, started_at=AT)
    record.answers.append(Answer(step="first_action", value="find_giver", at=AT))
    record.answers.append(Answer(step="order", value=["b", "a"], at=AT))
    record.finished_at = AT
    return Submission(
        learner="ann",
        course="onboarding",
        course_version=1,
        mode="practice",
        created_at=AT,
        updated_at=AT,
        scenarios={"gift-at-desk": record},
        acknowledgement=Acknowledgement(confirmed=True, signed_on=AT.date(), at=AT),
    )


def test_what_is_written_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "onboarding" / "ann.json"
    write_submission(path, a_submission())
    assert read_submission(path) == a_submission()
    assert saved_at(path) == AT
    assert list(json.loads(path.read_text("utf-8"))) == [
        "format", "learner", "course", "course_version", "mode", "created_at", "updated_at", "scenarios",
        "acknowledgement", "superseded",
    ]  # fmt: skip


def test_a_file_the_earlier_player_wrote_opens() -> None:
    submission = decode_submission(EARLIER.encode(), "ann.json")
    record = submission.scenarios["gift-at-desk"]
    assert record.value_of("first_action") == "find_giver" and record.answered("amount")
    assert not record.answered("kept_sanction") and record.value_of("kept_sanction") is None
    assert submission.acknowledgement is not None and submission.acknowledgement.signed_on == dt.date(2026, 3, 2)
    assert decode_submission(encode_submission(submission), "again") == submission


def test_an_acknowledgement_must_be_confirmed_when_made_too() -> None:
    with pytest.raises(ValueError, match="confirmed must be true"):
        Acknowledgement(confirmed=False, signed_on=AT.date(), at=AT)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (EARLIER[:200].encode(), "damaged JSON at line 4, column"),
        (EARLIER.replace('"mode"', '"mode":').encode(), "damaged JSON at line 2, column 85: Expecting value"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b'{"format": NaN}', "not JSON as a submission is written"),
        (b"[]", "the top level: expected `object`, got `array`"),
        (
            EARLIER.replace('"superseded": []', '"superseded": [], "score": 100').encode(),
            "unknown field 'score': a submission carries answers only (a claimed score, seed or key is refused)",
        ),
        (
            EARLIER.replace('"finished_at": null', '"finished_at": null, "seed": 7').encode(),
            "unknown field 'scenarios.gift-at-desk.seed': a submission carries answers only",
        ),
        (EARLIER.replace('"value": 3.0', '"value": {}').encode(), "scenarios.gift-at-desk.answers.1.value: expected"),
        (EARLIER.replace('"mode": "practice"', '"mode": "quiz"').encode(), "mode: invalid enum value 'quiz'"),
        (EARLIER.replace('"signed_on": "2026-03-02"', '"signed_on": "March"').encode(), "acknowledgement.signed_on"),
    ],
)
def test_a_refusal_is_one_line_naming_the_place(raw: bytes, reason: str) -> None:
    with pytest.raises(Refused) as refused:
        decode_submission(raw, "subs/ann.json")
    assert reason in refused.value.reason, refused.value.reason
    assert str(refused.value) == f"subs/ann.json: {refused.value.reason}" and "\n" not in str(refused.value)


def test_the_player_is_told_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "ann.json"
    path.write_text(EARLIER[:200], "utf-8")
    with pytest.raises(ValueError) as error:
        read_submission(path)
    assert str(error.value) == (
        f"{path}: damaged JSON at line 4, column 16: Unterminated string starting at "
        "(hint: the file is kept as it is; move it aside to start the course afresh)"
    )


def test_an_unreadable_file_is_saved_at_no_time(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_bytes(b"{")
    assert saved_at(tmp_path / "bad.json") < AT
    assert saved_at(tmp_path / "missing.json") < AT

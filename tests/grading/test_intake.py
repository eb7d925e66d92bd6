"""A submission is untrusted input: each way of tampering with it is refused with one line saying why."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simkit.grading.grader import CourseKey, course_key, grade
from simkit.grading.intake import MAX_BYTES, Refused, read
from simkit.grading.synthetic import synthetic_submission

Tamper = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("advanced-training")


@pytest.fixture
def honest(key: CourseKey, tmp_path: Path) -> dict[str, Any]:
    return json.loads(synthetic_submission(key, "nurlan", seed=1).model_dump_json())


def refusal(key: CourseKey, path: Path) -> str:
    with pytest.raises(Refused) as refused:
        grade(read(path), key)
    return str(refused.value)


def saved(tmp_path: Path, data: dict[str, Any], name: str = "nurlan") -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def gift_answers(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["scenarios"]["gift-at-desk"]["answers"]


CASES: list[tuple[str, Tamper, str]] = [
    ("a claimed score", lambda data: data.update(score=100), "unknown field 'score'"),
    ("a changed seed", lambda data: data.update(seed=7), "unknown field 'seed'"),
    (
        "changed parameters",
        lambda data: data["scenarios"]["gift-at-desk"].update(parameters={"found": "2026-03-02"}),
        "unknown field 'scenarios.gift-at-desk.parameters'",
    ),
    ("a wrong type", lambda data: data.update(course_version="one"), "course_version: Input should be a valid integer"),
    ("another course", lambda data: data.update(course="onboarding"), "is for course 'onboarding'"),
    ("an old course version", lambda data: data.update(course_version=0), "is for version 0 of 'advanced-training'"),
    ("the wrong mode", lambda data: data.update(mode="practice"), "claims mode 'practice'"),
    (
        "an unknown scenario",
        lambda data: data["scenarios"].update(ghost={**data["scenarios"]["gift-at-desk"], "id": "ghost"}),
        "answers scenario 'ghost'",
    ),
    (
        "a scenario version the library does not have",
        lambda data: data["scenarios"]["gift-at-desk"].update(version=9),
        "gift-at-desk: answers version 9; the library has version 1",
    ),
    (
        "an answer to a step that does not exist",
        lambda data: gift_answers(data).append({"step": "bonus", "value": "x", "at": "2026-03-02T10:00:00Z"}),
        "gift-at-desk: answers bonus, which the choices given do not lead to",
    ),
    (
        "an answer off the learner's branch",
        lambda data: gift_answers(data).append(
            {"step": "kept_sanction", "value": "dismissal", "at": "2026-03-02T10:00:00Z"}
        ),
        "answers kept_sanction, which the choices given do not lead to",
    ),
    (
        "a step answered twice",
        lambda data: gift_answers(data).append(dict(gift_answers(data)[0])),
        "gift-at-desk: a step is answered twice",
    ),
    (
        "an option that is not offered",
        lambda data: gift_answers(data)[0].update(value="bribe"),
        "gift-at-desk/first_action: unknown option 'bribe'",
    ),
]


@pytest.mark.parametrize(("case", "tamper", "reason"), CASES, ids=[case for case, _tamper, _reason in CASES])
def test_a_tampered_submission_is_refused_with_its_reason(
    key: CourseKey, honest: dict[str, Any], tmp_path: Path, case: str, tamper: Tamper, reason: str
) -> None:
    grade(read(saved(tmp_path, honest)), key)  # the untouched file grades
    tamper(honest)
    assert reason in refusal(key, saved(tmp_path, honest))


def test_a_file_named_for_another_learner_is_refused(key: CourseKey, honest: dict[str, Any], tmp_path: Path) -> None:
    assert "names learner 'nurlan' but the file is 'aigerim''s" in refusal(key, saved(tmp_path, honest, "aigerim"))


def test_damaged_json_is_refused_with_its_place(key: CourseKey, tmp_path: Path) -> None:
    path = tmp_path / "nurlan.json"
    path.write_text('{"learner": "nurlan",\n "course": ', "utf-8")
    assert refusal(key, path).startswith("damaged JSON at line 2, column")


def test_a_huge_file_is_refused_unread(key: CourseKey, tmp_path: Path) -> None:
    path = tmp_path / "nurlan.json"
    path.write_bytes(b" " * (MAX_BYTES + 1))
    assert "over the 1,048,576-byte limit" in refusal(key, path)


def test_a_file_that_is_not_text_is_refused(key: CourseKey, tmp_path: Path) -> None:
    path = tmp_path / "nurlan.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert refusal(key, path) in ("not UTF-8 text", "damaged JSON at line 1, column 1: Expecting value")


# The fast reading (msgspec) and the player's own models (pydantic) must agree on what a submission is.

PAIRS = [("WireSubmission", "Submission"), ("WireScenario", "ScenarioAnswers"), ("WireAnswer", "Answer")]


@pytest.mark.parametrize(("wire", "model"), [*PAIRS, ("WireAcknowledgement", "Acknowledgement")])
def test_the_grader_reads_the_fields_the_player_writes(wire: str, model: str) -> None:
    import msgspec

    from simkit.grading import intake
    from simkit.player import submission

    read_fields = {field.name: field.required for field in msgspec.structs.fields(getattr(intake, wire))}
    written = {name: info.is_required() for name, info in getattr(submission, model).model_fields.items()}
    assert read_fields == written


ODDITIES: list[tuple[str, Tamper]] = [
    ("a version as text", lambda data: data["scenarios"]["gift-at-desk"].update(version="1")),
    ("a whole number as a float", lambda data: data.update(course_version=1.0)),
    ("a true answer", lambda data: gift_answers(data)[0].update(value=True)),
    ("a number answer", lambda data: gift_answers(data)[0].update(value=3)),
    (
        "an unconfirmed acknowledgement",
        lambda data: data.update(
            acknowledgement={"confirmed": False, "signed_on": "2026-03-02", "at": "2026-03-02T10:00:00Z"}
        ),
    ),
    (
        "a confirmed acknowledgement",
        lambda data: data.update(
            acknowledgement={"confirmed": True, "signed_on": "2026-03-02", "at": "2026-03-02T10:00:00Z"}
        ),
    ),
    ("a time without a zone", lambda data: gift_answers(data)[0].update(at="2026-03-02T10:00:00")),
    ("a time with an offset", lambda data: gift_answers(data)[0].update(at="2026-03-02T15:00:00+05:00")),
    ("a time as a number", lambda data: gift_answers(data)[0].update(at=1772445600)),
    ("a null list of answers", lambda data: data["scenarios"]["gift-at-desk"].update(answers=None)),
    ("an unknown format", lambda data: data.update(format=2)),
]


@pytest.mark.parametrize(("case", "tamper"), ODDITIES, ids=[case for case, _tamper in ODDITIES])
def test_what_the_player_would_refuse_the_grader_refuses_and_what_it_reads_the_grader_reads_alike(
    honest: dict[str, Any], tmp_path: Path, case: str, tamper: Tamper
) -> None:
    from pydantic import ValidationError

    from simkit.player.submission import Submission

    tamper(honest)
    path = saved(tmp_path, honest)
    try:
        expected = Submission.model_validate_json(path.read_bytes()).model_dump()
    except ValidationError:
        with pytest.raises(Refused):
            read(path)
        return
    import msgspec

    assert msgspec.to_builtins(read(path).submission, builtin_types=(dt.datetime, dt.date)) == expected

"""A submission is untrusted input: each way of tampering with it is refused with one line saying why."""

from __future__ import annotations

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

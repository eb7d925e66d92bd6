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
from simkit.submissions import encode_submission

Tamper = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("advanced-training")


@pytest.fixture
def honest(key: CourseKey, tmp_path: Path) -> dict[str, Any]:
    return json.loads(encode_submission(synthetic_submission(key, "nurlan", seed=1)))


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
    ("a wrong type", lambda data: data.update(course_version="one"), "course_version: expected `int`, got `str`"),
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
        "gift-at-desk: answers version 9; the library has version ",
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
        "an option that is not offered, then answers on the way it did not take",
        lambda data: gift_answers(data)[0].update(value="bribe"),
        "(after an answer that does not fit: gift-at-desk/first_action: choose one of the options (find_giver, "
        "keep, take_home), not 'bribe')",
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
    with pytest.raises(Refused) as refused:
        read(path)
    assert refused.value.reason.startswith("damaged JSON at line 2, column")


def test_a_huge_file_is_refused_unread(key: CourseKey, tmp_path: Path) -> None:
    path = tmp_path / "nurlan.json"
    path.write_bytes(b" " * (MAX_BYTES + 1))
    assert "over the 1,048,576-byte limit" in refusal(key, path)


def test_a_file_that_is_not_text_is_refused(key: CourseKey, tmp_path: Path) -> None:
    path = tmp_path / "nurlan.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(Refused) as refused:
        read(path)
    assert refused.value.reason == "not UTF-8 text: byte 0xFF at line 1, column 1 (hint: save it as UTF-8)"


# Inputs the player never writes. One reading decides them all: these are taken, as they always were.

TAKEN: list[tuple[str, Tamper]] = [
    ("a number answer", lambda data: gift_answers(data)[0].update(value=3)),
    (
        "a confirmed acknowledgement",
        lambda data: data.update(
            acknowledgement={"confirmed": True, "signed_on": "2026-03-02", "at": "2026-03-02T10:00:00Z"}
        ),
    ),
    ("a time without a zone", lambda data: gift_answers(data)[0].update(at="2026-03-02T10:00:00")),
    ("a time with an offset", lambda data: gift_answers(data)[0].update(at="2026-03-02T15:00:00+05:00")),
    ("no format", lambda data: data.pop("format")),
]


@pytest.mark.parametrize(("case", "tamper"), TAKEN, ids=[case for case, _tamper in TAKEN])
def test_odd_but_well_typed_inputs_are_read(honest: dict[str, Any], tmp_path: Path, case: str, tamper: Tamper) -> None:
    tamper(honest)
    submission = read(saved(tmp_path, honest)).submission
    assert submission.learner == "nurlan" and submission.scenarios["gift-at-desk"].answers


# ...and these are refused with the place and what is wrong; the player's own models used to take some of them
# ("1" for a version), but there is one reading now and it is exact.

REFUSED: list[tuple[str, Tamper, str]] = [
    (
        "a version as text",
        lambda data: data["scenarios"]["gift-at-desk"].update(version="1"),
        "scenarios.gift-at-desk.version: expected `int`, got `str`",
    ),
    ("a whole number as a float", lambda data: data.update(course_version=1.5), "course_version: expected `int`"),
    ("a true answer", lambda data: gift_answers(data)[0].update(value=True), "scenarios.gift-at-desk.answers.0.value"),
    (
        "an unconfirmed acknowledgement",
        lambda data: data.update(
            acknowledgement={"confirmed": False, "signed_on": "2026-03-02", "at": "2026-03-02T10:00:00Z"}
        ),
        "acknowledgement: confirmed must be true",
    ),
    ("a time as a number", lambda data: gift_answers(data)[0].update(at=1772445600), "answers.0.at: expected `date"),
    (
        "a null list of answers",
        lambda data: data["scenarios"]["gift-at-desk"].update(answers=None),
        "scenarios.gift-at-desk.answers: expected `array`, got `null`",
    ),
    ("an unknown format", lambda data: data.update(format=2), "format: invalid enum value 2"),
    ("a missing field", lambda data: data.pop("mode"), "the top level: object missing required field `mode`"),
    ("not an object", lambda data: (data.clear(), data.update({"x": 1})), "unknown field 'x': a submission carries"),
]


@pytest.mark.parametrize(("case", "tamper", "reason"), REFUSED, ids=[case for case, _tamper, _reason in REFUSED])
def test_ill_typed_inputs_are_refused_with_the_place(
    honest: dict[str, Any], tmp_path: Path, case: str, tamper: Tamper, reason: str
) -> None:
    tamper(honest)
    with pytest.raises(Refused) as refused:
        read(saved(tmp_path, honest))
    assert reason in refused.value.reason
    assert "\n" not in str(refused.value)


def test_a_learner_id_not_in_its_one_form_is_refused(key: CourseKey, honest: dict[str, Any], tmp_path: Path) -> None:
    honest["learner"] = "Nurlan"
    assert "learner: 'Nurlan' is not a usable learner id as written: its one form is 'nurlan'" in refusal(
        key, saved(tmp_path, honest, "Nurlan")
    )

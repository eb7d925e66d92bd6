"""A small valid scenario to break one rule at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from simkit.scenarios.validate import Report, validate_file, validate_paths

VALID = """\
id: mini-case
version: 1
title: {ru: Мини, en: Mini}
summary: {ru: Кратко, en: Short}
audience: law
minutes: 5
parameters:
  servant: {type: name}
  found: {type: date, between: [2026-03-02, 2026-03-31], working_day: true}
  deadline: {type: derived, expr: gift_transfer_deadline(found)}
narrative:
  ru: "{servant} находит подарок {found}."
  en: "{servant} finds a gift on {found}."
steps:
  - id: choose
    type: single_choice
    prompt: {ru: "Что делать?", en: "What to do?"}
    options:
      - id: hand_over
        text: {ru: Передать, en: Hand over}
        points: 1
        citations: [law:50.1.17]
      - id: keep
        text: {ru: Оставить, en: Keep}
        next: kept
    next: when
  - id: when
    type: date
    prompt: {ru: "До какой даты?", en: "By when?"}
    key: gift_transfer_deadline(found)
    points: 2
    readings: [no-rollover/not-moved]
    alternatives:
      - {readings: [no-rollover/next-working-day], key: roll_to_working_day(deadline)}
    next: done
  - id: kept
    type: info
    prompt: {ru: Аудит., en: An audit.}
    case: {offence: law:50.1.17, committed: "add_days(deadline, 1)", revealed: "add_days(found, 20)"}
    next: done
  - id: done
    type: end
    outcome: {ru: Конец, en: The end}
"""


def check_text(text: str, tmp_path: Path, name: str = "mini-case.yaml") -> Report:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return validate_paths([path])


@pytest.fixture
def validate_text(tmp_path: Path):  # type: ignore[no-untyped-def]
    return lambda text, name="mini-case.yaml": check_text(text, tmp_path, name)


def single(report: Report, code: str):  # type: ignore[no-untyped-def]
    found = [issue for issue in report.issues if issue.code == code]
    assert found, [str(issue) for issue in report.issues]
    return found[0]


__all__ = ["VALID", "Report", "check_text", "single", "validate_file"]

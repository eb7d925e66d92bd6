"""Runs the readable YAML cases in tests/law/cases against simkit.law, in the manner of OpenFisca's YAML tests.

A case names a function of simkit.law, its input, and either its output (a value, or a mapping of attributes
the result must have) or an error (a part of the ValueError's message).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from simkit import law

CASES_DIR = Path(__file__).parent / "cases"
PAIRED_ARGUMENTS = {"suspensions", "previous"}
DATE_INPUTS = {"aware", "found", "entry", "last", "committed", "revealed", "start", "applying", "day"}
DATE_INPUTS |= {"opened_on", "completed_on", "until"}


def load_cases() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


def prepared(arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        name: [tuple(pair) for pair in value] if name in PAIRED_ARGUMENTS else value
        for name, value in arguments.items()
    }


def comparable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    return value


def test_the_case_library_is_not_empty() -> None:
    assert len(load_cases()) >= 80


@pytest.mark.parametrize("case", load_cases())
def test_case(case: dict[str, Any]) -> None:
    function = getattr(law, case["function"])
    arguments = prepared(case["input"])
    if "error" in case:
        with pytest.raises(ValueError, match=case["error"]):
            function(**arguments)
        return
    result = function(**arguments)
    expected = case["output"]
    if isinstance(expected, dict):
        for attribute, value in expected.items():
            assert comparable(getattr(result, attribute)) == comparable(value), attribute
    else:
        assert result == expected
        assert isinstance(result, type(expected))


def test_dates_in_cases_are_real_dates() -> None:
    # YAML reads an unquoted 2026-03-02 as a date; a typo such as 2026-3-2 would stay a string and mislead.
    for path in CASES_DIR.glob("*.yaml"):
        for case in yaml.safe_load(path.read_text("utf-8")):
            for name, value in case["input"].items():
                if name in DATE_INPUTS:
                    assert isinstance(value, dt.date), f"{path.name}: {case['name']}: {name}"

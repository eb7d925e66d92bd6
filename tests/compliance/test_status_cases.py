"""Runs the readable cases in tests/compliance/cases against the compliance statuses, as tests/law runs the law's:
each names a function of simkit.compliance.status, its input, and the attributes of its result (or an error)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from simkit.compliance import status

CASES_DIR = Path(__file__).parent / "cases"
DATE_INPUTS = {"entry", "as_of"}
DATE_LISTS = {"acknowledgements", "trainings"}


def load_cases() -> list[Any]:
    return [
        pytest.param(case, id=f"{path.stem}: {case['name']}")
        for path in sorted(CASES_DIR.glob("*.yaml"))
        for case in yaml.safe_load(path.read_text("utf-8"))
    ]


def comparable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("case", load_cases())
def test_case(case: dict[str, Any]) -> None:
    function = getattr(status, case["function"])
    if "error" in case:
        with pytest.raises(ValueError, match=case["error"]):
            function(**case["input"])
        return
    result = function(**case["input"])
    for attribute, expected in case["output"].items():
        assert comparable(getattr(result, attribute)) == expected, attribute


def test_each_boundary_has_cases_on_both_sides() -> None:
    states = {
        (case["function"], case["output"].get("state"))
        for case in (param.values[0] for param in load_cases())
        if "output" in case
    }
    for expected in ("in_time", "late", "pending", "overdue", "before_entry"):
        assert ("onboarding_status", expected) in states
    for expected in ("ok", "due_soon", "overdue", "not_required"):
        assert ("training_status", expected) in states


def test_dates_in_cases_are_real_dates() -> None:
    # YAML reads an unquoted 2026-03-02 as a date; a typo such as 2026-3-2 would stay a string and mislead.
    for param in load_cases():
        case = param.values[0]
        for name, value in case["input"].items():
            if name in DATE_INPUTS:
                assert isinstance(value, dt.date), f"{case['name']}: {name}"
            if name in DATE_LISTS:
                assert all(isinstance(day, dt.date) for day in value), f"{case['name']}: {name}"


def test_every_provision_a_status_cites_is_bundled_and_every_reading_is_recorded() -> None:
    from simkit import law

    cited = {*status.ONBOARDING_BASIS, *status.TRAINING_BASIS}
    cited |= {citation for basis in status.NOT_ADMINISTRATIVE_BASIS.values() for citation in basis}
    for citation in cited:
        assert law.provision(citation).text["ru"]
    readings = ["acknowledgement-timing", "onboarding-audience", "administrative-servants", "training-first-due"]
    for note in [*readings, "entry-before-code"]:
        assert note in (status.__doc__ or "")
        assert law.interpretation(note).provisions
    assert all(law.interpretation(note).status == "reading" for note in readings)

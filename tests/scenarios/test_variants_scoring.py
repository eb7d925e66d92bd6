"""Variants are a pure function of (scenario, version, course seed, learner); keys and scores follow them."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit import law
from simkit.scenarios import AnswerError, Scenario, answer_key, make_variant, max_score, score
from simkit.scenarios.expressions import ExpressionError, evaluate
from tests.scenarios.conftest import VALID


@pytest.fixture(scope="module")
def mini() -> Scenario:
    return Scenario.model_validate(yaml.safe_load(VALID))


@settings(max_examples=50)
@given(seed=st.integers(min_value=0, max_value=2**31), learner=st.text(min_size=1, max_size=20))
def test_the_same_learner_always_gets_the_same_variant(seed: int, learner: str) -> None:
    scenario = Scenario.model_validate(yaml.safe_load(VALID))
    assert make_variant(scenario, seed, learner) == make_variant(scenario, seed, learner)


def test_learners_get_their_own_dates(mini: Scenario) -> None:
    found = {make_variant(mini, 7, f"learner-{number}").values["found"] for number in range(40)}
    assert len(found) > 10
    assert all(law.is_working_day(day) and dt.date(2026, 3, 2) <= day <= dt.date(2026, 3, 31) for day in found)


def test_version_and_course_seed_change_the_variant(mini: Scenario) -> None:
    base = [make_variant(mini, 1, f"l{n}").values["found"] for n in range(20)]
    other_seed = [make_variant(mini, 2, f"l{n}").values["found"] for n in range(20)]
    bumped = mini.model_copy(update={"version": 2})
    other_version = [make_variant(bumped, 1, f"l{n}").values["found"] for n in range(20)]
    assert base != other_seed and base != other_version


def test_a_grader_drawing_only_what_its_keys_read_gets_the_learners_own_values() -> None:
    from simkit.grading.grader import ScenarioKey
    from simkit.scenarios.library import load_library

    for _path, scenario in load_library().scenarios.values():
        key = ScenarioKey.of(scenario)
        for learner in ("aigerim", "bekzat", "learner-000042"):
            full = make_variant(scenario, 2026, learner).values
            partial = make_variant(scenario, 2026, learner, only=key.needed).values
            assert partial == {name: full[name] for name in key.needed}, scenario.id
            drawn_first = make_variant(scenario, 2026, learner, only=key.drawn).values
            completed = make_variant(scenario, 2026, learner, only=key.needed, known=drawn_first).values
            assert completed == partial, scenario.id


def test_two_names_in_one_case_are_two_people() -> None:
    from simkit.scenarios.library import load_library

    cases = [
        s for _p, s in load_library().scenarios.values() if sum(p.type == "name" for p in s.parameters.values()) > 1
    ]
    assert cases, "the library has no case with two named people"
    for scenario in cases:
        for number in range(50):
            values = make_variant(scenario, 1, f"learner-{number}").values
            names = [values[name].get("en") for name, spec in scenario.parameters.items() if spec.type == "name"]
            assert len(set(names)) == len(names), (scenario.id, names)


def test_derived_values_come_from_simkit_law(mini: Scenario) -> None:
    variant = make_variant(mini, 3, "alice")
    assert variant.values["deadline"] == law.gift_transfer_deadline(variant.values["found"])
    assert answer_key(mini.step("when"), variant) == variant.values["deadline"]


def test_rendering_substitutes_per_language(mini: Scenario) -> None:
    variant = make_variant(mini, 3, "alice")
    found = variant.values["found"]
    assert f"{found:%d.%m.%Y}" in variant.render(mini.narrative, "ru")
    assert str(found.year) in variant.render(mini.narrative, "en") and "{" not in variant.render(mini.narrative, "en")


def test_the_maximum_is_the_best_path_not_the_sum(mini: Scenario) -> None:
    assert max_score(mini) == 3  # hand_over (1) + the date (2); the "keep" branch offers nothing more


def test_scoring_each_answer(mini: Scenario) -> None:
    variant = make_variant(mini, 3, "alice")
    assert score(mini.step("choose"), "hand_over", variant).points == 1
    assert score(mini.step("choose"), "keep", variant).correct is False
    right = score(mini.step("when"), variant.values["deadline"].isoformat(), variant)
    wrong = score(mini.step("when"), (variant.values["deadline"] + dt.timedelta(days=1)).isoformat(), variant)
    assert (right.points, wrong.points) == (2, 0)
    with pytest.raises(AnswerError, match="unknown option"):
        score(mini.step("choose"), "steal", variant)
    with pytest.raises(AnswerError, match="not a date"):
        score(mini.step("when"), "next tuesday", variant)


def test_partial_credit_for_multiple_selection() -> None:
    from simkit.scenarios import model

    step = model.MultipleChoice.model_validate(
        {
            "id": "pick",
            "type": "multiple_choice",
            "prompt": {"ru": "?", "en": "?"},
            "points": 4,
            "options": [{"id": key, "text": {"ru": key, "en": key}, "correct": key in "ab"} for key in "abcd"],
        }
    )
    variant = None
    assert score(step, ["a", "b"], variant).points == 4
    assert score(step, ["a"], variant).points == 2
    assert score(step, ["a", "c"], variant).points == 0
    assert score(step, ["a", "b", "c"], variant).points == 2
    with pytest.raises(AnswerError, match="twice"):
        score(step, ["a", "a"], variant)


def test_ordering_partial_and_exact() -> None:
    from simkit.scenarios import model

    data = {
        "id": "order",
        "type": "ordering",
        "prompt": {"ru": "?", "en": "?"},
        "points": 3,
        "items": [{"id": key, "text": {"ru": key, "en": key}} for key in "abc"],
    }
    partial = model.Ordering.model_validate(data)
    exact = model.Ordering.model_validate({**data, "scoring": "exact"})
    assert score(partial, ["a", "b", "c"], None).points == 3
    assert score(partial, ["a", "c", "b"], None).points == 1
    assert score(exact, ["a", "c", "b"], None).points == 0


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "found.__class__",
        "(lambda: 1)()",
        "[x for x in range(3)]",
        "open('x')",
        "'a' * 100000000",
        "found[0]",
    ],
)
def test_expressions_refuse_anything_outside_the_whitelist(source: str) -> None:
    with pytest.raises(ExpressionError):
        evaluate(source, {"found": dt.date(2026, 3, 2)})


def test_expressions_compute_law_rules() -> None:
    names = {"committed": dt.date(2026, 1, 10), "revealed": dt.date(2026, 3, 1), "leave": dt.date(2026, 4, 1)}
    source = (
        "imposition_deadline(committed=committed, revealed=revealed, discrediting=True, "
        "suspensions=[[leave, add_days(leave, 13)]])"
    )
    assert evaluate(source, names) == dt.date(2026, 6, 15)
    assert evaluate("sanction_kind('law:50.1.17')", {}) == "dismissal"
    assert evaluate("7 if restricted_relative('spouse.sibling') else 0", {}) == 7

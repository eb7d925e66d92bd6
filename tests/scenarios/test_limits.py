"""Derived parameters have budgets: each value has a size limit and each variant a budget of evaluation steps.

An attack is refused by `simkit validate` naming the file, the parameter and the limit, within a fraction of a
second; the player (make_variant) and grading (draw_values of what the keys read) meet the same limits with the
same error; ordinary scenarios, long-ish texts and chains of a few derived parameters are untouched.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simkit.scenarios import Scenario, answer_key, make_variant
from simkit.scenarios.expressions import ExpressionError, LimitError, Meter, evaluate
from simkit.scenarios.limits import MAX_FILLED, MAX_SIZE, STEPS_PER_VARIANT
from simkit.scenarios.text import LocalText
from simkit.scenarios.validate import Issue, validate_paths
from simkit.scenarios.variants import DrawError, draw_values
from tests.scenarios.conftest import VALID

DEADLINE = "  deadline: {type: derived, expr: gift_transfer_deadline(found)}\n"


def with_parameters(lines: str, text: str = VALID) -> str:
    """The small valid scenario with more parameters after its own."""
    assert text.count(DEADLINE) == 1
    return text.replace(DEADLINE, DEADLINE + lines)


def derived(name: str, expr: str) -> str:
    return f"  {name}: {{type: derived, expr: {yaml.safe_dump(expr, default_style=chr(34)).strip()}}}\n"


def chain(name: str, first: str, step: str, count: int) -> str:
    """``name0 = first``, then ``nameN = step`` with ``{prev}`` for the one before, ``count`` times."""
    lines = derived(f"{name}0", first)
    return lines + "".join(derived(f"{name}{n}", step.format(prev=f"{name}{n - 1}")) for n in range(1, count + 1))


def validated(tmp_path: Path, text: str) -> tuple[list[Issue], float]:
    path = tmp_path / "mini-case.yaml"
    path.write_text(text, "utf-8")
    started = time.process_time()
    issues = validate_paths([path]).issues
    return issues, time.process_time() - started


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# Each attack: the parameters it adds, the parameter the error must name, and the limit the message must state.
ATTACKS = {
    "text repetition": (derived("big", "'x' * 10 ** 9"), "big", f"{MAX_SIZE:,}"),
    "repetition of a list": (derived("big", "[1, 2] * 100000"), "big", f"{MAX_SIZE:,}"),
    "power tower": (derived("big", "9 ** 9 ** 9"), "big", "10**15"),
    "big power": (derived("big", "2 ** 100"), "big", "10**15"),
    "huge literal": (derived("big", "10000000000000000000000"), "big", "10**15"),
    "format width": (derived("big", "'%100000000s' % 'x'"), "big", f"{MAX_SIZE:,}"),
    "format precision": (derived("big", "'%.100000000f' % 1.5"), "big", f"{MAX_SIZE:,}"),
    "format width from an argument": (derived("big", "'%*d' % [100000000, 1]"), "big", "'*'"),
    "text doubling across parameters": (chain("t", "'abcdefghij'", "{prev} + {prev}", 30), "t10", f"{MAX_SIZE:,}"),
    "number squaring across parameters": (chain("n", "99", "{prev} * {prev}", 30), "n3", "10**15"),
    "list doubling across parameters": (chain("l", "[1, 2]", "[{prev}, {prev}]", 40), "l8", "8 deep"),
    "list concatenation across parameters": (chain("l", "[1, 2]", "{prev} + {prev}", 40), "l13", f"{MAX_SIZE:,}"),
    "deep nesting": (derived("deep", "-" * 200 + "1"), "deep", "50 deep"),
    "deep calls": (derived("deep", "abs(" * 60 + "1" + ")" * 60), "deep", "50 deep"),
    "working days past the calendar": (derived("far", "add_working_days(found, 100000000)"), "far", "2199"),
    "dates past the calendar": (derived("far", "add_days(found, 3000000)"), "far", "2199"),
    "rounding to a huge number of digits": (derived("r", "round(5, -100000000)"), "r", "15"),
    "comparing long lists over and over": (
        chain("c", "[0] * 9000", "{prev} if c0 == c0 and c0 == c0 and c0 == c0 else c0", 30),
        "c",
        f"{STEPS_PER_VARIANT:,}",
    ),
    "many derived parameters, each a long text": (
        chain("p", "'y' * 9000", "{prev} + ''", 40),
        "p1",
        f"{STEPS_PER_VARIANT:,}",
    ),
    "many law rules": (chain("d", "found", "add_working_days({prev}, 1)", 6000), "d", f"{STEPS_PER_VARIANT:,}"),
    "an infinite number range": ("  n: {type: number, min: 0, max: .inf}\n", "n", "10**15"),
    "a step too fine to count": ("  n: {type: number, min: 0, max: 1000, step: 1.0e-300}\n", "n", "10**15"),
    "a date range past the calendar": ("  d: {type: date, between: [2026-01-01, 9999-12-31]}\n", "d", "2199"),
    "a choice of a huge text": ("  c: {type: choice, options: [" + "z" * 20_000 + "]}\n", "c", f"{MAX_SIZE:,}"),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_validate_refuses_an_attack_naming_the_file_the_parameter_and_the_limit(tmp_path: Path, attack: str) -> None:
    lines, parameter, limit = ATTACKS[attack]
    text = with_parameters(lines)
    issues, seconds = validated(tmp_path, text)
    errors = [issue for issue in issues if issue.level == "error"]
    assert errors, f"{attack}: accepted"
    error = errors[0]
    assert error.code == "E010" and error.path.name == "mini-case.yaml", str(error)
    assert f"parameter '{parameter}" in error.message and limit in error.message, str(error)
    assert error.line >= line_of(text, f"  {parameter}") and error.hint, str(error)
    assert "\n" not in str(error) and len(str(error)) < 600
    assert seconds < 2, f"{attack}: {seconds:.2f}s"


def test_answer_keys_share_the_variants_budget(tmp_path: Path) -> None:
    """Each key is cheap; two hundred of them on one variant are not."""
    step = (
        "  - id: q{n}\n    type: number\n    prompt: {{ru: Сколько?, en: How many?}}\n"
        '    key: "len_text + 0 if long == long else 0"\n    points: 1\n    next: q{next}\n'
    )
    steps = "".join(step.format(n=n, next=n + 1) for n in range(200)).replace("next: q200", "next: done")
    text = with_parameters(derived("long", "'w' * 9000") + derived("len_text", "9000"))
    text = text.replace("    next: done\n  - id: kept", "    next: q0\n  - id: kept").replace(
        "  - id: done\n", steps + "  - id: done\n"
    )
    issues, seconds = validated(tmp_path, text)
    budget = [issue for issue in issues if f"{STEPS_PER_VARIANT:,} steps" in issue.message]
    assert budget and "answer key of step" in budget[0].message, [str(issue) for issue in issues]
    assert seconds < 2


def test_a_text_whose_placeholders_add_too_much_is_refused_at_the_text(tmp_path: Path) -> None:
    text = with_parameters(derived("long", "'v' * 9000"))
    text = text.replace('en: "{servant} finds a gift on {found}."', 'en: "' + "{long}" * 12 + '"')
    issues, _seconds = validated(tmp_path, text)
    error = next(issue for issue in issues if issue.code == "E010")
    assert f"{MAX_FILLED:,}" in error.message and error.line == line_of(text, 'en: "{long}'), str(error)


ORDINARY = {
    "a chain of a few derived dates": chain("day", "found", "add_working_days({prev}, 3)", 6),
    "a long-ish derived text": (
        "  place: {type: choice, options: [{ru: акимат района, en: the district akimat}]}\n"
        + derived("intro", "'The gift was found at the desk. ' * 60")
        + derived("story", "intro + 'It was handed over on time. ' * 100 + 'The end.'")
    ),
    "arithmetic on amounts": "  amount: {type: number, min: 10000, max: 90000, step: 5000}\n"
    + derived("doubled", "amount * 2")
    + derived("squared", "round(amount ** 2 / 1000)")
    + derived("shown", "'%.2f' % (amount / 3)"),
    "a list of suspensions": derived(
        "until",
        "imposition_deadline(committed=found, revealed=found, discrediting=True, "
        "suspensions=[[found, add_days(found, 3)], [add_days(found, 10), add_days(found, 12)]])",
    ),
}


@pytest.mark.parametrize("case", ORDINARY)
def test_ordinary_derived_parameters_validate_clean(tmp_path: Path, case: str) -> None:
    issues, _seconds = validated(tmp_path, with_parameters(ORDINARY[case]))
    assert issues == [], [str(issue) for issue in issues]


def test_ordinary_values_are_what_they_say() -> None:
    scenario = Scenario.model_validate(yaml.safe_load(with_parameters(ORDINARY["a long-ish derived text"])))
    story = make_variant(scenario, 1, "aigerim").values["story"]
    assert story == "The gift was found at the desk. " * 60 + "It was handed over on time. " * 100 + "The end."
    dates = Scenario.model_validate(yaml.safe_load(with_parameters(ORDINARY["a chain of a few derived dates"])))
    values = make_variant(dates, 1, "aigerim").values
    assert values["day6"] > values["day0"] and all(isinstance(values[f"day{n}"], dt.date) for n in range(7))


def unvalidated(lines: str) -> Scenario:
    """A scenario that was never through the validator, as a player or grader might be handed one."""
    return Scenario.model_validate(yaml.safe_load(with_parameters(lines)))


@pytest.mark.parametrize(
    "attack", ["text doubling across parameters", "power tower", "many law rules", "an infinite number range"]
)
def test_the_player_and_grading_meet_the_same_limits(attack: str) -> None:
    lines, parameter, limit = ATTACKS[attack]
    scenario = unvalidated(lines)
    started = time.process_time()
    with pytest.raises(DrawError, match=limit.replace("*", r"\*")) as player:
        make_variant(scenario, 7, "learner-000001")
    wanted = frozenset(scenario.parameters)
    with pytest.raises(ValueError, match=limit.replace("*", r"\*")) as grading:
        draw_values(scenario, 7, "learner-000001", only=wanted)
    assert player.value.parameter.startswith(parameter) and str(grading.value) == str(player.value)
    assert time.process_time() - started < 2


def test_an_answer_key_over_a_limit_fails_with_the_limit() -> None:
    scenario = unvalidated(derived("amount", "7"))
    key = scenario.step("when").model_copy(update={"key": "add_days(found, 10 ** 9)"})
    with pytest.raises(LimitError, match="2199"):
        answer_key(key, make_variant(scenario, 1, "aigerim"))


def test_showing_a_text_with_too_many_filled_placeholders_fails_with_the_limit() -> None:
    variant = make_variant(unvalidated(derived("long", "'v' * 9000")), 1, "aigerim")
    with pytest.raises(LimitError, match=f"{MAX_FILLED:,}"):
        variant.render(LocalText(ru="{long}" * 12, en="{long}" * 12), "en")
    assert len(variant.render(LocalText(ru="{long}", en="{long} and {long}"), "en")) == 18_005


def test_the_budget_counts_steps_not_seconds() -> None:
    """A remembered result costs what it cost the first time, so a variant passes or fails the same way
    whatever was evaluated before it in the process."""
    names = {"found": dt.date(2026, 3, 2), "text": "q" * 5000}
    first, again = Meter(), Meter()
    evaluate("add_working_days(found, 5)", names, first)
    evaluate("add_working_days(found, 5)", names, again)
    assert first.left == again.left < STEPS_PER_VARIANT
    first, again = Meter(), Meter()
    evaluate("text + text", names, first)
    evaluate("text + text", names, again)
    assert first.left == again.left == STEPS_PER_VARIANT - 3 - 10_000
    with pytest.raises(LimitError, match="100,000 steps"):
        evaluate("text + text", names, Meter(9_000))


@pytest.mark.parametrize(
    ("source", "value"),
    [("'-' * 20", "-" * 20), ("2 ** 10", 1024), ("2 ** -1", 0.5), ("'%5.1f' % 2.25", "  2.2"), ("[1] * 3", [1, 1, 1])],
)
def test_small_repetitions_powers_and_formats_are_allowed(source: str, value: object) -> None:
    assert evaluate(source, {}) == value


def test_expression_errors_are_expression_errors() -> None:
    with pytest.raises(ExpressionError, match="negative number to a fractional power"):
        evaluate("(-8) ** 0.5", {})
    with pytest.raises(ExpressionError, match="cannot compute"):
        evaluate("-found", {"found": dt.date(2026, 3, 2)})


ATOMS = ["t", "n", "d", "l", "9", "999999", "0.5", "'ab'", "'%9999s'", "[t, t]", "True", "-3", "10000"]
CALLS = ["add_days", "add_months", "add_working_days", "round", "max", "min", "abs", "days_between", "date"]


def expressions_from_pieces() -> st.SearchStrategy[str]:
    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "==", "<", "in"]), inner)
        called = st.tuples(st.sampled_from(CALLS), st.lists(inner, min_size=1, max_size=3))
        return st.one_of(
            binary.map(lambda parts: f"({parts[0]} {parts[1]} {parts[2]})"),
            called.map(lambda parts: f"{parts[0]}({', '.join(parts[1])})"),
            st.lists(inner, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
        )

    return st.recursive(st.sampled_from(ATOMS), grow, max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=expressions_from_pieces())
def test_any_expression_computes_within_the_limits_or_says_which_one_it_meets(source: str) -> None:
    names = {"t": "x" * 5000, "n": 99_999, "d": dt.date(2026, 3, 2), "l": list(range(3000))}
    started = time.process_time()
    try:
        value = evaluate(source, names)
    except ExpressionError:
        value = None
    assert time.process_time() - started < 0.5, source
    if isinstance(value, str | list):
        assert len(value) <= MAX_SIZE, source
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert abs(value) <= 10**15, source


def test_a_chain_of_thousands_of_steps_validates_and_scores(tmp_path: Path) -> None:
    from simkit.scenarios import max_score

    count = 5000
    steps = "".join(
        f"  - {{id: s{n}, type: number, prompt: {{ru: а, en: a}}, key: '1', points: 1, next: s{n + 1}}}\n"
        for n in range(count)
    )
    text = (
        VALID.split("steps:\n")[0]
        + "steps:\n"
        + steps
        + f"  - {{id: s{count}, type: end, outcome: {{ru: а, en: a}}}}\n"
    )
    issues, seconds = validated(tmp_path, text)
    assert issues == [] and seconds < 5, [str(issue) for issue in issues[:3]]
    assert max_score(Scenario.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))) == count

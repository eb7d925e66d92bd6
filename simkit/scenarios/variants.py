"""Per-learner variants: a pure function of (scenario id, version, course seed, learner id).

Each parameter is drawn from its own range or choices by a hash of those four values and its name (see
:class:`Draws`); derived parameters are computed through simkit.law with the safe expression form. The grader
rebuilds the same variant from the same four values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from simkit import law
from simkit.scenarios import model
from simkit.scenarios.expressions import ExpressionError, LimitError, Meter, expression
from simkit.scenarios.limits import FIRST_DAY, LAST_DAY, MAX_FILLED, MAX_NUMBER, MAX_SIZE
from simkit.scenarios.text import LocalText, format_value

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Variant:
    """One learner's values of a scenario's parameters."""

    scenario_id: str
    version: int
    course_seed: int
    learner: str
    values: Mapping[str, Any]

    def render(self, text: LocalText | None, lang: str) -> str:
        """``text`` in ``lang`` with every ``{parameter}`` replaced by its value written for that language."""
        if text is None:
            return ""
        added = 0

        def fill(match: re.Match[str]) -> str:
            nonlocal added
            piece = self._placeholder(match.group(1), lang)
            added += len(piece)
            if added > MAX_FILLED:  # refused as it grows: a text of many placeholders is never built in full
                raise LimitError(
                    f"the placeholders of a text in {lang} add more than {MAX_FILLED:,} characters "
                    f"(the limit per text), at {{{match.group(1)}}}"
                )
            return piece

        return PLACEHOLDER.sub(fill, text.get(lang))

    def _placeholder(self, name: str, lang: str) -> str:
        if name not in self.values:
            return "{" + name + "}"
        return format_value(self.values[name], lang)


def seed_of(scenario_id: str, version: int, course_seed: int, learner: str) -> int:
    """A learner's number for one scenario, for what is only shown in a per-learner order (never a key)."""
    digest = hashlib.sha256(f"{scenario_id}\x1f{version}\x1f{course_seed}\x1f{learner}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


class Draws:
    """The learner's draws: each parameter's own, from a hash of (scenario, version, course seed, learner,
    parameter, attempt). A draw depends on nothing drawn before it, so a grader draws only what its keys read;
    and it is defined here, not by ``random``, whose methods may draw differently in another Python version."""

    __slots__ = ("hashed", "meter")

    def __init__(
        self, scenario_id: str, version: int, course_seed: int, learner: str, meter: Meter | None = None
    ) -> None:
        material = f"{scenario_id}\x1f{version}\x1f{course_seed}\x1f{learner}\x1f".encode()
        self.hashed = hashlib.blake2b(material, digest_size=8)  # the learner's part, hashed once for every draw
        self.meter = meter  # the variant's budget of evaluation, shared by its derived parameters; made when needed

    def below(self, count: int, name: str, attempt: int = 0) -> int:
        """A whole number in [0, count), the same for the same learner, parameter and attempt: from the blake2b
        hash (8 bytes) of the learner's part, the parameter's name and the attempt."""
        return _below(self.hashed, _suffix(name, attempt), count)


_from_bytes = int.from_bytes


def _below(hashed: Any, suffix: bytes, count: int) -> int:
    """:meth:`Draws.below`, for a drawer that knows its parameter's suffix already."""
    hasher = hashed.copy()
    hasher.update(suffix)
    return _from_bytes(hasher.digest(), "big") % count  # 2**64 possible values: the bias is below 1e-17


@cache
def _suffix(name: str, attempt: int) -> bytes:
    return f"{name}\x1f{attempt}".encode()


@cache
def _names() -> dict[str, tuple[LocalText, ...]]:
    raw = yaml.safe_load(resources.files("simkit.scenarios").joinpath("data/names.yaml").read_text("utf-8"))
    return {gender: tuple(LocalText(**entry) for entry in entries) for gender, entries in raw.items()}


WORKING_DAY_ATTEMPTS = 64  # a range with a working day finds one long before: ranges are of weeks, not days

# A parameter's drawer: (the learner's draws, the values so far, names taken) → its value. Made once per plan,
# so what a spec fixes (a span, a grid) is worked out once, not for each learner.
Drawer = Callable[[Draws, dict[str, Any], set[str]], Any]


def _date_drawer(spec: model.DateParameter, name: str) -> Drawer:
    first, last = spec.between
    span, working_only = (last - first).days, spec.working_day

    first_try, is_working_day = _suffix(name, 0), law.is_working_day
    start, on_day = first.toordinal(), dt.date.fromordinal  # a day by its number: no timedelta made per draw

    def draw_date(draws: Draws, _values: dict[str, Any], _taken: set[str]) -> dt.date:
        if span < 0:
            raise ValueError(f"the date range ends ({last}) before it starts ({first})")
        day = on_day(start + _below(draws.hashed, first_try, span + 1))
        if not working_only or is_working_day(day):
            return day
        for attempt in range(1, WORKING_DAY_ATTEMPTS):
            day = on_day(start + draws.below(span + 1, name, attempt))
            if is_working_day(day):
                return day
        raise ValueError(f"no working day found between {first} and {last}")

    return draw_date


def _number_drawer(spec: model.NumberParameter, name: str) -> Drawer:
    low, step = spec.min, spec.step
    steps = int((spec.max - low) // step)
    whole_steps = float(step).is_integer()

    suffix = _suffix(name, 0)

    def draw_number(draws: Draws, _values: dict[str, Any], _taken: set[str]) -> float | int:
        if steps < 0:
            raise ValueError(f"the number range ends ({spec.max}) below its start ({low})")
        value = low + step * _below(draws.hashed, suffix, steps + 1)
        return int(value) if whole_steps and float(value).is_integer() else value

    return draw_number


def _days_problem(spec: model.DateParameter) -> LimitError | None:
    for at, day in enumerate(spec.between):
        if not FIRST_DAY <= day <= LAST_DAY:
            years = f"{FIRST_DAY.year}–{LAST_DAY.year}"
            return LimitError(f"{day} is outside the years {years} for a date", ("between", at))
    return None


def _range_problem(spec: model.NumberParameter) -> LimitError | None:
    """A bound beyond the limit of a number, or a step too fine to count the range in."""
    for key in ("min", "max", "step"):
        value = getattr(spec, key)
        if not -MAX_NUMBER <= value <= MAX_NUMBER:  # also false for NaN
            return LimitError(f"{key} is {value:g}, beyond the limit of ±10**15 for a number", (key,))
    if (spec.max - spec.min) / spec.step > MAX_NUMBER:
        return LimitError(f"step {spec.step:g} cuts the range into more than 10**15 values", ("step",))
    return None


def _choice_drawer(spec: model.ChoiceParameter, name: str) -> Drawer:
    options, suffix = spec.options, _suffix(name, 0)
    return lambda draws, _values, _taken: options[_below(draws.hashed, suffix, len(options))]


def _options_problem(spec: model.ChoiceParameter) -> LimitError | None:
    return next(filter(None, (_over_limit(option, at) for at, option in enumerate(spec.options))), None)


def _over_limit(option: LocalText | str | float | bool, at: int) -> LimitError | None:
    texts = [text for text in (option.ru, option.en, option.kk) if text] if isinstance(option, LocalText) else []
    longest = max(map(len, [option] if isinstance(option, str) else texts), default=0)
    if longest > MAX_SIZE:
        return LimitError(
            f"option {at + 1} is a text of {longest:,} characters, over the limit of {MAX_SIZE:,} per value",
            ("options", at),
        )
    if isinstance(option, int | float) and not isinstance(option, bool) and not -MAX_NUMBER <= option <= MAX_NUMBER:
        return LimitError(f"option {at + 1} is {option:g}, beyond the limit of ±10**15 for a number", ("options", at))
    return None


def _derived_drawer(spec: model.DerivedParameter, _name: str) -> Drawer:
    try:
        value_of = expression(spec.expr).value
    except ExpressionError as error:  # refused when drawn, as any value that cannot be computed is
        return _refusing(error)

    def draw_derived(draws: Draws, values: dict[str, Any], _taken: set[str]) -> Any:
        if draws.meter is None:
            draws.meter = Meter()
        return value_of(values, draws.meter)

    return draw_derived


@cache
def _name_pool(gender: str) -> tuple[LocalText, ...]:
    return tuple(name for kind, names in _names().items() if gender in ("any", kind) for name in names)


@cache
def _english_names(gender: str) -> tuple[str, ...]:
    return tuple(name.get("en") for name in _name_pool(gender))


def _name_drawer(spec: model.NameParameter, name: str) -> Drawer:
    """Two names in a case are never the same person: a name is drawn among those not taken before it."""

    def draw_name(draws: Draws, _values: dict[str, Any], taken: set[str]) -> LocalText:
        pool, english = _name_pool(spec.gender), _english_names(spec.gender)
        fresh = [person for person, key in zip(pool, english, strict=True) if key not in taken] if taken else pool
        choices = fresh or pool
        choice = choices[draws.below(len(choices), name)]
        taken.add(choice.get("en"))
        return choice

    return draw_name


DRAWERS: dict[type, Callable[[Any, str], Drawer]] = {
    model.DateParameter: _date_drawer,
    model.NumberParameter: _number_drawer,
    model.ChoiceParameter: _choice_drawer,
    model.DerivedParameter: _derived_drawer,
    model.NameParameter: _name_drawer,
}


# What a declaration may hold beyond the limits of a value; found once per plan, so a learner's draw checks nothing.
PROBLEMS: dict[type, Callable[[Any], LimitError | None]] = {
    model.DateParameter: _days_problem,
    model.NumberParameter: _range_problem,
    model.ChoiceParameter: _options_problem,
}


def drawer(spec: model.Parameter, name: str) -> Drawer:
    find = PROBLEMS.get(type(spec))
    problem = find(spec) if find else None
    return DRAWERS[type(spec)](spec, name) if problem is None else _refusing(problem)


def _refusing(problem: ExpressionError) -> Drawer:
    def refuse(_draws: Draws, _values: dict[str, Any], _taken: set[str]) -> Any:
        raise problem

    return refuse


class Parametrised(Protocol):
    """A scenario, or its exam copy: what a variant is drawn from."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def parameters(self) -> Mapping[str, model.Parameter]: ...


def make_variant(
    scenario: Parametrised,
    course_seed: int,
    learner: str,
    only: frozenset[str] | None = None,
    known: Mapping[str, Any] | None = None,
    meter: Meter | None = None,
    plan: Plan | None = None,
) -> Variant:
    """The learner's variant; raises ValueError (with the parameter's name) if a parameter cannot be drawn.

    With ``only`` (the names a grader's keys read, derived ones with what they read), just those are drawn or
    computed: each draw is the learner's own whatever else is drawn. Names are the exception, as two names
    in a case are never the same person: a name is drawn after the names declared before it. ``known`` holds
    values drawn already for this learner (by a grader that drew fewer first): they are taken, not drawn again.
    ``meter`` is the variant's budget of evaluation (see :mod:`simkit.scenarios.limits`), to go on spending on
    its answer keys; a fresh one if none. ``plan`` is what :func:`plan_of` made for ``only``, by a caller that
    draws many learners' variants of one scenario."""
    values = draw_values(scenario, course_seed, learner, only, known, meter, plan)
    return Variant(scenario.id, scenario.version, course_seed, str(learner), values)


def draw_values(
    scenario: Parametrised,
    course_seed: int,
    learner: str,
    only: frozenset[str] | None = None,
    known: Mapping[str, Any] | None = None,
    meter: Meter | None = None,
    plan: Plan | None = None,
) -> dict[str, Any]:
    """The values of :func:`make_variant`, without the variant around them (a grader needs just these)."""
    draws = Draws(scenario.id, scenario.version, course_seed, str(learner), meter)
    return draw_planned(draws, plan if plan is not None else plan_of(scenario, only), known)


def draw_planned(draws: Draws, plan: Plan, known: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The values of :func:`draw_values` by a plan made once (:func:`plan_of`), for the learner ``draws`` is of;
    a grader draws the same parameters for every learner. Derived values spend ``draws.meter``, or a fresh budget
    made for this call if it is None."""
    values = {name: known[name] for name, _draw, _is_name in plan if name in known} if known else {}
    return draw_into(draws, plan, values)


def draw_into(draws: Draws, plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (the learner's, drawn before) with what ``plan`` draws besides, as :func:`draw_planned` with
    them known draws it: the values already there are not drawn again, and nothing is copied. A derived value
    reads only parameters declared above it, so it is the same whatever else ``values`` holds."""
    taken: set[str] = set()
    for name, draw, is_name in plan:
        if name in values:
            if is_name:
                taken.add(values[name].get("en"))
            continue
        try:
            values[name] = draw(draws, values, taken)
        except ValueError as error:
            raise DrawError(name, error) from None
    return values


class DrawError(ValueError):
    """A parameter that cannot be drawn or computed for a learner; ``parameter`` names it, ``over_limit`` tells
    whether it went over a limit of :mod:`simkit.scenarios.limits`."""

    def __init__(self, parameter: str, error: ValueError) -> None:
        super().__init__(f"parameter {parameter!r}: {error}")
        self.parameter, self.over_limit = parameter, isinstance(error, LimitError)
        self.where = error.where if isinstance(error, LimitError) else ()  # the key of the parameter at fault


Plan = list[tuple[str, Drawer, bool]]  # (name, its drawer, whether it is a name) in the order of drawing


def plan_of(scenario: Parametrised, only: frozenset[str] | None = None) -> Plan:
    """What :func:`draw_values` draws for ``only`` (every parameter if None), in order: made once, it draws for
    any number of learners (:func:`draw_planned`)."""
    return _plan(scenario.parameters, only)


def _plan(parameters: Mapping[str, model.Parameter], only: frozenset[str] | None) -> Plan:
    wanted = set(parameters) if only is None else only
    last_name = max(
        (place for place, (name, spec) in enumerate(parameters.items()) if name in wanted and _is_name(spec)),
        default=-1,
    )
    return [
        (name, drawer(spec, name), _is_name(spec))
        for place, (name, spec) in enumerate(parameters.items())
        if name in wanted or (place < last_name and _is_name(spec))
    ]


def _is_name(spec: model.Parameter) -> bool:
    return isinstance(spec, model.NameParameter)

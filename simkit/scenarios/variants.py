"""Per-learner variants: a pure function of (scenario id, version, course seed, learner id).

Each parameter is drawn in the order declared from its own range or choices; derived parameters are computed
through simkit.law with the safe expression form. The grader rebuilds the same variant from the same four values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import yaml

from simkit import law
from simkit.scenarios import model
from simkit.scenarios.expressions import evaluate
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
        return PLACEHOLDER.sub(lambda match: self._placeholder(match.group(1), lang), text.get(lang))

    def _placeholder(self, name: str, lang: str) -> str:
        if name not in self.values:
            return "{" + name + "}"
        return format_value(self.values[name], lang)


def seed_of(scenario_id: str, version: int, course_seed: int, learner: str) -> int:
    digest = hashlib.sha256(f"{scenario_id}\x1f{version}\x1f{course_seed}\x1f{learner}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@cache
def _names() -> dict[str, tuple[LocalText, ...]]:
    raw = yaml.safe_load(resources.files("simkit.scenarios").joinpath("data/names.yaml").read_text("utf-8"))
    return {gender: tuple(LocalText(**entry) for entry in entries) for gender, entries in raw.items()}


def _draw_date(spec: model.DateParameter, rng: random.Random) -> dt.date:
    first, last = spec.between
    span = (last - first).days
    if span < 0:
        raise ValueError(f"the date range ends ({last}) before it starts ({first})")
    for _attempt in range(64):
        day = first + dt.timedelta(days=rng.randint(0, span))
        if not spec.working_day or law.is_working_day(day):
            return day
    raise ValueError(f"no working day found between {first} and {last}")


def _draw_number(spec: model.NumberParameter, rng: random.Random) -> float | int:
    steps = int((spec.max - spec.min) // spec.step)
    if steps < 0:
        raise ValueError(f"the number range ends ({spec.max}) below its start ({spec.min})")
    value = spec.min + spec.step * rng.randint(0, steps)
    return int(value) if float(value).is_integer() and float(spec.step).is_integer() else value


@cache
def _name_pool(gender: str) -> tuple[LocalText, ...]:
    return tuple(name for kind, names in _names().items() if gender in ("any", kind) for name in names)


@cache
def _english_names(gender: str) -> tuple[str, ...]:
    return tuple(name.get("en") for name in _name_pool(gender))


def _draw_name(spec: model.NameParameter, rng: random.Random, taken: set[str]) -> LocalText:
    pool, english = _name_pool(spec.gender), _english_names(spec.gender)
    fresh = [name for name, key in zip(pool, english, strict=True) if key not in taken] if taken else pool
    choice = rng.choice(fresh or pool)
    taken.add(choice.get("en"))
    return choice


def draw(spec: model.Parameter, rng: random.Random, values: Mapping[str, Any], taken: set[str]) -> Any:
    if isinstance(spec, model.DateParameter):
        return _draw_date(spec, rng)
    if isinstance(spec, model.NumberParameter):
        return _draw_number(spec, rng)
    if isinstance(spec, model.ChoiceParameter):
        return rng.choice(spec.options)
    if isinstance(spec, model.NameParameter):
        return _draw_name(spec, rng, taken)
    return evaluate(spec.expr, values)


class Parametrised(Protocol):
    """A scenario, or its exam copy: what a variant is drawn from."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def parameters(self) -> Mapping[str, model.Parameter]: ...


def make_variant(scenario: Parametrised, course_seed: int, learner: str, only: frozenset[str] | None = None) -> Variant:
    """The learner's variant; raises ValueError (with the parameter's name) if a parameter cannot be drawn.

    With ``only`` (the names a grader's keys read), derived parameters outside it are not computed and drawing
    stops once all of it is known; every drawn parameter before that is still drawn, in order, so the values
    are the learner's own."""
    rng = random.Random(seed_of(scenario.id, scenario.version, course_seed, learner))
    values: dict[str, Any] = {}
    taken: set[str] = set()
    missing = set(only) if only is not None else None
    for name, spec in scenario.parameters.items():
        if missing is not None:
            if not missing:
                break
            if name not in missing and isinstance(spec, model.DerivedParameter):
                continue
            missing.discard(name)
        try:
            values[name] = draw(spec, rng, values, taken)
        except ValueError as error:
            raise ValueError(f"parameter {name!r}: {error}") from None
    return Variant(scenario.id, scenario.version, course_seed, str(learner), values)

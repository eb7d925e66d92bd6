"""Law 13.7: relatives who may not stand in direct subordination to one another.

The Russian text is authoritative: it names adoptive parents and adopted children, which the English
translation omits. The list itself is data (``data/kinship.yaml``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml


@cache
def _rules() -> dict[str, Any]:
    text = resources.files("simkit.law").joinpath("data/kinship.yaml").read_text("utf-8")
    rules: dict[str, Any] = yaml.safe_load(text)
    return rules


def parse_walk(path: str) -> list[str]:
    """The steps of a dot-separated kinship walk, checked against the known steps."""
    steps = [step.strip() for step in str(path).split(".")]
    known = _rules()["steps"]
    for step in steps:
        if step not in known:
            raise ValueError(f"unknown kinship step {step!r} in {path!r}; the steps are: {', '.join(known)}")
    direction = _rules()["direction"]
    turning = {tuple(pair) for pair in _rules()["turning_back"]}
    for first, second in pairwise(steps):
        if (direction[first], direction[second]) in turning:
            raise ValueError(
                f"the walk {path!r} turns back at {first}.{second} and may end on the servant or a nearer "
                "relative; name the relative directly (e.g. 'sibling' for 'parent.child')"
            )
    return steps


def relation_group(path: str) -> str | None:
    """Which group of law:13.7 the relative belongs to (close_relatives, spouse, in_laws), or None."""
    equals = _rules()["adoption_equals"]
    walk = ".".join(equals.get(step, step) for step in parse_walk(path))
    restricted: dict[str, dict[str, Any]] = _rules()["restricted"]
    for name, group in restricted.items():
        if walk in group["walks"]:
            return name
    return None


def restricted_relative(path: str) -> bool:
    """True when the relative reached by ``path`` (e.g. ``spouse.sibling``) is one law:13.7 names."""
    return relation_group(path) is not None

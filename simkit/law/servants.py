"""Whose duties the rules are: the corps a servant is in (data/corps.yaml) and the absences that shelter a servant
from a disciplinary sanction (data/absences.yaml), each with its legal reference."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict


class Absence(BaseModel):
    """A kind of absence during which no sanction may be imposed (law:45.3) and the time limits stop (law:45.4)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    reference: tuple[str, ...]


class Corps(BaseModel):
    """A corps or category of the roster: whether its servants are administrative ones (bound by law:34.2)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    administrative: bool
    reference: tuple[str, ...]


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(resources.files("simkit.law").joinpath(f"data/{name}").read_text("utf-8"))
    return data


@cache
def absences() -> dict[str, Absence]:
    return {kind: Absence.model_validate(body) for kind, body in _data("absences.yaml").items()}


def absence_citation(kind: str) -> str:
    """The provision that makes an absence of ``kind`` one in which no sanction may be imposed (law:45.3.x)."""
    return absences()[kind].reference[0]


@cache
def corps() -> dict[str, Corps]:
    return {letter: Corps.model_validate(body) for letter, body in _data("corps.yaml").items()}


def administrative_corps() -> frozenset[str]:
    """The corps whose servants are administrative state servants: A and B."""
    return frozenset(letter for letter, found in corps().items() if found.administrative)


def not_administrative_basis() -> dict[str, tuple[str, ...]]:
    """For each corps not bound by the advanced training of law:34.2, the provisions that say so."""
    return {letter: found.reference for letter, found in corps().items() if not found.administrative}

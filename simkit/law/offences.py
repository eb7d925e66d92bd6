"""Disciplinary offences (Law Art 44, 50) and the sanctions the Law sets for them (Art 44.3-44.7).

General rule (law:44.3): for an ordinary offence the body chooses among remark, reprimand, severe reprimand,
warning of incomplete fitness for the post, demotion and dismissal; the choice is not formalised. (The sanctions
are named by the glossary's terms, not the English translation's words: see simkit.law.glossary.)
Exceptions (law:44.5–44.7): an offence discrediting the civil service (law:50) has a fixed sanction by track;
a repeat within a year of the first sanction, in the same track, leads to dismissal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from simkit.law.citations import check_citation
from simkit.law.glossary import sanction_label
from simkit.law.parameters import period_end

Track = Literal["44.5", "44.6", "44.7"]
SanctionKind = Literal[
    "demotion", "incompetence_warning", "incompetence_warning_or_dismissal", "dismissal", "discretionary"
]
REPEATABLE_TRACKS: frozenset[str] = frozenset({"44.5", "44.6"})


@dataclass(frozen=True)
class Offence:
    """A disciplinary offence named by the provision it breaches."""

    id: str
    discrediting: bool
    track: Track | None
    basis: str
    why: str


@dataclass(frozen=True)
class Sanction:
    """The sanction the Law sets for an offence, with the provisions it rests on and the rule applied."""

    kind: SanctionKind
    basis: tuple[str, ...]
    offence: Offence
    rule: str
    repeat_of: tuple[str, dt.date] | None = None
    interpretations: tuple[str, ...] = ()


@cache
def _data() -> dict[str, Any]:
    text = resources.files("simkit.law").joinpath("data/offences.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def track_offences() -> dict[str, tuple[str, ...]]:
    """The offences of each discrediting track of data/offences.yaml, by the track's name."""
    return {track: tuple(body["offences"]) for track, body in _data()["tracks"].items()}


@cache
def _discrediting_tracks() -> dict[str, Track]:
    return {cite: track for track, body in _data()["tracks"].items() for cite in body["offences"]}


def _ordinary_rule(citation: str) -> dict[str, Any] | None:
    rule: dict[str, Any]
    for rule in _data()["ordinary"]:
        if any(citation == root or citation.startswith(f"{root}.") for root in rule["provisions"]):
            return rule
    return None


@cache
def offence(citation: str) -> Offence:
    """The offence of breaching the provision ``citation`` (e.g. ``law:50.1.17``; ``law:44.1`` for an ordinary one)."""
    check_citation(citation)
    if track := _discrediting_tracks().get(citation):
        return Offence(
            citation, True, track, f"law:{track}", f"an offence discrediting the civil service (law:{track})"
        )
    if citation in ("law:50", "law:50.1"):
        raise ValueError(f"{citation} lists many offences; cite one of them, e.g. law:50.1.17")
    if rule := _ordinary_rule(citation):
        return Offence(citation, False, None, rule["basis"], rule["why"])
    raise ValueError(
        f"{citation} states no duty, restriction or prohibition whose breach is a disciplinary offence; "
        "cite the provision breached (law:50.1.x, law:50.2, law:13.x, code:9.x ...) or law:44.1"
    )


def _is_repeat(first_imposed: dt.date, committed: dt.date) -> bool:
    # "within a year after imposing": the window opens the day after the first sanction was imposed.
    return first_imposed < committed <= period_end("repeat_offence_window", first_imposed)


def _find_repeat(
    current: Offence, previous: Iterable[tuple[str, dt.date]], committed: dt.date | None
) -> tuple[str, dt.date] | None:
    previous = list(previous)
    if not previous or current.track not in REPEATABLE_TRACKS:
        return None
    if committed is None:
        raise ValueError("a repeat is judged by the date the new offence was committed: pass committed=")
    for earlier, imposed in previous:
        if offence(earlier).track == current.track and _is_repeat(imposed, committed):
            return earlier, imposed
    return None


@cache  # pure, and asked again for every case a simulation plays
def _discretionary(current: Offence) -> Sanction:
    """General rule: the body chooses among the sanctions of law:44.3 (for civil employees, the employer)."""
    if current.id.startswith("code:"):
        return Sanction(
            "discretionary",
            (current.id, current.basis),
            current,
            f"{current.why}: the sanction is chosen by the employer",
            None,
            ("code-audience",),
        )
    return Sanction(
        "discretionary",
        (current.id, current.basis, "law:44.3"),
        current,
        f"{current.why}: any sanction of law:44.3, chosen by the body",
        None,
        ("sanction-choice",),
    )


def _repeat_dismissal(current: Offence, repeat: tuple[str, dt.date]) -> Sanction:
    """Exception (law:44.5, law:44.6, second parts): a repeat within a year of the first sanction."""
    earlier, imposed = repeat
    return Sanction(
        "dismissal",
        (current.id, f"law:{current.track}", earlier),
        current,
        f"repeat of {earlier} (sanctioned {imposed}) within a year: dismissal (law:{current.track})",
        repeat,
        ("repeat-window", "repeat-same-paragraph", "criminal-signs"),
    )


@cache  # pure, and asked again for every case a simulation plays
def _track_sanction(current: Offence, lower_vacancy: bool) -> Sanction:
    """Exceptions (law:44.5–44.7): the fixed sanction of each track."""
    notes = ("criminal-signs",)
    if current.track == "44.7":
        return Sanction("dismissal", (current.id, "law:44.7"), current, "law:44.7: dismissal", None, notes)
    if current.track == "44.6":
        return Sanction(
            "incompetence_warning_or_dismissal",
            (current.id, "law:44.6"),
            current,
            f"law:44.6: {sanction_label('incompetence_warning_or_dismissal', 'en')}",
            None,
            (*notes, "warning-or-dismissal"),
        )
    if lower_vacancy:
        return Sanction(
            "demotion",
            (current.id, "law:44.5", "law:44.4"),
            current,
            "law:44.5: demotion, a vacant lower position existing (law:44.4)",
            None,
            notes,
        )
    return Sanction(
        "incompetence_warning",
        (current.id, "law:44.5", "law:44.4"),
        current,
        f"law:44.5: no vacant lower position, so a {sanction_label('incompetence_warning', 'en')} (law:44.4)",
        None,
        notes,
    )


def sanction(
    citation: str,
    *,
    lower_vacancy: bool = True,
    previous: Iterable[tuple[str, dt.date]] = (),
    committed: dt.date | None = None,
) -> Sanction:
    """The sanction for breaching ``citation``.

    ``previous`` holds earlier offences as (citation, date their sanction was imposed); ``lower_vacancy``
    says whether a vacant lower position exists for a demotion (law:44.4).
    """
    current = offence(citation)
    if current.track is None:
        return _discretionary(current)
    if repeat := _find_repeat(current, previous, committed):
        return _repeat_dismissal(current, repeat)
    return _track_sanction(current, lower_vacancy)

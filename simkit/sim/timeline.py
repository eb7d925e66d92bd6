"""A case's timeline: dated events, each with its actor, the provision it rests on and a one-line explanation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from simkit.i18n import every
from simkit.law import Sanction

Outcome = Literal["imposed", "time_barred", "pending"]


@dataclass(frozen=True)
class TimelineEvent:
    day: dt.date
    kind: str
    actor: str
    citation: str
    text: dict[str, str]  # ru, en, kk

    def line(self, lang: str = "en") -> str:
        return f"{self.day}  {self.actor:<12} {self.citation:<12} {self.text[lang]}"


@dataclass(slots=True)
class Timeline:
    """What happened to one case, and the legal limits it ran against."""

    offence: str
    events: list[TimelineEvent] = field(default_factory=list)
    outcome: Outcome = "pending"
    sanction: Sanction | None = None
    deadline: dt.date | None = None
    limit_from_discovery: dt.date | None = None
    limit_from_commission: dt.date | None = None
    imposed_on: dt.date | None = None
    revealed: dt.date | None = None
    record: bool = True  # False in Monte Carlo runs, which keep only the outcome

    def add(self, day: dt.date, kind: str, actor: str, citation: str, key: str, **values: Any) -> None:
        """Record an event; ``key`` names its text in the interface catalogue, filled with ``values`` in each
        language only when recording (Monte Carlo runs skip the formatting). A value that differs by language (a
        sanction's name) is given as a function of the language."""
        if self.record:
            self.events.append(TimelineEvent(day, kind, actor, citation, every(key, **values)))

    def ordered(self) -> list[TimelineEvent]:
        return sorted(self.events, key=lambda event: event.day)

    def text(self, lang: str = "en") -> str:
        return "\n".join(event.line(lang) for event in self.ordered())

"""Interpretation notes: the reading simkit implements wherever the text leaves a choice.

Where a note records more than one tenable reading, it lists them under ``readings`` with ids; the first is the
one simkit's rules implement. Scenario keys refer to a reading as ``note-id/reading-id`` (``note-id`` alone for a
note with one reading), and a key may accept the others as alternatives (docs/authoring.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

STATUS_TITLES = {
    "reading": "One reading implemented",
    "not_formalised": "Not formalised: left to judgement",
    "translation": "Where the English translation differs",
}
ReadingId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Said(Frozen):
    """A short statement for learners, in Russian and English, and in Kazakh where it is given (else Russian)."""

    ru: str
    en: str
    kk: str | None = None

    def get(self, lang: str) -> str:
        if lang == "en":
            return self.en
        return (self.kk or self.ru) if lang == "kk" else self.ru


class Reading(Frozen):
    """One tenable reading of a contested point."""

    id: ReadingId
    text: Said
    citations: tuple[str, ...] = Field((), description="Where the question is which provision: the ones it makes it.")


class KeyScope(Frozen):
    """Which answer keys rest on a contested note: keys calling these rules (``name`` or ``name(keyword)``),
    in steps citing one of ``cited`` when it is given."""

    rules: tuple[str, ...] = Field(min_length=1)
    cited: tuple[str, ...] = ()


class Interpretation(Frozen):
    id: str
    status: Literal["reading", "not_formalised", "translation"]
    provisions: tuple[str, ...]
    question: str
    reading: str
    alternative: str | None = None
    readings: tuple[Reading, ...] = Field((), description="The tenable readings, the implemented one first.")
    keys: KeyScope | None = None

    @model_validator(mode="after")
    def _readings(self) -> Interpretation:
        ids = [reading.id for reading in self.readings]
        if len(ids) == 1 or len(set(ids)) != len(ids):
            raise ValueError(f"{self.id}: list two or more readings with distinct ids, or none")
        if self.keys and not self.contested:
            raise ValueError(f"{self.id}: `keys` names the keys resting on a contested note; list its readings")
        return self

    @property
    def contested(self) -> bool:
        return len(self.readings) > 1

    def reading_of(self, reading_id: str) -> Reading:
        for reading in self.readings:
            if reading.id == reading_id:
                return reading
        known = ", ".join(reading.id for reading in self.readings) or "none: it has one reading"
        raise ValueError(f"note {self.id!r} has no reading {reading_id!r} (its readings: {known})")


@cache
def interpretations() -> dict[str, Interpretation]:
    text = resources.files("simkit.law").joinpath("data/interpretations.yaml").read_text("utf-8")
    return {entry["id"]: Interpretation(**entry) for entry in yaml.safe_load(text)}


def interpretation(note_id: str) -> Interpretation:
    try:
        return interpretations()[note_id]
    except KeyError:
        raise ValueError(f"unknown interpretation note {note_id!r}; see `simkit law interpretations`") from None


def resolve(ref: str) -> tuple[Interpretation, Reading | None]:
    """The note and reading a ``note-id/reading-id`` reference names (no reading for ``note-id`` alone, which
    only a note with one reading allows); ValueError says what is wrong."""
    note_id, _slash, reading_id = ref.partition("/")
    note = interpretation(note_id)
    if not reading_id:
        if note.contested:
            ids = ", ".join(f"{note.id}/{reading.id}" for reading in note.readings)
            raise ValueError(f"note {note.id!r} records more than one reading: name one ({ids})")
        return note, None
    return note, note.reading_of(reading_id)


def for_provision(citation: str) -> list[Interpretation]:
    """The notes that concern ``citation`` or any provision it contains."""
    return [
        note
        for note in interpretations().values()
        if any(cite == citation or cite.startswith(f"{citation}.") for cite in note.provisions)
    ]


def _readings_markdown(note: Interpretation) -> list[str]:
    if not note.contested:
        return []
    lines = ["Tenable readings (the first is the one simkit implements; keys may accept the others):", ""]
    for reading in note.readings:
        cited = f" ({', '.join(reading.citations)})" if reading.citations else ""
        lines.append(f"- `{note.id}/{reading.id}`{cited}: {reading.text.en}")
    return [*lines, ""]


def notes_markdown(notes: Iterable[Interpretation], level: int = 3) -> list[str]:
    """Markdown of ``notes`` grouped by status, each group a heading of ``level``, each note one below it."""
    chosen = list(notes)
    lines: list[str] = []
    for status, title in STATUS_TITLES.items():
        group = [note for note in chosen if note.status == status]
        if not group:
            continue
        lines += [f"{'#' * level} {title}", ""]
        for note in group:
            lines += [
                f"{'#' * (level + 1)} `{note.id}`: {note.question}",
                "",
                f"Provisions: {', '.join(note.provisions)}",
                "",
                note.reading,
                "",
            ]
            if note.alternative:
                lines += [f"*Other reading:* {note.alternative}", ""]
            lines += _readings_markdown(note)
    return lines


def as_markdown() -> str:
    """Every note, grouped by status (docs/interpretations.md adds the library's keys: ``simkit law sheet``)."""
    lines = [
        "# Interpretation notes",
        "",
        "From `simkit/law/data/interpretations.yaml`. Where the Russian and English texts differ, the Russian text",
        "is authoritative.",
        "",
    ]
    return "\n".join([*lines, *notes_markdown(interpretations().values(), level=2)]).rstrip() + "\n"

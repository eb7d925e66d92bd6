"""Interpretation notes: the reading simkit implements wherever the text leaves a choice."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

STATUS_TITLES = {
    "reading": "One reading implemented",
    "not_formalised": "Not formalised: left to judgement",
    "translation": "Where the English translation differs",
}


class Interpretation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    status: Literal["reading", "not_formalised", "translation"]
    provisions: tuple[str, ...]
    question: str
    reading: str
    alternative: str | None = None


@cache
def interpretations() -> dict[str, Interpretation]:
    text = resources.files("simkit.law").joinpath("data/interpretations.yaml").read_text("utf-8")
    return {entry["id"]: Interpretation(**entry) for entry in yaml.safe_load(text)}


def interpretation(note_id: str) -> Interpretation:
    try:
        return interpretations()[note_id]
    except KeyError:
        raise ValueError(f"unknown interpretation note {note_id!r}; see `simkit law interpretations`") from None


def for_provision(citation: str) -> list[Interpretation]:
    """The notes that concern ``citation`` or any provision it contains."""
    return [
        note
        for note in interpretations().values()
        if any(cite == citation or cite.startswith(f"{citation}.") for cite in note.provisions)
    ]


def as_markdown() -> str:
    """docs/interpretations.md: every note, grouped by status."""
    lines = [
        "# Interpretations",
        "",
        "Generated from `simkit/law/data/interpretations.yaml` by `simkit law interpretations --markdown`.",
        "Where the Russian and English texts differ, the Russian text is authoritative.",
        "",
    ]
    for status, title in STATUS_TITLES.items():
        lines += [f"## {title}", ""]
        for note in (n for n in interpretations().values() if n.status == status):
            lines += [
                f"### `{note.id}`: {note.question}",
                "",
                f"Provisions: {', '.join(note.provisions)}",
                "",
                note.reading,
                "",
            ]
            if note.alternative:
                lines += [f"*Other reading:* {note.alternative}", ""]
    return "\n".join(lines).rstrip() + "\n"

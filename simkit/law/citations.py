"""Citations and the bundled text of the provisions they name.

A citation is ``law:<article>[.<paragraph>[.<subparagraph>]]`` for the Law "On the civil service"
(No. 416-V of 23.11.2015), ``code:<paragraph>[.<subparagraph>]`` for the Code of service ethics of civil
employees (order No. 342 of 28.08.2020, as amended in 2023) and ``commissioner:<paragraph>[.<subparagraph>]``
for the Regulation on the ethics commissioner. Numbers keep their hyphen (``law:24-1``, ``law:1.5-1``).

The texts, in Russian and English, are extracted from the source documents by ``tools/extract_provisions.py``
into ``data/provisions.json``. Where the two differ, the Russian text is authoritative.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Instrument = Literal["law", "code", "commissioner"]
INSTRUMENTS: tuple[Instrument, ...] = ("law", "code", "commissioner")
LANGUAGES = ("ru", "en")

_NUMBER = r"\d+(?:-\d+)?"
CITATION_GRAMMAR = re.compile(rf"^(law|code|commissioner):({_NUMBER}(?:\.{_NUMBER}){{0,2}})$")
#: Finds citations inside prose, YAML or code, for checks that every citation used resolves.
CITATION_IN_TEXT = re.compile(rf"\b(?:law|code|commissioner):{_NUMBER}(?:\.{_NUMBER}){{0,2}}\b")

# The Regulation on the ethics commissioner exists in the sources in English only.
MISSING_RUSSIAN = "[Русский текст отсутствует в источниках simkit; приводится английский текст.]"


class CitationError(ValueError):
    """A citation that is malformed or names no bundled provision."""


@dataclass(frozen=True)
class Provision:
    """One provision: an article, paragraph or subparagraph, with its text in Russian and English."""

    id: str
    instrument: Instrument
    heading: Mapping[str, str]
    text: Mapping[str, str]
    source_languages: tuple[str, ...]
    children: tuple[str, ...]

    @property
    def parent(self) -> str | None:
        instrument, _, number = self.id.partition(":")
        head, dot, _ = number.rpartition(".")
        return f"{instrument}:{head}" if dot else None


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("simkit.law").joinpath("data/provisions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _nodes() -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = _raw()["provisions"]
    return nodes


def raw_notes() -> dict[str, Any]:
    """The editors' notes as extracted, by instrument and language, each with where it stands."""
    notes: dict[str, Any] = _raw().get("notes", {})
    return notes


def instrument_title(instrument: Instrument, lang: str = "ru") -> str:
    titles: dict[str, str] = _raw()["instruments"][instrument]["title"]
    return titles.get(lang) or titles["en"]


@cache
def bundled() -> frozenset[str]:
    """The set of bundled citations, for fast membership tests."""
    return frozenset(_nodes())


def all_citations() -> tuple[str, ...]:
    """Every bundled provision's citation, in document order."""
    return tuple(_nodes())


def _compose(citation: str, lang: str) -> str | None:
    node = _nodes()[citation]
    if lang not in node["lead"]:
        return None
    parts = [node["lead"][lang]]
    parts += [text for child in node["children"] if (text := _compose(child, lang))]
    if tail := node.get("tail", {}).get(lang):
        parts.append(tail)
    return "\n".join(part for part in parts if part)


def check_citation(citation: str) -> str:
    """Return ``citation`` if it names a bundled provision; raise :class:`CitationError` naming close matches."""
    if not isinstance(citation, str) or not CITATION_GRAMMAR.match(citation):
        raise CitationError(
            f"malformed citation {citation!r}: expected law:<article>[.<paragraph>[.<subparagraph>]], "
            "code:<paragraph>[.<subparagraph>] or commissioner:<paragraph>[.<subparagraph>], e.g. law:13.7"
        )
    if citation not in _nodes():
        close = difflib.get_close_matches(citation, _nodes(), n=3, cutoff=0.75)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `simkit law list` to see them"
        raise CitationError(f"unknown citation {citation!r}: no such provision is bundled{hint}")
    return citation


@cache
def provision(citation: str) -> Provision:
    """The provision named by ``citation``, with its text in Russian (authoritative) and English."""
    check_citation(citation)
    node = _nodes()[citation]
    instrument: Instrument = citation.partition(":")[0]  # type: ignore[assignment]
    text = {lang: composed for lang in LANGUAGES if (composed := _compose(citation, lang)) is not None}
    if "ru" not in text:
        text["ru"] = f"{MISSING_RUSSIAN}\n{text['en']}"
    heading = node.get("heading") or {}
    if heading:
        text = {lang: f"{heading.get(lang, heading.get('en', ''))}\n{body}" for lang, body in text.items()}
    return Provision(
        id=citation,
        instrument=instrument,
        heading=heading,
        text=text,
        source_languages=tuple(lang for lang in LANGUAGES if lang in node["lead"]),
        children=tuple(node["children"]),
    )


def citations_in(text: str) -> list[str]:
    """Every citation written in ``text``."""
    return CITATION_IN_TEXT.findall(text)

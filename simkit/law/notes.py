"""The editors' notes of the Russian text («Примечание ИЗПИ!»): resolutions of the Constitutional Court and
amendments enacted but not in the bundled wording, each attached to the provision it concerns.

The notes and where they stand are extracted from the source by ``tools/extract_provisions.py``; which provision
each concerns is recorded in ``data/editors_notes.yaml`` and read from its position by :func:`position_reading`
(interpretation note ``editors-note-position``). A citation depends on a note's provision when its text holds it
(:func:`concerns`); :func:`pending_from` answers whether a citation depends on an amendment not yet in force on a
legal day, and from when.

>>> import datetime as dt
>>> pending_from("law:16.3.14", dt.date(2026, 12, 31))
datetime.date(2027, 1, 1)
>>> pending_from("law:16.3.14", day=dt.date(2027, 1, 1)) is None
True
>>> [note.id for note in notes_for("law:16.3.6")]
['constitutional-court-2023-4']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from simkit.law.citations import check_citation, raw_notes
from simkit.law.clock import legal_today

Bilingual = dict[str, str]
Status = Literal["in_force", "pending", "unknown"]


class Source(BaseModel):
    """The note's words and where it stands: after ``follows``, before the text of ``precedes`` (its ``part``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ru: str
    en: str | None = None
    follows: str
    precedes: str | None
    part: int = 1

    @property
    def place(self) -> str:
        before = self.precedes or "the end of the Law"
        return f"after {self.follows}, before {before}" + (f", part {self.part}" if self.part > 1 else "")


class EditorsNote(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    kind: Literal["constitutional_court", "amendment"]
    provision: str | None
    part: int | None = None
    change: Literal["amends", "supplements"] | None = None
    adds: Bilingual | None = None
    act: Bilingual
    effective: dt.date | None = None
    effective_words: Bilingual | None = None
    source: Source
    interpretations: tuple[str, ...] = ()

    def status(self, day: dt.date) -> Status | None:
        """An amendment's state on the legal ``day``: in force from its effective day itself."""
        if self.kind != "amendment":
            return None
        if self.effective is None:
            return "unknown"
        return "in_force" if day >= self.effective else "pending"


@cache
def editors_notes() -> dict[str, EditorsNote]:
    text = resources.files("simkit.law").joinpath("data/editors_notes.yaml").read_text("utf-8")
    return {entry["id"]: EditorsNote(**entry) for entry in yaml.safe_load(text)}


def editors_note(note_id: str) -> EditorsNote:
    try:
        return editors_notes()[note_id]
    except KeyError:
        raise ValueError(f"unknown editors' note {note_id!r}; see `simkit law notes`") from None


# --------------------------------------------------------------------------- attachment from the source


@dataclass(frozen=True)
class Attachment:
    """The provision a note concerns (None: the Law as a whole), and the part of it when not its first."""

    provision: str | None
    part: int | None = None


SUPPLEMENT = re.compile(r"дополнить\s+(?:подпунктом|пунктом|частью|главой|статьей)")


def common_parent(first: str, second: str | None) -> str | None:
    """The deepest provision holding both ``first`` and ``second`` (``first``'s parent when ``second`` is None,
    the end of the text); None when only the instrument holds them."""
    instrument, _, left = first.partition(":")
    if second is None:
        head, dot, _ = left.rpartition(".")
        return f"{instrument}:{head}" if dot else None
    shared = []
    for a, b in zip(left.split("."), second.partition(":")[2].split("."), strict=False):
        if a != b:
            break
        shared.append(a)
    return f"{instrument}:{'.'.join(shared)}" if shared else None


def position_reading(follows: str, precedes: str | None, part: int | None, text: str) -> Attachment:
    """Which provision a note concerns, read from where it stands (interpretation note editors-note-position)."""
    if SUPPLEMENT.search(text):
        return _supplement_reading(follows, precedes)
    return _general_reading(precedes, part)


def _general_reading(precedes: str | None, part: int | None) -> Attachment:
    """General rule: a note stands before the text it concerns, as the notes that name their target show."""
    return Attachment(precedes, part if part and part > 1 else None)


def _supplement_reading(follows: str, precedes: str | None) -> Attachment:
    """Exception: a note on a part to be added stands where it will go; it concerns the provision that will hold
    the new part, the one holding both its neighbours."""
    return Attachment(common_parent(follows, precedes))


def source_records(lang: str = "ru", instrument: str = "law") -> list[dict[str, Any]]:
    """The editors' notes of ``instrument``'s text in ``lang`` as extracted, each with where it stands."""
    return list(raw_notes().get(instrument, {}).get(lang, []))


def note_words(text: str) -> str:
    """A note's words without its «Примечание ИЗПИ!» / «Note!» heading."""
    return text.split("\n", 1)[1] if "\n" in text else text


# --------------------------------------------------------------------------- which citations a note concerns


def _within(citation: str, provision: str) -> bool:
    return citation == provision or citation.startswith(f"{provision}.")


def concerns(note: EditorsNote, citation: str) -> bool:
    """Whether the text of ``citation`` depends on ``note``.

    General rule: a note concerns its provision and every provision that contains it, whose text includes it.
    Exception: an amendment of a provision's wording may rewrite any part of it, so it also concerns the
    provisions within it. A supplement adds a new part and leaves the existing ones as they are.
    """
    if note.provision is None:
        return False  # a note on the Law as a whole (a new chapter) changes no cited provision
    if _within(note.provision, citation):
        return True
    return note.change == "amends" and _within(citation, note.provision)


def notes_for(citation: str) -> list[EditorsNote]:
    """The editors' notes the text of ``citation`` depends on, in document order."""
    check_citation(citation)
    return [note for note in editors_notes().values() if concerns(note, citation)]


@dataclass(frozen=True)
class Dependence:
    """What a citation's text depends on, on a legal day: amendments pending and in force, court resolutions."""

    citation: str
    day: dt.date
    pending: tuple[EditorsNote, ...]
    in_force: tuple[EditorsNote, ...]
    court: tuple[EditorsNote, ...]

    @property
    def pending_from(self) -> dt.date | None:
        days = [note.effective for note in self.pending if note.effective]
        return min(days) if days else None


def dependence(citation: str, day: dt.date | None = None) -> Dependence:
    """The amendments and resolutions ``citation`` depends on, as of the legal ``day`` (today in Kazakhstan)."""
    when = day or legal_today()
    found = notes_for(citation)
    return Dependence(
        citation,
        when,
        _with_status(found, when, {"pending", "unknown"}),
        _with_status(found, when, {"in_force"}),
        tuple(note for note in found if note.kind == "constitutional_court"),
    )


def _with_status(found: Iterable[EditorsNote], day: dt.date, wanted: set[str]) -> tuple[EditorsNote, ...]:
    return tuple(note for note in found if note.status(day) in wanted)


def pending_from(citation: str, day: dt.date | None = None) -> dt.date | None:
    """The day the first amendment ``citation`` depends on takes effect, if one is still pending on the legal
    ``day`` (today in Kazakhstan); None when none is. Every amendment of a cited provision has a known day."""
    return dependence(citation, day).pending_from


# --------------------------------------------------------------------------- words for people


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _day(day: dt.date, lang: str) -> str:
    return f"{day:%d.%m.%Y}" if lang == "ru" else day.isoformat()


def _target(note: EditorsNote, lang: str) -> str:
    place = note.provision or ("Закон" if lang == "ru" else "the Law")
    if note.part:
        return f"{place}, часть {note.part}" if lang == "ru" else f"{place}, part {note.part}"
    return place


def _status_words(note: EditorsNote, on: dt.date, lang: str) -> str:
    status = note.status(on)
    if status == "unknown":
        words = note.effective_words or {}
        return {
            "ru": f"вводится в действие {words.get('ru', '')}; дата по источникам simkit не установлена",
            "en": f"takes effect {words.get('en', '')}; simkit's sources do not give the date",
        }[lang]
    assert note.effective is not None
    if status == "pending":
        return {
            "ru": f"вводится в действие с {_day(note.effective, 'ru')}; на {_day(on, 'ru')} ещё не действует, "
            "приведён действующий текст",
            "en": f"takes effect on {_day(note.effective, 'en')}; not yet in force on {_day(on, 'en')}, so the text "
            "shown is the wording in force",
        }[lang]
    return {
        "ru": f"действует с {_day(note.effective, 'ru')}; приведён текст до изменения, новой редакции нет в "
        "источниках simkit",
        "en": f"in force since {_day(note.effective, 'en')}; the text shown is the wording before it, and simkit's "
        "sources do not have the new wording",
    }[lang]


def _amendment_words(note: EditorsNote, lang: str) -> str:
    target, act = _target(note, lang), note.act[lang]
    if note.change == "supplements" and note.adds:
        return (
            f"{target} — дополнение: {note.adds['ru']} ({act})"
            if lang == "ru"
            else f"{target}: {note.adds['en']} added by the {act}"
        )
    return f"{target} — изменение ({act})" if lang == "ru" else f"{target}: amendment by the {act}"


def _court_words(note: EditorsNote, lang: str) -> str:
    target = _target(note, lang)
    if lang == "ru":
        return (
            f"{target}: см. {note.act['ru']}. Текста постановления нет в источниках simkit — сверьтесь с ним, "
            "прежде чем применять норму."
        )
    return (
        f"{target}: see the {_lower_first(note.act['en'])}. Its text is not among simkit's sources; check it "
        "before applying this provision."
    )


def describe(note: EditorsNote, lang: str, day: dt.date | None = None) -> str:
    """One sentence on ``note`` for people, in ``lang`` (ru or en), with an amendment's state on the legal ``day``.
    The notes quote the official notes of the Russian text, so under any other language (kk) they stay Russian,
    like the provisions' text."""
    lang = "en" if lang == "en" else "ru"
    if note.kind == "constitutional_court":
        return _court_words(note, lang)
    return f"{_amendment_words(note, lang)}; {_status_words(note, day or legal_today(), lang)}."


def note_dict(note: EditorsNote, lang: str, day: dt.date) -> dict[str, object]:
    """A note as the command line's JSON and the notebooks show it."""
    return {
        "id": note.id,
        "kind": note.kind,
        "provision": note.provision,
        "effective": note.effective.isoformat() if note.effective else None,
        "status": note.status(day),
        "text": describe(note, lang, day),
    }


def as_markdown() -> str:
    """docs/editors-notes.md: every note with its attachment and its source."""
    lines = [
        "# Editors' notes: constitutional review and amendments",
        "",
        "Generated from `simkit/law/data/editors_notes.yaml` by `simkit law notes --markdown`.",
        "The Russian text of the Law carries notes of its editors («Примечание ИЗПИ!»): see a resolution of the",
        "Constitutional Court, or an amendment enacted that the text does not include yet. simkit attaches each to",
        "the provision it concerns and shows it wherever that provision is cited, with an amendment's state on the",
        "legal day (today in Kazakhstan, or the day a rule is applied to).",
        "",
        "| Note | Provision | Act | Takes effect | Attached by | Interpretations |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [_markdown_row(note) for note in editors_notes().values()]
    lines += ["", "## The notes as the Russian text gives them", ""]
    for note in editors_notes().values():
        lines += [f"- `{note.id}` ({note.source.place}): «{note.source.ru}»"]
        if note.source.en:
            lines += [f'  - English translation: "{note.source.en}"']
    return "\n".join(lines) + "\n"


def _markdown_row(note: EditorsNote) -> str:
    provision = _target(note, "en") + (f" (adds {note.adds['en']})" if note.adds else "")
    if note.kind == "constitutional_court":
        effective = "—"
    elif note.effective:
        effective = note.effective.isoformat()
    else:
        effective = (note.effective_words or {}).get("en", "not given")
    # A court note names no provision; an amendment's names its own, and its position agrees (tests check both).
    how = "position" if note.kind == "constitutional_court" else "its words; position agrees"
    notes = ", ".join(f"`{item}`" for item in note.interpretations)
    return f"| `{note.id}` | {provision} | {note.act['en']} | {effective} | {how} | {notes} |"

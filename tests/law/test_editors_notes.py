"""The editors' notes of the Russian text: each attached to the provision it concerns, as its position in the
source and its own words say, and amendments in force or not on either side of their effective day."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from simkit import law
from simkit.law import notes
from simkit.law.interpretations import interpretations

EVE, DAY = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


def extracted(lang: str = "ru") -> list[dict]:
    return notes.source_records(lang)


def record_of(note: law.EditorsNote, lang: str = "ru") -> dict:
    words = note.source.ru if lang == "ru" else note.source.en
    [found] = [item for item in extracted(lang) if notes.note_words(item["text"]) == words]
    return found


def test_every_note_of_the_russian_text_has_one_entry_and_no_entry_is_invented() -> None:
    quoted = sorted(note.source.ru for note in law.editors_notes().values())
    assert quoted == sorted(notes.note_words(item["text"]) for item in extracted())
    assert len(quoted) == 10


@pytest.mark.parametrize("note", law.editors_notes().values(), ids=lambda note: note.id)
def test_the_recorded_position_is_the_sources(note: law.EditorsNote) -> None:
    found = record_of(note)
    assert (note.source.follows, note.source.precedes, note.source.part) == (
        found["follows"],
        found["precedes"],
        found["part"],
    )


@pytest.mark.parametrize("note", law.editors_notes().values(), ids=lambda note: note.id)
def test_the_attachment_is_read_from_the_position(note: law.EditorsNote) -> None:
    found = record_of(note)
    reading = notes.position_reading(found["follows"], found["precedes"], found["part"], found["text"])
    assert reading == notes.Attachment(note.provision, note.part)


#: What an amendment's own words name, and what its attachment must then be.
NAMED = [
    (re.compile(r"^В подпункт (\S+)\)"), lambda note, n: note.provision.endswith(f".{n}") and note.part is None),
    (
        re.compile(r"^В пункт (\S+) "),
        lambda note, n: note.provision.endswith(f".{n}") and note.provision.count(".") == 1,
    ),
    (re.compile(r"^В часть вторую пункта (\S+) "), lambda note, n: note.provision.endswith(f".{n}") and note.part == 2),
    (re.compile(r"^Пункт (\S+) предусмотрено дополнить"), lambda note, n: note.provision.endswith(f".{n}")),
    (re.compile(r"^Статью (\S+) предусмотрено дополнить"), lambda note, n: note.provision == f"law:{n}"),
    (re.compile(r"^Закон предусмотрено дополнить"), lambda note, _n: note.provision is None),
]


@pytest.mark.parametrize(
    "note", [note for note in law.editors_notes().values() if note.kind == "amendment"], ids=lambda note: note.id
)
def test_an_amendments_own_words_agree_with_its_attachment(note: law.EditorsNote) -> None:
    matched = [(pattern, check) for pattern, check in NAMED if pattern.search(note.source.ru)]
    assert len(matched) == 1, note.source.ru
    pattern, check = matched[0]
    found = pattern.search(note.source.ru)
    assert found is not None and check(note, found.groups()[0] if found.groups() else None)


@pytest.mark.parametrize("note", law.editors_notes().values(), ids=lambda note: note.id)
def test_dates_and_acts_are_the_notes_own(note: law.EditorsNote) -> None:
    date = re.search(r"вводится в действие с (\d\d)\.(\d\d)\.(\d{4})", note.source.ru)
    if date:
        day, month, year = (int(part) for part in date.groups())
        assert note.effective == dt.date(year, month, day)
    else:
        assert note.effective is None
        if note.kind == "amendment":
            assert note.effective_words and note.effective_words["ru"] in note.source.ru
    dated, number = re.search(r"от (\d\d\.\d\d\.\d{4}) (?:№ )?(\S+?)\s", note.act["ru"] + " ").groups()
    assert f"{dated} № {number}" in note.source.ru
    assert note.provision is None or law.check_citation(note.provision)


@pytest.mark.parametrize("note", [n for n in law.editors_notes().values() if n.source.en], ids=lambda n: n.id)
def test_the_translations_note_stands_where_the_russian_does(note: law.EditorsNote) -> None:
    russian, english = record_of(note, "ru"), record_of(note, "en")
    assert (english["follows"], english["precedes"], english["part"]) == (
        russian["follows"],
        russian["precedes"],
        russian["part"],
    )


def test_every_note_names_interpretation_notes_that_exist() -> None:
    for note in law.editors_notes().values():
        assert note.interpretations, note.id
        for item in note.interpretations:
            assert item in interpretations(), (note.id, item)


def test_an_ambiguous_position_is_an_interpretation_note_on_both_neighbours() -> None:
    position = law.interpretation("editors-note-position")
    for note in law.editors_notes().values():
        if note.kind == "constitutional_court":
            assert "editors-note-position" in note.interpretations
            assert {note.source.follows, note.provision} <= set(position.provisions)


def test_every_cited_amendment_has_a_day_so_none_means_nothing_pending() -> None:
    for note in law.editors_notes().values():
        if note.kind == "amendment" and note.provision is not None:
            assert note.effective is not None, note.id


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("law:16.3.6", ["constitutional-court-2023-4"]),
        ("law:16.3.8", ["constitutional-court-2023-26"]),
        ("law:16.3.14", ["constitutional-court-2023-38", "amendment-188-vii-16-3-14"]),
        ("law:15.4", ["amendment-216-vii-15-4"]),
        ("law:61.3", ["amendment-188-vii-61-3"]),
        ("law:61.1", ["amendment-188-vii-61-1-7-1"]),
        ("law:59", ["amendment-188-vii-59-3-1"]),
        ("law:16.3.5", []),
        ("law:16.3.7", []),
        ("law:16.3.13", []),
        ("law:16.3.15", []),
        ("law:61.1.7", []),
        ("law:58", []),
        ("law:13.7", []),
    ],
)
def test_each_note_is_attached_to_the_right_provision(citation: str, expected: list[str]) -> None:
    assert [note.id for note in law.notes_for(citation)] == expected


def test_a_provision_that_holds_an_attached_one_depends_on_its_notes() -> None:
    assert len(law.notes_for("law:16")) == 5
    assert [note.id for note in law.notes_for("law:61")] == ["amendment-188-vii-61-1-7-1", "amendment-188-vii-61-3"]


def test_a_new_subparagraph_leaves_the_others_as_they_are() -> None:
    supplement = law.editors_note("amendment-188-vii-16-3-14-1")
    assert notes.concerns(supplement, "law:16.3") and notes.concerns(supplement, "law:16")
    assert not notes.concerns(supplement, "law:16.3.6")


def test_the_chapter_added_to_the_law_concerns_no_cited_provision() -> None:
    chapter = law.editors_note("amendment-71-viii-chapter-9-1")
    assert chapter.provision is None and chapter.status(DAY) == "unknown"
    assert not any(notes.concerns(chapter, citation) for citation in law.all_citations())


@pytest.mark.parametrize(
    ("note_id", "eve", "day"),
    [
        ("amendment-188-vii-16-3-14", "pending", "in_force"),
        ("amendment-188-vii-16-3-14-1", "pending", "in_force"),
        ("amendment-188-vii-59-3-1", "pending", "in_force"),
        ("amendment-188-vii-61-3", "pending", "in_force"),
        ("constitutional-court-2023-4", None, None),
    ],
)
def test_in_force_from_the_effective_day_itself(note_id: str, eve: str | None, day: str | None) -> None:
    note = law.editors_note(note_id)
    assert (note.status(EVE), note.status(DAY)) == (eve, day)


def test_the_dependence_of_a_citation_on_either_side_of_the_day() -> None:
    before, after = law.dependence("law:16.3", EVE), law.dependence("law:16.3", DAY)
    assert before.pending_from == DAY and len(before.pending) == 2 and not before.in_force
    assert after.pending_from is None and not after.pending and len(after.in_force) == 2
    assert [note.id for note in before.court] == [
        "constitutional-court-2023-4",
        "constitutional-court-2023-26",
        "constitutional-court-2023-38",
    ]


def test_an_amendment_already_in_force_is_not_pending_but_the_text_predates_it() -> None:
    found = law.dependence("law:15.4", EVE)
    assert found.pending_from is None and [note.id for note in found.in_force] == ["amendment-216-vii-15-4"]
    assert "wording before it" in notes.describe(found.in_force[0], "en", EVE)


def test_the_legal_day_is_today_in_kazakhstan_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notes, "legal_today", lambda: EVE)
    assert law.pending_from("law:16.3.14") == DAY
    monkeypatch.setattr(notes, "legal_today", lambda: DAY)
    assert law.pending_from("law:16.3.14") is None


def test_a_part_added_at_the_end_of_a_list_goes_into_the_list() -> None:
    assert notes.common_parent("law:16.3.15", None) == "law:16.3"
    assert notes.common_parent("law:58", "law:59") is None and notes.common_parent("law:58", None) is None


def test_a_citation_is_checked() -> None:
    with pytest.raises(law.CitationError):
        law.pending_from("law:16.3.99")


@pytest.mark.parametrize(
    ("on", "ru", "en"),
    [
        (EVE, "на 31.12.2026 ещё не действует", "not yet in force on 2026-12-31"),
        (DAY, "действует с 01.01.2027", "in force since 2027-01-01"),
    ],
)
def test_a_pending_amendment_is_shown_with_its_day(on: dt.date, ru: str, en: str) -> None:
    note = law.editors_note("amendment-188-vii-16-3-14")
    assert ru in notes.describe(note, "ru", on) and "188-VII" in notes.describe(note, "ru", on)
    assert en in notes.describe(note, "en", on) and "2027-01-01" in notes.describe(note, "en", on)


def test_under_kazakh_a_note_stays_russian_like_the_provisions_text() -> None:
    note = law.editors_note("amendment-188-vii-16-3-14")
    assert notes.describe(note, "kk", DAY) == notes.describe(note, "ru", DAY)
    assert "действует с 01.01.2027" in notes.describe(note, "kk", DAY)

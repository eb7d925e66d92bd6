"""Citations: every one used in the project resolves, in Russian and English, and quotes match the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simkit import law
from simkit.law import citations

ROOT = Path(__file__).resolve().parents[2]
SEARCHED = ["simkit", "scenarios", "notebooks", "docs", "README.md"]
SUFFIXES = {".py", ".yaml", ".yml", ".md", ".ipynb", ".json"}
# Citations written wrong on purpose, to show the error they give.
WRONG_ON_PURPOSE = {"law:13.77"}


def project_files() -> list[Path]:
    files = []
    for name in SEARCHED:
        path = ROOT / name
        candidates = [path] if path.is_file() else path.rglob("*")
        files += [file for file in candidates if file.suffix in SUFFIXES and "provisions.json" not in file.name]
    return files


def used_citations() -> set[str]:
    found = {cite for file in project_files() for cite in citations.citations_in(file.read_text("utf-8"))}
    return found - WRONG_ON_PURPOSE


def test_every_citation_used_in_the_project_resolves_in_both_languages() -> None:
    used = used_citations()
    assert len(used) > 40
    for cite in sorted(used):
        text = law.provision(cite).text
        assert text["ru"].strip() and text["en"].strip(), cite


def test_unknown_citations_name_close_matches() -> None:
    with pytest.raises(law.CitationError, match=r"did you mean .*law:13\.7"):
        law.provision("law:13.77")
    with pytest.raises(law.CitationError, match="malformed"):
        law.provision("Law 13.7")


def test_a_provision_carries_instrument_and_both_texts() -> None:
    item = law.provision("code:9.15")
    assert item.instrument == "code"
    assert "подарка" in item.text["ru"] and "gift" in item.text["en"]
    assert item.parent == "code:9"


def test_russian_13_7_names_adopted_children_which_the_english_omits() -> None:
    item = law.provision("law:13.7")
    assert "усыновленными (удочеренными)" in item.text["ru"]
    assert "adopted" not in item.text["en"]


def test_the_commissioner_regulation_is_marked_as_english_only() -> None:
    item = law.provision("commissioner:4")
    assert item.source_languages == ("en",)
    assert item.text["ru"].startswith(citations.MISSING_RUSSIAN)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_legal_constant_quotes_its_provision() -> None:
    for name, item in law.parameters().items():
        text = law.provision(item.reference[0]).text
        for lang, words in item.words.items():
            assert squash(words) in squash(text[lang]), f"{name}: {lang} words not in {item.reference[0]}"


def test_offence_tracks_quote_their_paragraph() -> None:
    data = yaml.safe_load((ROOT / "simkit/law/data/offences.yaml").read_text("utf-8"))
    for track, body in data["tracks"].items():
        assert squash(body["words"]["ru"]) in squash(law.provision(f"law:{track}").text["ru"]), track


def test_kinship_groups_quote_law_13_7() -> None:
    data = yaml.safe_load((ROOT / "simkit/law/data/kinship.yaml").read_text("utf-8"))
    for name, group in data["restricted"].items():
        assert squash(group["words"]["ru"]) in squash(law.provision("law:13.7").text["ru"]), name


def test_every_interpretation_cites_bundled_provisions() -> None:
    for note in law.interpretations().values():
        for cite in note.provisions:
            law.check_citation(cite)


def test_every_reading_shown_to_learners_is_said_in_kazakh_too() -> None:
    for note in law.interpretations().values():
        for reading in note.readings:
            assert reading.text.kk and reading.text.kk != reading.text.ru, (note.id, reading.id)
            assert reading.text.get("kk") == reading.text.kk
            assert (reading.text.get("ru"), reading.text.get("en")) == (reading.text.ru, reading.text.en)


def test_a_reading_without_kazakh_is_shown_in_russian_under_kazakh() -> None:
    from simkit.law.interpretations import Said

    said = Said(ru="Срок не переносится.", en="The period is not moved.")
    assert said.get("kk") == "Срок не переносится."

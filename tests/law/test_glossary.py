"""The sanctions are labelled with a lawyer's English terms; the translation's words stay in its quoted text."""

from __future__ import annotations

import datetime as dt
import io
import typing
from importlib import resources
from pathlib import Path

import pytest
import yaml

from simkit import law
from simkit.law import explain, glossary, offences
from simkit.sim import charts
from simkit.sim.case import CaseInput, run_case

TRANSLATION_ONLY = ("reproof", "incompetence")  # the translation's words that no lawyer's term contains


@pytest.mark.parametrize("term", glossary.sanctions().values(), ids=lambda term: term.id)
def test_each_term_is_quoted_from_its_provision(term: glossary.Term) -> None:
    assert term.ru in law.provision(term.citation).text["ru"]
    for entry in term.translation:
        assert entry.words in law.provision(entry.citation).text["en"], (entry.words, entry.citation)


@pytest.mark.parametrize("term", glossary.terms().values(), ids=lambda term: term.id)
def test_each_legal_term_is_quoted_from_its_provision_or_says_where_it_comes_from(term: glossary.Term) -> None:
    if term.citation is None:
        assert term.source
        return
    quoted = (term.quoted or term.ru).casefold()
    assert quoted in law.provision(term.citation).text["ru"].casefold(), (quoted, term.citation)


def test_every_term_has_a_kazakh_term_and_says_whether_it_was_checked() -> None:
    every = glossary.every_term()
    assert len({item.id for item in every}) == len(every)
    for item in every:
        assert item.kk.strip() and item.kk != item.ru, item.id
        assert item.label("kk") == item.kk and item.label("ru") == item.ru and item.label("en") == item.en
    assert glossary.term("disciplinary_offence").kk == "тәртіптік теріс қылық"
    assert glossary.term("reprimand").checked
    assert not glossary.term("incompetence_warning").checked


def test_the_translators_terms_are_all_there() -> None:
    needed = {
        "state_servant", "civil_servant", "civil_service", "administrative_servant", "political_servant",
        "disciplinary_offence", "discrediting_offence", "disciplinary_sanction", "conflict_of_interest",
        "personal_interest", "gift", "corruption_offence", "close_relatives", "spouse", "in_laws",
        "direct_subordination", "ethics_commissioner", "disciplinary_commission", "official_inspection",
        "working_day", "probation", "advanced_training", "ethics_code_state", "ethics_code_civil", "akimat",
    }  # fmt: skip
    assert needed <= set(glossary.terms())


def test_a_term_without_a_citation_or_source_is_refused() -> None:
    with pytest.raises(ValueError, match="either a citation or a source"):
        glossary.Term(id="x", ru="а", kk="ә", en="a")


def test_the_glossary_has_every_sanction_of_the_law() -> None:
    listed = law.provision("law:44.3").children
    assert [term.citation for term in glossary.sanctions().values()] == list(listed)
    assert [term.en for term in glossary.sanctions().values()] == [
        "remark",
        "reprimand",
        "severe reprimand",
        "warning of incomplete fitness for the post",
        "demotion",
        "dismissal",
    ]


def test_every_sanction_of_the_offences_data_has_a_label_in_both_languages() -> None:
    data = yaml.safe_load(resources.files("simkit.law").joinpath("data/offences.yaml").read_text("utf-8"))
    cited = [cite for track in data["tracks"].values() for cite in track["offences"]]
    cited += [rule["provisions"][0] for rule in data["ordinary"]]
    kinds = {offences.sanction(cite, lower_vacancy=vacancy).kind for cite in cited for vacancy in (True, False)}
    assert kinds == set(typing.get_args(offences.SanctionKind))
    for kind in kinds:
        for term_id in glossary.KIND_TERMS.get(kind, ()):
            assert term_id in glossary.sanctions()
        assert glossary.sanction_label(kind, "ru") and glossary.sanction_label(kind, "en")
        assert glossary.sanction_label(kind, "kk") not in (glossary.sanction_label(kind, "ru"), "")


def test_labels_use_the_lawyers_terms_not_the_translations() -> None:
    for names in explain.SANCTION_NAMES.values():
        assert not any(word in names["en"] for word in TRANSLATION_ONLY), names["en"]
    assert explain.SANCTION_NAMES["incompetence_warning_or_dismissal"] == {
        "ru": "предупреждение о неполном служебном соответствии либо увольнение с занимаемой государственной должности",
        "en": "warning of incomplete fitness for the post or dismissal",
        "kk": "толық қызметтік сәйкес еместігі туралы ескерту не атқаратын мемлекеттік лауазымынан босату",
    }


@pytest.mark.parametrize(("citation", "vacancy"), [("law:50.1.3", True), ("law:50.1.7", False)])
def test_the_explained_sanction_names_the_lawyers_term(citation: str, vacancy: bool) -> None:
    data = explain.explain_sanction(citation, lower_vacancy=vacancy).as_dict("en")
    assert "warning of incomplete fitness for the post" in data["answer"]
    assert "warning of incomplete fitness for the post" in data["rule"]
    assert data["kind"] in ("incompetence_warning", "incompetence_warning_or_dismissal")


def test_the_timeline_and_its_chart_name_the_lawyers_term() -> None:
    timeline = run_case(CaseInput(offence="law:50.1.3", committed=dt.date(2026, 3, 2), revealed=dt.date(2026, 3, 10)))
    lines = [event.text["en"] for event in timeline.ordered()]
    assert any("warning of incomplete fitness for the post" in line for line in lines)
    assert not any(word in line for line in lines for word in TRANSLATION_ONLY)
    figure = charts.timeline_figure(timeline, "en")
    texts = [text.get_text() for axes in figure.axes for text in axes.texts]
    assert any("warning of incomplete fitness for the post" in text for text in texts)
    charts.save_to(figure, io.BytesIO())


def test_quoted_provision_text_keeps_the_translations_words() -> None:
    english = law.provision("law:44.3").text["en"]
    assert "2) reproof;" in english and "4) a warning of incompetence;" in english and "1) reprimand;" in english


def test_the_glossary_doc_is_generated() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
    assert doc.read_text("utf-8") == glossary.as_markdown(), "regenerate: simkit law glossary --markdown"


def test_an_unknown_kind_is_refused_plainly() -> None:
    with pytest.raises(ValueError, match="unknown sanction kind"):
        glossary.sanction_label("fine", "en")


def test_a_kazakh_preview_names_the_sanction_by_the_glossarys_kazakh_term() -> None:
    from simkit.scenarios import make_variant
    from simkit.scenarios.library import find_scenario
    from simkit.scenarios.preview import render_preview

    _path, scenario, _report = find_scenario("gift-at-desk")
    text = render_preview(scenario, make_variant(scenario, 0, "preview"), "kk")
    assert f"{glossary.term('dismissal').kk} (law:50.1.17, law:44.7)" in text

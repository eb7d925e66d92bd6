"""The interface catalogue: every word the software shows is in Russian, English and Kazakh, every key the code
looks up is in it, counts take the language's plural forms, and a provision shown to a Kazakh learner in Russian
says why."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from simkit.i18n import LANGUAGES, LOCALE_DIR, po_path, t, tn
from simkit.i18n.messages import TEMPLATE, problems, read, used_keys
from simkit.scenarios.text import YES_NO, format_value


def test_every_interface_string_is_translated_in_russian_english_and_kazakh_and_none_is_fuzzy() -> None:
    found = list(problems())
    assert not found, "\n".join(found[:20])


def test_every_key_the_code_looks_up_is_in_each_catalogue() -> None:
    uses = used_keys()
    assert {"player.answer", "compliance.others", "certificate.field.code", "pages.hr"} <= set(uses)
    assert uses["compliance.others"].plural and not uses["player.answer"].plural
    for lang in LANGUAGES:
        keys = {message.id if isinstance(message.id, str) else message.id[0] for message in read(lang) if message.id}
        assert set(uses) <= keys, f"{lang}: {sorted(set(uses) - keys)[:10]}"


def test_the_template_is_what_extraction_makes_of_the_code() -> None:
    with TEMPLATE.open("rb") as file:
        from babel.messages.pofile import read_po

        template = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file)}
    assert template - {""} == set(used_keys()), "run `python -m simkit.i18n.messages update`"


def copy_catalogues(tmp_path: Path) -> Path:
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    return tmp_path / "locale"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_check_names_a_missing_a_fuzzy_and_a_misspelt_placeholder_translation(tmp_path: Path) -> None:
    locale = copy_catalogues(tmp_path)
    kk = po_path("kk", locale)
    edit(kk, 'msgstr "Жауап беру"', 'msgstr ""')
    edit(kk, 'msgid "player.saved"', '#, fuzzy\nmsgid "player.saved"')
    edit(kk, "Жауап сақталмады: {reason}.", "Жауап сақталмады: {себебі}.")
    found = list(problems(("kk",), locale))
    assert any(line.endswith("kk/LC_MESSAGES/simkit.po: player.answer: not translated") for line in found)
    assert any("player.saved: marked fuzzy" in line for line in found)
    assert any("player.save_failed: placeholders ['себебі'] not in the English text" in line for line in found)
    assert len(found) == 3


def test_the_check_names_a_key_the_code_uses_that_a_catalogue_lacks(tmp_path: Path) -> None:
    locale = copy_catalogues(tmp_path)
    root = tmp_path / "code"
    root.mkdir()
    (root / "page.py").write_text('from simkit.i18n import t\n\nTITLE = t("player.brand_new", "kk")\n', "utf-8")
    found = [line for line in problems(("ru",), locale, root) if "brand_new" in line]
    assert len(found) == 1 and found[0].endswith(
        "ru/LC_MESSAGES/simkit.po: player.brand_new: missing (used at page.py:3)"
    )


def test_words_come_in_the_asked_language_and_an_unknown_language_gets_russian() -> None:
    assert t("player.answer", "kk") == "Жауап беру"
    assert t("player.answer", "ru") == "Ответить"
    assert t("player.answer", "en") == "Answer"
    assert t("player.answer", "de") == "Ответить"
    assert t("player.save_failed", "kk", reason="желі жоқ") == "Жауап сақталмады: желі жоқ. Қайта басыңыз."


@pytest.mark.parametrize(
    ("count", "ru", "en", "kk"),
    [
        (1, "ещё 1 организация", "1 other organisation", "тағы 1 ұйым"),
        (3, "ещё 3 организации", "3 other organisations", "тағы 3 ұйым"),
        (5, "ещё 5 организаций", "5 other organisations", "тағы 5 ұйым"),
        (11, "ещё 11 организаций", "11 other organisations", "тағы 11 ұйым"),
        (21, "ещё 21 организация", "21 other organisations", "тағы 21 ұйым"),
    ],
)
def test_a_count_takes_the_languages_plural_form(count: int, ru: str, en: str, kk: str) -> None:
    shown = {lang: tn("compliance.others", count, lang, count=count) for lang in LANGUAGES}
    assert shown == {"ru": ru, "en": en, "kk": kk}


def test_values_are_written_as_babels_locale_data_writes_them() -> None:
    day = dt.date(2026, 3, 5)
    assert format_value(day, "en") == format_date(day, "long", locale="en_GB")
    assert format_value(day, "ru") == format_date(day, "short", locale="ru") == "05.03.2026"
    assert format_value(day, "kk") == format_date(day, "dd.MM.yyyy", locale="kk")
    for lang in LANGUAGES:
        assert format_value(1234567, lang) == format_decimal(1234567, locale=lang)
    assert YES_NO["kk"] == ("иә", "жоқ") and format_value(True, "kk") == "иә"


def test_a_provision_shown_to_a_kazakh_learner_is_in_russian_with_a_note_saying_so() -> None:
    from simkit.richtext.html import provision_html

    kazakh = provision_html("law:44.3", "kk")
    assert "Норманың мемлекеттік тілдегі мәтіні жинаққа енгізілмеген" in kazakh
    assert "<pre lang='ru'>" in kazakh and "«Қазақстан Республикасының мемлекеттік қызметі туралы» Заң" in kazakh
    for lang in ("ru", "en"):
        assert "simkit-quoted-note" not in provision_html("law:44.3", lang)


def test_the_code_of_ethics_shown_in_kazakh_says_it_is_quoted_in_russian() -> None:
    from simkit.player.course import code_text_html

    kazakh = code_text_html("kk")
    assert "Кодекс мәтіні: Азаматтық қызметшілердің қызметтік әдеп кодексі" in kazakh
    assert "simkit-quoted-note" in kazakh
    assert "simkit-quoted-note" not in code_text_html("ru")


def test_a_simulated_case_tells_its_events_in_kazakh_with_the_sanction_named_by_the_glossary() -> None:
    from simkit.law.glossary import sanction_label
    from simkit.sim.case import CaseInput, run_case

    timeline = run_case(CaseInput(offence="law:50.1.17", committed=dt.date(2026, 3, 10), revealed=dt.date(2026, 4, 3)))
    texts = [event.text["kk"] for event in timeline.ordered()]
    assert texts[0] == "тәртіптік теріс қылық жасалды"
    assert "теріс қылық анықталды; мерзімдер өте бастайды" in texts
    assert timeline.sanction is not None
    assert f"шешім: {sanction_label(timeline.sanction.kind, 'kk')}" in texts
    assert all(set(event.text) == set(LANGUAGES) for event in timeline.events)


def test_the_law_calculator_explains_in_kazakh_with_the_provisions_quoted_in_russian() -> None:
    from simkit.law import explain, provision
    from simkit.player.render import finding_html

    finding = explain.explain_period("gift", dt.date(2026, 3, 6))  # the deadline falls on Friday 13 March
    kazakh = finding.as_dict("kk")
    assert kazakh["question"] == "Сыйлықты тапсыру мерзімі"
    assert kazakh["rule"].startswith("сыйлық алынған немесе ол туралы белгілі болған күннен бастап жеті")
    assert kazakh["provisions"][0]["text"] == provision("code:9.16").text["ru"]
    assert "Норманың мемлекеттік тілдегі мәтіні жинаққа енгізілмеген" in finding_html(finding, "kk")
    assert "simkit-quoted-note" not in finding_html(finding, "ru")
    deadline = explain.explain_deadline(
        committed=dt.date(2026, 3, 10), revealed=dt.date(2026, 4, 3), discrediting=False
    )
    assert deadline.as_dict("kk")["rule"].startswith("мерзімдердің ертерегі: анықталған күннен бастап — ")
    assert deadline.as_dict("ru")["rule"].startswith("более ранний из сроков: от обнаружения — ")

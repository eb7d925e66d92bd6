"""Legal terms in English as a lawyer writes them, beside the words of the unofficial English translation.

simkit names the sanctions of law:44.3 by ``en`` wherever it labels them; the translation's words are kept only
where its text is quoted. The terms are data in ``data/glossary.yaml``, each with its citation.

>>> sanction_label("incompetence_warning", "en")
'warning of incomplete fitness for the post'
>>> term("remark").translation[0].words
'reprimand'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict


class Translation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: str
    citation: str


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    citation: str
    ru: str
    en: str
    translation: tuple[Translation, ...]

    def label(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


#: The terms each sanction kind of simkit.law.offences stands for; "discretionary" is any of law:44.3.
KIND_TERMS: dict[str, tuple[str, ...]] = {
    "demotion": ("demotion",),
    "incompetence_warning": ("incompetence_warning",),
    "incompetence_warning_or_dismissal": ("incompetence_warning", "dismissal"),
    "dismissal": ("dismissal",),
}
DISCRETIONARY = {
    "ru": "любое взыскание пункта 3 статьи 44 по выбору органа",
    "en": "any sanction of law:44.3, chosen by the body",
}
OR = {"ru": "либо", "en": "or"}


@cache
def sanctions() -> dict[str, Term]:
    """The sanctions of law:44.3, in the order of the Law."""
    text = resources.files("simkit.law").joinpath("data/glossary.yaml").read_text("utf-8")
    return {entry["id"]: Term(**entry) for entry in yaml.safe_load(text)["sanctions"]}


def term(term_id: str) -> Term:
    try:
        return sanctions()[term_id]
    except KeyError:
        raise ValueError(f"unknown term {term_id!r}; see `simkit law glossary`") from None


def sanction_label(kind: str, lang: str) -> str:
    """The name of a sanction kind in ``lang`` (Kazakh falls back to Russian): the lawyer's term in English."""
    lang = "en" if lang == "en" else "ru"
    if kind == "discretionary":
        return DISCRETIONARY[lang]
    if kind not in KIND_TERMS:
        raise ValueError(f"unknown sanction kind {kind!r}; use one of {', '.join([*KIND_TERMS, 'discretionary'])}")
    return f" {OR[lang]} ".join(term(item).label(lang) for item in KIND_TERMS[kind])


def translation_words(item: Term) -> list[tuple[str, list[str]]]:
    """The translation's words for ``item``, each once, with every provision that uses them."""
    grouped: dict[str, list[str]] = {}
    for entry in item.translation:
        grouped.setdefault(entry.words, []).append(entry.citation)
    return list(grouped.items())


def as_markdown() -> str:
    """docs/glossary.md: every term, with the translation's words and where they stand."""
    lines = [
        "# Glossary",
        "",
        "Generated from `simkit/law/data/glossary.yaml` by `simkit law glossary --markdown`.",
        "simkit labels the sanctions of the Law (law:44.3) with the English terms a lawyer uses. The unofficial",
        "English translation of the Law uses other words; they are kept wherever its text is quoted, and listed",
        "here so that a reader of the translation can match them. Beware of “reprimand”: the translation uses it",
        "for замечание, which simkit calls a remark; simkit's reprimand is выговор.",
        "",
        "## Disciplinary sanctions (law:44.3)",
        "",
        "| Russian (authoritative) | simkit's English | The translation's words | Provision |",
        "| --- | --- | --- | --- |",
    ]
    for item in sanctions().values():
        words = "; ".join(f"“{words}” ({', '.join(cites)})" for words, cites in translation_words(item))
        lines.append(f"| {item.ru} | {item.en} | {words} | {item.citation} |")
    return "\n".join(lines) + "\n"

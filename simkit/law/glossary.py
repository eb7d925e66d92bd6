"""Legal terms in Russian, Kazakh and English as a lawyer writes them, beside the words of the unofficial translation.

simkit names the sanctions of law:44.3 by ``en`` wherever it labels them; the translation's words are kept only
where its text is quoted. The other legal terms are the ones translators of the cases use, so that a case says
тәртіптік теріс қылық wherever the Law says дисциплинарный проступок. The terms are data in ``data/glossary.yaml``,
each with its citation; a Kazakh term not yet compared with the official Kazakh text says so (``kk_status``).

>>> sanction_label("incompetence_warning", "en")
'warning of incomplete fitness for the post'
>>> term("remark").translation[0].words
'reprimand'
>>> term("conflict_of_interest").kk
'мүдделер қақтығысы'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator


class Translation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: str
    citation: str


TO_BE_CHECKED = "to be checked against the official kk text"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    #: The provision whose Russian text has the term; None for a word of the cases that no bundled text has.
    citation: str | None = None
    #: The form the term stands in in that text, when ``ru`` names it in its dictionary form.
    quoted: str | None = None
    #: Where a term without a citation comes from.
    source: str | None = None
    ru: str
    kk: str
    en: str
    kk_status: Literal["to be checked against the official kk text"] | None = None
    translation: tuple[Translation, ...] = ()

    @model_validator(mode="after")
    def _sourced(self) -> Term:
        if (self.citation is None) == (self.source is None):
            raise ValueError(f"term {self.id!r}: give either a citation or a source")
        return self

    @property
    def checked(self) -> bool:
        """Whether the Kazakh term has been compared with the official Kazakh text."""
        return self.kk_status is None

    def label(self, lang: str) -> str:
        return {"ru": self.ru, "kk": self.kk}.get(lang, self.en)

    def where(self) -> str:
        return self.citation or self.source or ""


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
    "kk": "органның таңдауы бойынша 44-баптың 3-тармағындағы кез келген жаза",
}
OR = {"ru": "либо", "en": "or", "kk": "не"}


@cache
def _data() -> dict[str, dict[str, Term]]:
    text = resources.files("simkit.law").joinpath("data/glossary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {part: {entry["id"]: Term(**entry) for entry in data[part]} for part in ("sanctions", "terms")}


def sanctions() -> dict[str, Term]:
    """The sanctions of law:44.3, in the order of the Law."""
    return _data()["sanctions"]


def terms() -> dict[str, Term]:
    """The other legal terms the cases use, grouped as in the data file."""
    return _data()["terms"]


def every_term() -> list[Term]:
    """The sanctions, then the other terms."""
    return [*sanctions().values(), *terms().values()]


def term(term_id: str) -> Term:
    found = {item.id: item for item in every_term()}
    try:
        return found[term_id]
    except KeyError:
        raise ValueError(f"unknown term {term_id!r}; see `simkit law glossary`") from None


def sanction_label(kind: str, lang: str) -> str:
    """The name of a sanction kind in ``lang`` (ru, kk, en; any other falls back to Russian): the glossary's term,
    the lawyer's term in English."""
    lang = lang if lang in ("en", "kk") else "ru"
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


def _kk(item: Term) -> str:
    return item.kk if item.checked else f"{item.kk} (to be checked)"


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
        "Authors and translators of cases use the Kazakh column: a case's `kk` text names each legal term as the",
        "official Kazakh text of the Law «Мемлекеттік қызмет туралы» and of the codes of ethics names it. The",
        "Kazakh text is not bundled with simkit, so no test compares the column with it; a term marked “(to be",
        "checked)” has not yet been compared with the official Kazakh text, and a reviewer should confirm it",
        "before a case that uses it is published. The Russian term is quoted from the provision cited",
        "(the form it stands in there is given when the glossary names it in its dictionary form).",
        "",
        "## Disciplinary sanctions (law:44.3)",
        "",
        "| Russian (authoritative) | Kazakh | simkit's English | The translation's words | Provision |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in sanctions().values():
        words = "; ".join(f"“{words}” ({', '.join(cites)})" for words, cites in translation_words(item))
        lines.append(f"| {item.ru} | {_kk(item)} | {item.en} | {words} | {item.citation} |")
    lines += [
        "",
        "## Terms of the Law and the codes",
        "",
        "| Russian (authoritative) | Kazakh | English | Provision or source |",
        "| --- | --- | --- | --- |",
    ]
    for item in terms().values():
        where = f"{item.citation} (“{item.quoted}”)" if item.quoted else item.where()
        lines.append(f"| {item.ru} | {_kk(item)} | {item.en} | {where} |")
    return "\n".join(lines) + "\n"

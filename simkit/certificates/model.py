"""A certificate's facts, and each as printed: the HTML and the PDF both print ``printed``, made from the gradebook's
record alone, so the same record always makes the same certificate (what ``simkit verify`` relies on).

A certificate speaks two languages: Russian and English (the default, and what every certificate issued before
Kazakh was offered is), or Kazakh and Russian for a learner who took the course in Kazakh. The pair is how the
record is rendered, not part of the record: a file in another pair names it in its embedded facts
(``"languages": ["kk", "ru"]``), verification renders the record in that pair again, and the default pair writes
nothing there, so that files issued before keep their bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from simkit.gradebook.codes import shown
from simkit.gradebook.results import percent
from simkit.i18n import N_, t
from simkit.law import parameter

FORMAT = "simkit-certificate/1"  # the embedded facts' format, for readers of the files

Languages = tuple[str, str]
DEFAULT_LANGUAGES: Languages = ("ru", "en")
# The pair a learner's language gives; either pair can also be asked for (`simkit certificates --lang`).
PAIRS: dict[str, Languages] = {"ru": DEFAULT_LANGUAGES, "en": DEFAULT_LANGUAGES, "kk": ("kk", "ru")}

# Each printed field's label (a key of the interface catalogue), in the order a certificate prints them.
LABELS: dict[str, str] = {
    "name": N_("certificate.field.name"),
    "learner": N_("certificate.field.learner"),
    "title": N_("certificate.field.title"),
    "course": N_("certificate.field.course"),
    "completed": N_("certificate.field.completed"),
    "score": N_("certificate.field.score"),
    "basis": N_("certificate.field.basis"),
    "code": N_("certificate.field.code"),
}

# What each rhythm is, in words; its period's wording and citation come from simkit.law's parameters. Where the
# law's parameters have no wording in a language (Kazakh), the catalogue's whole phrase is printed.
RHYTHMS = {
    "onboarding": (
        "onboarding_familiarisation_period",
        N_("certificate.rhythm.onboarding"),
        N_("certificate.basis.onboarding"),
    ),
    "advanced_training": (
        "advanced_training_interval",
        N_("certificate.rhythm.advanced_training"),
        N_("certificate.basis.advanced_training"),
    ),
}


def certificate_languages(lang: str | None) -> Languages:
    """The pair of languages a certificate is printed in for a learner in ``lang``."""
    return PAIRS.get(lang or "", DEFAULT_LANGUAGES)


def in_pair(key: str, languages: Languages, separator: str = " / ") -> str:
    """The catalogue's text for ``key`` in both languages, the first language first (one text when they agree)."""
    texts = dict.fromkeys(t(key, lang) for lang in languages)
    return separator.join(texts)


def legal_basis(rhythm: str | None, languages: Languages = DEFAULT_LANGUAGES) -> str:
    """The provision a course serves (code:5 or law:34.2) and what it requires, in both languages. Whether the
    course fulfils that duty is the organisation's call (interpretation ``certificate-and-advanced-training``)."""
    if rhythm not in RHYTHMS:
        return "—"
    name, purpose, phrase = RHYTHMS[rhythm]
    rule = parameter(name)
    words = [
        f"{t(purpose, lang)} {rule.words[lang]}" if rule.words.get(lang) else t(phrase, lang) for lang in languages
    ]
    return f"{', '.join(rule.reference)}: {' / '.join(words)}"


def score_text(score: float, max_score: float) -> str:
    return f"{score:g} / {max_score:g} ({percent(score, max_score):g} %)"


class Fields(Protocol):
    """A certificate's row: the gradebook's (SQLAlchemy's RowMapping, keyed by column name or column) or a dict."""

    def __getitem__(self, name: str, /) -> Any: ...


@dataclass(frozen=True)
class Certificate:
    code: str  # stored form: 16 characters, no separators
    attempt_id: int
    learner_id: str
    learner_name: str | None
    course_id: str
    course_version: int
    title_ru: str
    title_en: str
    rhythm: str | None
    completed_on: dt.date
    score: float
    max_score: float
    issued_at: dt.datetime

    @classmethod
    def from_row(cls, row: Fields) -> Certificate:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    @property
    def shown_code(self) -> str:
        return shown(self.code)

    @property
    def name(self) -> str:
        return self.learner_name or self.learner_id

    def facts(self, languages: Languages = DEFAULT_LANGUAGES) -> dict[str, Any]:
        """What a certificate file embeds for machines (HTML: a JSON script; PDF: an attached JSON file)."""
        facts = {
            "format": FORMAT,
            "code": self.shown_code,
            "learner": self.learner_id,
            "name": self.name,
            "course": self.course_id,
            "version": self.course_version,
            "title": {"ru": self.title_ru, "en": self.title_en},
            "rhythm": self.rhythm,
            "completed_on": self.completed_on.isoformat(),
            "score": self.score,
            "max_score": self.max_score,
        }
        if languages != DEFAULT_LANGUAGES:
            facts["languages"] = list(languages)
        return facts

    def printed(self, languages: Languages = DEFAULT_LANGUAGES) -> dict[str, str]:
        """Each field as a certificate prints it. The course's title is the record's: in Russian and English, or
        in Russian alone where English is not printed (the record keeps no Kazakh title)."""
        title = self.title_ru
        if "en" in languages and self.title_en != self.title_ru:
            title = f"{self.title_ru} / {self.title_en}"
        return {
            "name": self.name,
            "learner": self.learner_id,
            "title": title,
            "course": f"{self.course_id} v{self.course_version}",
            "completed": self.completed_on.strftime("%d.%m.%Y"),
            "score": score_text(self.score, self.max_score),
            "basis": legal_basis(self.rhythm, languages),
            "code": self.shown_code,
        }


def label(field: str, languages: Languages = DEFAULT_LANGUAGES) -> str:
    return in_pair(LABELS[field], languages)

"""A certificate's facts, and each as printed: the HTML and the PDF both print ``printed``, made from the gradebook's
record alone, so the same record always makes the same certificate (what ``simkit verify`` relies on)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.certificates.codes import shown
from simkit.law import parameter

FORMAT = "simkit-certificate/1"  # the embedded facts' format, for readers of the files

# Each printed field: its label in Russian and English, in the order a certificate prints them.
LABELS: dict[str, tuple[str, str]] = {
    "name": ("Слушатель", "Learner"),
    "learner": ("Идентификатор слушателя", "Learner id"),
    "title": ("Курс", "Course"),
    "course": ("Код и версия курса", "Course id and version"),
    "completed": ("Дата завершения", "Completed on"),
    "score": ("Результат", "Score"),
    "basis": ("Основание", "Legal basis"),
    "code": ("Код проверки", "Verification code"),
}

# What each rhythm is, in words; its period's wording and citation come from simkit.law's parameters.
RHYTHMS = {
    "onboarding": (
        "onboarding_familiarisation_period",
        {"ru": "ознакомление с Кодексом служебной этики", "en": "familiarisation with the Code of service ethics"},
    ),
    "advanced_training": ("advanced_training_interval", {"ru": "повышение квалификации", "en": "advanced training"}),
}


def legal_basis(rhythm: str | None) -> str:
    """The provision a course serves (code:5 or law:34.2) and what it requires, in Russian and English. Whether the
    course fulfils that duty is the organisation's call (interpretation ``certificate-and-advanced-training``)."""
    if rhythm not in RHYTHMS:
        return "—"
    name, purpose = RHYTHMS[rhythm]
    rule = parameter(name)
    words = [f"{purpose[lang]} {rule.words[lang]}" for lang in ("ru", "en")]
    return f"{', '.join(rule.reference)}: {' / '.join(words)}"


def percent(score: float, max_score: float) -> float:
    return round(100 * score / max_score, 1) if max_score else 0.0


def score_text(score: float, max_score: float) -> str:
    return f"{score:g} / {max_score:g} ({percent(score, max_score):g} %)"


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
    def from_row(cls, row: Mapping[str, Any]) -> Certificate:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    @property
    def shown_code(self) -> str:
        return shown(self.code)

    @property
    def name(self) -> str:
        return self.learner_name or self.learner_id

    def facts(self) -> dict[str, Any]:
        """What a certificate file embeds for machines (HTML: a JSON script; PDF: an attached JSON file)."""
        return {
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

    def printed(self) -> dict[str, str]:
        """Each field as a certificate prints it."""
        title = self.title_ru if self.title_ru == self.title_en else f"{self.title_ru} / {self.title_en}"
        return {
            "name": self.name,
            "learner": self.learner_id,
            "title": title,
            "course": f"{self.course_id} v{self.course_version}",
            "completed": self.completed_on.strftime("%d.%m.%Y"),
            "score": score_text(self.score, self.max_score),
            "basis": legal_basis(self.rhythm),
            "code": self.shown_code,
        }


def label(field: str) -> str:
    russian, english = LABELS[field]
    return f"{russian} / {english}"

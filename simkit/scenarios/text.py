"""Learner-facing text in Russian and English (Kazakh where provided), and how values are written in each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

LANGUAGES = ("ru", "en", "kk")
REQUIRED_LANGUAGES = ("ru", "en")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
YES_NO = {"ru": ("да", "нет"), "en": ("yes", "no"), "kk": ("иә", "жоқ")}


class LocalText(BaseModel):
    """A text in several languages. Russian and English are expected; a missing one is a validator warning."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ru: str | None = None
    en: str | None = None
    kk: str | None = None

    @model_validator(mode="after")
    def _not_empty(self, info: ValidationInfo) -> LocalText:
        if not any((self.ru, self.en, self.kk)):
            raise ValueError("give the text in at least one language (ru, en)")
        if not (self.ru and self.en) and isinstance(info.context, dict):
            info.context["untranslated"] = True  # lets the validator skip its slow search when all is translated
        return self

    def get(self, lang: str) -> str:
        """The text in ``lang``, else Russian, else English, else Kazakh."""
        for candidate in (lang, "ru", "en", "kk"):
            value: str | None = getattr(self, candidate, None)
            if value:
                return value
        return ""

    def missing(self) -> list[str]:
        return [lang for lang in REQUIRED_LANGUAGES if not getattr(self, lang)]


def format_value(value: Any, lang: str) -> str:
    """How a parameter's value is written in a learner's language."""
    if isinstance(value, LocalText):
        return value.get(lang)
    if isinstance(value, bool):
        return YES_NO.get(lang, YES_NO["en"])[0 if value else 1]
    if isinstance(value, dt.date):
        if lang == "en":
            return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and lang in ("ru", "kk"):
        return f"{value:,}".replace(",", "\u00a0")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)

"""The interface's own words (buttons, headings, verdicts, labels of reports, charts and certificates) in Russian,
English and Kazakh, looked up by a stable key in one gettext catalogue per language.

The catalogues are the ``.po`` files in ``simkit/locale/<lang>/LC_MESSAGES/simkit.po``, read with Babel once per
process and language; there is no compiled ``.mo`` to keep in step. ``t("player.answer", lang)`` is a word,
``tn("compliance.others", count, lang, count=count)`` words with a number (the language's plural forms), and
``N_("...")`` marks a key held in a table and looked up later, so that extraction finds every key the code uses.
docs/translation.md says how translators edit the catalogues and how developers add a string.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGUAGES = ("ru", "en", "kk")
LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "kk": "Қазақша"}  # each in itself, as a language switch shows it
DEFAULT = "ru"  # the language of the authoritative legal texts, and the fallback for an unknown one
DOMAIN = "simkit"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def language(lang: str | None) -> str:
    """``lang`` when the interface has it, else Russian."""
    return lang if lang in LANGUAGES else DEFAULT


@dataclass(frozen=True)
class Catalogue:
    """One language's translations: a key's text, or for a plural key its forms, and which form a count takes."""

    texts: dict[str, str | tuple[str, ...]]
    plural: Callable[[int], int]


@cache
def catalogue(lang: str) -> Catalogue:
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as file:
        read = read_po(file, domain=DOMAIN)  # the plural rule comes from the header: no locale data to load
    texts: dict[str, str | tuple[str, ...]] = {}
    for message in read:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if isinstance(message.string, tuple | list):
            if all(message.string):
                texts[key] = tuple(message.string)
        elif message.string:
            texts[key] = message.string
    return Catalogue(texts, gettext.c2py(read.plural_expr))


def _found(key: str, lang: str) -> tuple[str | tuple[str, ...], Catalogue | None]:
    """The key's text in ``lang`` and the catalogue it came from; should a catalogue lack it (a test sees to it
    that none does), Russian, else English, else the key itself, so that a page never breaks over a missing word."""
    for candidate in (language(lang), DEFAULT, "en"):
        found = catalogue(candidate)
        text = found.texts.get(key)
        if text is not None:
            return text, found
    return key, None


def t(key: str, lang: str, /, **values: object) -> str:
    """The interface's text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``."""
    text, _ = _found(key, lang)
    if isinstance(text, tuple):
        text = text[-1]
    return text.format(**values) if values else text


def tn(key: str, count: int, lang: str, /, **values: object) -> str:
    """The text for ``key`` in the form ``lang`` uses with the number ``count`` (один балл, два балла, пять баллов)."""
    text, found = _found(key, lang)
    if isinstance(text, tuple) and found is not None:
        text = text[min(found.plural(count), len(text) - 1)]
    elif isinstance(text, tuple):
        text = text[-1]
    return text.format(**values) if values else text


def every(key: str, /, **values: object) -> dict[str, str]:
    """The text for ``key`` in each language, for a record that keeps all of them (a timeline's event, a law
    finding). A value that differs by language (a sanction's name) is given as a function of the language."""
    return {lang: t(key, lang, **{name: _in(value, lang) for name, value in values.items()}) for lang in LANGUAGES}


def _in(value: object, lang: str) -> object:
    return value(lang) if callable(value) else value


def translated(keys: Mapping[str, str], lang: str) -> dict[str, str]:
    """Each name's text in ``lang``, for a template that reads several words (``words.title``) from a table of
    names and their keys: ``{"title": N_("feedback.title"), ...}``."""
    return {name: t(key, lang) for name, key in keys.items()}


def N_(key: str) -> str:
    """Marks ``key`` for extraction where it is stored now and looked up later (a table of statuses)."""
    return key


def preload(*languages: str) -> None:
    """Reads the catalogues now (the player's pre-heated kernel does, before a learner asks for the page)."""
    for lang in languages or LANGUAGES:
        catalogue(lang)


__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "Catalogue",
    "catalogue",
    "every",
    "language",
    "preload",
    "t",
    "tn",
    "translated",
]

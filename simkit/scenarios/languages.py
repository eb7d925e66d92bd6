"""Which languages a scenario or course is complete in: every learner-facing text of it has that language.

`simkit validate` prints one line per file; ``--require-lang kk`` turns a file that is not complete in Kazakh into
an error (E020) placed at its first text without Kazakh, so that CI can hold a course to a language.

>>> found = completeness({"title": {"ru": "Подарок", "en": "A gift"}, "steps": [{"prompt": {"ru": "?", "kk": "?"}}]})
>>> found.complete
('ru',)
>>> first_missing({"title": {"ru": "Подарок", "en": "A gift"}}, "kk")
('title',)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from simkit.scenarios.text import LANGUAGES

KeyPath = tuple[str | int, ...]
TEXT_KEYS = frozenset(LANGUAGES)


@dataclass(frozen=True)
class Completeness:
    """How many of a file's texts have each language."""

    texts: int
    present: dict[str, int]

    @property
    def complete(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if self.texts and self.present[lang] == self.texts)

    def missing(self, lang: str) -> int:
        return self.texts - self.present[lang]

    def describe(self) -> str:
        """``complete in ru, en; kk 12/40 texts`` (the languages not complete, with how far they are)."""
        done = ", ".join(self.complete) or "no language"
        partial = [f"{lang} {self.present[lang]}/{self.texts} texts" for lang in LANGUAGES if lang not in self.complete]
        return f"complete in {done}" + (f"; {', '.join(partial)}" if partial else "")


def ordered_texts(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Every text (a mapping of language codes to strings) in parsed YAML data, in file order, with its key path."""
    if isinstance(data, dict):
        if data and TEXT_KEYS.issuperset(data):
            yield path, data
            return
        for key, value in data.items():
            yield from ordered_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from ordered_texts(value, (*path, index))


def _has(text: dict[str, Any], lang: str) -> bool:
    value = text.get(lang)
    return isinstance(value, str) and bool(value.strip())


def completeness(data: Any) -> Completeness:
    """The languages of every text of a scenario or course file's data (one quick walk; no paths kept)."""
    texts = 0
    present = dict.fromkeys(LANGUAGES, 0)
    stack = [data]
    is_text_keys = TEXT_KEYS.issuperset
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            if value and is_text_keys(value):
                texts += 1
                for lang, text in value.items():  # only language codes here; a blank text counts as missing
                    if type(text) is str and text and not text.isspace():
                        present[lang] += 1
            else:
                stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
    return Completeness(texts, present)


def first_missing(data: Any, lang: str) -> KeyPath | None:
    """The key path of the first text (in file order) without ``lang``."""
    return next((path for path, text in ordered_texts(data) if not _has(text, lang)), None)


def dotted(path: KeyPath) -> str:
    return ".".join(map(str, path)) or "the file"

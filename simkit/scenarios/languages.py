"""Which languages a scenario or course is complete in: every learner-facing text of it has that language.

`simkit validate` prints one line per file; ``--require-lang kk`` turns a file that is not complete in Kazakh into
an error (E020) placed at its first text without Kazakh, so that CI can hold a course to a language.

>>> found = completeness({"title": {"ru": "Подарок", "en": "A gift"}, "steps": [{"prompt": {"ru": "?", "kk": "?"}}]})
>>> found.complete
('ru',)
>>> found.first_missing["kk"]
('title',)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simkit.scenarios.text import LANGUAGES

KeyPath = tuple[str | int, ...]
TEXT_KEYS = frozenset(LANGUAGES)


@dataclass(frozen=True)
class Completeness:
    """How many of a file's texts have each language, and the first (in file order) that lacks it."""

    texts: int
    present: dict[str, int]
    first_missing: dict[str, KeyPath] = field(default_factory=dict)

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


def completeness(data: Any) -> Completeness:
    """The languages of every text of a scenario or course file's data."""
    texts = 0
    present = dict.fromkeys(LANGUAGES, 0)
    first: dict[str, KeyPath] = {}
    for path, text in ordered_texts(data):
        texts += 1
        for lang in LANGUAGES:
            value = text.get(lang)
            if isinstance(value, str) and value.strip():
                present[lang] += 1
            elif lang not in first:
                first[lang] = path
    return Completeness(texts, present, first)


def dotted(path: KeyPath) -> str:
    return ".".join(map(str, path)) or "the file"

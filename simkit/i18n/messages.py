"""Keeping the catalogues in step with the code: extraction of every key the code looks up, the template
(``simkit.pot``), merging it into each language's ``.po``, and the checks a translation must pass.

``python -m simkit.i18n.messages update`` re-extracts and merges (new keys arrive empty, for translators);
``python -m simkit.i18n.messages check`` prints each problem on one line and fails if there is any. The tests run
the same checks.
"""

from __future__ import annotations

import ast
import re
import string
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from simkit.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, po_path

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# The lookups extraction knows: t(key, lang), tn(key, count, lang) (plural), every(key) (the text in each
# language), N_(key) (a key kept for later).
KEYWORDS = ("t", "tn", "every", "N_")
# Jinja templates (simkit/templates/*.html, or inside Python strings) look words up as {{ t('key') }}; extraction
# reads those too.
TEMPLATE_LOOKUP = re.compile(r"""\bt\(['"]([a-z0-9_]+(?:\.[a-z0-9_]+)+)['"]\)""")
TEMPLATES = "*.html"
HEADER = """\
# The interface words of simkit{language}.
# Keys are stable names (player.answer); the English catalogue holds the source text. See docs/translation.md.
#"""
WIDTH = 120


@dataclass(frozen=True)
class Use:
    key: str
    plural: bool
    where: str  # path:line of its first use


def used_keys(root: Path = PACKAGE) -> dict[str, Use]:
    """Every key the code under ``root`` looks up, with whether a count chooses its form.

    Read from the syntax tree rather than with Babel's Python extractor, which misses a call inside an f-string
    (``f"<b>{t('player.answer', lang)}</b>"``, the usual way here) and reads ``t(WORDS["x"], lang)`` as key "x"."""
    found: dict[str, Use] = {}
    for path in sorted([*root.rglob("*.py"), *root.rglob(TEMPLATES)]):
        where = path.relative_to(root).as_posix()
        text = path.read_text("utf-8")
        for node in ast.walk(ast.parse(text, str(path))) if path.suffix == ".py" else ():
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
                continue
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                key, plural = node.args[0].value, node.func.id == "tn"
                first = found.setdefault(key, Use(key, plural, f"{where}:{node.lineno}"))
                if plural and not first.plural:  # a key counted anywhere has plural forms
                    found[key] = Use(key, True, first.where)
        for match in TEMPLATE_LOOKUP.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(match[1], Use(match[1], False, f"{where}:{line}"))
    return dict(sorted(found.items()))


def new_catalog(lang: str | None = None) -> Catalog:
    """An empty catalogue (the template when ``lang`` is None) with simkit's header."""
    language = f", {lang}" if lang else ": the template, made by extraction"
    return Catalog(
        locale=lang,
        domain=DOMAIN,
        header_comment=HEADER.format(language=language),
        project="simkit",
        version="1",
        msgid_bugs_address="",
        last_translator="simkit translators",
        language_team=f"simkit {lang}" if lang else "",
        fuzzy=False,
    )


def template(uses: dict[str, Use]) -> Catalog:
    catalog = new_catalog()
    for use in uses.values():
        path, _, line = use.where.rpartition(":")
        catalog.add((use.key, use.key) if use.plural else use.key, locations=[(path, int(line))])
    return catalog


def read(lang: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with po_path(lang, locale_dir).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def write(catalog: Catalog, path: Path, **options: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as file:
        write_po(file, catalog, width=WIDTH, sort_output=True, **options)  # type: ignore[arg-type]
    temporary.replace(path)


def update() -> None:
    """Writes the template from the code and merges it into each catalogue: a new key arrives untranslated, a
    key the code no longer uses is dropped (its translations stay in the history of the file)."""
    pot = template(used_keys())
    write(pot, TEMPLATE, include_lineno=False)
    for lang in LANGUAGES:
        catalog = read(lang)
        catalog.update(pot, no_fuzzy_matching=True)
        write(catalog, po_path(lang), ignore_obsolete=True, no_location=True)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(
    languages: tuple[str, ...] = LANGUAGES, locale_dir: Path = LOCALE_DIR, root: Path = PACKAGE
) -> Iterator[str]:
    """Each thing wrong with the catalogues, one line each: a key used but missing, a key kept but unused, an
    empty, fuzzy or plural-less translation, a placeholder the English text does not have."""
    uses = used_keys(root)
    english = {_key(message.id): message for message in read("en", locale_dir) if message.id}
    for code in languages:
        catalog = read(code, locale_dir)
        shown = po_path(code, locale_dir)
        shown = shown.relative_to(PACKAGE.parent) if shown.is_relative_to(PACKAGE.parent) else shown
        keys = set()
        for message in catalog:
            if not message.id:
                continue
            key = _key(message.id)
            keys.add(key)
            where = f"{shown}: {key}"
            forms = _strings(message.string)
            if key not in uses:
                yield f"{where}: no code looks this key up (run `python -m simkit.i18n.messages update`)"
            elif uses[key].plural != isinstance(message.id, tuple):
                yield f"{where}: {'a count chooses its form: give plural forms' if uses[key].plural else 'not plural'}"
            if message.fuzzy:
                yield f"{where}: marked fuzzy: check the translation and remove the mark"
            if not all(forms):
                yield f"{where}: not translated"
            elif isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:
                yield f"{where}: {len(forms)} plural forms, the language has {catalog.num_plurals}"
            source = english.get(key)
            if source is not None and all(forms):
                expected = set().union(*(_fields(text) for text in _strings(source.string)))
                for text in forms:
                    if _fields(text) - expected:
                        yield f"{where}: placeholders {sorted(_fields(text) - expected)} not in the English text"
        for key in sorted(set(uses) - keys):
            yield f"{shown}: {key}: missing (used at {uses[key].where})"


def _key(msgid: str | Sequence[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _strings(string_: str | Sequence[str] | None) -> tuple[str, ...]:
    """A message's forms: its one text, or one per plural form (a missing text is an empty one)."""
    if string_ is None:
        return ("",)
    return (string_,) if isinstance(string_, str) else tuple(string_)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        print(f"updated {TEMPLATE.relative_to(PACKAGE.parent)} and the {', '.join(LANGUAGES)} catalogues")
        return 0
    if command == "check":
        found = list(problems())
        for line in found:
            print(line)
        return 1 if found else 0
    print(f"unknown command {command!r}; use update or check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

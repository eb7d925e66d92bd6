"""Reading a certificate file back: the facts it embeds for machines, and each fact as it prints it.

Both are needed to catch tampering: an edited page with its embedded facts left alone, and edited facts under an
untouched page, both differ from the gradebook. Whatever cannot be read is one NotVerified line naming the file.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from simkit.certificates.html import FACTS_ID
from simkit.certificates.model import LABELS, label
from simkit.certificates.pdf import ATTACHMENT

HINT = "(hint: give the .html or .pdf file that `simkit certificates` wrote)"
PDF_END = "Проверка / Verify:"  # the line after the facts on a PDF page


class NotVerified(Exception):
    """A certificate that fails verification, or a file that cannot be one; the message is one line."""


class _CertificateHtml(HTMLParser):
    """Collects the embedded JSON and the text of each element marked ``data-fact``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts_json: str | None = None
        self.printed: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, fact or facts script it belongs to)
        self._text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        target = attributes.get("data-fact")
        if tag == "script" and attributes.get("id") == FACTS_ID:
            target = "#facts"
        inherited = next((owner for _tag, owner in reversed(self._open) if owner), None)
        self._open.append((tag, target or inherited))
        if target:
            self._text.setdefault(target, [])

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, _owner = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        owner = next((owner for _tag, owner in reversed(self._open) if owner), None)
        if owner:
            self._text[owner].append(data)

    def close(self) -> None:
        super().close()
        joined = {owner: "".join(parts) for owner, parts in self._text.items()}
        self.facts_json = joined.pop("#facts", None)
        self.printed = {field: _spaced(text) for field, text in joined.items()}


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read_html(path: Path) -> tuple[str | None, dict[str, str]]:
    parser = _CertificateHtml()
    try:
        parser.feed(path.read_text("utf-8"))
    except UnicodeDecodeError as error:
        raise NotVerified(f"{path}: not UTF-8 text at byte {error.start}: not a certificate {HINT}") from None
    parser.close()
    return parser.facts_json, parser.printed


def _pdf_lines(text: str) -> dict[str, str]:
    """Each ``label: value`` line of the page; a value wrapped onto the next lines is joined again."""
    starts = {f"{label(field)}:": field for field in LABELS}
    printed: dict[str, list[str]] = {}
    field = None
    for line in text.splitlines():
        start = next((prefix for prefix in starts if line.startswith(prefix)), None)
        if start is not None:
            field = starts[start]
            printed[field] = [line[len(start) :]]
        elif line.startswith(PDF_END):
            field = None
        elif field is not None:
            printed[field].append(line)
    return {field: _spaced(" ".join(parts)) for field, parts in printed.items()}


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    # pypdf logs each repair it tries on a damaged file; the one line NotVerified gives is what a trainer needs.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf(path: Path) -> tuple[str | None, dict[str, str]]:
    try:
        with _pypdf_quiet():
            reader = PdfReader(path)
            text = "\n".join(page.extract_text() for page in reader.pages)
            attached = reader.attachments.get(ATTACHMENT)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise NotVerified(f"{path}: not a readable PDF ({error}) {HINT}") from None
    facts = attached[0].decode("utf-8", errors="replace") if attached else None
    return facts, _pdf_lines(text)


def read_certificate(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The facts a certificate file embeds, and its printed fields."""
    readers = {".html": _read_html, ".htm": _read_html, ".pdf": _read_pdf}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise NotVerified(f"{path}: not an .html or .pdf file {HINT}")
    if not path.is_file():
        raise NotVerified(f"{path}: no such file {HINT}")
    facts_json, printed = reader(path)
    if facts_json is None:
        raise NotVerified(f"{path}: no simkit certificate facts in it {HINT}")
    try:
        facts = json.loads(facts_json)
    except json.JSONDecodeError as error:
        raise NotVerified(
            f"{path}: its certificate facts are damaged: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(facts, dict):
        raise NotVerified(f"{path}: its certificate facts are damaged: not a JSON object")
    return facts, printed

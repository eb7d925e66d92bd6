"""Reading a certificate file back for verification: its bytes, the code it names, and where it departs from the
file simkit issues for that code.

Nothing a file shows or embeds is taken as a fact. Its code only says which gradebook record to render again;
the file must then be that rendering (``simkit.certificates.verify``). Whatever cannot be read is one NotVerified
line naming the file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from simkit.certificates.html import FACTS_ID
from simkit.certificates.model import DEFAULT_LANGUAGES, PAIRS, Languages
from simkit.certificates.pdf import ATTACHMENT

HINT = "(hint: give the .html or .pdf file that `simkit certificates` wrote)"
Kind = Literal["html", "pdf"]
KINDS: dict[str, Kind] = {".html": "html", ".htm": "html", ".pdf": "pdf"}
UTF8_BOM = b"\xef\xbb\xbf"
SHOWN_AROUND = 40  # characters of a differing line shown either side of the first difference


class NotVerified(Exception):
    """A certificate that fails verification, or a file that cannot be one; the message is one line."""


class _FactsScript(HTMLParser):
    """The text of the first ``<script id="simkit-certificate">``: only where to look the certificate up."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and self.text is None and dict(attrs).get("id") == FACTS_ID:
            self.text, self._inside = [], True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and self.text is not None:
            self.text.append(data)


def read_file(path: Path) -> tuple[Kind, bytes]:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise NotVerified(f"{path}: not an .html or .pdf file {HINT}")
    try:
        return kind, path.read_bytes()
    except FileNotFoundError:
        raise NotVerified(f"{path}: no such file {HINT}") from None
    except OSError as error:
        raise NotVerified(f"{path}: cannot read: {error.strerror or error} {HINT}") from None


def _html_facts(path: Path, data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotVerified(f"{path}: not UTF-8 text at byte {error.start}: not a certificate {HINT}") from None
    parser = _FactsScript()
    parser.feed(text)
    parser.close()
    return None if parser.text is None else "".join(parser.text)


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


def _pdf_facts(path: Path) -> str | None:
    try:
        with _pypdf_quiet():
            attached = PdfReader(path).attachments.get(ATTACHMENT)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise NotVerified(f"{path}: not a readable PDF ({error}) {HINT}") from None
    return attached[0].decode("utf-8", errors="replace") if attached else None


def named_facts(path: Path, kind: Kind, data: bytes) -> tuple[str, Languages]:
    """The verification code the file's embedded facts name, as written there, and the pair of languages it says
    it is printed in (Russian and English when it says none, as every certificate issued before Kazakh)."""
    facts = _facts(path, kind, data)
    code = facts.get("code")
    if not isinstance(code, str):
        raise NotVerified(f"{path}: its certificate facts are damaged: no verification code in them")
    named = facts.get("languages", list(DEFAULT_LANGUAGES))
    pairs = set(PAIRS.values())
    languages = tuple(named) if isinstance(named, list) else ()
    if languages not in pairs:
        shown = " or ".join(sorted("+".join(pair) for pair in pairs))
        raise NotVerified(
            f"{path}: its certificate facts name languages {named!r}; certificates are printed in {shown}"
        )
    return code, languages


def named_code(path: Path, kind: Kind, data: bytes) -> str:
    """The verification code the file's embedded facts name, as written there."""
    return named_facts(path, kind, data)[0]


def _facts(path: Path, kind: Kind, data: bytes) -> dict[str, object]:
    found = _html_facts(path, data) if kind == "html" else _pdf_facts(path)
    if found is None:
        raise NotVerified(f"{path}: no simkit certificate facts in it {HINT}")
    try:
        facts = json.loads(found)
    except json.JSONDecodeError as error:
        raise NotVerified(
            f"{path}: its certificate facts are damaged: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(facts, dict):
        raise NotVerified(f"{path}: its certificate facts are damaged: not a JSON object")
    return facts


def canonical(kind: Kind, data: bytes) -> bytes:
    """The bytes compared with the issued file. An HTML file may have gained a byte-order mark or Windows line
    ends on its way (an editor, an e-mail client): neither changes what a browser shows. A PDF is taken as is."""
    if kind == "pdf":
        return data
    return data.removeprefix(UTF8_BOM).replace(b"\r\n", b"\n")


def departure(kind: Kind, given: bytes, issued: bytes) -> str:
    """Where a file first differs from the issued one, for the trainer reading the verdict."""
    if given.startswith(issued):
        added = f"{len(given) - len(issued):,} byte(s) added after the end of the issued file"
        return added + (" (an incremental update, which can change what a viewer shows)" if kind == "pdf" else "")
    if issued.startswith(given):
        return f"cut short: the issued file's last {len(issued) - len(given):,} byte(s) are missing"
    at = next(index for index, (mine, theirs) in enumerate(zip(given, issued, strict=False)) if mine != theirs)
    if kind == "pdf":
        return f"it differs from the issued file from byte {at:,} of {len(issued):,} on"
    line = given.count(b"\n", 0, at) + 1
    return f"line {line} differs: the file has {_around(given, at)!r}, the issued one {_around(issued, at)!r}"


def _around(data: bytes, at: int) -> str:
    """The line holding byte ``at``, cut to a few dozen characters either side of it."""
    start = data.rfind(b"\n", 0, at) + 1
    end = data.find(b"\n", at)
    line = data[start : len(data) if end < 0 else end].decode("utf-8", errors="replace")
    column = len(data[start:at].decode("utf-8", errors="replace"))
    left, right = max(0, column - SHOWN_AROUND), column + SHOWN_AROUND
    return ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")

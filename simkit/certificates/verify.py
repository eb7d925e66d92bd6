"""Verification: a code, or a certificate file, against the gradebook's record for its code.

What is vouched for is the record, never the file. A file verifies only when it is, byte for byte (after
``files.canonical``), the file simkit renders from the record of the code it names: rendering is deterministic,
so the genuine file and a re-issued one are identical, while anything added, hidden or painted over (a second
copy of a fact in hidden markup, a forged score beside intact embedded facts, a drawing over a PDF's score, an
incremental update) makes it another file. Reading what a file seems to say would have to guess what a browser
or viewer shows; comparing the whole file guesses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simkit.certificates.files import NotVerified, canonical, departure, named_facts, read_file
from simkit.certificates.issue import RENDERERS
from simkit.certificates.model import DEFAULT_LANGUAGES, Certificate, Languages
from simkit.certificates.store import CertificateBook, Standing
from simkit.gradebook.codes import MalformedCode, parse_code


@dataclass(frozen=True)
class Verified:
    certificate: Certificate  # the gradebook's record: all that verification vouches for
    standing: Standing
    mismatch: str | None = None  # a file that is not the one issued for the code: where it first departs from it

    @property
    def genuine(self) -> bool:
        return self.mismatch is None


def find_certificate(book: CertificateBook, text: str, source: Path | None = None) -> Certificate:
    where = f"{source}: " if source else ""
    try:
        code = parse_code(text)
    except MalformedCode as error:
        raise NotVerified(where + str(error)) from None
    certificate = book.find(code)
    if certificate is None:
        raise NotVerified(
            f"{where}no certificate with code {text.strip()!r} in this gradebook (a forged or mistyped code, or "
            "another training centre's certificate?)"
        )
    return certificate


def verify_code(book: CertificateBook, text: str) -> Verified:
    """What the gradebook records for a code; NotVerified if the code is malformed or unknown."""
    certificate = find_certificate(book, text)
    return Verified(certificate, book.standing(certificate))


def issued_file(certificate: Certificate, kind: str, languages: Languages = DEFAULT_LANGUAGES) -> bytes:
    """The file simkit issues for a record in a pair of languages, as ``simkit certificates`` writes it and the
    service serves it."""
    return RENDERERS[kind](certificate, languages)


def verify_file(book: CertificateBook, path: Path) -> Verified:
    """The gradebook's record for the code a file names, and whether the file is the one issued for it."""
    kind, data = read_file(path)
    code, languages = named_facts(path, kind, data)
    certificate = find_certificate(book, code, path)
    given, issued = canonical(kind, data), issued_file(certificate, kind, languages)
    mismatch = None if given == issued else departure(kind, given, issued)
    return Verified(certificate, book.standing(certificate), mismatch)

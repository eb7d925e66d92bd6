"""Verification: a code, or a whole certificate file, against what the gradebook recorded when it was issued."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from simkit.certificates.codes import MalformedCode, parse_code
from simkit.certificates.files import NotVerified, read_certificate
from simkit.certificates.model import FORMAT, LABELS, Certificate
from simkit.certificates.store import CertificateBook, Standing


@dataclass(frozen=True)
class Difference:
    field: str
    on_certificate: str | None  # None: the certificate does not print it at all
    in_gradebook: str


@dataclass(frozen=True)
class Verified:
    certificate: Certificate
    standing: Standing
    differences: tuple[Difference, ...] = ()  # a file's fields that differ from the gradebook: tampered


class Facts(BaseModel):
    """The facts a certificate file embeds, as ``Certificate.facts`` writes them."""

    model_config = ConfigDict(extra="forbid", strict=True)
    format: str
    code: str
    learner: str
    name: str
    course: str
    version: int
    title: dict[str, str]
    rhythm: str | None
    completed_on: str
    score: float  # strict: a number, an integer too; never a string
    max_score: float

    def printed(self) -> dict[str, str]:
        """These facts printed the way the gradebook's certificate prints its own."""
        try:
            completed = dt.date.fromisoformat(self.completed_on)
        except ValueError:
            completed = None
        stated = Certificate(
            code="",
            attempt_id=0,  # neither is printed
            learner_id=self.learner,
            learner_name=self.name,
            course_id=self.course,
            course_version=self.version,
            title_ru=self.title.get("ru", ""),
            title_en=self.title.get("en", ""),
            rhythm=self.rhythm,
            completed_on=completed or dt.date.min,
            score=float(self.score),
            max_score=float(self.max_score),
            issued_at=dt.datetime.min,
        ).printed()
        if completed is None:
            stated["completed"] = self.completed_on
        return stated | {"code": self.code}


def find_certificate(book: CertificateBook, text: str) -> Certificate:
    try:
        code = parse_code(text)
    except MalformedCode as error:
        raise NotVerified(str(error)) from None
    certificate = book.find(code)
    if certificate is None:
        raise NotVerified(f"no certificate with code {text.strip()!r} in this gradebook (a forged or mistyped code?)")
    return certificate


def verify_code(book: CertificateBook, text: str) -> Verified:
    """What the gradebook records for a code; NotVerified if the code is malformed or unknown."""
    certificate = find_certificate(book, text)
    return Verified(certificate, book.standing(certificate))


def _facts(path: Path, raw: dict[str, Any]) -> Facts:
    try:
        facts = Facts.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise NotVerified(f"{path}: its certificate facts are damaged: {where}: {first['msg']}") from None
    if facts.format != FORMAT:
        raise NotVerified(f"{path}: certificate facts of format {facts.format!r}; this simkit reads {FORMAT!r}")
    return facts


def verify_file(book: CertificateBook, path: Path) -> Verified:
    """Check every printed and embedded fact of a certificate file against the gradebook's record of its code."""
    raw, printed = read_certificate(path)
    facts = _facts(path, raw)
    certificate = find_certificate(book, facts.code)
    recorded = certificate.printed()
    embedded = facts.printed()
    differences = []
    for field in LABELS:
        shown = printed.get(field)
        if shown != recorded[field]:
            differences.append(Difference(field, shown, recorded[field]))
        elif embedded[field] != recorded[field]:
            differences.append(Difference(field, embedded[field], recorded[field]))
    return Verified(certificate, book.standing(certificate), tuple(differences))

"""Issuing a course's certificates: recorded in the gradebook first, then written as files, each atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from simkit.certificates.html import render_html
from simkit.certificates.model import DEFAULT_LANGUAGES, Certificate, Languages
from simkit.certificates.pdf import render_pdf
from simkit.certificates.store import CertificateBook
from simkit.files import atomic_write_bytes
from simkit.scenarios.library import library_titles
from simkit.submissions.ids import require_learner_id

RENDERERS: dict[str, Callable[[Certificate, Languages], bytes]] = {
    "html": lambda certificate, languages: render_html(certificate, languages).encode("utf-8"),
    "pdf": render_pdf,
}


def parse_formats(text: str) -> list[str]:
    """``html,pdf`` → the formats, in that order; ValueError names an unknown one."""
    formats = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in formats if name not in RENDERERS]
    if unknown or not formats:
        raise ValueError(f"unknown certificate format {(unknown or [text])[0]!r}; use html, pdf or html,pdf")
    return list(dict.fromkeys(formats))


def certificate_path(out: Path, certificate: Certificate, extension: str) -> Path:
    # The id names the file: one that is not an id (a row edited by hand) could name a path outside ``out``.
    return out / certificate.course_id / f"{require_learner_id(certificate.learner_id)}.{extension}"


def write_certificates(
    certificates: Iterable[Certificate],
    out: Path,
    formats: list[str],
    progress: Callable[[int], None] | None = None,
    languages: Languages = DEFAULT_LANGUAGES,
) -> list[Path]:
    """Write each certificate in each format, in ``languages``; a file is whole or absent, never half-written."""
    written = []
    for done, certificate in enumerate(certificates, start=1):
        for extension in formats:
            path = certificate_path(out, certificate, extension)
            atomic_write_bytes(path, RENDERERS[extension](certificate, languages))
            written.append(path)
        if progress is not None:
            progress(done)
    return written


def issue_certificates(book: CertificateBook, course_id: str, learner: str | None = None) -> list[Certificate]:
    """Record a certificate for each passed current attempt of the course (or the learner's), and return them."""
    return book.issue(course_id, library_titles(course_id), learner)

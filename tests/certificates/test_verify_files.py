"""A certificate file verifies only as the very file issued for its code: whatever is added, hidden, forged or
painted over fails, whatever the file seems to say; the genuine file, a re-issued one and one that only gained a
byte-order mark or Windows line ends pass. A file that cannot be a certificate is one line."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from sqlalchemy import Engine

from simkit.certificates import (
    Certificate,
    CertificateBook,
    NotVerified,
    Verified,
    issue_certificates,
    verify_file,
    write_certificates,
)
from simkit.certificates.html import render_html
from simkit.certificates.model import DEFAULT_LANGUAGES, Languages
from simkit.certificates.pdf import render_pdf
from simkit.gradebook.book import Gradebook
from tests.certificates.conftest import record
from tests.grading.test_gradebook import graded_submission

GENUINE_SCORE, FORGED_SCORE = "126 / 140 (90 %)", "136 / 140 (97.1 %)"


@pytest.fixture
def ann(graded: Engine) -> Certificate:
    [certificate] = issue_certificates(CertificateBook(graded), "onboarding", "ann")
    return certificate


def verify(graded: Engine, path: Path) -> Verified:
    return verify_file(CertificateBook(graded), path)


def refused(graded: Engine, path: Path) -> str:
    """Why the file does not verify: the mismatch, or the one line it cannot be read with. Never a pass."""
    try:
        verified = verify(graded, path)
    except NotVerified as error:
        return str(error)
    assert not verified.genuine, f"{path.name} verified, but it is not the file issued"
    assert verified.certificate.score == 126.0  # what is reported is the gradebook's record, never the file's
    assert verified.mismatch is not None
    return verified.mismatch


# The genuine files


def test_the_files_as_issued_verify(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    for path in write_certificates([ann], tmp_path, ["html", "pdf"]):
        verified = verify(graded, path)
        assert verified.genuine and verified.certificate == ann and verified.standing.state == "current"


def test_a_reissued_certificate_is_the_same_file_and_verifies(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    first = write_certificates([ann], tmp_path / "first", ["html", "pdf"])
    [again] = issue_certificates(CertificateBook(graded), "onboarding", "ann")
    assert again.code == ann.code
    second = write_certificates([again], tmp_path / "again", ["html", "pdf"])
    for before, after in zip(first, second, strict=True):
        assert before.read_bytes() == after.read_bytes()
        assert verify(graded, after).genuine


def test_a_file_issued_before_a_regrade_still_verifies_and_says_where_the_attempt_stands(
    graded: Engine, ann: Certificate, tmp_path: Path
) -> None:
    written = write_certificates([ann], tmp_path, ["html", "pdf"])
    record(Gradebook(graded), graded_submission("ann", key="keys-2", right=0.5))  # a key fixed: the pass is gone
    for path in written:
        verified = verify(graded, path)
        assert verified.genuine and verified.certificate == ann and verified.standing.state == "regraded"


def test_an_html_file_that_only_gained_a_byte_order_mark_or_windows_line_ends_verifies(
    graded: Engine, ann: Certificate, tmp_path: Path
) -> None:
    page = tmp_path / "ann.html"
    page.write_bytes(b"\xef\xbb\xbf" + render_html(ann).replace("\n", "\r\n").encode("utf-8"))
    assert verify(graded, page).genuine
    (tmp_path / "ann.htm").write_bytes(render_html(ann).encode("utf-8"))
    assert verify(graded, tmp_path / "ann.htm").genuine


def test_a_pdf_is_the_same_bytes_at_another_time_in_another_process_and_time_zone(ann: Certificate) -> None:
    made = render_pdf(ann)
    time.sleep(1.1)  # a second later: a date taken from the clock would show
    assert render_pdf(ann) == made
    script = (
        "import pickle, sys\n"
        "from simkit.certificates.pdf import render_pdf\n"
        "sys.stdout.buffer.write(render_pdf(pickle.loads(sys.stdin.buffer.read())))\n"
    )
    environment = os.environ | {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345"}
    elsewhere = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(ann), capture_output=True, env=environment, check=True
    )
    assert elsewhere.stdout == made


# HTML: a fact hidden, duplicated or forged


def forged_score(html: str) -> str:
    return html.replace(f">{GENUINE_SCORE}<", f">{FORGED_SCORE}<")


def before_score(addition: str) -> Callable[[str], str]:
    """The page with ``addition`` put just before the printed score's element."""
    return lambda html: html.replace('<dd class="score"', addition + '<dd class="score"', 1)


GENUINE_DD = f'<dd class="score" data-fact="score">{GENUINE_SCORE}</dd>'
CSS_FORGERY = f'dd.score {{ font-size: 0 }} dd.score::after {{ content: "{FORGED_SCORE}"; font-size: 16px }}\n</style>'
HTML_ATTACKS: dict[str, Callable[[str], str]] = {
    "the visible score forged, the embedded facts intact": forged_score,
    "the embedded score forged, the page intact": lambda html: html.replace('"score": 126.0', '"score": 136.0'),
    "both forged alike": lambda html: forged_score(html).replace('"score": 126.0', '"score": 136.0'),
    "a display:none duplicate of the genuine score": lambda html: before_score(
        GENUINE_DD.replace("<dd ", '<dd style="display:none" ')
    )(forged_score(html)),
    "a duplicate behind the hidden attribute": lambda html: before_score(GENUINE_DD.replace("<dd ", "<dd hidden "))(
        forged_score(html)
    ),
    "a duplicate in an HTML comment": lambda html: before_score(f"<!-- {GENUINE_DD} -->")(forged_score(html)),
    "a duplicate in a template": lambda html: before_score(f"<template>{GENUINE_DD}</template>")(forged_score(html)),
    "a forged score shown by CSS over the genuine one": lambda html: html.replace("</style>", CSS_FORGERY),
    "a second data block with forged facts first": lambda html: html.replace(
        "<script", '<script type="application/json" id="simkit-certificate">{"score": 136.0}</script>\n<script', 1
    ),
    "a second data block after the first": lambda html: html.replace(
        "</script>", '</script>\n<script type="application/json" id="simkit-certificate">{"score": 136.0}</script>', 1
    ),
    "a script that rewrites the page": lambda html: html.replace(
        "</body>", f"<script>document.querySelector('dd.score').textContent = '{FORGED_SCORE}'</script></body>"
    ),
    "another name": lambda html: html.replace(">Әсел Қайратқызы Нұрғалиева<", ">Айгерим Сапарова<"),
    "an earlier date": lambda html: html.replace(">02.03.2026<", ">02.03.2025<"),
    "the facts' learner only": lambda html: html.replace('"learner": "ann"', '"learner": "bek"'),
    "a space added": lambda html: html.replace("<main>", "<main> ", 1),
    "a line appended": lambda html: html + "\n<p>extra</p>",
    "the end cut off": lambda html: html[:-20],
}


@pytest.mark.parametrize("attack", HTML_ATTACKS)
def test_an_html_certificate_with_anything_hidden_duplicated_or_forged_fails(
    graded: Engine, ann: Certificate, tmp_path: Path, attack: str
) -> None:
    original = render_html(ann)
    edited = HTML_ATTACKS[attack](original)
    assert edited != original, "the attack must hit the certificate's text"
    (tmp_path / "ann.html").write_text(edited, "utf-8")
    refused(graded, tmp_path / "ann.html")


def test_a_mismatch_says_where_the_file_departs_from_the_issued_one(
    graded: Engine, ann: Certificate, tmp_path: Path
) -> None:
    (tmp_path / "ann.html").write_text(forged_score(render_html(ann)), "utf-8")
    mismatch = refused(graded, tmp_path / "ann.html")
    line = render_html(ann).split("\n").index(GENUINE_DD) + 1
    assert mismatch.startswith(f"line {line} differs: the file has ") and FORGED_SCORE in mismatch
    assert GENUINE_SCORE in mismatch
    (tmp_path / "ann.html").write_text(render_html(ann) + "<p>", "utf-8")
    assert refused(graded, tmp_path / "ann.html") == "3 byte(s) added after the end of the issued file"


def changed_at(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([(data[index] + 1) % 256]) + data[index + 1 :]


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_byte_changed_anywhere_fails(graded: Engine, ann: Certificate, tmp_path: Path, kind: str) -> None:
    [path] = write_certificates([ann], tmp_path, [kind])
    data = path.read_bytes()
    for index in [*range(0, len(data), max(1, len(data) // 40)), len(data) - 1]:
        path.write_bytes(changed_at(data, index))
        refused(graded, path)


# PDF: painted over, updated, made anew


def covered_pdf(issued: bytes) -> bytes:
    """The issued page with a white box and a forged score drawn over the printed one; its attachment kept."""
    overlay = FPDF(orientation="landscape", format="A4")
    overlay.add_page()
    overlay.set_fill_color(255, 255, 255)
    overlay.rect(60, 90, 120, 10, style="F")
    overlay.set_font("helvetica", size=11)
    overlay.text(62, 97, FORGED_SCORE)
    writer = PdfWriter(clone_from=io.BytesIO(issued))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(bytes(overlay.output()))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def updated_pdf(issued: bytes) -> bytes:
    """The issued file with an incremental update after it: a note with a forged score over the page."""
    writer = PdfWriter(io.BytesIO(issued), incremental=True)
    note = FreeText(text=FORGED_SCORE, rect=(150, 300, 400, 330), font_size="14pt", background_color="ffffff")
    writer.add_annotation(page_number=0, annotation=note)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_edited(certificate: Certificate, **edits: str) -> Certificate:
    """The certificate with its page text edited, and its attached facts left as issued."""

    class Edited(Certificate):
        def printed(self, languages: Languages = DEFAULT_LANGUAGES) -> dict[str, str]:
            return super().printed(languages) | edits

    return Edited(**dataclasses.asdict(certificate))


PDF_ATTACKS: dict[str, Callable[[Certificate], bytes]] = {
    "a drawing over the score": lambda ann: covered_pdf(render_pdf(ann)),
    "an appended incremental update": lambda ann: updated_pdf(render_pdf(ann)),
    "bytes appended after the end": lambda ann: render_pdf(ann) + b"\n%forged\n",
    "the page's score edited, the attachment intact": lambda ann: render_pdf(page_edited(ann, score=FORGED_SCORE)),
    "the page's code edited": lambda ann: render_pdf(page_edited(ann, code="7K3M-Q9PX-2RTV-HW4C")),
    "made anew with other facts": lambda ann: render_pdf(dataclasses.replace(ann, score=139.0)),
    "made anew with another issue time": lambda ann: render_pdf(
        dataclasses.replace(ann, issued_at=ann.issued_at.replace(year=2020))
    ),
}


@pytest.mark.parametrize("attack", PDF_ATTACKS)
def test_a_pdf_painted_over_updated_or_made_anew_fails(
    graded: Engine, ann: Certificate, tmp_path: Path, attack: str
) -> None:
    (tmp_path / "ann.pdf").write_bytes(PDF_ATTACKS[attack](ann))
    mismatch = refused(graded, tmp_path / "ann.pdf")
    assert "byte" in mismatch


def test_an_incremental_update_is_named_as_such(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    updated = updated_pdf(render_pdf(ann))
    assert updated.startswith(render_pdf(ann)), "an incremental update keeps the issued bytes first"
    (tmp_path / "ann.pdf").write_bytes(updated)
    mismatch = refused(graded, tmp_path / "ann.pdf")
    assert "added after the end of the issued file (an incremental update" in mismatch


# What cannot be a certificate


def blank_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


FILES: dict[str, tuple[str, bytes, str]] = {
    "not a certificate's format": ("ann.txt", b"hello", "not an .html or .pdf file"),
    "an HTML page of something else": ("page.html", b"<html><body>hi</body></html>", "no simkit certificate facts"),
    "damaged facts": (
        "ann.html",
        b'<script type="application/json" id="simkit-certificate">{"code": </script>',
        "its certificate facts are damaged: line 1, column 10",
    ),
    "facts of the wrong type": (
        "ann.html",
        b'<script type="application/json" id="simkit-certificate">[1, 2]</script>',
        "its certificate facts are damaged: not a JSON object",
    ),
    "facts without a code": (
        "ann.html",
        b'<script type="application/json" id="simkit-certificate">{"code": 7}</script>',
        "its certificate facts are damaged: no verification code in them",
    ),
    "a malformed code": (
        "ann.html",
        b'<script type="application/json" id="simkit-certificate">{"code": "ABC"}</script>',
        "'ABC' is not a verification code",
    ),
    "a code this gradebook never issued": (
        "ann.html",
        b'<script type="application/json" id="simkit-certificate">{"code": "0000-0000-0000-000M"}</script>',
        "no certificate with code '0000-0000-0000-000M' in this gradebook",
    ),
    "not UTF-8": ("ann.html", "<p>сертификат</p>".encode("cp1251"), "not UTF-8 text at byte 3"),
    "not a PDF at all": ("ann.pdf", b"garbage", "not a readable PDF"),
    "a PDF without facts": ("ann.pdf", blank_pdf(), "no simkit certificate facts"),
}


@pytest.mark.parametrize("case", FILES)
def test_a_file_that_cannot_be_a_certificate_is_one_line(graded: Engine, tmp_path: Path, case: str) -> None:
    name, content, message = FILES[case]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(NotVerified, match=message) as caught:
        verify(graded, tmp_path / name)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(tmp_path / name))


def test_facts_with_a_field_of_the_wrong_type_are_not_the_file_issued(
    graded: Engine, ann: Certificate, tmp_path: Path
) -> None:
    facts = json.dumps(ann.facts() | {"score": "126"})
    html = render_html(ann).split("<script")[0] + f'<script type="application/json" id="simkit-certificate">{facts}'
    (tmp_path / "ann.html").write_text(html, "utf-8")
    refused(graded, tmp_path / "ann.html")


def test_a_missing_file_is_one_line(graded: Engine, tmp_path: Path) -> None:
    with pytest.raises(NotVerified, match=r"ann\.pdf: no such file"):
        verify(graded, tmp_path / "ann.pdf")

"""A certificate file verifies only as issued: any printed or embedded field changed fails, naming the field; a
file that cannot be a certificate is one line."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from sqlalchemy import Engine

from simkit.certificates import Certificate, CertificateBook, NotVerified, issue_certificates, verify_file
from simkit.certificates.html import render_html
from simkit.certificates.pdf import render_pdf


@pytest.fixture
def ann(graded: Engine) -> Certificate:
    [certificate] = issue_certificates(CertificateBook(graded), "onboarding", "ann")
    return certificate


def differing(graded: Engine, path: Path) -> list[str]:
    return [difference.field for difference in verify_file(CertificateBook(graded), path).differences]


def test_the_files_as_issued_verify(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    (tmp_path / "ann.html").write_text(render_html(ann), "utf-8")
    (tmp_path / "ann.pdf").write_bytes(render_pdf(ann))
    for name in ("ann.html", "ann.pdf"):
        verified = verify_file(CertificateBook(graded), tmp_path / name)
        assert verified.certificate == ann and verified.differences == () and verified.standing.state == "current"


HTML_EDITS: dict[str, tuple[Callable[[str], str], str]] = {
    "a higher score": (lambda html: html.replace(">126 / 140 (90 %)<", ">136 / 140 (97.1 %)<"), "score"),
    "another name": (lambda html: html.replace(">Әсел Қайратқызы Нұрғалиева<", ">Айгерим Сапарова<"), "name"),
    "an earlier date": (lambda html: html.replace(">02.03.2026<", ">02.03.2025<"), "completed"),
    "another course": (lambda html: html.replace(">onboarding v2<", ">advanced-training v1<"), "course"),
    "the embedded score only": (lambda html: html.replace('"score": 126.0', '"score": 136.0'), "score"),
    "the embedded learner only": (lambda html: html.replace('"learner": "ann"', '"learner": "bek"'), "learner"),
    "score on page and in the facts alike": (
        lambda html: html.replace(">126 / 140 (90 %)<", ">136 / 140 (97.1 %)<").replace(
            '"score": 126.0', '"score": 136.0'
        ),
        "score",
    ),
}


@pytest.mark.parametrize("edit", HTML_EDITS)
def test_an_edited_html_certificate_fails_naming_the_field(
    graded: Engine, ann: Certificate, tmp_path: Path, edit: str
) -> None:
    change, field = HTML_EDITS[edit]
    original = render_html(ann)
    edited = change(original)
    assert edited != original, "the edit must hit the certificate's text"
    (tmp_path / "ann.html").write_text(edited, "utf-8")
    assert differing(graded, tmp_path / "ann.html") == [field]


def test_a_visible_code_changed_to_another_fails_on_the_code(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    html = render_html(ann).replace(f">{ann.shown_code}<", ">7K3M-Q9PX-2RTV-HW4C<")
    (tmp_path / "ann.html").write_text(html, "utf-8")
    assert differing(graded, tmp_path / "ann.html") == ["code"]


def page_edited(certificate: Certificate, **edits: str) -> Certificate:
    """The certificate with its page text edited, and its attached facts left as issued."""

    class Edited(Certificate):
        def printed(self) -> dict[str, str]:
            return super().printed() | edits

    return Edited(**dataclasses.asdict(certificate))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Айгерим Сапарова"),
        ("completed", "02.03.2025"),
        ("score", "136 / 140 (97.1 %)"),
        ("code", "7K3M-Q9PX-2RTV-HW4C"),
    ],
)
def test_an_edited_pdf_page_fails_naming_the_field(
    graded: Engine, ann: Certificate, tmp_path: Path, field: str, value: str
) -> None:
    (tmp_path / "ann.pdf").write_bytes(render_pdf(page_edited(ann, **{field: value})))
    assert differing(graded, tmp_path / "ann.pdf") == [field]


def test_a_pdf_made_anew_with_other_facts_fails(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    (tmp_path / "ann.pdf").write_bytes(render_pdf(dataclasses.replace(ann, score=139.0, learner_name="Другое Имя")))
    assert differing(graded, tmp_path / "ann.pdf") == ["name", "score"]


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
    "not UTF-8": ("ann.html", "<p>сертификат</p>".encode("cp1251"), "not UTF-8 text at byte 3"),
    "not a PDF at all": ("ann.pdf", b"garbage", "not a readable PDF"),
    "a PDF without facts": ("ann.pdf", blank_pdf(), "no simkit certificate facts"),
}


@pytest.mark.parametrize("case", FILES)
def test_a_file_that_cannot_be_a_certificate_is_one_line(graded: Engine, tmp_path: Path, case: str) -> None:
    name, content, message = FILES[case]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(NotVerified, match=message) as caught:
        verify_file(CertificateBook(graded), tmp_path / name)
    assert "\n" not in str(caught.value) and str(tmp_path / name) in str(caught.value)


def test_facts_with_a_field_of_the_wrong_type_name_it(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    facts = ann.facts() | {"score": "126"}
    html = render_html(ann).split("<script")[0] + (
        f'<script type="application/json" id="simkit-certificate">{json.dumps(facts)}</script>'
    )
    (tmp_path / "ann.html").write_text(html, "utf-8")
    with pytest.raises(NotVerified, match="its certificate facts are damaged: score: Input should be a valid"):
        verify_file(CertificateBook(graded), tmp_path / "ann.html")


def test_a_missing_file_is_one_line(graded: Engine, tmp_path: Path) -> None:
    with pytest.raises(NotVerified, match=r"ann\.pdf: no such file"):
        verify_file(CertificateBook(graded), tmp_path / "ann.pdf")

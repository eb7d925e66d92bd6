"""A certificate for a learner who took the course in Kazakh is printed in Kazakh and Russian; it verifies like any
other, by rendering its record again in the languages the file names, and the Russian and English certificates
issued before keep their bytes (they name no languages)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from simkit.certificates import Certificate, CertificateBook, NotVerified, issue_certificates, verify_file
from simkit.certificates.html import render_html
from simkit.certificates.issue import write_certificates
from simkit.certificates.model import DEFAULT_LANGUAGES, PAIRS, certificate_languages

KAZAKH = PAIRS["kk"]


@pytest.fixture
def ann(graded: Engine) -> Certificate:
    [certificate] = issue_certificates(CertificateBook(graded), "onboarding", "ann")
    return certificate


def printed_text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("</style>")[1]))


def test_a_kazakh_learner_gets_kazakh_and_russian_and_everyone_else_russian_and_english() -> None:
    assert certificate_languages("kk") == ("kk", "ru")
    assert certificate_languages("ru") == certificate_languages("en") == DEFAULT_LANGUAGES == ("ru", "en")
    assert certificate_languages("de") == DEFAULT_LANGUAGES


def test_the_kazakh_certificate_prints_each_label_in_kazakh_then_russian(ann: Certificate) -> None:
    page = render_html(ann, KAZAKH)
    text = printed_text(page)
    assert '<html lang="kk">' in page
    assert "Осымен куәландырылады:" in text and "Настоящим удостоверяется, что" in text
    assert "курстан табысты өтті / успешно прошёл(ла) курс" in text
    assert "Тексеру коды / Код проверки" in text and "Негіздеме / Основание" in text
    assert "қызметтік әдеп кодексімен танысу / ознакомление с Кодексом служебной этики" in text
    assert "Learner" not in text and "Verification code" not in text  # no English on it
    assert ann.shown_code in text and "126 / 140 (90 %)" in text


def test_the_languages_are_named_in_the_embedded_facts_only_when_not_russian_and_english(ann: Certificate) -> None:
    def facts(page: str) -> dict[str, object]:
        return json.loads(page.split('id="simkit-certificate">')[1].split("</script>")[0])

    assert facts(render_html(ann, KAZAKH))["languages"] == ["kk", "ru"]
    assert "languages" not in facts(render_html(ann))  # a certificate issued before Kazakh is the same file


def test_kazakh_certificates_verify_as_issued_in_both_formats(graded: Engine, ann: Certificate, tmp_path: Path) -> None:
    written = write_certificates([ann], tmp_path, ["html", "pdf"], languages=KAZAKH)
    assert PdfReader(written[1]).pages[0].extract_text().startswith("СЕРТИФИКАТ")
    for path in written:
        verified = verify_file(CertificateBook(graded), path)
        assert verified.genuine and verified.certificate == ann
    for path in write_certificates([ann], tmp_path / "default", ["html", "pdf"]):
        assert verify_file(CertificateBook(graded), path).genuine


def test_a_certificate_whose_named_languages_were_changed_does_not_verify(
    graded: Engine, ann: Certificate, tmp_path: Path
) -> None:
    page = render_html(ann, KAZAKH)
    relabelled = tmp_path / "relabelled.html"
    relabelled.write_text(page.replace('"languages": ["kk", "ru"]', '"languages": ["ru", "en"]'), "utf-8")
    assert '"languages": ["ru", "en"]' in relabelled.read_text("utf-8")
    verified = verify_file(CertificateBook(graded), relabelled)
    assert not verified.genuine and verified.mismatch is not None
    unknown = tmp_path / "unknown.html"
    unknown.write_text(page.replace('"languages": ["kk", "ru"]', '"languages": ["de", "ru"]'), "utf-8")
    with pytest.raises(NotVerified, match=r"unknown.html: its certificate facts name languages \['de', 'ru'\]"):
        verify_file(CertificateBook(graded), unknown)

"""Certificates: one per passed current attempt, recorded in the gradebook, printed in Russian and English as HTML
and PDF, and verified by code or by file."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select

from simkit.certificates import CertificateBook, NotVerified, issue_certificates, verify_code, write_certificates
from simkit.certificates.html import render_html
from simkit.certificates.pdf import render_pdf
from simkit.gradebook.book import Gradebook
from simkit.gradebook.codes import _check_character, shown
from simkit.gradebook.db import connect
from simkit.gradebook.tables import certificates
from tests.certificates.conftest import record
from tests.grading.test_gradebook import graded_submission


def issue(engine: Engine, learner: str | None = None) -> dict[str, Any]:
    return {c.learner_id: c for c in issue_certificates(CertificateBook(engine), "onboarding", learner)}


def test_each_passed_current_attempt_gets_one_certificate_and_issuing_again_gives_the_same(graded: Engine) -> None:
    first = issue(graded)
    assert sorted(first) == ["ann", "bek"]  # eve failed; fay's pass waits for a review
    again = issue(graded)
    assert {learner: c.code for learner, c in again.items()} == {learner: c.code for learner, c in first.items()}
    with graded.connect() as connection:
        assert connection.execute(select(func.count()).select_from(certificates)).scalar_one() == 2
    ann = first["ann"]
    assert (ann.name, ann.title_ru, ann.title_en) == (
        "Әсел Қайратқызы Нұрғалиева",
        "Вводный курс по служебной этике",
        "Onboarding course on service ethics",
    )
    assert (ann.score, ann.max_score, ann.completed_on, ann.rhythm) == (126.0, 140.0, dt.date(2026, 3, 2), "onboarding")
    assert first["bek"].name == "bek"  # no name in the roster: the id is printed


def test_a_learner_without_a_pass_or_an_unknown_course_gets_a_clear_refusal(graded: Engine) -> None:
    assert list(issue(graded, "bek")) == ["bek"]
    with pytest.raises(ValueError, match="learner 'eve' has no passed current attempt at 'onboarding'"):
        issue(graded, "eve")
    with pytest.raises(ValueError, match="the gradebook has no course 'onbording'; its courses: onboarding"):
        issue_certificates(CertificateBook(graded), "onbording")


def test_two_trainers_issuing_at_once_get_the_same_certificates(graded: Engine) -> None:
    url = graded.url.render_as_string(hide_password=False)
    results: list[dict[str, str]] = []
    start = threading.Barrier(2)

    def trainer() -> None:
        engine = connect(url)
        start.wait()
        results.append({learner: c.code for learner, c in issue(engine).items()})
        engine.dispose()

    threads = [threading.Thread(target=trainer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]


def test_a_certificate_prints_the_facts_in_russian_and_english_with_its_code_and_legal_basis(graded: Engine) -> None:
    ann = issue(graded)["ann"]
    html = render_html(ann)
    pdf_text = PdfReader(io.BytesIO(render_pdf(ann))).pages[0].extract_text()
    for page in (html, pdf_text):
        for printed in (
            "Әсел Қайратқызы Нұрғалиева",
            "Вводный курс по служебной этике / Onboarding course on service ethics",
            "onboarding v2",
            "02.03.2026",
            "126 / 140 (90 %)",
            "code:5",
            ann.shown_code,
            f"simkit verify {ann.shown_code}",
        ):
            assert printed in page, (printed, page[:300])
    assert "в течение трех рабочих дней со дня поступления" in html  # the words of code:5, from simkit.law
    assert "<script" in html and "Слушатель / Learner" in pdf_text


def test_files_are_written_for_each_certificate_and_format(graded: Engine, tmp_path: Path) -> None:
    issued = list(issue(graded).values())
    done: list[int] = []
    written = write_certificates(issued, tmp_path, ["html", "pdf"], done.append)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == [
        "onboarding/ann.html",
        "onboarding/ann.pdf",
        "onboarding/bek.html",
        "onboarding/bek.pdf",
    ]
    assert done == [1, 2] and all(path.stat().st_size > 500 for path in written)
    assert not list(tmp_path.rglob(".*.tmp"))


# Verification by code


def test_a_code_verifies_with_what_the_gradebook_records(graded: Engine) -> None:
    ann = issue(graded)["ann"]
    verified = verify_code(CertificateBook(graded), ann.shown_code.lower().replace("-", " "))
    assert verified.certificate == ann and verified.genuine
    assert (verified.standing.state, verified.standing.passed, verified.standing.score) == ("current", True, 126.0)


def test_a_regraded_or_superseded_attempt_is_reported_as_such(graded: Engine) -> None:
    codes = {learner: c.code for learner, c in issue(graded).items()}
    book = Gradebook(graded)
    record(book, graded_submission("ann", key="keys-2", right=0.5))  # a key fix: ann's pass is gone
    record(book, graded_submission("bek", "file-2", right=0.95))  # bek sent a later submission
    certificates_ = CertificateBook(graded)
    regraded = verify_code(certificates_, codes["ann"]).standing
    superseded = verify_code(certificates_, codes["bek"]).standing
    assert (regraded.state, regraded.score, regraded.passed) == ("regraded", 70.0, False)
    assert (superseded.state, superseded.score, superseded.passed) == ("superseded", 134.0, True)
    assert regraded.since is not None and regraded.since.tzinfo == dt.UTC


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("ZZZZ-ZZZZ-ZZZZ-ZZZ", "is not a verification code"),
        ("7K3M-Q9PX-2RTV-HW4C", "is not a verification code: its check character"),
    ],
)
def test_a_malformed_code_fails_in_one_line(graded: Engine, code: str, message: str) -> None:
    with pytest.raises(NotVerified, match=message):
        verify_code(CertificateBook(graded), code)


def test_an_unknown_code_fails_in_one_line(graded: Engine) -> None:
    issue(graded)
    forged = "0" * 15 + _check_character("0" * 15)  # well-formed, but never issued
    with pytest.raises(NotVerified, match=f"no certificate with code '{shown(forged)}' in this gradebook"):
        verify_code(CertificateBook(graded), shown(forged))

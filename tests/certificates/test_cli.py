"""`simkit certificates` and `simkit verify` as a trainer and a checker use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from simkit.cli.main import app

runner = CliRunner()


@pytest.fixture
def url(graded: Engine) -> str:
    return graded.url.render_as_string(hide_password=False)


def issue(url: str, out: Path, *options: str) -> str:
    result = runner.invoke(app, ["certificates", "onboarding", "--db", url, "--to", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.output


def code_of(html: Path) -> str:
    text = html.read_text("utf-8")
    return text.split("simkit verify ")[1][:19]


def test_certificates_are_written_once_issued_and_the_same_again(url: str, tmp_path: Path) -> None:
    first = issue(url, tmp_path)
    assert "2 certificate(s), 2 newly issued, written as html, pdf" in first
    assert sorted(path.name for path in (tmp_path / "onboarding").iterdir()) == [
        "ann.html",
        "ann.pdf",
        "bek.html",
        "bek.pdf",
    ]
    code = code_of(tmp_path / "onboarding" / "ann.html")
    again = issue(url, tmp_path / "again", "--learner", "ann", "--format", "html")
    assert "1 certificate(s), 0 newly issued, written as html" in again
    assert code_of(tmp_path / "again" / "onboarding" / "ann.html") == code


def test_an_unknown_format_is_one_error_line(url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["certificates", "onboarding", "--db", url, "--format", "docx"])
    assert result.exit_code == 2 and "error: unknown certificate format 'docx'" in result.output


def test_verify_a_code_prints_the_record_and_exits_0(url: str, tmp_path: Path) -> None:
    issue(url, tmp_path)
    code = code_of(tmp_path / "onboarding" / "ann.html")
    result = runner.invoke(app, ["verify", *code.lower().split("-"), "--db", url])
    assert result.exit_code == 0, result.output
    for shown in (f"certificate {code} is in the gradebook", "ann — Әсел Қайратқызы Нұрғалиева", "126 / 140 (90 %)"):
        assert shown in result.output
    assert "current, passed" in result.output
    assert f"Only the facts above, the gradebook's record for {code}, are vouched for." in result.output


def test_verify_a_file_as_issued_and_a_tampered_one(url: str, tmp_path: Path) -> None:
    issue(url, tmp_path)
    for name in ("ann.html", "ann.pdf"):
        result = runner.invoke(app, ["verify", str(tmp_path / "onboarding" / name), "--db", url])
        assert result.exit_code == 0, result.output
        assert "matches certificate" in result.output and "byte for byte" in result.output
        assert "are vouched for" in result.output
    page = tmp_path / "onboarding" / "ann.html"
    code = code_of(page)
    page.write_text(page.read_text("utf-8").replace(">02.03.2026<", ">02.03.2027<"), "utf-8")
    result = runner.invoke(app, ["verify", str(page), "--db", url])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert f"not verified: {page} is not the certificate issued for {code}: line" in output
    assert "02.03.2027" in output and "`simkit certificates onboarding --learner ann`" in output
    assert f"The gradebook's record for {code}:" in output and "completed 2026-03-02" in output
    assert "are vouched for. Nothing the file shows is." in output


def test_verify_prints_what_a_file_says_inertly(url: str, tmp_path: Path) -> None:
    issue(url, tmp_path)
    page = tmp_path / "onboarding" / "ann.html"
    page.write_text(page.read_text("utf-8").replace(">02.03.2026<", ">\x1b[31m[bold]x[/bold]<"), "utf-8")
    result = runner.invoke(app, ["verify", str(page), "--db", url])
    assert result.exit_code == 1 and "\x1b" not in result.output and "\\x1b[31m[bold]x[/bold]" in result.output


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("0000-0000-0000-000Z", "not verified: '0000-0000-0000-000Z' is not a verification code"),
        ("nowhere/ann.pdf", "not verified: nowhere/ann.pdf: no such file"),
    ],
)
def test_verify_what_is_no_certificate_is_one_line_and_exit_1(url: str, argument: str, message: str) -> None:
    result = runner.invoke(app, ["verify", argument, "--db", url])
    assert result.exit_code == 1 and result.output.strip().startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_certificates_in_kazakh_and_russian_are_written_with_lang_kk_and_verify(url: str, tmp_path: Path) -> None:
    issue(url, tmp_path, "--learner", "ann", "--lang", "kk")
    page = tmp_path / "onboarding" / "ann.html"
    assert '<html lang="kk">' in page.read_text("utf-8")
    for path in (page, tmp_path / "onboarding" / "ann.pdf"):
        result = runner.invoke(app, ["verify", str(path), "--db", url])
        assert result.exit_code == 0, result.output
    refused = runner.invoke(app, ["certificates", "onboarding", "--db", url, "--lang", "de"])
    assert refused.exit_code == 2 and "error: unknown language 'de'; use ru, en, kk" in refused.output

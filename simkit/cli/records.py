"""Records for others: certificates and their verification, and exports for HR systems and learning record stores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from simkit.certificates import CertificateBook, NotVerified, Verified, verify_code, verify_file
from simkit.certificates.issue import issue_certificates, parse_formats, write_certificates
from simkit.certificates.model import PAIRS, score_text
from simkit.cli.grading import Database, progress_bar
from simkit.cli.output import console, errors, friendly_errors, inert, json_text, learner_option, show_error
from simkit.exports import check_statements, course_statements, results_csv
from simkit.exports.hr_csv import BOM
from simkit.exports.xapi import BASE_VARIABLE, DEFAULT_BASE
from simkit.files import atomic_write_text
from simkit.gradebook.db import connect

Course = Annotated[str, typer.Argument(help="Course id, e.g. advanced-training.")]
Out = Annotated[
    Path | None, typer.Option("--out", help="File to write (default: COURSE.csv or COURSE.xapi.json); - for stdout.")
]
STDOUT = Path("-")


@friendly_errors
def certificates_command(
    course: Course,
    learner: Annotated[str | None, typer.Option(help="Only this learner's certificate.")] = None,
    out: Annotated[Path, typer.Option("--to", help="Folder for the certificates.")] = Path("certificates"),
    formats: Annotated[str, typer.Option("--format", help="html, pdf or html,pdf.")] = "html,pdf",
    lang: Annotated[
        str, typer.Option("--lang", help="ru or en: in Russian and English (the default); kk: in Kazakh and Russian.")
    ] = "ru",
    db: Database = None,
) -> None:
    """Issue a certificate for each learner whose current attempt passed, and write it (HTML, PDF).

    Each certificate is recorded in the gradebook with a verification code; issuing again gives the same one.
    """
    chosen = parse_formats(formats)
    if lang not in PAIRS:
        raise ValueError(f"unknown language {lang!r}; use {', '.join(PAIRS)}")
    only = None if learner is None else learner_option("--learner", learner)
    started = dt.datetime.now(dt.UTC)
    issued = issue_certificates(CertificateBook(connect(db)), course, only)
    if not issued:
        console.print(inert(f"{course}: no passed current attempt, so no certificate (hint: `simkit grade {course}`)"))
        return
    with progress_bar() as bar:
        task = bar.add_task(inert(f"certificates of {course}"), total=len(issued))
        write_certificates(issued, out, chosen, lambda done: bar.update(task, completed=done), PAIRS[lang])
    new = sum(certificate.issued_at >= started for certificate in issued)
    console.print(
        inert(
            f"{course}: {len(issued)} certificate(s), {new} newly issued, "
            f"written as {', '.join(chosen)} to {out / course}"
        ),
        soft_wrap=True,
    )


def _looks_like_file(argument: str) -> bool:
    path = Path(argument)
    return path.suffix.lower() in (".html", ".htm", ".pdf") or "/" in argument or path.exists()


def _standing_text(verified: Verified) -> str:
    standing, certificate = verified.standing, verified.certificate
    now = score_text(standing.score, standing.max_score)
    verdict = {True: "passed", False: "not passed", None: "awaiting review"}[standing.passed]
    if standing.state == "current":
        if (standing.score, standing.max_score) != (certificate.score, certificate.max_score):
            return f"current, rescored after a review since it was issued: now {now}, {verdict}"
        return f"current, {verdict}"
    since = standing.since.strftime("%Y-%m-%d %H:%M UTC") if standing.since else "?"
    if standing.state == "superseded" and standing.passed and certificate.rhythm == "advanced_training":
        return (  # recertification: the earlier cycle's completion stands (interpretation note training-next-due)
            f"completed again since (graded {since}), a new cycle of advanced training (law:34.2): this "
            f"certificate remains the record of the completion of {certificate.completed_on}"
        )
    replaced = "regraded (a key was fixed)" if standing.state == "regraded" else "superseded by a later submission"
    return f"{replaced} on {since}: the learner's result now {now}, {verdict}"


def _show(verified: Verified) -> None:
    certificate = verified.certificate
    printed = certificate.printed()
    rows = [
        ("learner", f"{certificate.learner_id} — {certificate.name}"),
        ("course", f"{printed['course']} — {printed['title']}"),
        ("completed", certificate.completed_on.isoformat()),
        ("score", printed["score"]),
        ("issued", certificate.issued_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("attempt", _standing_text(verified)),
    ]
    for name, value in rows:
        console.print(f"  {name:<10} {inert(value)}", soft_wrap=True)


VOUCHED = "Only the facts above, the gradebook's record for {code}, are vouched for."
REISSUE = (
    "(hint: a file written by another simkit version differs too: "
    "`simkit certificates {course} --learner {learner}` writes the issued one again)"
)


def _not_issued(verified: Verified, mismatch: str, given: str) -> NoReturn:
    """A file that is not the one issued: where it departs from it, then the record, which alone is vouched for."""
    certificate = verified.certificate
    code = certificate.shown_code
    hint = REISSUE.format(course=certificate.course_id, learner=certificate.learner_id)
    console.print(
        f"[red]not verified: {inert(given)} is not the certificate issued for {inert(code)}: "
        f"{inert(mismatch)} {inert(hint)}[/red]",
        soft_wrap=True,
    )
    console.print(f"The gradebook's record for {code}:")
    _show(verified)
    console.print(inert(VOUCHED.format(code=code)) + " Nothing the file shows is.", soft_wrap=True)
    raise typer.Exit(1)


@friendly_errors
def verify_command(
    code_or_file: Annotated[
        list[str], typer.Argument(help="A verification code (its groups may be apart), or a certificate's file.")
    ],
    db: Database = None,
) -> None:
    """Print the gradebook's record for a certificate's code; given a file, check it is the very file issued.

    Only the record is vouched for. A file verifies when it is, byte for byte, the certificate simkit issues for
    the code it names. Exit status 0 when the gradebook has the code (and a file is the one issued); 1 when the
    code is malformed or unknown, the file is not a certificate, or it is not the file issued.
    """
    book = CertificateBook(connect(db))
    given = " ".join(code_or_file)
    try:
        is_file = len(code_or_file) == 1 and _looks_like_file(given)
        verified = verify_file(book, Path(given)) if is_file else verify_code(book, given)
    except NotVerified as error:
        show_error(f"not verified: {error}")
        raise typer.Exit(1) from None
    if verified.mismatch is not None:
        _not_issued(verified, verified.mismatch, given)
    code = verified.certificate.shown_code
    found = (
        f"{given} matches certificate {code} in the gradebook byte for byte: it is the file simkit issued"
        if is_file
        else f"certificate {code} is in the gradebook"
    )
    console.print(f"[green]verified: {inert(found)}[/green]", soft_wrap=True)
    _show(verified)
    anything_else = "" if is_file else " A certificate showing anything else is not the one issued."
    console.print(inert(VOUCHED.format(code=code)) + anything_else, soft_wrap=True)


export_app = typer.Typer(
    help="A course's results for other systems: CSV for HR, xAPI statements for a learning record store.",
    no_args_is_help=True,
)


def _write(text: str, target: Path, what: str) -> None:
    if target == STDOUT:
        typer.echo(text, nl=False)
        errors.print(inert(what))  # the data on stdout, the count beside it on stderr
    else:
        atomic_write_text(target, text)
        console.print(inert(f"{what} → {target}"), soft_wrap=True)


@export_app.command("csv")
@friendly_errors
def export_csv(
    course: Course,
    out: Out = None,
    delimiter: Annotated[str, typer.Option(help="',' (default), ';' for Excel with Russian settings, or a tab.")] = ",",
    db: Database = None,
) -> None:
    """One row per learner's current attempt: who, when, score, passed, reviews pending, acknowledgement, certificate.

    UTF-8 with a byte-order mark (Excel then shows Cyrillic right); times in UTC.
    """
    text, count = results_csv(connect(db), course, "\t" if delimiter in ("\\t", "tab") else delimiter)
    target = out or Path(f"{course}.csv")
    _write(text if target == STDOUT else BOM + text, target, f"{course}: {count} learner(s)")


@export_app.command("xapi")
@friendly_errors
def export_xapi(
    course: Course,
    out: Out = None,
    base: Annotated[
        str | None,
        typer.Option(
            help="This installation's address: accounts' home page, activity ids "
            f"(default: ${BASE_VARIABLE}, else {DEFAULT_BASE})."
        ),
    ] = None,
    db: Database = None,
) -> None:
    """xAPI 1.0.3 statements of every graded attempt, and voiding statements for those a regrade replaced.

    A JSON array, one statement a line, ready to POST to an LRS's statements resource. Exporting again gives the
    same statement ids. Every statement is checked against the specification before anything is written.
    """
    statements = course_statements(connect(db), course, base)
    check_statements(statements)
    lines = ",\n".join(json_text(statement, indent=None, separators=(",", ":")) for statement in statements)
    voiding = sum(statement["verb"]["id"].endswith("/voided") for statement in statements)
    text = f"[\n{lines}\n]\n" if statements else "[]\n"
    _write(text, out or Path(f"{course}.xapi.json"), f"{course}: {len(statements)} statement(s), {voiding} voiding")


def register(app: typer.Typer) -> None:
    app.command("certificates")(certificates_command)
    app.command("verify")(verify_command)
    app.add_typer(export_app, name="export")

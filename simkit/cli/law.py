"""``simkit law``: the rules of the Law and the Code for trainers and ethics commissioners."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from simkit import law
from simkit.cli.output import console, friendly_errors, inert, show
from simkit.law import explain, glossary, notes
from simkit.law.clock import legal_today
from simkit.law.interpretations import for_provision, interpretations
from simkit.scenarios.sheet import sheet_markdown

app = typer.Typer(
    help="Cite provisions and compute the deadlines and sanctions of the Law and the Code.", no_args_is_help=True
)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02") from None


def parse_suspension(text: str) -> tuple[dt.date, dt.date]:
    start, sep, end = text.partition(":")
    if not sep:
        raise typer.BadParameter(f"{text!r}: write a suspension as START:END, e.g. 2026-04-01:2026-04-14")
    return parse_date(start), parse_date(end)


def parse_previous(text: str) -> tuple[str, dt.date]:
    citation, sep, imposed = text.partition("@")
    if not sep:
        raise typer.BadParameter(f"{text!r}: write an earlier offence as CITATION@DATE, e.g. law:50.1.8@2026-02-01")
    return citation, parse_date(imposed)


def check_lang(lang: str) -> str:
    if lang not in law.citations.LANGUAGES:
        raise typer.BadParameter(f"{lang!r}: use ru (the authoritative text) or en")
    return lang


def DateOption(help_text: str) -> Any:  # typer.Option's own return type
    return typer.Option(parser=parse_date, metavar="YYYY-MM-DD", help=help_text)


DateArg = Annotated[dt.date, typer.Argument(parser=parse_date, metavar="YYYY-MM-DD", show_default=False)]
Lang = Annotated[
    str, typer.Option("--lang", callback=check_lang, help="Text of provisions in ru (authoritative) or en.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
LegalDay = Annotated[
    dt.date | None,
    typer.Option(
        "--on",
        parser=parse_date,
        metavar="YYYY-MM-DD",
        help="Legal day for amendments in force (default: today in Kazakhstan).",
    ),
]


@app.command()
@friendly_errors
def cite(
    citation: Annotated[str, typer.Argument(help="e.g. law:13.7, code:9.15")],
    on: LegalDay = None,
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """Print a provision's text, its editors' notes (court resolutions, amendments) and its interpretation notes."""
    show(explain.explain_citation(citation, on), lang=lang, as_json=as_json)


@app.command("list")
@friendly_errors
def list_provisions(
    instrument: Annotated[str, typer.Option(help="law, code or commissioner")] = "law", lang: Lang = "ru"
) -> None:
    """List the bundled articles and paragraphs of an instrument."""
    if instrument not in law.citations.INSTRUMENTS:
        raise ValueError(f"unknown instrument {instrument!r}; use law, code or commissioner")
    for citation in law.all_citations():
        if citation.startswith(f"{instrument}:") and citation.count(".") < 2:
            first_line = law.provision(citation).text[lang].splitlines()[0]
            console.print(inert(f"{citation:<16} {first_line[:100]}"))


@app.command()
@friendly_errors
def deadline(
    committed: Annotated[dt.date, DateOption("Day the offence was committed.")],
    revealed: Annotated[dt.date, DateOption("Day the offence was discovered.")],
    discrediting: Annotated[bool, typer.Option(help="The offence discredits the civil service (law:50).")] = False,
    suspension: Annotated[
        list[str] | None,
        typer.Option(help="START:END of sickness, leave, trip, training or appeal (law:45.3); repeatable."),
    ] = None,
    case_closed: Annotated[dt.date | None, DateOption("Day a criminal or administrative case was closed.")] = None,
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """Last day a disciplinary sanction may be imposed (law:45)."""
    stops = [parse_suspension(text) for text in suspension or []]
    finding = explain.explain_deadline(
        committed=committed, revealed=revealed, discrediting=discrediting, suspensions=stops, case_closed=case_closed
    )
    show(finding, lang=lang, as_json=as_json)


@app.command()
@friendly_errors
def sanction(
    citation: Annotated[str, typer.Argument(help="The provision breached, e.g. law:50.1.7; law:44.1 if ordinary.")],
    previous: Annotated[
        list[str] | None, typer.Option(help="An earlier offence as CITATION@DATE-ITS-SANCTION-WAS-IMPOSED.")
    ] = None,
    committed: Annotated[dt.date | None, DateOption("Day this offence was committed (with --previous).")] = None,
    lower_vacancy: Annotated[bool, typer.Option(help="A vacant lower position exists (law:44.4).")] = True,
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """The sanction the Law sets for an offence (law:44.3–44.7)."""
    earlier = [parse_previous(text) for text in previous or []]
    finding = explain.explain_sanction(citation, lower_vacancy=lower_vacancy, previous=earlier, committed=committed)
    show(finding, lang=lang, as_json=as_json)


def _period_command(name: str):  # type: ignore[no-untyped-def]
    rule = explain.PERIOD_RULES[name]

    @friendly_errors
    def command(day: DateArg, lang: Lang = "ru", as_json: Json = False) -> None:
        show(explain.explain_period(name, day), lang=lang, as_json=as_json)

    command.__doc__ = f"{rule.question['en']}: {rule.rule['en']} ({', '.join(rule.provisions)})."
    return command


for _name in explain.PERIOD_RULES:
    app.command(_name)(_period_command(_name))


@app.command()
@friendly_errors
def probation(
    start: DateArg,
    absent_days: Annotated[int, typer.Option(help="Days absent for good reason.")] = 0,
    extended: Annotated[bool, typer.Option(help="Extended after an unsatisfactory result.")] = False,
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """Last day of the probationary period (law:20)."""
    show(explain.explain_probation(start, absent_days=absent_days, extended=extended), lang=lang, as_json=as_json)


@app.command()
@friendly_errors
def reentry(
    applying: Annotated[dt.date, DateOption("Day of the application.")],
    liability: Annotated[dt.date | None, DateOption("Day a sanction for a discrediting offence was imposed.")] = None,
    dismissed: Annotated[bool, typer.Option(help="Dismissed for a discrediting offence.")] = False,
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """Whether law:16.3.6 bars entry to the civil service."""
    show(
        explain.explain_reentry(applying=applying, liability=liability, dismissed=dismissed), lang=lang, as_json=as_json
    )


@app.command()
@friendly_errors
def relative(
    path: Annotated[str, typer.Argument(help="A walk such as spouse.sibling or parent.parent.")],
    lang: Lang = "ru",
    as_json: Json = False,
) -> None:
    """Whether law:13.7 forbids direct subordination between the servant and this relative."""
    show(explain.explain_relative(path), lang=lang, as_json=as_json)


@app.command("interpretations")
@friendly_errors
def list_interpretations(
    markdown: Annotated[bool, typer.Option(help="Print docs/interpretations.md (as `simkit law sheet`).")] = False,
    citation: Annotated[str | None, typer.Option("--provision", help="Only the notes on this provision.")] = None,
) -> None:
    """Every reading simkit implements where the text is ambiguous, and what is not formalised."""
    if markdown:
        typer.echo(sheet_markdown(), nl=False)
        return
    chosen = for_provision(law.check_citation(citation)) if citation else interpretations().values()
    for note in chosen:
        about = f"({note.status}; {', '.join(note.provisions)})"
        console.print(f"[bold]{inert(note.id)}[/bold] {inert(about)}")
        console.print(f"  {inert(note.question)}\n  {inert(note.reading)}")


@app.command("sheet")
@friendly_errors
def reading_sheet() -> None:
    """Print the lawyer's reading sheet, docs/interpretations.md: each contested point with its provisions' Russian
    text, its readings, the one the library's keys use, the others they accept and in which cases, and why."""
    typer.echo(sheet_markdown(), nl=False)


@app.command("notes")
@friendly_errors
def list_notes(
    markdown: Annotated[bool, typer.Option(help="Print docs/editors-notes.md.")] = False,
    citation: Annotated[
        str | None, typer.Option("--provision", help="Only the notes this provision depends on.")
    ] = None,
    on: LegalDay = None,
    lang: Lang = "ru",
) -> None:
    """The editors' notes of the Russian text: Constitutional Court resolutions and amendments not yet in the text."""
    if markdown:
        typer.echo(notes.as_markdown(), nl=False)
        return
    day = on or legal_today()
    chosen = notes.notes_for(citation) if citation else notes.editors_notes().values()
    for note in chosen:
        console.print(f"[bold]{inert(note.id)}[/bold] ({inert(note.source.ru)})")
        console.print(f"  {inert(notes.describe(note, lang, day))}")


@app.command("glossary")
def list_glossary(markdown: Annotated[bool, typer.Option(help="Print docs/glossary.md.")] = False) -> None:
    """The legal terms in English, Russian and Kazakh; for the sanctions, the translation's words."""
    if markdown:
        typer.echo(glossary.as_markdown(), nl=False)
        return
    for item in glossary.every_term():
        term = f"[bold]{inert(item.en)}[/bold] — {inert(item.ru)} ({inert(item.where())})"
        words = "; ".join(words for words, _citations in glossary.translation_words(item))
        kazakh = f"kk: {item.kk}" + ("" if item.checked else f" ({glossary.TO_BE_CHECKED})")
        console.print(
            f"{term}; the translation: {inert(words)}; {inert(kazakh)}" if words else f"{term}; {inert(kazakh)}"
        )


@app.command("parameters")
def list_parameters() -> None:
    """The legal constants (periods) with their citation."""
    for name, item in law.parameters().items():
        period = f"{item.period.describe()} ({', '.join(item.reference)})"
        console.print(f"[bold]{inert(name)}[/bold]: {inert(period)}")

"""Trainer authoring commands: new, validate, preview, coverage, readings, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.table import Table

from simkit.cli.output import console, friendly_errors, inert, json_text, learner_option, visible
from simkit.scenarios import make_variant
from simkit.scenarios.coverage import coverage
from simkit.scenarios.library import find_scenario, library_root, load_library
from simkit.scenarios.preview import render_preview
from simkit.scenarios.readings import reading_rows
from simkit.scenarios.schema import write_schemas
from simkit.scenarios.validate import validate_paths

TEMPLATE = Path(__file__).resolve().parents[1] / "scenarios" / "templates" / "scenario.yaml"
Paths = Annotated[
    list[Path] | None, typer.Argument(help="Scenario or course files, or folders (default: the library).")
]


@friendly_errors
def validate(
    paths: Paths = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the issues as JSON.")] = False,
    require_lang: Annotated[
        list[str] | None,
        typer.Option(
            "--require-lang", help="A language (ru, en, kk) every file must be complete in; repeat for several."
        ),
    ] = None,
) -> None:
    """Check scenarios and courses: schema, keys, citations, ids, graph, answer keys, translations.

    Prints, for each file, the languages it is complete in (every learner-facing text has them).
    Exit status: 0 when valid (warnings allowed unless --strict), 1 when there are errors.
    """
    report = validate_paths(paths or [library_root()], require_languages=tuple(require_lang or ()))
    if as_json:
        typer.echo(json_text([{**issue.__dict__, "path": str(issue.path)} for issue in report.issues]))
    else:
        for issue in report.issues:
            colour = "red" if issue.level == "error" else "yellow"
            console.print(f"[{colour}]{inert(issue)}[/{colour}]", soft_wrap=True)
        for path, found in sorted(report.languages.items(), key=lambda item: str(item[0])):
            console.print(inert(found.line(path)), soft_wrap=True)
        console.print(
            f"{report.files} file(s): {len(report.scenarios)} scenario(s), {len(report.courses)} "
            f"course(s), {len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        )
    if report.errors or (strict and report.warnings):
        raise typer.Exit(1)


@friendly_errors
def preview(
    scenario: Annotated[str, typer.Argument(help="A scenario id from the library, or a scenario file.")],
    learner: Annotated[str, typer.Option(help="Learner id: fixes the learner's dates, names and amounts.")] = "preview",
    lang: Annotated[str, typer.Option(help="ru, en or kk.")] = "ru",
    seed: Annotated[int, typer.Option(help="Course seed.")] = 0,
    markdown: Annotated[bool, typer.Option(help="Print raw Markdown.")] = False,
) -> None:
    """Show one learner's variant of a scenario with its answer key."""
    if lang not in ("ru", "en", "kk"):
        raise ValueError(f"unknown language {lang!r}; use ru, en or kk")
    who = learner_option("--learner", learner)
    _path, found, _report = find_scenario(scenario)
    text = visible(render_preview(found, make_variant(found, seed, who), lang), lines=True)
    if markdown:
        typer.echo(text, nl=False)
    else:
        console.print(Markdown(text))


@friendly_errors
def coverage_command(
    paths: Paths = None,
    missing_only: Annotated[bool, typer.Option("--missing", help="List only provisions not yet covered.")] = False,
) -> None:
    """Which subparagraphs of Law 50.1, 50.2, Code 9 and Code 10 the library's questions exercise.

    Exit status 1 when any is not covered.
    """
    report = validate_paths(paths or [library_root()])
    rows = coverage(scenario for _path, scenario in report.scenarios.values())
    table = Table("provision", "covered", "questions")
    for row in rows:
        if row.covered and missing_only:
            continue
        table.add_row(inert(row.provision), "yes" if row.covered else "[red]NO[/red]", inert(", ".join(row.places)))
    console.print(table)
    covered = sum(row.covered for row in rows)
    console.print(f"{covered}/{len(rows)} provisions covered by {len(report.scenarios)} scenario(s)")
    if covered < len(rows):
        raise typer.Exit(1)


@friendly_errors
def readings_command(paths: Paths = None) -> None:
    """Every provision the library's keys read through an interpretation note, and the reading each case uses.

    Exit status 1 when two cases read one provision differently and neither says why (E018).
    """
    report = validate_paths(paths or [library_root()])
    shown = None
    for provision, reading, places in reading_rows(report.readings):
        if provision != shown:
            console.print(f"[bold]{inert(provision)}[/bold]")
            shown = provision
        console.print(inert(f"  {reading}: {len(places)} key(s)"), soft_wrap=True)
        for place in places:
            console.print(inert(f"    {place}"), soft_wrap=True)
    clashes = [issue for issue in report.errors if issue.code == "E018"]
    for issue in clashes:
        console.print(f"[red]{inert(issue)}[/red]", soft_wrap=True)
    if clashes:
        raise typer.Exit(1)


@friendly_errors
def new(
    scenario_id: Annotated[str, typer.Argument(metavar="ID", help="Lower-case id with hyphens, e.g. travel-invite.")],
    audience: Annotated[str, typer.Option(help="law (state servants), code (civil employees) or both.")] = "law",
    folder: Annotated[Path | None, typer.Option("--dir", help="Where to write (default: the library).")] = None,
    title_ru: Annotated[str, typer.Option(help="Title in Russian.")] = "Новая ситуация",
    title_en: Annotated[str, typer.Option(help="Title in English.")] = "A new case",
) -> None:
    """Scaffold a new scenario from the template, ready to edit and validate."""
    import re

    if not re.fullmatch(r"[a-z][a-z0-9-]*", scenario_id):
        raise ValueError(f"{scenario_id!r} is not a valid id; use lower-case letters, digits and hyphens")
    if audience not in ("law", "code", "both"):
        raise ValueError(f"unknown audience {audience!r}; use law, code or both")
    target = (folder or library_root()) / f"{scenario_id}.yaml"
    if target.exists():
        raise ValueError(f"{target} already exists; choose another id or edit that file")
    if scenario_id in load_library().scenarios:
        raise ValueError(f"the library already has a scenario {scenario_id!r}")
    text = TEMPLATE.read_text("utf-8").format(
        id=scenario_id,
        path=target,
        audience=audience,
        title_ru=title_ru,
        title_en=title_en,
        citation="law:50.1.17" if audience == "law" else "code:9.15",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    console.print(inert(f"wrote {target}; edit it, then run: simkit validate {target}"), soft_wrap=True)


def schema(
    out: Annotated[Path, typer.Option(help="Folder for scenario, course and submission .schema.json.")] = Path(
        "schemas"
    ),
) -> None:
    """Write the JSON Schemas of the scenario and course formats, for editors to validate and autocomplete."""
    for path in write_schemas(out):
        console.print(inert(f"wrote {path}"), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(new)
    app.command()(validate)
    app.command()(preview)
    app.command("coverage")(coverage_command)
    app.command("readings")(readings_command)
    app.command()(schema)

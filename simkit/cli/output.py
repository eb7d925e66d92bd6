"""How commands report a finding (answer, rule, provisions' text and editors' notes, interpretation notes), or one
error line instead of a traceback."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from simkit.law.explain import Finding

console = Console(highlight=False)


def show(finding: Finding, *, lang: str, as_json: bool) -> None:
    data = finding.as_dict(lang)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{escape(data['question'])}[/bold]: [bold green]{escape(str(data['answer']))}[/bold green]")
    console.print(f"Rule: {escape(data['rule'])}")
    for warning in data["warnings"]:
        console.print(f"[yellow]Note: {escape(warning)}[/yellow]")
    for item in data["provisions"]:
        console.print(Panel(escape(item["text"]), title=item["id"], title_align="left", expand=False))
        for note in item["notes"]:
            console.print(f"[yellow]Editors' note: {escape(note['text'])}[/yellow]")
    for note in data["interpretations"]:
        console.print(f"[dim]Interpretation \\[{note['id']}]: {escape(note['reading'])}[/dim]")


def friendly_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Report a ValueError (bad citation, impossible dates) as one line on stderr, exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except ValueError as error:
            typer.secho(f"error: {error}", fg="red", err=True)
            raise typer.Exit(2) from None

    return wrapper

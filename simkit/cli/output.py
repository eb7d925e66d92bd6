"""How commands print: a finding (answer, rule, provisions' text and editors' notes, interpretation notes), text
from learners and files made inert, and one error line instead of a traceback.

Whatever a learner or a file supplied (answers, ids, file names, a roster's cells, a certificate's fields, the
reasons quoting them) is printed through :func:`inert`: a terminal obeys escape sequences and Rich obeys its
markup, so either would let a submission clear the screen, rewrite a line, recolour or hide text, or reverse it
(U+202E) in front of the trainer reading it.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from simkit.law.explain import Finding
from simkit.submissions.ids import normalise_learner_id

# emoji off: Rich would turn a learner's ":warning:" into a picture, as it would obey "[red]" but for inert().
console = Console(highlight=False, emoji=False)
errors = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)  # soft wrap: an error stays one line
# Controls (C0, DEL, C1), format characters (bidi embeddings, overrides and isolates, zero widths, the BOM),
# lone surrogates and the line and paragraph separators: what a terminal acts on or hides rather than shows.
ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _visible_char(char: str, lines: bool) -> str:
    if char.isprintable() or (lines and char == "\n"):
        return char
    if unicodedata.category(char) not in ESCAPED_CATEGORIES:
        return char  # a no-break space or a private-use character: shown as it is, acting on nothing
    return repr(char)[1:-1]  # Python's own escape: \x1b, \r, \u202e


def visible(text: object, *, lines: bool = False) -> str:
    r"""``text`` with every character a terminal would act on or hide written as its escape (``\x1b``,
    ``\r``, ``\u202e``); letters of any script are kept. ``lines`` keeps line breaks, for multi-line documents
    such as a scenario's preview; anywhere else a newline could forge a line of output, so it is escaped too."""
    shown = str(text)
    if shown.isprintable():  # the usual case, Cyrillic and Kazakh included: nothing to look at one by one
        return shown
    return "".join(_visible_char(char, lines) for char in shown)


def inert(text: object, *, lines: bool = False) -> str:
    """Untrusted text as Rich markup that prints exactly it: escape sequences and controls made visible
    (:func:`visible`), and Rich's markup in it escaped, so ``[red]x[/red]`` prints as typed."""
    return escape(visible(text, lines=lines))


def _json_escape(char: str) -> str:
    if char == "\n" or unicodedata.category(char) not in ESCAPED_CATEGORIES:
        return char  # a newline is only ever the indentation's: json.dumps writes the strings' own as \n
    encoded = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{encoded[i]:02x}{encoded[i + 1]:02x}" for i in range(0, len(encoded), 2))


def json_text(data: Any, *, indent: int | None = 2, separators: tuple[str, str] | None = None) -> str:
    """``data`` as JSON whose text is inert as :func:`visible` makes text, and means the same: what a terminal would
    act on is written as a JSON escape (json.dumps leaves DEL, C1 controls and U+202E as they are)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return text if text.isprintable() else "".join(_json_escape(char) for char in text)


def learner_option(option: str, text: str) -> str:
    """A learner id given on the command line, by the learner-id rule; ValueError naming the option otherwise."""
    try:
        return normalise_learner_id(text)
    except ValueError as error:
        raise ValueError(f"{option}: {error}") from None


def show(finding: Finding, *, lang: str, as_json: bool) -> None:
    data = finding.as_dict(lang)
    if as_json:
        typer.echo(json_text(data))
        return
    console.print(f"[bold]{inert(data['question'])}[/bold]: [bold green]{inert(data['answer'])}[/bold green]")
    console.print(f"Rule: {inert(data['rule'])}")
    for warning in data["warnings"]:
        console.print(f"[yellow]Note: {inert(warning)}[/yellow]")
    for item in data["provisions"]:
        console.print(Panel(inert(item["text"], lines=True), title=inert(item["id"]), title_align="left", expand=False))
        for note in item["notes"]:
            console.print(f"[yellow]Editors' note: {inert(note['text'])}[/yellow]")
    for note in data["interpretations"]:
        console.print(f"[dim]Interpretation \\[{inert(note['id'])}]: {inert(note['reading'])}[/dim]")


def friendly_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Report a ValueError (bad citation, impossible dates, a refused id) as one line on stderr, exit status 2;
    the message often quotes a file or an id, so it is printed inert."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except ValueError as error:
            show_error(f"error: {error}")
            raise typer.Exit(2) from None

    return wrapper


def show_error(message: object) -> None:
    """One line on stderr, in red on a terminal, its text inert."""
    errors.print(f"[red]{inert(message)}[/red]")

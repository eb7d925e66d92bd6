"""Every doc's examples run as written (README.md and docs/*.md; the convention is in docs/README.md).

Sybil finds the blocks: ```bash and ```console blocks are `simkit` commands, run in-process by Typer's CliRunner,
```python blocks are doctests (``>>>``) or scripts; ``<!-- skip: next "why" -->`` marks a block that cannot run
here, and ``<!-- invisible-code-block: bash -->`` prepares what a block needs without showing it. Each doc runs
in a folder of its own that is the current folder, ``$HOME`` (so ``~/.simkit`` is ``$SIMKIT_HOME``) and holds a
copy of the scenario library (``$SIMKIT_SCENARIOS``), with no gradebook but the one its commands make. A failing
block is reported with its doc and line.
"""

from __future__ import annotations

import doctest
import glob
import os
import re
import shlex
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from unittest import SkipTest

import pytest
from markdown_it import MarkdownIt
from sybil import Example, Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser
from typer.testing import CliRunner

from simkit.cli import serve
from simkit.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WIDTH = "120"  # the terminal width a transcript's output is written for
EXIT = re.compile(r"#\s*exit (\d+)\b")  # a command's comment may start by stating its exit status
RUNNER = CliRunner()
ENTER = "\n" * 1000  # what a command that asks gets: Enter, which takes the default (`simkit review` skips)


@dataclass
class Command:
    line: int  # within the block, from 0
    text: str
    output: list[str] = field(default_factory=list)  # what a transcript shows it print; empty: not compared


def commands(source: str, transcript: bool) -> list[Command]:
    """The commands of a block: each line of a script, or each ``$ `` line of a transcript with the lines after it
    as its output; a line ending in ``\\`` goes on on the next, and comment lines are passed over."""
    found: list[Command] = []
    continuing = False
    for number, line in enumerate(source.splitlines()):
        if continuing:
            found[-1].text += " " + line
        elif transcript and not line.startswith("$ "):
            if found:
                found[-1].output.append(line.rstrip())
            elif line.strip():
                raise ValueError(f"output before any `$ ` command: {line!r}")
            continue
        else:
            text = line[2:] if transcript else line
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            found.append(Command(number, text))
        continuing = found[-1].text.rstrip().endswith("\\")
        if continuing:
            found[-1].text = found[-1].text.rstrip()[:-1]
    return found


def split_comment(text: str) -> tuple[str, str]:
    """A command and its comment: from a ``#`` that starts a word outside quotes, as in a shell."""
    quote = ""
    for place, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (place == 0 or text[place - 1].isspace()):
            return text[:place], text[place:]
    return text, ""


def words(text: str) -> tuple[list[str], int]:
    """The words of a command as a shell gives them (variables, ``~`` and globs expanded), and the exit status its
    comment states (0 unless it starts ``# exit N``)."""
    command, comment = split_comment(text)
    status = EXIT.match(comment)
    expanded: list[str] = []
    for word in shlex.split(command):
        word = os.path.expanduser(os.path.expandvars(word))
        matches = sorted(glob.glob(word)) if any(char in word for char in "*?[") else []
        expanded.extend(matches or [word])
    return expanded, int(status.group(1)) if status else 0


def compare(want: list[str], got: str) -> str | None:
    """None if ``got`` is what the transcript shows, ``...`` or ``…`` standing for any text; else a diff."""
    expected = "\n".join(want).strip("\n").replace("…", "...") + "\n"
    actual = "\n".join(line.rstrip() for line in got.splitlines()).strip("\n") + "\n"
    checker = doctest.OutputChecker()
    if checker.check_output(expected, actual, doctest.ELLIPSIS):
        return None
    example = doctest.Example("", expected)
    return checker.output_difference(example, actual, doctest.ELLIPSIS | doctest.REPORT_UDIFF)


def run_block(example: Example) -> str | None:
    """Run a bash or console block's commands in order; the first that fails ends the block, with why."""
    transcript = example.region.lexemes["arguments"] == "console"
    for command in commands(str(example.parsed), transcript):
        where = f"line {example.line + 1 + command.line}: {command.text.strip()}"
        arguments, status = words(command.text)
        if arguments[0] == "export" and len(arguments) == 2 and "=" in arguments[1]:
            name, value = arguments[1].split("=", 1)
            example.namespace["monkeypatch"].setenv(name, value)
            continue
        if arguments[0] != "simkit":
            return f'{where}\nnot a simkit command: run it here, or mark the block <!-- skip: next "why" -->'
        result = RUNNER.invoke(app, arguments[1:], env={"COLUMNS": WIDTH}, input=ENTER, prog_name="simkit")
        if result.exit_code != status:
            raised = "" if isinstance(result.exception, SystemExit | None) else repr(result.exception)
            return f"{where}\nexit status {result.exit_code}, not {status}\n{result.output}{raised}"
        if command.output and (difference := compare(command.output, result.output)):
            return f"{where}\n{difference}"
    return None


SYBIL = Sybil(
    parsers=[
        CodeBlockParser("bash", run_block),
        CodeBlockParser("console", run_block),
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS),
        SkipParser(),
    ]
)


def no_server(command: list[str], env: dict[str, str]) -> None:
    raise RuntimeError('a doc block would start a server here: mark it <!-- skip: next "why" -->')


@pytest.fixture
def doc_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / ".simkit"))
    monkeypatch.setenv("SIMKIT_SCENARIOS", str(tmp_path / "scenarios"))
    for variable in ("SIMKIT_GRADEBOOK", "SIMKIT_RELEASE", "JUPYTERHUB_USER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(serve, "run_server", no_server)
    return tmp_path


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_doc_examples_run_as_written(doc: Path, doc_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = SYBIL.parse(doc)
    document.namespace.update(monkeypatch=monkeypatch, ROOT=ROOT)
    failures: list[str] = []
    for example in document:
        try:
            example.evaluate()
        except SkipTest:
            continue
        except Exception as error:  # every failing block is reported, each with its doc and line
            message = str(error).split("\n", 1)[-1] if "did not evaluate as expected" in str(error) else repr(error)
            failures.append(f"{doc.relative_to(ROOT)}:{example.line}:\n{textwrap.indent(message, '  ')}")
    assert not failures, "\n\n".join(failures)


def test_a_failing_block_names_its_doc_and_line(tmp_path: Path, doc_home: Path) -> None:
    doc = tmp_path / "example.md"
    doc.write_text(
        "# Example\n\n```console\n$ simkit law gift 2026-03-01\nСрок передачи подарка: 2026-03-08\n...\n```\n\n"
        "```bash\nsimkit law gift 2026-03-01\nsimkit law gift 2026-02-30   # a day that is not one\n```\n\n"
        '<!-- skip: next "needs a cluster" -->\n```bash\nkubectl get pods\n```\n',
        "utf-8",
    )
    document = SYBIL.parse(doc)
    results = []
    for example in document:
        try:
            example.evaluate()
            results.append((example.line, "ok"))
        except SkipTest as skipped:
            results.append((example.line, f"skipped: {skipped}"))
        except AssertionError as error:
            results.append((example.line, str(error)))
    assert results[0] == (3, "ok")
    assert results[1][0] == 9 and "example.md, line 9" in results[1][1]
    assert "line 11: simkit law gift 2026-02-30" in results[1][1] and "exit status 2, not 0" in results[1][1]
    assert results[3] == (15, "skipped: needs a cluster")


RUN = {"bash", "console", "python"}
SHOWN = {"", "text", "yaml", "json", "sql", "markdown", "csv", "html", "toml", "ini", "po", "mermaid"}
COMMAND = re.compile(r"(\$ )?simkit ")


def test_every_block_is_one_the_docs_test_runs_or_one_that_shows_data() -> None:
    """A shell block of another name (```sh, ```shell) would never be run, and a `simkit` command in a block that
    shows data would never be checked (```markdown shows a doc's own source): both are refused, saying where."""
    wrong: list[str] = []
    for doc in DOCS:
        for token in MarkdownIt().parse(doc.read_text("utf-8")):
            if token.type != "fence" or token.map is None:
                continue
            where, kind = f"{doc.relative_to(ROOT)}:{token.map[0] + 1}", token.info.strip()
            if kind not in RUN | SHOWN:
                wrong.append(f"{where}: a ```{kind} block: use bash or console for commands, text for output")
            elif kind in SHOWN - {"markdown"} and any(COMMAND.match(line) for line in token.content.splitlines()):
                wrong.append(f"{where}: a simkit command in a ```{kind} block, never run: make it ```console")
    assert not wrong, "\n".join(wrong)

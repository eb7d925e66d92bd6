"""`simkit stats`: how did the questions work? Moodle's per-question statistics over a course's current attempts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from simkit.cli.grading import Database
from simkit.cli.output import console, friendly_errors, inert
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.grading.grader import course_key
from simkit.grading.statistics import CourseStatistics, QuestionStatistics
from simkit.grading.statistics import course_statistics as compute
from simkit.grading.statistics_flags import NEGATIVE, VERY_EASY, VERY_HARD, WEAK
from simkit.grading.statistics_report import MARKS, empty_message, percent, summary, write_csv
from simkit.i18n import N_, t

KINDS = {"single_choice": "single", "multiple_choice": "multiple", "free_text": "text"}  # to fit a terminal
SHORT = {  # the flags in a few letters, to fit a terminal
    NEGATIVE: N_("statistics.flag_short.negative_discrimination"),
    VERY_HARD: N_("statistics.flag_short.very_hard"),
    WEAK: N_("statistics.flag_short.weak_discrimination"),
    VERY_EASY: N_("statistics.flag_short.very_easy"),
}
STYLES = {NEGATIVE: "bold red", VERY_HARD: "dark_orange", WEAK: "yellow", VERY_EASY: "cyan"}


def questions_table(statistics: CourseStatistics) -> Table:
    table = Table(
        title="questions, those needing attention first",
        caption="n: attempts that reached it (+ answers awaiting review); F: facility index; D: discrimination index",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("question", overflow="fold", min_width=16)
    table.add_column("type")
    for name in ("n", "F %", "SD %", "D %"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("flag")
    for question in reached(statistics):
        style = STYLES.get(question.flags[0], "") if question.flags else ""
        table.add_row(
            inert(question.label),
            KINDS.get(question.kind, question.kind),
            str(question.answered) + (f" +{question.awaiting_review}" if question.awaiting_review else ""),
            percent(question.facility),
            percent(question.sd),
            percent(question.discrimination),
            inert(", ".join(t(SHORT[flag], statistics.lang) for flag in question.flags)),
            style=style,
        )
    return table


def reached(statistics: CourseStatistics) -> list[QuestionStatistics]:
    return [question for question in statistics.questions if question.answered or question.awaiting_review]


def show_options(question: QuestionStatistics, lang: str) -> None:
    console.rule(inert(f"{question.label} ({question.kind})"))
    if question.prompt:
        console.print(inert(question.prompt), soft_wrap=True)
    efficiency = "" if question.efficiency is None else f", discriminative efficiency {question.efficiency:.1f} %"
    cited = f"; provisions: {', '.join(question.provisions)}" if question.provisions else ""
    console.print(
        f"answered {question.answered}, facility {percent(question.facility)} %, fully correct "
        f"{percent(question.fully_correct)} %, discrimination {percent(question.discrimination)} %"
        f"{efficiency}{inert(cited)}"
    )
    if not question.options:
        return
    measure = "in its place" if question.counts == "in_place" else "chosen"
    table = Table("", "option", "text", measure, "%", "provisions", title_justify="left")
    for option in question.options:
        table.add_row(
            MARKS[option.right],
            inert(option.value),
            inert(option.text),
            str(option.count),
            f"{option.share:.1f}",
            inert(", ".join(option.provisions)),
        )
    console.print(table)


@friendly_errors
def stats(
    course: Annotated[str, typer.Argument(help="Course id, e.g. advanced-training.")],
    db: Database = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Write the questions to FILE and their options to FILE-options.csv.")
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Write a PNG: facility against discrimination, or --question's options."),
    ] = None,
    lang: Annotated[str, typer.Option(help="ru or en: the texts of questions, options and flags.")] = "ru",
    question: Annotated[
        str | None,
        typer.Option("--question", help="Show one question, SCENARIO/STEP: its options and discriminative efficiency."),
    ] = None,
) -> None:
    """How did the questions work? Facility, discrimination and the options chosen, per question.

    Over each learner's current attempt, as Moodle's quiz statistics: facility index (share of the points
    earned), standard deviation, discrimination index (correlation with the rest of the attempt), and what each
    option drew, with the provisions it cites. Questions needing attention come first; the options of flagged
    questions follow.
    """
    if lang not in ("ru", "en"):
        raise ValueError(f"unknown language {lang!r}; use ru or en")
    found = compute(Gradebook(connect(db)), course_key(course), lang)
    one = found.question(question) if question and found.attempts else None
    if csv:
        with writing(csv):  # headers alone when nothing is graded yet: scripts find their files
            written = write_csv(found, csv)
        console.print(inert(f"written {', '.join(str(path) for path in written)}"))
    if not found.attempts:
        console.print(inert(empty_message(found) + (" (no chart written)" if chart else "")))
        return
    if chart:
        with writing(chart):
            write_chart(found, one, chart)
    console.print(inert(summary(found)))
    if one is not None:
        show_options(one, lang)
        return
    console.print(questions_table(found))
    if unreached := len(found.questions) - len(reached(found)):
        console.print(f"{unreached} question(s) no attempt reached (listed in --csv)")
    for flagged in found.flagged():
        if flagged.options:
            show_options(flagged, lang)


def write_chart(found: CourseStatistics, one: QuestionStatistics | None, path: Path) -> None:
    from simkit.grading.statistics_chart import map_figure, options_figure, write_png

    if one is not None and not one.options:
        raise ValueError(f"{one.label} is a {one.kind} question: it has no options to chart (hint: drop --question)")
    write_png(options_figure(one, found.lang) if one is not None else map_figure(found), path)
    console.print(inert(f"written {path}"))


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """A file that cannot be written is one error line naming it, not a traceback."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValueError(f"{path}: cannot write: {reason} (hint: check the folder and its permissions)") from None


def register(app: typer.Typer) -> None:
    app.command()(stats)

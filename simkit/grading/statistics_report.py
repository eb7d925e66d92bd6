"""Per-question statistics as trainers read them: an HTML report for the notebook, CSV files for spreadsheets.

In the CSV files the version, counts, points and percentages are typed cells; the rest (labels, prompts, option
texts, provisions) is text, defused when it starts like a spreadsheet formula (simkit.csvfile)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from simkit.csvfile import Number, csv_text
from simkit.files import atomic_write_text
from simkit.grading.statistics_options import OptionCount
from simkit.templates import render

if TYPE_CHECKING:  # the statistics show themselves through this module (their _repr_html_): types only, no cycle
    from simkit.grading.statistics import CourseStatistics, QuestionStatistics

QUESTION_COLUMNS = (
    "question",
    "scenario",
    "scenario_version",
    "step",
    "type",
    "answered",
    "awaiting_review",
    "max_points",
    "facility_pct",
    "sd_pct",
    "fully_correct_pct",
    "discrimination_pct",
    "flags",
    "provisions",
    "prompt",
)
OPTION_COLUMNS = ("question", "counts", "option", "text", "right", "answers", "share_pct", "provisions")
MARKS = {True: "✓", None: "½", False: ""}
BAR_COLOURS = {True: "#2e7d32", None: "#f9a825", False: "#9e9e9e"}
QUESTIONS_HEADER = ("question", "type", "answered", "facility %", "SD %", "discrimination %", "flags", "provisions")
DETAILED_AT_MOST = 10  # flagged questions whose options the notebook shows; the rest on request


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def empty_message(statistics: CourseStatistics) -> str:
    return f"no graded attempts of {statistics.course_id} yet (`simkit grade {statistics.course_id}` records them)"


def summary(statistics: CourseStatistics) -> str:
    reached = sum(1 for question in statistics.questions if question.answered)
    return (
        f"{statistics.course_id}: {statistics.attempts} current attempt(s); {reached} of "
        f"{len(statistics.questions)} question(s) answered; {len(statistics.flagged())} flagged"
    )


# CSV


def write_csv(statistics: CourseStatistics, path: Path) -> list[Path]:
    """One row per question to ``path``, and one per option of the choice questions to ``<name>-options.csv``
    beside it; both written whole or not at all."""
    options = path.with_name(f"{path.stem}-options{path.suffix or '.csv'}")
    atomic_write_text(path, csv_text(QUESTION_COLUMNS, [_question_row(q) for q in statistics.questions]))
    rows = [_option_row(q, option) for q in statistics.questions for option in q.options]
    atomic_write_text(options, csv_text(OPTION_COLUMNS, rows))
    return [path, options]


def _number(value: float | None) -> Number | None:
    return None if value is None else Number(value, ".2f")


def _question_row(question: QuestionStatistics) -> list[object]:
    return [
        question.label,
        question.scenario_id,
        question.scenario_version,
        question.step_id,
        question.kind,
        question.answered,
        question.awaiting_review,
        Number(question.max_points),
        _number(question.facility),
        _number(question.sd),
        _number(question.fully_correct),
        _number(question.discrimination),
        ";".join(question.flags),
        ";".join(question.provisions),
        question.prompt,
    ]


def _option_row(question: QuestionStatistics, option: OptionCount) -> list[object]:
    right = {True: "right", None: "partly", False: "wrong"}[option.right]
    provisions = ";".join(option.provisions)
    return [
        question.label,
        question.counts,
        option.value,
        option.text,
        right,
        option.count,
        _number(option.share),
        provisions,
    ]


# HTML, for the notebook


def course_html(statistics: CourseStatistics) -> str:
    if not statistics.attempts:
        return render("grading/course_statistics.html", empty=empty_message(statistics), picture="")
    from simkit.grading.statistics_chart import map_figure, png_bytes

    picture = base64.b64encode(png_bytes(map_figure(statistics))).decode("ascii")
    flagged = [question for question in statistics.flagged() if question.options]
    return render(
        "grading/course_statistics.html",
        summary=summary(statistics),
        header=QUESTIONS_HEADER,
        rows=[_question_cells(question, statistics.lang) for question in statistics.questions],
        picture=picture,
        questions=[question_html(question, statistics.lang) for question in flagged[:DETAILED_AT_MOST]],
        more=len(flagged) - DETAILED_AT_MOST,
    )


def _question_cells(question: QuestionStatistics, lang: str) -> list[object]:
    return [
        question.label,
        question.kind,
        question.answered,
        percent(question.facility),
        percent(question.sd),
        percent(question.discrimination),
        "; ".join(question.flag_words(lang)),
        ", ".join(question.provisions),
    ]


def question_html(question: QuestionStatistics, lang: str) -> str:
    """A question's options with how many answers chose each, as bars; the right ones marked ✓ (½: partly)."""
    return render(
        "grading/question_statistics.html",
        question=question,
        flags="; ".join(question.flag_words(lang)),
        measure="in its place" if question.counts == "in_place" else "chosen",
        percent=percent,
        marks=MARKS,
        colours=BAR_COLOURS,
        bar_width=lambda share: max(0.0, min(share, 100.0)),
    )

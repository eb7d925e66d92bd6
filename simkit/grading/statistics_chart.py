"""Pictures of how the questions worked: each question's facility against its discrimination, the flagged ones
named, and the options chosen for one question. Labels in Russian or English."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # files, not windows: the command line and the tests have no screen

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from simkit.files import atomic_write_bytes
from simkit.grading.statistics_flags import (
    EASY_AT_LEAST,
    FLAGS,
    HARD_AT_MOST,
    NEGATIVE,
    VERY_EASY,
    VERY_HARD,
    WEAK,
    WEAK_BELOW,
)
from simkit.grading.statistics_options import OptionCount
from simkit.i18n import N_, t, translated

if TYPE_CHECKING:  # the report draws with this module, and the statistics show themselves through it: no cycle
    from simkit.grading.statistics import CourseStatistics, QuestionStatistics

LABELLED_AT_MOST = 15  # flagged questions named on the map; more would cover each other
COLOURS = {NEGATIVE: "#c62828", VERY_HARD: "#ef6c00", WEAK: "#f9a825", VERY_EASY: "#1565c0", "": "#2e7d32"}
RIGHT_COLOURS = {True: "#2e7d32", None: "#f9a825", False: "#9e9e9e"}
WORDS = {
    "facility": N_("statistics.chart.facility"),
    "discrimination": N_("statistics.chart.discrimination"),
    "map": N_("statistics.chart.map"),
    "weak_zone": N_("statistics.chart.weak_zone"),
    "limits": N_("statistics.chart.limits"),
    "chosen": N_("statistics.chart.chosen"),
    "in_place": N_("statistics.chart.in_place"),
    "right": N_("statistics.chart.right"),
    "partly": N_("statistics.chart.partly"),
    "wrong": N_("statistics.chart.wrong"),
    "fine": N_("statistics.chart.fine"),
}


def _words(lang: str) -> dict[str, str]:
    words = translated(WORDS, lang)
    words["weak_zone"] = t(WORDS["weak_zone"], lang, weak=f"{WEAK_BELOW:g}")
    words["limits"] = t(WORDS["limits"], lang, hard=f"{HARD_AT_MOST:g}", easy=f"{EASY_AT_LEAST:g}")
    return words


def map_figure(statistics: CourseStatistics) -> Figure:
    """Facility (x) against discrimination (y) for every question answered by two or more attempts; the weak
    zone shaded, the facility limits drawn, the flagged questions named (the most urgent first)."""
    words = _words(statistics.lang)
    shown = [question for question in statistics.questions if question.discrimination is not None]
    figure, axes = plt.subplots(figsize=(13, 6.5))
    low = min([-20.0, *(question.discrimination - 5 for question in shown if question.discrimination is not None)])
    axes.axhspan(low, WEAK_BELOW, color="#fff3e0", zorder=0, label=words["weak_zone"])
    axes.axhline(0, color="#c62828", linewidth=0.8)
    for limit in (HARD_AT_MOST, EASY_AT_LEAST):
        label = words["limits"] if limit == HARD_AT_MOST else None
        axes.axvline(limit, color="#90a4ae", linestyle="--", linewidth=0.8, label=label)
    for flag in (*FLAGS, ""):
        group = [question for question in shown if (question.flags[0] if question.flags else "") == flag]
        if group:
            name = group[0].flag_words(statistics.lang)[0] if flag else words["fine"]
            axes.scatter(
                [question.facility or 0.0 for question in group],  # shown: both known
                [question.discrimination or 0.0 for question in group],
                s=[20 + 60 * min(1.0, question.answered / max(statistics.attempts, 1)) for question in group],
                color=COLOURS[flag],
                label=name,
                zorder=3,
            )
    named = [question for question in shown if question.flags][:LABELLED_AT_MOST]
    for number, question in enumerate(named, 1):
        point = (question.facility or 0.0, question.discrimination or 0.0)
        axes.annotate(str(number), point, xytext=(4, 3), textcoords="offset points", fontsize=8, weight="bold")
    if named:  # numbers on the points, names beside the plot: names on the points would cover each other
        key = "\n".join(f"{number:>2}  {question.label}" for number, question in enumerate(named, 1))
        figure.text(0.73, 0.93, key, va="top", fontsize=8, family="monospace")
    axes.set_xlim(0, 100)
    axes.set_ylim(low, 100)
    axes.set_xlabel(words["facility"])
    axes.set_ylabel(words["discrimination"])
    axes.set_title(words["map"].format(course=statistics.course_id, attempts=statistics.attempts))
    axes.legend(loc="lower left", fontsize=8)
    figure.tight_layout(rect=(0, 0, 0.72, 1))
    return figure


def options_figure(question: QuestionStatistics, lang: str) -> Figure:
    """The share of the answers choosing each option (for an ordering: putting each item in its place), the
    right ones green, partly right amber, wrong grey."""
    words = _words(lang)
    options = list(reversed(question.options))  # barh draws from the bottom: keep the authored order top-down
    figure, axes = plt.subplots(figsize=(11, 1.4 + 0.6 * max(len(options), 1)))
    labels = [_option_label(option) for option in options]
    bars = axes.barh(labels, [option.share for option in options], color=[RIGHT_COLOURS[o.right] for o in options])
    for bar, option in zip(bars, options, strict=True):
        axes.annotate(
            f"{option.count} ({option.share:.0f} %)",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_xlim(0, 110)
    axes.set_xlabel(words["in_place" if question.counts == "in_place" else "chosen"])
    title = textwrap.shorten(question.prompt, 90, placeholder="…") if question.prompt else ""
    axes.set_title(f"{question.label} ({question.answered})\n{title}", fontsize=10)
    legend = [Rectangle((0, 0), 1, 1, color=RIGHT_COLOURS[key]) for key in (True, None, False)]
    axes.legend(legend, [words["right"], words["partly"], words["wrong"]], loc="lower right", fontsize=8)
    figure.tight_layout()
    return figure


def _option_label(option: OptionCount) -> str:
    """The option's id and its text on two short lines: long texts would squeeze the bars to nothing."""
    text = textwrap.shorten(option.text, 80, placeholder="…")
    return f"{option.value}\n" + "\n".join(textwrap.wrap(text, 42)[:2])


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG, and the figure freed."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()


def write_png(figure: Figure, path: Path) -> Path:
    """Write the figure as PNG through a temporary file and a rename: a reader never finds half a picture."""
    data = png_bytes(figure)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    return path

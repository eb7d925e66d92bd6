"""The chart by organisation: for each, stacked horizontal bars of its learners' statuses, the acknowledgement of
the Code on the left and advanced training on the right. Organisations with the most overdue come first; past
``SHOWN`` the rest are one bar."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files, not windows: the command line and the tests have no screen

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from simkit.compliance.labels import ONBOARDING_ORDER, TRAINING_ORDER, colour, status_name
from simkit.compliance.report import ComplianceReport, Tally
from simkit.compliance.status import Onboarding, Training
from simkit.files import atomic_write_bytes
from simkit.i18n import t, tn

SHOWN = 20  # organisations drawn one by one; more bars would not be read
LABEL_WIDTH = 30  # two lines of it at most


def bars(report: ComplianceReport, lang: str) -> list[Tally]:
    """The organisations drawn, worst first, the rest merged into one tally at the end."""
    tallies = report.organisations()
    shown, rest = tallies[:SHOWN], tallies[SHOWN:]
    if rest:
        merged = Tally(tn("compliance.others", len(rest), lang, count=len(rest)))
        for tally in rest:
            merged.learners += tally.learners
            merged.onboarding.update(tally.onboarding)
            merged.training.update(tally.training)
        shown.append(merged)
    return shown


def _label(name: str, lang: str) -> str:
    return "\n".join(textwrap.wrap(name, LABEL_WIDTH, max_lines=2, placeholder="…")) or t(
        "compliance.no_organisation", lang
    )


def _stack(
    axes: Axes, tallies: list[Tally], order: tuple[Onboarding, ...] | tuple[Training, ...], lang: str, days: int
) -> None:
    left, rows, drawn = [0] * len(tallies), range(len(tallies)), False
    for state in order:
        counts = [
            tally.onboarding[state] if isinstance(state, Onboarding) else tally.training[state] for tally in tallies
        ]
        if not any(counts):
            continue
        axes.barh(rows, counts, left=left, color=colour(state), label=status_name(state, lang, days), height=0.7)
        left = [start + count for start, count in zip(left, counts, strict=True)]
        drawn = True
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if drawn:  # below the bars, never over them
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=8, frameon=False)
    axes.grid(axis="x", alpha=0.3)


def figure(report: ComplianceReport, lang: str) -> Figure:
    tallies = bars(report, lang)
    height = 2.8 + 0.35 * max(len(tallies), 3)
    drawn, (codes, trainings) = plt.subplots(1, 2, figsize=(13, height), sharey=True, layout="constrained")
    _stack(codes, tallies, ONBOARDING_ORDER, lang, report.due_within)
    _stack(trainings, tallies, TRAINING_ORDER, lang, report.due_within)
    codes.set_yticks(range(len(tallies)), [_label(tally.name, lang) for tally in tallies], fontsize=8)
    codes.invert_yaxis()  # the worst organisation at the top
    codes.set_title(t("compliance.onboarding", lang), fontsize=10)
    trainings.set_title(t("compliance.training", lang), fontsize=10)
    total = len(report.organisations())
    title = t("compliance.chart_title", lang, as_of=report.as_of, learners=len(report.learners), organisations=total)
    drawn.suptitle(title, fontsize=11)
    return drawn


def png_bytes(drawn: Figure) -> bytes:
    buffer = io.BytesIO()
    drawn.savefig(buffer, format="png", dpi=110)
    plt.close(drawn)
    return buffer.getvalue()


def write_chart(report: ComplianceReport, path: Path, lang: str) -> Path:
    """Write the chart as PNG, whole or not at all."""
    atomic_write_bytes(path, png_bytes(figure(report, lang)))
    return path

"""Pictures of the simulation: one case's timeline with its legal limits, and Monte Carlo distributions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files, not windows: the command line and the tests have no screen

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from simkit.i18n import N_, t, translated
from simkit.sim.timeline import Timeline

MARKERS = {
    "committed": ("X", "#b00020"),
    "revealed": ("o", "#1565c0"),
    "investigated": ("s", "#6a1b9a"),
    "hearing": ("D", "#ef6c00"),
    "imposed": ("*", "#1b5e20"),
    "time_barred": ("P", "#000000"),
    "suspended_from_duty": ("v", "#795548"),
}
LABELS = {
    "limit_d": N_("sim.chart.limit_d"),
    "limit_c": N_("sim.chart.limit_c"),
    "absence": N_("sim.chart.absence"),
    "title": N_("sim.chart.title"),
}


def timeline_figure(timeline: Timeline, lang: str = "en") -> Figure:
    """The case's events on a calendar, absences shaded, and both legal limits drawn as vertical lines."""
    words = translated(LABELS, lang)
    figure, axes = plt.subplots(figsize=(10, 3.6))
    events = [event for event in timeline.ordered() if event.kind in MARKERS]
    for row, event in enumerate(events):
        marker, colour = MARKERS[event.kind]
        # Matplotlib takes dates as such (its unit converters also pick date ticks); its stubs allow floats only.
        axes.plot(
            event.day,  # type: ignore[arg-type]
            row,
            marker=marker,
            color=colour,
            markersize=10,
            linestyle="none",
        )
        axes.annotate(
            event.text[lang], (mdates.date2num(event.day), row), xytext=(8, -3), textcoords="offset points", fontsize=8
        )
    starts = {event.citation + str(event.day): event.day for event in timeline.events if event.kind == "absence_start"}
    ends = [event.day for event in timeline.ordered() if event.kind == "absence_end"]
    for index, start in enumerate(sorted(starts.values())):
        end = ends[index] if index < len(ends) else start
        axes.axvspan(
            start,  # type: ignore[arg-type]  # a date: as in axes.plot above
            end + dt.timedelta(days=1),  # type: ignore[arg-type]
            color="#ffcc80",
            alpha=0.5,
            label=words["absence"] if index == 0 else None,
        )
    for day, name, style in (
        (timeline.limit_from_discovery, "limit_d", "--"),
        (timeline.limit_from_commission, "limit_c", ":"),
    ):
        if day:
            axes.axvline(
                day,  # type: ignore[arg-type]  # a date: as in axes.plot above
                color="#c62828",
                linestyle=style,
                label=f"{words[name]} ({day})",
            )
    axes.set_yticks([])
    axes.set_ylim(-1, len(events) + 0.5)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m.%Y"))
    axes.set_title(f"{words['title']}: {timeline.offence} — {timeline.outcome}")
    axes.legend(loc="lower right", fontsize=8)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def days_to_sanction_figure(waits: list[int], lang: str = "en") -> Figure:
    figure, axes = plt.subplots(figsize=(7, 3.6))
    axes.hist(waits, bins=40, color="#1565c0")
    axes.set_xlabel(t("sim.chart.days_to_sanction", lang))
    axes.set_ylabel(t("sim.chart.cases", lang))
    figure.tight_layout()
    return figure


def sweep_figure(intervals: list[int], shares: list[tuple[float, float, float]], lang: str = "en") -> Figure:
    """Time-barred share (mean and 95% interval) against the commission's meeting interval."""
    figure, axes = plt.subplots(figsize=(7, 3.6))
    means = [share[0] * 100 for share in shares]
    errors = [[(share[0] - share[1]) * 100 for share in shares], [(share[2] - share[0]) * 100 for share in shares]]
    axes.errorbar(intervals, means, yerr=errors, marker="o", capsize=4, color="#c62828")
    axes.set_xlabel(t("sim.chart.meeting_interval", lang))
    axes.set_ylabel(t("sim.chart.time_barred_share", lang))
    axes.set_ylim(bottom=0)
    figure.tight_layout()
    return figure


def save_to(figure: Figure, target: Any) -> None:
    """Write ``figure`` as PNG to a file object and free it."""
    figure.savefig(target, format="png", dpi=100)
    plt.close(figure)


def save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path

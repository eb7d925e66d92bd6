"""Widgets for the disciplinary timelines notebook: one case you can change, and an organisation in Monte Carlo.

>>> explorer = CaseExplorer()
>>> explorer.interval.value = 120
>>> "time_barred" in explorer.outcome.value
True
"""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as widgets

from simkit.player.render import Displayed
from simkit.richtext.html import editors_notes_html
from simkit.sim import charts
from simkit.sim.case import Absence, CaseInput, Schedule, run_case
from simkit.sim.load import BUNDLED, load_config
from simkit.sim.montecarlo import run_org
from simkit.templates import render

OFFENCES = [
    ("law:50.1.17 — подарок / gift", "law:50.1.17"),
    ("law:50.1.7 — отказ в информации / refusal", "law:50.1.7"),
    ("law:50.1.3 — протекционизм / protectionism", "law:50.1.3"),
    ("law:44.1 — обычный / ordinary", "law:44.1"),
]


def png(figure) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    charts.save_to(figure, buffer)
    return buffer.getvalue()


class CaseExplorer(Displayed):
    """Change the dates, the commission's meeting interval and a leave, and see the case's timeline."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.offence = widgets.Dropdown(options=OFFENCES, value="law:50.1.17", description="Offence")
        self.committed = widgets.DatePicker(value=dt.date(2026, 3, 10), description="Committed")
        self.delay = widgets.IntSlider(value=24, min=0, max=300, description="Detection (days)")
        self.interval = widgets.IntSlider(value=14, min=1, max=180, description="Meetings every")
        self.leave = widgets.IntSlider(value=0, min=0, max=90, description="Leave (days)")
        self.outcome = widgets.HTML()
        self.chart = widgets.Image(format="png")
        for control in (self.offence, self.committed, self.delay, self.interval, self.leave):
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def case(self) -> CaseInput:
        revealed = self.committed.value + dt.timedelta(days=self.delay.value)
        start = revealed + dt.timedelta(days=14)
        absences = (
            (Absence(kind="leave", start=start, end=start + dt.timedelta(days=self.leave.value - 1)),)
            if (self.leave.value)
            else ()
        )
        return CaseInput(
            offence=self.offence.value,
            committed=self.committed.value,
            revealed=revealed,
            absences=absences,
            commission=Schedule(interval_days=self.interval.value),
        )

    def update(self) -> None:
        if self.committed.value is None:
            return
        timeline = run_case(self.case())
        self.outcome.value = render(
            "player/case_explorer.html",
            outcome=timeline.outcome,
            deadline=timeline.deadline,
            lines=[event.line(self.lang) for event in timeline.ordered()],
            editors_notes=editors_notes_html((event.citation for event in timeline.ordered()), self.lang),
        )
        self.chart.value = png(charts.timeline_figure(timeline, self.lang))

    @property
    def widget(self) -> widgets.Widget:
        controls = widgets.VBox([self.offence, self.committed, self.delay, self.interval, self.leave])
        return widgets.VBox([controls, self.outcome, self.chart])


class OrgExplorer(Displayed):
    """Run an organisation's year many times with another meeting interval or detection delay."""

    def __init__(self) -> None:
        self.config = widgets.Dropdown(options=list(BUNDLED), value="ministry", description="Organisation")
        self.interval = widgets.IntSlider(value=14, min=1, max=120, description="Meetings every")
        self.delay = widgets.IntSlider(value=30, min=1, max=180, description="Detection (mean)")
        self.replications = widgets.IntSlider(value=20, min=2, max=200, description="Replications")
        self.run = widgets.Button(description="Run")
        self.result = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.run.on_click(lambda _button: self.simulate())

    def simulate(self) -> None:
        base = load_config(self.config.value)
        config = base.model_copy(
            update={
                "commission": base.commission.model_copy(update={"interval_days": self.interval.value}),
                "detection_delay": base.detection_delay.model_copy(update={"mean_days": self.delay.value}),
            }
        )
        result = run_org(config, replications=self.replications.value, seed=0)
        self.result.value = render("player/org_summary.html", summary=result.summary().items())
        waits = [wait for run in result.replications for wait in run["days_to_sanction_all"]]
        self.chart.value = png(charts.days_to_sanction_figure(waits))

    @property
    def widget(self) -> widgets.Widget:
        controls = widgets.VBox([self.config, self.interval, self.delay, self.replications, self.run])
        return widgets.VBox([controls, self.result, self.chart])

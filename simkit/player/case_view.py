"""A scenario's disciplinary case as the learner's choices made it: the simulated timeline, the editors' notes of
the provisions it cites (the re-entry bar of law:16.3.6 has one), and its chart."""

from __future__ import annotations

import ipywidgets as widgets

from simkit.i18n import t
from simkit.player.timelines import png
from simkit.player.words import EVENT_COLUMNS
from simkit.richtext.html import editors_notes_html
from simkit.scenarios.model import CaseSpec
from simkit.scenarios.text import format_value
from simkit.scenarios.variants import Variant
from simkit.sim import charts
from simkit.sim.case import run_case
from simkit.sim.load import case_input
from simkit.templates import render


def case_widget(spec: CaseSpec, variant: Variant, lang: str) -> widgets.Widget:
    timeline = run_case(case_input(spec, variant.values))
    summary = widgets.HTML(
        render(
            "player/case_timeline.html",
            heading=t("player.timeline", lang),
            deadline_word=t("player.deadline", lang),
            deadline=format_value(timeline.deadline, lang) if timeline.deadline else "—",
            columns=[t(key, lang) for key in EVENT_COLUMNS],
            events=[(format_value(event.day, lang), event.citation, event.text[lang]) for event in timeline.ordered()],
            editors_notes=editors_notes_html((event.citation for event in timeline.ordered()), lang),
        )
    )
    chart = widgets.Image(value=png(charts.timeline_figure(timeline, lang)), format="png")
    chart.layout.max_width = "820px"
    chart.add_class("simkit-chart")  # named by the heading and described by the table (html.ARIA_SCRIPT)
    box = widgets.VBox([summary, chart])
    box.add_class("simkit-case")
    return box

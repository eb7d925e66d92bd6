"""A scenario's disciplinary case as the learner's choices made it: the simulated timeline, the editors' notes of
the provisions it cites (the re-entry bar of law:16.3.6 has one), and its chart."""

from __future__ import annotations

from html import escape

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


def case_widget(spec: CaseSpec, variant: Variant, lang: str) -> widgets.Widget:
    timeline = run_case(case_input(spec, variant.values))
    rows = "".join(
        f"<tr><td>{format_value(event.day, lang)}</td><td>{escape(event.citation)}</td>"
        f"<td>{escape(event.text[lang])}</td></tr>"
        for event in timeline.ordered()
    )
    head = "".join(
        f"<th scope='col'>{escape(t(key, lang))}</th>" for key in EVENT_COLUMNS
    )
    deadline = format_value(timeline.deadline, lang) if timeline.deadline else "—"
    summary = widgets.HTML(
        f"<h4>{escape(t('player.timeline', lang))}</h4><p>{escape(t('player.deadline', lang))}: <b>{deadline}</b></p>"
        f"<table class='simkit-timeline'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f"{editors_notes_html((event.citation for event in timeline.ordered()), lang)}"
    )
    chart = widgets.Image(value=png(charts.timeline_figure(timeline, lang)), format="png")
    chart.layout.max_width = "820px"
    chart.add_class("simkit-chart")  # named by the heading and described by the table (html.ARIA_SCRIPT)
    box = widgets.VBox([summary, chart])
    box.add_class("simkit-case")
    return box

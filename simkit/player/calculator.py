"""The law calculator: date pickers and toggles for the deadlines of the Law and the Code, with their reasons.

>>> calculator = LawCalculator()
>>> calculator.deadline.revealed.value = calculator.deadline.committed.value
>>> "law:45" in calculator.deadline.output.value
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as widgets

from simkit.i18n import LANGUAGE_NAMES, LANGUAGES, N_, language, t
from simkit.law import explain
from simkit.player.render import Displayed, error_html, finding_html

TEXT = {
    "title": N_("calculator.title"),
    "deadline": N_("calculator.deadline"),
    "committed": N_("calculator.committed"),
    "revealed": N_("calculator.revealed"),
    "discrediting": N_("calculator.discrediting"),
    "case_closed": N_("calculator.case_closed"),
    "start": N_("calculator.start"),
    "end": N_("calculator.end"),
    "add": N_("calculator.add"),
    "clear": N_("calculator.clear"),
    "transfers": N_("calculator.transfers"),
    "aware": N_("calculator.aware"),
    "onboarding": N_("calculator.onboarding"),
    "entry": N_("calculator.entry"),
}
DEFAULT_DAY = dt.date(2026, 3, 2)


def _relabel(labelled: dict[str, widgets.Widget], lang: str) -> None:
    for key, control in labelled.items():
        control.description = t(TEXT[key], lang)


def _watch(handler: Callable[[], None], *controls: widgets.Widget) -> None:
    for control in controls:
        control.observe(lambda _change: handler(), names="value")


class DeadlinePanel:
    """Sanction deadline (law:45) with suspensions that stop the clock."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.committed = widgets.DatePicker(description=t(TEXT["committed"], lang), value=DEFAULT_DAY)
        self.revealed = widgets.DatePicker(description=t(TEXT["revealed"], lang), value=DEFAULT_DAY + dt.timedelta(30))
        self.discrediting = widgets.ToggleButton(description=t(TEXT["discrediting"], lang), value=False)
        self.case_closed = widgets.DatePicker(description=t(TEXT["case_closed"], lang), value=None)
        self.suspension_start = widgets.DatePicker(description=t(TEXT["start"], lang))
        self.suspension_end = widgets.DatePicker(description=t(TEXT["end"], lang))
        self.add = widgets.Button(description=t(TEXT["add"], lang))
        self.clear = widgets.Button(description=t(TEXT["clear"], lang))
        self.suspensions: list[tuple[dt.date, dt.date]] = []
        self.listing = widgets.HTML()
        self.output = widgets.HTML()
        self.labelled = {
            "committed": self.committed,
            "revealed": self.revealed,
            "discrediting": self.discrediting,
            "case_closed": self.case_closed,
            "start": self.suspension_start,
            "end": self.suspension_end,
            "add": self.add,
            "clear": self.clear,
        }
        self.add.on_click(lambda _button: self.add_suspension())
        self.clear.on_click(lambda _button: self.clear_suspensions())
        _watch(self.update, self.committed, self.revealed, self.discrediting, self.case_closed)
        self.update()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        _relabel(self.labelled, lang)
        self.update()

    def add_suspension(self) -> None:
        if self.suspension_start.value and self.suspension_end.value:
            self.suspensions.append((self.suspension_start.value, self.suspension_end.value))
            self.update()

    def clear_suspensions(self) -> None:
        self.suspensions.clear()
        self.update()

    def update(self) -> None:
        self.listing.value = "; ".join(f"{start} – {end}" for start, end in self.suspensions)
        if not (self.committed.value and self.revealed.value):
            self.output.value = ""
            return
        try:
            finding = explain.explain_deadline(
                committed=self.committed.value,
                revealed=self.revealed.value,
                discrediting=self.discrediting.value,
                suspensions=self.suspensions,
                case_closed=self.case_closed.value,
            )
            self.output.value = finding_html(finding, self.lang)
        except ValueError as error:
            self.output.value = error_html(error)

    @property
    def widget(self) -> widgets.Widget:
        suspension_row = widgets.HBox([self.suspension_start, self.suspension_end, self.add, self.clear])
        return widgets.VBox(
            [
                self.committed,
                self.revealed,
                self.discrediting,
                self.case_closed,
                suspension_row,
                self.listing,
                self.output,
            ]
        )


class PeriodPanel:
    """One date in, one deadline out: gifts, money, onboarding, training."""

    def __init__(self, lang: str, names: tuple[str, ...], label: str) -> None:
        self.lang, self.names = lang, names
        self.kind = widgets.ToggleButtons(options=self._options(lang), value=names[0])
        self.day = widgets.DatePicker(description=t(TEXT[label], lang), value=DEFAULT_DAY)
        self.labelled = {label: self.day}
        self.output = widgets.HTML()
        _watch(self.update, self.kind, self.day)
        self.update()

    def _options(self, lang: str) -> list[tuple[str, str]]:
        return [(explain.PERIOD_RULES[name].question[lang], name) for name in self.names]

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        chosen = self.kind.value
        self.kind.options = self._options(lang)
        self.kind.value = chosen
        _relabel(self.labelled, lang)
        self.update()

    def update(self) -> None:
        if self.day.value is None:
            self.output.value = ""
            return
        self.output.value = finding_html(explain.explain_period(self.kind.value, self.day.value), self.lang)

    @property
    def widget(self) -> widgets.Widget:
        return widgets.VBox([self.kind, self.day, self.output])


class LawCalculator(Displayed):
    """Tabs for the sanction deadline, the gift and money transfers, and onboarding and training."""

    def __init__(self, lang: str = "ru") -> None:
        self.deadline = DeadlinePanel(lang)
        self.transfers = PeriodPanel(lang, ("gift", "money"), "aware")
        self.onboarding = PeriodPanel(lang, ("onboarding", "training"), "entry")
        self.panels = (self.deadline, self.transfers, self.onboarding)
        self.tabs = widgets.Tab(children=[panel.widget for panel in self.panels])
        self.language = widgets.ToggleButtons(
            options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES], value=language(lang)
        )
        self.language.observe(lambda change: self.set_lang(change["new"]), names="value")
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        for panel in self.panels:
            panel.set_lang(lang)
        for index, key in enumerate(("deadline", "transfers", "onboarding")):
            self.tabs.set_title(index, t(TEXT[key], lang))

    @property
    def widget(self) -> widgets.Widget:
        return widgets.VBox([self.language, self.tabs])

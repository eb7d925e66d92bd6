"""One answer control per question type. Each gives its answer as the submission stores it and can be set back
from a stored answer, so a page rebuilt in another language or reopened later shows the same answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from simkit import law
from simkit.i18n import t
from simkit.law.citations import CitationError
from simkit.richtext.html import provision_html
from simkit.scenarios.paper import PaperStep
from simkit.scenarios.variants import Variant
from simkit.templates import fragment

WIDE = widgets.Layout(width="auto", max_width="820px")


class Control:
    widget: widgets.Widget

    @property
    def value(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def disable(self) -> None:
        for child in _descendants(self.widget):
            if hasattr(child, "disabled"):
                child.disabled = True


def _descendants(widget: widgets.Widget) -> list[widgets.Widget]:
    children = getattr(widget, "children", ())
    return [widget, *(grandchild for child in children for grandchild in _descendants(child))]


class SingleChoiceControl(Control):
    def __init__(self, labels: list[tuple[str, str]]) -> None:
        self.widget = widgets.RadioButtons(options=labels, value=None, layout=WIDE)

    @property
    def value(self) -> str | None:
        value: str | None = self.widget.value
        return value

    def set(self, value: Any) -> None:
        if value in [option_id for _label, option_id in self.widget.options]:
            self.widget.value = value


class MultipleChoiceControl(Control):
    def __init__(self, labels: list[tuple[str, str]]) -> None:
        self.boxes = {
            option_id: widgets.Checkbox(description=label, value=False, indent=False, layout=WIDE)
            for label, option_id in labels
        }
        self.widget = widgets.VBox(list(self.boxes.values()))
        self.widget.add_class("simkit-choices")

    @property
    def value(self) -> list[str]:
        return [option_id for option_id, box in self.boxes.items() if box.value]

    def set(self, value: Any) -> None:
        for option_id, box in self.boxes.items():
            box.value = isinstance(value, list) and option_id in value


class OrderingControl(Control):
    """Rows with up and down buttons: buttons take the keyboard focus (Tab) and act on Enter or Space, and the
    focus follows the moved item."""

    def __init__(self, labels: list[tuple[str, str]], lang: str) -> None:
        self.labels = dict((item_id, label) for label, item_id in labels)
        self.order = [item_id for _label, item_id in labels]
        self.texts = [widgets.HTML(layout=widgets.Layout(flex="1 1 auto")) for _ in labels]
        self.ups = [self._button("▲", t("player.up", lang), row, -1) for row in range(len(labels))]
        self.downs = [self._button("▼", t("player.down", lang), row, +1) for row in range(len(labels))]
        rows = [
            widgets.HBox([up, down, text], layout=widgets.Layout(align_items="center", margin="2px 0"))
            for up, down, text in zip(self.ups, self.downs, self.texts, strict=True)
        ]
        self.widget = widgets.VBox(rows)
        self.widget.add_class("simkit-ordering")
        self._show()

    def _button(self, symbol: str, tooltip: str, row: int, step: int) -> widgets.Button:
        button = widgets.Button(description=symbol, tooltip=tooltip, layout=widgets.Layout(width="36px"))
        button.on_click(lambda _button: self.move(row, step))
        return button

    def move(self, row: int, step: int) -> None:
        target = row + step
        if 0 <= target < len(self.order):
            self.order[row], self.order[target] = self.order[target], self.order[row]
            self._show()
            (self.ups if step < 0 else self.downs)[target].focus()

    def _show(self) -> None:
        for number, (text, item_id) in enumerate(zip(self.texts, self.order, strict=True), 1):
            text.value = fragment("player/controls.html", "ordered_item", number=number, label=self.labels[item_id])
        for row in range(len(self.order)):
            self.ups[row].disabled = row == 0
            self.downs[row].disabled = row == len(self.order) - 1

    @property
    def value(self) -> list[str]:
        return list(self.order)

    def set(self, value: Any) -> None:
        if isinstance(value, list) and sorted(value) == sorted(self.order):
            self.order = list(value)
            self._show()


class DateControl(Control):
    def __init__(self) -> None:
        self.widget = widgets.DatePicker(value=None)

    @property
    def value(self) -> dt.date | None:
        value: dt.date | None = self.widget.value
        return value

    def set(self, value: Any) -> None:
        try:
            self.widget.value = dt.date.fromisoformat(str(value)) if value else None
        except ValueError:
            self.widget.value = None


class NumberControl(Control):
    def __init__(self, unit: str) -> None:
        self.number = widgets.FloatText(value=0)
        self.widget = widgets.HBox([self.number, widgets.Label(unit)])

    @property
    def value(self) -> float:
        value: float = self.number.value
        return value

    def set(self, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.number.value = value


class ProvisionControl(Control):
    """A picker of provisions that shows the chosen provision's text."""

    def __init__(self, citations: tuple[str, ...], lang: str) -> None:
        self.lang = lang
        self.picker = widgets.Dropdown(
            options=[(_heading(citation, lang), citation) for citation in citations],
            value=None,
            description=t("player.choose_provision", lang),
            style={"description_width": "initial"},
            layout=WIDE,
        )
        self.text = widgets.HTML()
        self.picker.observe(lambda _change: self._show(), names="value")
        self.widget = widgets.VBox([self.picker, self.text])

    def _show(self) -> None:
        self.text.value = provision_html(self.picker.value, self.lang) if self.picker.value else ""

    @property
    def value(self) -> str | None:
        value: str | None = self.picker.value
        return value

    def set(self, value: Any) -> None:
        if value in [citation for _label, citation in self.picker.options]:
            self.picker.value = value


def _heading(citation: str, lang: str) -> str:
    try:
        text = law.provision(citation).text.get(lang if lang in ("ru", "en") else "ru", "")
    except CitationError:
        return citation
    first = text.split("\n", 1)[0]
    return f"{citation} — {first[:90]}{'…' if len(first) > 90 else ''}"


class FreeTextControl(Control):
    def __init__(self) -> None:
        self.widget = widgets.Textarea(value="", rows=6, layout=widgets.Layout(width="100%", max_width="820px"))

    @property
    def value(self) -> str:
        value: str = self.widget.value
        return value

    def set(self, value: Any) -> None:
        if isinstance(value, str):
            self.widget.value = value


def make_control(step: PaperStep, order: list[str], variant: Variant, lang: str) -> Control:
    """The control for ``step``; ``order`` is the order its options or items are shown in."""
    choices = {choice.id: choice for choice in (step.items or step.options)}
    labels = [(_inline(variant.render(choices[choice_id].text, lang)), choice_id) for choice_id in order]
    if step.type == "single_choice":
        return SingleChoiceControl(labels)
    if step.type == "multiple_choice":
        return MultipleChoiceControl(labels)
    if step.type == "ordering":
        return OrderingControl(labels, lang)
    if step.type == "date":
        return DateControl()
    if step.type == "number":
        return NumberControl(variant.render(step.unit, lang))
    if step.type == "provision":
        return ProvisionControl(step.choices, lang)
    return FreeTextControl()


def _inline(text: str) -> str:
    # Radio and checkbox labels are plain text: drop Markdown emphasis marks rather than show them.
    return text.replace("**", "").replace("`", "").strip()

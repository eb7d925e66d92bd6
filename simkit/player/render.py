"""HTML for a finding (simkit/templates/player/finding.html): the answer, the rule, the provisions' text
(expandable) with their editors' notes (always shown, not folded away), and interpretation notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simkit.i18n import LANGUAGE_NAMES, N_, t
from simkit.law.citations import provision
from simkit.law.explain import Finding
from simkit.richtext.html import quoted_note_html
from simkit.templates import render

if TYPE_CHECKING:
    import ipywidgets as widgets

LABELS = {
    "rule": N_("finding.rule"),
    "editors_note": N_("finding.editors_note"),
    "note": N_("finding.note"),
    "yes": N_("finding.yes"),
    "no": N_("finding.no"),
}


def _answer_text(answer: object, lang: str) -> str:
    if isinstance(answer, bool):
        return t(LABELS["yes" if answer else "no"], lang)
    return str(answer)


def finding_html(finding: Finding, lang: str) -> str:
    data = finding.as_dict(lang)
    provisions = [
        item | {"quoted_note": quoted_note_html(lang, provision(item["id"]).source_languages)}
        for item in data["provisions"]
    ]
    return render(
        "player/finding.html",
        words={name: t(key, lang) for name, key in LABELS.items()},
        question=data["question"],
        answer=_answer_text(data["answer"], lang),
        rule=data["rule"],
        warnings=data["warnings"],
        provisions=provisions,
        interpretations=data["interpretations"],
    )


def error_html(error: Exception) -> str:
    return render("player/finding_error.html", message=str(error))


class Displayed:
    """Shows a front end's ``widget`` when it is the last value of a notebook cell."""

    widget: Any

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def language_switch(languages: tuple[str, ...], lang: str) -> widgets.ToggleButtons:
    """The buttons that switch a page, or a scenario, between the languages it has."""
    import ipywidgets as widgets

    switch = widgets.ToggleButtons(
        options=[(LANGUAGE_NAMES[code], code) for code in languages],
        value=lang if lang in languages else languages[0],
        style={"button_width": "90px"},
    )
    switch.add_class("simkit-language")
    return switch


class Page(Displayed):
    """A page of the app: a language switch, and content rebuilt by ``show`` in the chosen language."""

    lang: str

    def start_page(self, languages: tuple[str, ...], lang: str) -> None:
        import ipywidgets as widgets

        from simkit.richtext.html import STYLE

        self.switch = language_switch(languages, lang)
        self.lang = self.switch.value
        self.switch.observe(lambda change: self.set_lang(change["new"]), names="value")
        self.content = widgets.VBox()
        self.widget = widgets.VBox([widgets.HTML(STYLE), self.content])
        self.widget.add_class("simkit-player")

    def _ipython_display_(self) -> None:
        from IPython.display import Javascript, display

        from simkit.richtext.html import ARIA_SCRIPT

        display(Javascript(ARIA_SCRIPT), self.widget)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.show()

    def show(self) -> None:
        raise NotImplementedError

"""The scenario player: the narrative, then each step along the learner's branch, one control per question.

Practice mode shows feedback with the cited provisions right after each answer; exam mode only says the answer is
saved. A step that declares a disciplinary case shows its simulated timeline, driven by the learner's choices.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from simkit.i18n import t
from simkit.player.controls import Control, make_control
from simkit.player.render import Displayed, language_switch
from simkit.player.session import ScenarioSession
from simkit.player.store import SaveFailed
from simkit.player.words import FIXES
from simkit.richtext.html import (
    STYLE,
    audience_note_html,
    error_html,
    feedback_html,
    markdown_html,
    saved_html,
)
from simkit.scenarios import AnswerError, Scored
from simkit.scenarios.paper import PaperStep
from simkit.templates import fragment


class StepView:
    """One step on the page: its text, and for a question the control, the answer button and the response."""

    def __init__(self, player: ScenarioPlayer, step: PaperStep, current: bool) -> None:
        self.player, self.step = player, step
        session, lang = player.session, player.lang
        text = session.variant.render(step.text(), lang)
        note = session.variant.render(step.audience_note, lang) if step.audience_note else ""
        self.body = widgets.HTML(markdown_html(text) + (audience_note_html(note, lang) if note else ""))
        self.response = widgets.HTML()
        self.response.add_class("simkit-response")
        self.control: Control | None = None
        self.button: widgets.Button | None = None
        parts: list[widgets.Widget] = [self.body]
        if step.asks:
            self.control = make_control(step, session.order(step), session.variant, lang)
            parts.append(self.control.widget)
            if current:
                label = t("player.save_answer", lang) if session.marker is None else t("player.answer", lang)
                self.button = widgets.Button(description=label, button_style="primary")
                self.button.add_class("simkit-answer")
                self.button.on_click(lambda _button: player.submit(self))
                parts.append(self.button)
            else:
                self.control.set(session.record.value_of(step.id))
                self.control.disable()
                self.show(session.feedback(step.id))
            parts.append(self.response)
        self.widget = widgets.VBox(parts)
        self.widget.add_class("simkit-step")
        self.widget.add_class(f"simkit-step-{step.type}")
        if current:
            self.widget.add_class("simkit-current")

    def pending(self) -> object:
        """The answer in the control of the current question, not sent yet (None for an answered step)."""
        if self.button is None or self.control is None:
            return None
        value = self.control.value
        return value.isoformat() if hasattr(value, "isoformat") else value

    def show(self, scored: Scored | None) -> None:
        session, lang = self.player.session, self.player.lang
        self.response.value = saved_html(lang) if scored is None else feedback_html(scored, session.variant, lang)

    def answered(self, scored: Scored | None) -> None:
        assert self.control is not None and self.button is not None
        self.control.disable()
        self.button.layout.display = "none"
        self.widget.remove_class("simkit-current")
        self.show(scored)


class ScenarioPlayer(Displayed):
    """Plays one scenario for one learner; every answer is saved to the submission before anything is shown."""

    def __init__(self, session: ScenarioSession, lang: str = "ru", on_back: Callable[[], None] | None = None) -> None:
        self.session, self.on_back = session, on_back
        self.switch = language_switch(session.paper.languages(), lang)
        self.lang = self.switch.value
        self.switch.observe(lambda change: self.set_lang(change["new"]), names="value")
        self.title = widgets.HTML()
        self.bar = widgets.IntProgress(min=0, max=1, value=0, layout=widgets.Layout(width="240px"))
        self.bar.add_class("simkit-progress")
        self.counter = widgets.Label()
        self.counter.add_class("simkit-counter")
        self.narrative = widgets.HTML()
        self.steps = widgets.VBox()
        self.footer = widgets.VBox()
        self.views: list[StepView] = []
        self.widget = widgets.VBox(
            [
                widgets.HTML(STYLE),
                self.switch,
                self.title,
                widgets.HBox([self.bar, self.counter]),
                self.narrative,
                self.steps,
                self.footer,
            ]
        )
        self.widget.add_class("simkit-player")
        self.render()

    def render(self) -> None:
        """Build the whole page in the current language; an answer not yet sent stays in its control."""
        pending = self.views[-1].pending() if self.views else None
        paper, lang = self.session.paper, self.lang
        self.title.value = fragment("player/scenario.html", "title", text=paper.title.get(lang))
        self.narrative.value = markdown_html(self.session.variant.render(paper.narrative, lang))
        walked = self.session.walked
        self.views = [StepView(self, step, step is walked.current) for step in walked.steps]
        if pending is not None and self.views[-1].control is not None:
            self.views[-1].control.set(pending)
        self.steps.children = [self._with_case(view) for view in self.views]
        self._update_progress()
        self._update_footer()

    def _with_case(self, view: StepView) -> widgets.Widget:
        if self.session.marker is None or view.step.type not in ("info", "end"):
            return view.widget
        spec = self.session.marker.case(view.step.id)
        if spec is None:
            return view.widget
        from simkit.player.case_view import case_widget  # the simulation and its charts load only when needed

        return widgets.VBox([view.widget, case_widget(spec, self.session.variant, self.lang)])

    def _update_progress(self) -> None:
        done, total = self.session.progress()
        self.bar.max, self.bar.value = max(total, 1), done
        self.counter.value = t("player.progress", self.lang, done=done, total=total)

    def _update_footer(self) -> None:
        on_back = self.on_back
        if on_back is None:
            return
        back = widgets.Button(description=t("player.back", self.lang))
        back.add_class("simkit-back")
        back.on_click(lambda _button: on_back())
        self.footer.children = [back]

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.render()

    def submit(self, view: StepView) -> Scored | None:
        """Save the answer in ``view``'s control, then show the response and the steps it leads to."""
        assert view.control is not None
        try:
            scored = self.session.answer(view.step.id, view.control.value)
        except AnswerError:
            view.response.value = error_html(t(FIXES[view.step.type], self.lang))
            return None
        except SaveFailed as failed:  # not shown as saved: the control stays as it is, to be sent again
            view.response.value = error_html(t("player.save_failed", self.lang, reason=failed))
            return None
        view.answered(scored)
        walked = self.session.walked
        fresh = [StepView(self, step, step is walked.current) for step in walked.steps[len(self.views) :]]
        self.views += fresh
        self.steps.children = [*self.steps.children, *(self._with_case(new) for new in fresh)]
        self._update_progress()
        return scored

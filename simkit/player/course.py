"""A course for one learner: its scenarios with their status, each opened in the player, for the onboarding
course the written acknowledgement of the Code (code:5, code:6) at the end, and, once everything is done,
submitting it: through the grading service an exam is graded at once (result and certificate shown here); offline
the page says the answers are saved for a trainer to grade."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from simkit.i18n import t
from simkit.law.citations import all_citations, instrument_title, provision
from simkit.player.enrolment import Enrolment
from simkit.player.render import Page
from simkit.player.scenario import ScenarioPlayer
from simkit.player.store import Outcome, SaveFailed
from simkit.player.words import MODES, STATUSES
from simkit.richtext.html import SHORT_TITLES, error_html, markdown_html, quoted_note_html
from simkit.scenarios.text import format_value
from simkit.templates import fragment

# A button as wide as its words: in a column a width of "auto" alone stretches it across the page.
BUTTON = {"width": "auto", "align_self": "flex-start"}
STATUS_COLOURS = {"not_started": "#455a64", "in_progress": "#1565c0", "done": "#1b5e20"}
PAGE = "player/course.html"


def code_text_html(lang: str) -> str:
    """The whole Code of service ethics, collapsed under its title, in the learner's language; where no text in it
    is bundled (Kazakh), in Russian, the authoritative text, with a note saying so."""
    text_lang = lang if lang in ("ru", "en") else "ru"
    parts = [provision(citation).text[text_lang] for citation in all_citations() if _is_code_paragraph(citation)]
    title = instrument_title("code", text_lang) if text_lang == lang else t(SHORT_TITLES["code"], lang)
    return fragment(
        PAGE,
        "code_text",
        words=t("player.code_text", lang),
        title=title,
        quoted_note=quoted_note_html(lang, (text_lang,)),
        paragraphs=[part.split("\n") for part in parts],
    )


def _is_code_paragraph(citation: str) -> bool:
    return citation.startswith("code:") and "." not in citation


class Acknowledgement:
    """The learner ticks that they have read the Code and confirms; the date is recorded with the submission."""

    def __init__(self, enrolment: Enrolment, lang: str, on_signed: Callable[[], None] | None = None) -> None:
        self.enrolment, self.on_signed = enrolment, on_signed
        self.read = widgets.Checkbox(description=t("player.ack_text", lang), indent=False, layout={"width": "auto"})
        self.confirm = widgets.Button(description=t("player.ack_button", lang), button_style="success", layout=BUTTON)
        self.confirm.add_class("simkit-acknowledge")
        self.status = widgets.HTML()
        self.lang = lang
        self.confirm.on_click(lambda _button: self.sign())
        heading = widgets.HTML(
            fragment(PAGE, "acknowledgement", heading=t("player.ack_title", lang), code_text=code_text_html(lang))
        )
        self.widget = widgets.VBox([heading, self.read, self.confirm, self.status])
        self.widget.add_class("simkit-acknowledgement")
        self._show()

    def sign(self) -> None:
        if not self.read.value:
            self.status.value = error_html(t("player.ack_need", self.lang))
            return
        try:
            self.enrolment.acknowledge()
        except SaveFailed as failed:
            self.status.value = error_html(t("player.save_failed", self.lang, reason=failed))
            return
        self._show()
        if self.on_signed is not None:
            self.on_signed()

    def _show(self) -> None:
        signed = self.enrolment.submission.acknowledgement
        if signed is None:
            return
        self.read.value, self.read.disabled, self.confirm.disabled = True, True, True
        date = format_value(signed.signed_on, self.lang)
        self.status.value = fragment(PAGE, "acknowledged", words=t("player.ack_done", self.lang, date=date))


class CoursePlayer(Page):
    """The course page: pick a scenario, play it, come back to the list with its status updated."""

    def __init__(self, enrolment: Enrolment, lang: str = "ru", on_back: Callable[[], None] | None = None) -> None:
        self.enrolment, self.on_back = enrolment, on_back
        papers = enrolment.bundle.papers.values()
        languages = tuple(dict.fromkeys(lang for paper in papers for lang in paper.languages()))
        self.player: ScenarioPlayer | None = None
        self.start_page(languages, lang)
        self.show()

    def show(self) -> None:
        """The list of the course's scenarios with their status."""
        if self.player is not None:
            self.lang = self.player.lang
            self.player = None
        self.enrolment.refresh()
        course, lang = self.enrolment.bundle.course, self.lang
        self.switch.value = lang
        header = widgets.HTML(
            fragment(
                PAGE,
                "header",
                title=course.title.get(lang),
                description=markdown_html(course.description.get(lang)),
                mode=t(MODES[course.mode], lang),
            )
        )
        rows = [self._row(scenario_id) for scenario_id in course.scenarios]
        parts = [self.switch, header, *rows]
        if course.acknowledgement:
            parts.append(Acknowledgement(self.enrolment, lang, on_signed=self.show).widget)
        parts += self._closing()
        on_back = self.on_back
        if on_back is not None:
            back = widgets.Button(description=t("player.back", lang))
            back.add_class("simkit-back")
            back.on_click(lambda _button: on_back())
            parts.append(back)
        self.content.children = parts

    def _row(self, scenario_id: str) -> widgets.Widget:
        paper, lang = self.enrolment.bundle.papers[scenario_id], self.lang
        status = self.enrolment.status(scenario_id)
        words = fragment(
            PAGE,
            "scenario_row",
            title=paper.title.get(lang),
            minutes=paper.minutes,
            minutes_word=t("player.minutes", lang),
            status=status,
            colour=STATUS_COLOURS[status],
            status_word=t(STATUSES[status], lang),
            summary=paper.summary.get(lang),
        )
        label = widgets.HTML(words, layout={"flex": "1 1 auto"})
        button = widgets.Button(
            description=t("player.continue", lang) if status == "in_progress" else t("player.open", lang),
            layout={"width": "140px", "flex": "0 0 auto"},
        )
        button.add_class(f"simkit-open-{scenario_id}")
        button.on_click(lambda _button: self.open(scenario_id))
        row = widgets.HBox([button, label], layout={"align_items": "center", "margin": "4px 0"})
        row.add_class("simkit-scenario-row")
        return row

    def _closing(self) -> list[widgets.Widget]:
        """Once every case is done (and the Code acknowledged): submit, or say a trainer grades the answers."""
        enrolment, lang = self.enrolment, self.lang
        self.result = widgets.HTML()
        self.result.add_class("simkit-result")
        if not enrolment.all_done or enrolment.needs_acknowledgement:
            return []
        if not enrolment.store.grades_on_submit:
            return [widgets.HTML(fragment(PAGE, "offline", words=t("player.offline_saved", lang)))]
        exam = enrolment.bundle.course.mode == "exam"
        ready = t("player.submit_ready", lang) if exam else t("player.finish_ready", lang)
        self.ready = widgets.HTML(fragment(PAGE, "ready", words=ready))
        self.submit_button = widgets.Button(
            description=t("player.submit", lang) if exam else t("player.finish", lang),
            button_style="success",
            layout=BUTTON,
        )
        self.submit_button.add_class("simkit-submit")
        self.submit_button.on_click(lambda _button: self.submit())
        try:
            earlier = enrolment.store.result()
        except SaveFailed:
            earlier = None  # shown again on submitting
        if earlier is not None:
            self._submitted()
            self.result.value = outcome_html(earlier, lang)
        return [self.ready, self.submit_button, self.result]

    def submit(self) -> Outcome | None:
        """Submit the course to the grading service and show what it recorded; a failure is one line."""
        try:
            outcome = self.enrolment.store.submit()
        except SaveFailed as failed:
            self.result.value = error_html(t("player.submit_failed", self.lang, reason=failed))
            return None
        self._submitted()
        self.result.value = outcome_html(outcome, self.lang)
        return outcome

    def _submitted(self) -> None:
        """Once submitted the answers cannot change: no call to submit stays on the page, only the result."""
        self.ready.layout.display = "none"
        self.submit_button.disabled = True

    def open(self, scenario_id: str) -> ScenarioPlayer:
        self.player = ScenarioPlayer(self.enrolment.open(scenario_id), self.lang, on_back=self.show)
        self.content.children = [self.player.widget]
        return self.player


def outcome_html(outcome: Outcome, lang: str) -> str:
    """The score, whether it passed (or how many answers wait for review), and the certificate's link."""
    percent = round(100 * outcome.score / outcome.max_score, 1) if outcome.max_score else 0.0
    lines = [
        t("player.result", lang, score=f"{outcome.score:g}", most=f"{outcome.max_score:g}", percent=f"{percent:g}")
    ]
    if outcome.passed is None:
        lines.append(t("player.result_pending", lang, count=outcome.pending_review))
    else:
        lines.append(t("player.result_passed", lang) if outcome.passed else t("player.result_failed", lang))
    verdict = "pending" if outcome.passed is None else ("passed" if outcome.passed else "failed")
    link = None
    if outcome.certificate_url:
        # The service prints it in the learner's language: Kazakh and Russian for Kazakh, else Russian and English.
        asked = "&" if "?" in outcome.certificate_url else "?"
        link = f"{outcome.certificate_url}{asked}lang={lang}"
    return fragment(PAGE, "outcome", verdict=verdict, lines=lines, link=link, label=t("player.certificate", lang))

"""The course home: the learner's released courses with their progress; each opens in the same page."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from simkit.i18n import t
from simkit.player.course import CoursePlayer
from simkit.player.enrolment import Enrolment
from simkit.player.identity import Identity, chosen_identity, current_identity
from simkit.player.render import Page
from simkit.player.store import ServiceStore
from simkit.player.words import MODES
from simkit.richtext.html import error_html
from simkit.scenarios.release import load_bundle, released_courses
from simkit.submissions import normalise_learner_id
from simkit.templates import fragment

PAGE = "player/home.html"


def open_enrolment(course_id: str, learner: str, release: Path | None = None) -> Enrolment:
    """The learner in a course, saving through the grading service when the hub gives this server its address
    ($SIMKIT_SERVICE_URL), else to the submission file."""
    learner = normalise_learner_id(learner)
    return Enrolment(load_bundle(course_id, release), learner, store=ServiceStore.from_environment(course_id, learner))


def offered_languages(release: Path | None = None) -> tuple[str, ...]:
    """Russian and English, and Kazakh once a released course has a case in it; a damaged bundle offers nothing."""
    offered = {"ru", "en"}
    for course_id in released_courses(release):
        try:
            papers = load_bundle(course_id, release).papers.values()
        except ValueError:
            continue
        offered.update(lang for paper in papers for lang in paper.languages())
    return tuple(lang for lang in ("ru", "en", "kk") if lang in offered)


class CourseHome(Page):
    """Lists the courses released for learners; a damaged bundle or submission shows as one line, not a crash.

    The learner is given, or is this server's one learner (:func:`simkit.player.identity.current_identity`): the
    page never asks who it is and always shows who it is."""

    def __init__(
        self, learner: str | None = None, lang: str = "ru", release: Path | None = None, only: str | None = None
    ) -> None:
        self.release, self.only = release, only
        self.identity: Identity | None = None
        self.problem = ""
        try:
            self.identity = chosen_identity(learner) if learner is not None else current_identity()
        except ValueError as error:
            self.problem = str(error)
        self.course: CoursePlayer | None = None
        self.start_page(offered_languages(release), lang)
        self.show()

    @property
    def learner(self) -> str | None:
        return self.identity.learner if self.identity else None

    def signed_in(self) -> widgets.HTML:
        """Who the learner is and, on one machine, how to be someone else; or why no learner can be told."""
        if self.identity is None:
            return widgets.HTML(
                fragment(PAGE, "no_learner", words=t("player.no_learner", self.lang), problem=self.problem)
            )
        change = t("player.change_learner", self.lang) if self.identity.single_user else ""
        words = t("player.signed_in", self.lang)
        return widgets.HTML(fragment(PAGE, "signed_in", words=words, learner=self.identity.learner, change=change))

    def show(self) -> None:
        if self.course is not None:
            self.lang, self.course = self.course.lang, None
        self.switch.value = self.lang
        if self.learner is None:
            self.content.children = [self.switch, self.signed_in()]
            return
        if self.only is not None:
            self._open_only(self.only)
            return
        heading = widgets.HTML(fragment(PAGE, "heading", words=t("player.courses", self.lang)))
        courses = released_courses(self.release)
        rows = [self._row(course_id) for course_id in courses] or [widgets.HTML(t("player.no_courses", self.lang))]
        self.content.children = [self.switch, heading, self.signed_in(), *rows]

    def _row(self, course_id: str) -> widgets.Widget:
        assert self.learner is not None
        try:
            enrolment = open_enrolment(course_id, self.learner, self.release)
        except ValueError as error:
            return widgets.HTML(fragment(PAGE, "course_error", course_id=course_id, error=str(error)))
        course, lang = enrolment.bundle.course, self.lang
        done = sum(enrolment.status(scenario_id) == "done" for scenario_id in course.scenarios)
        words = fragment(
            PAGE,
            "course_row",
            title=course.title.get(lang),
            mode=t(MODES[course.mode], lang),
            done_word=t("player.done", lang),
            done=done,
            total=len(course.scenarios),
        )
        label = widgets.HTML(words, layout={"flex": "1 1 auto"})
        button = widgets.Button(
            description=t("player.open", lang), button_style="primary", layout={"width": "140px", "flex": "0 0 auto"}
        )
        button.add_class(f"simkit-course-{course_id}")
        button.on_click(lambda _button: self.open(enrolment))
        return widgets.HBox([button, label], layout={"align_items": "center", "margin": "6px 0"})

    def _open_only(self, course_id: str) -> None:
        assert self.learner is not None
        try:
            self.open(open_enrolment(course_id, self.learner, self.release))
        except ValueError as error:
            self.content.children = [
                self.signed_in(),
                widgets.HTML(error_html(str(error))),
            ]

    def open(self, enrolment: Enrolment) -> CoursePlayer:
        back = None if self.only else self.show
        self.course = CoursePlayer(enrolment, self.lang, on_back=back)
        self.content.children = [self.signed_in(), self.course.widget]
        return self.course

"""ipywidgets front ends: the course player for learners, the scenario preview for trainers, the law calculator
and the timeline explorers. Notebooks call these and hold no logic of their own."""

from __future__ import annotations

import os

from simkit.i18n import preload
from simkit.player.home import CourseHome


def when_requested() -> None:
    """Under Voilà's pre-heated kernels a notebook runs before anyone asks for the page: wait here for the
    learner's request, so the page shows their submissions as they are now, not as they were at start-up. The
    interface catalogues are read before that wait, so a learner's first page does not wait for them."""
    preload()
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        wait_for_request()


def home(lang: str = "ru") -> CourseHome:
    """The course home: the learner's released courses, each opened in the same page."""
    when_requested()
    return CourseHome(lang=lang)


def course(course_id: str, lang: str = "ru") -> CourseHome:
    """One course for this server's learner (see :mod:`simkit.player.identity`)."""
    when_requested()
    return CourseHome(lang=lang, only=course_id)


__all__ = ["CourseHome", "course", "home", "when_requested"]

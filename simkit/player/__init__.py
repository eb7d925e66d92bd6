"""ipywidgets front ends: the course player for learners, the scenario preview for trainers, the law calculator
and the timeline explorers. Notebooks call these and hold no logic of their own."""

from __future__ import annotations

import os
import urllib.parse

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
    """The course home: the learner's released courses, each opened in the same page; only the course the page's
    address names (``?course=…``, as a launch from the learning platform sends the learner) when it names one."""
    when_requested()
    return CourseHome(lang=lang, only=requested_course())


def requested_course() -> str | None:
    """The course named in the page's query string (Voilà gives the kernel $QUERY_STRING), if any."""
    named = urllib.parse.parse_qs(os.environ.get("QUERY_STRING", "")).get("course") or [""]
    return named[0].strip() or None


def course(course_id: str, lang: str = "ru") -> CourseHome:
    """One course for this server's learner (see :mod:`simkit.player.identity`)."""
    when_requested()
    return CourseHome(lang=lang, only=course_id)


__all__ = ["CourseHome", "course", "home", "when_requested"]

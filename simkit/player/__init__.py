"""ipywidgets front ends: the course player for learners, the scenario preview for trainers, the law calculator
and the timeline explorers. Notebooks call these and hold no logic of their own."""

from __future__ import annotations

from simkit.player.home import CourseHome


def home(lang: str = "ru") -> CourseHome:
    """The course home: the learner's released courses, each opened in the same page."""
    return CourseHome(lang=lang)


def course(course_id: str, lang: str = "ru") -> CourseHome:
    """One course for the learner (asked for an id on the first run)."""
    return CourseHome(lang=lang, only=course_id)


__all__ = ["CourseHome", "course", "home"]

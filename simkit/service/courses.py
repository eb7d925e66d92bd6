"""The courses as the service knows them: each released once into a folder of its own, so the papers it checks
answers against are exactly those the learners' servers show (exam copies for exams), and each course's keys
rebuilt from the keyed library for grading."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from simkit.grading.grader import CourseKey, course_key
from simkit.scenarios.paper import Paper
from simkit.scenarios.release import Bundle, load_bundle, release_courses, released_courses
from simkit.service.identity import Refusal
from simkit.submissions import quoted


class Courses:
    def __init__(self, library: Path) -> None:
        self.library = library
        self._folder = tempfile.TemporaryDirectory(prefix="simkit-service-release-")
        root = Path(self._folder.name)
        release_courses(None, root, library)  # ValueError naming the first problem of the library
        self.bundles: dict[str, Bundle] = {name: load_bundle(name, root) for name in released_courses(root)}
        self._keys: dict[str, CourseKey] = {}
        self._lock = threading.Lock()

    def bundle(self, course_id: str) -> Bundle:
        found = self.bundles.get(course_id)
        if found is None:
            known = ", ".join(sorted(self.bundles))
            raise Refusal(404, f"no course {course_id!r} here; the courses are {known}")
        return found

    def paper(self, course_id: str, scenario_id: str, version: int) -> Paper:
        paper = self.bundle(course_id).papers.get(scenario_id)
        if paper is None:
            raise Refusal(400, f"the course {course_id!r} has no scenario {quoted(scenario_id)}")
        if version != paper.version:
            raise Refusal(
                409,
                f"{scenario_id}: answers version {version}; the course has version {paper.version} "
                "(hint: reload the page to play the new release)",
            )
        return paper

    def key(self, course_id: str) -> CourseKey:
        self.bundle(course_id)
        with self._lock:  # built once, then shared by every submit of the course
            if course_id not in self._keys:
                self._keys[course_id] = course_key(course_id, self.library)
            return self._keys[course_id]

    def close(self) -> None:
        self._folder.cleanup()

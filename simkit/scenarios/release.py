"""Learner bundles: a course and its scenarios as learners' players read them.

A bundle is a folder ``<release root>/<course id>/`` with ``course.yaml`` and ``scenarios/<id>.yaml``. A practice
course carries its scenarios whole (the player gives feedback from them); an exam course carries exam copies only
(:func:`simkit.scenarios.strip.strip_answers`), so a learner's kernel never holds a key.
"""

from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from simkit.files import replace_folder
from simkit.scenarios import model
from simkit.scenarios.library import library_root
from simkit.scenarios.paper import Paper, exam_paper, practice_paper
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.validate import Report, load_model, validate_paths
from simkit.scenarios.yamlsource import parse
from simkit.settings import release_root

COURSE_FILE = "course.yaml"


@dataclass(frozen=True)
class Bundle:
    course: model.Course
    papers: dict[str, Paper]  # in the course's order
    scenarios: dict[str, model.Scenario]  # empty for an exam: there is nothing to mark with
    folder: Path


def _library(library: Path | None) -> Report:
    report = validate_paths([library or library_root()])
    if report.errors:
        raise ValueError(f"{report.errors[0]} (fix the library first: `simkit validate`)")
    return report


def _course(report: Report, course_id: str) -> model.Course:
    if course_id not in report.courses:
        close = difflib.get_close_matches(course_id, sorted(report.courses), n=3)
        known = f"did you mean {', '.join(close)}?" if close else f"the courses are {', '.join(sorted(report.courses))}"
        raise ValueError(f"no course with id {course_id!r}; {known}")
    return report.courses[course_id][1]


def _write_bundle(report: Report, course_id: str, folder: Path) -> None:
    course_path, course = report.courses[course_id]
    (folder / "scenarios").mkdir(parents=True)
    (folder / COURSE_FILE).write_text(course_path.read_text("utf-8"), "utf-8")
    for scenario_id in course.scenarios:
        path, _scenario = report.scenarios[scenario_id]
        target = folder / "scenarios" / f"{scenario_id}.yaml"
        if course.mode == "practice":
            target.write_text(path.read_text("utf-8"), "utf-8")
            continue
        exam_copy = strip_answers(parse(path).data, seed=course.seed)
        target.write_text(yaml.safe_dump(exam_copy, allow_unicode=True, sort_keys=False, width=120), "utf-8")


def release_course(course_id: str, out: Path | None = None, library: Path | None = None) -> Path:
    """Write the bundle of one course (replacing an earlier one whole) and return its folder."""
    return release_courses([course_id], out, library)[0]


def release_courses(course_ids: list[str] | None, out: Path | None = None, library: Path | None = None) -> list[Path]:
    """Bundles of the named courses, or of every course in the library when ``course_ids`` is None."""
    report = _library(library)
    root = out or release_root()
    ids = sorted(report.courses) if course_ids is None else course_ids
    for course_id in ids:
        _course(report, course_id)
    root.mkdir(parents=True, exist_ok=True)
    folders = []
    for course_id in ids:
        with tempfile.TemporaryDirectory(dir=root, prefix=f".{course_id}.") as scratch:
            filled = Path(scratch) / course_id
            _write_bundle(report, course_id, filled)
            replace_folder(root / course_id, filled, read_only=True)  # learners read, never change, a bundle
        folders.append(root / course_id)
    return folders


def released_courses(root: Path | None = None) -> list[str]:
    folder = root or release_root()
    return sorted(path.parent.name for path in folder.glob(f"*/{COURSE_FILE}")) if folder.is_dir() else []


def load_bundle(course_id: str, root: Path | None = None) -> Bundle:
    """A released course as the player reads it; raise ValueError naming the file and place of any problem."""
    folder = (root or release_root()) / course_id
    if not (folder / COURSE_FILE).is_file():
        raise ValueError(
            f"the course {course_id!r} is not released in {folder.parent} "
            f"(hint: a trainer runs `simkit release {course_id}`)"
        )
    course = load_model(folder / COURSE_FILE, model.Course)
    papers: dict[str, Paper] = {}
    scenarios: dict[str, model.Scenario] = {}
    for scenario_id in course.scenarios:
        path = folder / "scenarios" / f"{scenario_id}.yaml"
        if not path.is_file():
            raise ValueError(f"{path}: missing from the bundle (hint: release the course again)")
        if course.mode == "exam":
            papers[scenario_id] = exam_paper(path)
        else:
            scenarios[scenario_id] = load_model(path, model.Scenario)
            papers[scenario_id] = practice_paper(scenarios[scenario_id])
    return Bundle(course, papers, scenarios, folder)

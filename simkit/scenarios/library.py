"""Where the scenario library (scenarios and courses, with their answer keys) is, and how to find one by id or path.

The library is never installed with the package: a wheel carries no keys, so whatever a learner's environment is
installed from holds none. Trainers and the grading service work from a checkout (its ``scenarios/`` folder) or
name the library with ``$SIMKIT_SCENARIOS``; learners' players read released bundles instead.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from simkit.scenarios import model
from simkit.scenarios.validate import Report, validate_paths

ENVIRONMENT_VARIABLE = "SIMKIT_SCENARIOS"


PROJECT_LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


def library_root() -> Path:
    """$SIMKIT_SCENARIOS if set, else the project's scenarios/ folder; raise ValueError with a hint if neither is
    a folder."""
    if configured := os.environ.get(ENVIRONMENT_VARIABLE):
        root = Path(configured).expanduser()
        if not root.is_dir():
            raise ValueError(
                f"${ENVIRONMENT_VARIABLE}={configured}: no such folder (hint: point it at the scenario library, "
                "the folder holding the scenarios' YAML files and courses/)"
            )
        return root
    if not PROJECT_LIBRARY.is_dir():
        raise ValueError(
            f"no scenario library: ${ENVIRONMENT_VARIABLE} is not set and {PROJECT_LIBRARY} does not exist (hint: "
            f"run from a checkout of simkit or set ${ENVIRONMENT_VARIABLE}; the library holds the answer keys, so "
            "the installed package does not carry it)"
        )
    return PROJECT_LIBRARY


def load_library(root: Path | None = None) -> Report:
    return validate_paths([root or library_root()])


def library_titles(course_id: str, root: Path | None = None) -> dict[int, tuple[str, str]]:
    """The course's Russian and English titles from its file in the library, for the version the library has."""
    found = load_library(root).courses.get(course_id)
    if found is None:
        return {}
    _path, course = found
    return {course.version: (course.title.get("ru"), course.title.get("en"))}


def find_scenario(name: str, root: Path | None = None) -> tuple[Path, model.Scenario, Report]:
    """A scenario by file path or by id in the library; raise ValueError naming close ids if there is none, or the
    first error of its file if it does not validate (errors in other files do not matter)."""
    path = Path(name)
    by_file = path.suffix in (".yaml", ".yml")
    report = validate_paths([path] if by_file else [root or library_root()])
    found = next(iter(report.scenarios.values()), None) if by_file else report.scenarios.get(name)
    if found is None:
        close = difflib.get_close_matches(name, sorted(report.scenarios), n=3)
        errors = [issue for issue in report.errors if issue.path == path or (not by_file and not close)]
        if errors:
            raise ValueError(f"{errors[0]} (run `simkit validate` for all errors)")
        hint = f"; did you mean {', '.join(close)}?" if close else "; `simkit coverage` lists the library"
        raise ValueError(f"{path} is not a scenario" if by_file else f"no scenario with id {name!r}{hint}")
    own_errors = [issue for issue in report.errors if issue.path == found[0]]
    if own_errors:
        raise ValueError(f"{own_errors[0]} (run `simkit validate {found[0]}` for all {len(own_errors)} error(s))")
    return found[0], found[1], report

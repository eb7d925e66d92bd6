"""Where the bundled scenarios and courses are, and how to find one by id or path."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from simkit.scenarios import model
from simkit.scenarios.validate import Report, validate_paths

ENVIRONMENT_VARIABLE = "SIMKIT_SCENARIOS"


def library_root() -> Path:
    """$SIMKIT_SCENARIOS if set, else the project's scenarios/ folder, else the copy bundled in the package."""
    if configured := os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(configured)
    project = Path(__file__).resolve().parents[2] / "scenarios"
    return project if project.is_dir() else Path(__file__).resolve().parents[1] / "_bundled" / "scenarios"


def load_library(root: Path | None = None) -> Report:
    return validate_paths([root or library_root()])


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

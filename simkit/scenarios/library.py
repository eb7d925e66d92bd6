"""Where the bundled scenarios and courses are, and how to find one by id or path."""

from __future__ import annotations

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
    """A scenario by file path or by id in the library; raise ValueError naming close ids if there is none."""
    path = Path(name)
    report = validate_paths([path] if path.suffix in (".yaml", ".yml") else [root or library_root()])
    if report.errors:
        raise ValueError(f"{report.errors[0]} (run `simkit validate` for all {len(report.errors)} error(s))")
    if path.suffix in (".yaml", ".yml"):
        if not report.scenarios:
            raise ValueError(f"{path} is not a scenario")
        found_path, scenario = next(iter(report.scenarios.values()))
        return found_path, scenario, report
    if name not in report.scenarios:
        import difflib

        close = difflib.get_close_matches(name, sorted(report.scenarios), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `simkit coverage` lists the library"
        raise ValueError(f"no scenario with id {name!r}{hint}")
    found_path, scenario = report.scenarios[name]
    return found_path, scenario, report

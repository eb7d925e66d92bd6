"""The project installs the same set everywhere: pyproject.toml, environment.yml and the lock file agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", requirement)  # extras are pip's affair
    assert match, requirement
    return normalise(match.group(1)), match.group(3).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    requirements = project["dependencies"] + extras["hub"] + extras["test"]
    return dict(split(requirement) for requirement in requirements)


def conda_requirements() -> dict[str, str]:
    """Conda packages and the pip section's packages (those conda-forge lacks), less python, pip and the project."""
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    entries = [entry for entry in environment["dependencies"] if isinstance(entry, str)]
    entries += [
        entry
        for section in environment["dependencies"]
        if isinstance(section, dict)
        for entry in section.get("pip", [])
        if not entry.startswith("-")
    ]
    return {name: spec for name, spec in map(split, entries) if name not in {"python", "pip"}}


def test_environment_yml_states_the_same_dependencies_as_pyproject() -> None:
    assert conda_requirements() == pyproject_requirements()


def test_environment_yml_asks_for_python_311() -> None:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python>=3.11" in environment["dependencies"]


def test_every_dependency_is_pinned_in_the_lock_file() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {normalise(name) for name in re.findall(r"^([A-Za-z0-9_.\-]+)==", lock, flags=re.M)}
    missing = set(pyproject_requirements()) - pinned
    assert not missing, f"not in requirements.lock (run `make lock`): {sorted(missing)}"
    assert "--hash=sha256:" in lock

"""Reading organisation configurations and single cases from YAML, or a case a scenario step declares.

Errors name the file, line and column, as the scenario validator does.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from simkit.scenarios import make_variant
from simkit.scenarios.checks import case_dates
from simkit.scenarios.library import find_scenario
from simkit.scenarios.validate import schema_issues
from simkit.scenarios.yamlsource import SourceError, parse
from simkit.sim.case import Absence, CaseInput, CriminalCase, Schedule
from simkit.sim.org import OrgConfig

Model = TypeVar("Model", bound=BaseModel)
BUNDLED = ("ministry", "akimat", "civil-service")


def bundled_config(name: str) -> Path:
    return Path(str(resources.files("simkit.sim").joinpath(f"configs/{name}.yaml")))


def load_yaml_model(path: Path, kind: type[Model]) -> Model:
    """A model read from a YAML file; raise ValueError with the first problem's file:line:column and hint."""
    try:
        source = parse(path)
    except SourceError as error:
        raise ValueError(f"{path}:{error.place.line}:{error.place.column}: {error} ({error.hint})") from None
    parsed, issues = schema_issues(source, kind)
    if issues:
        issue = issues[0]
        more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
        raise ValueError(f"{issue}{more}")
    assert isinstance(parsed, kind)
    return parsed


def load_config(name_or_path: str) -> OrgConfig:
    """An organisation configuration: a bundled one by name (ministry, akimat, civil-service) or a YAML file."""
    path = bundled_config(name_or_path) if name_or_path in BUNDLED else Path(name_or_path)
    if not path.exists():
        raise ValueError(f"no such configuration: {name_or_path!r}; use a file or one of {', '.join(BUNDLED)}")
    return load_yaml_model(path, OrgConfig)


def case_from_step(reference: str, learner: str, seed: int = 0) -> CaseInput:
    """The case declared by a scenario step, ``SCENARIO:STEP``, with one learner's dates."""
    scenario_name, _, step_id = reference.rpartition(":")
    _path, scenario, _report = find_scenario(scenario_name)
    try:
        step = scenario.step(step_id)
    except KeyError:
        raise ValueError(f"scenario {scenario.id!r} has no step {step_id!r}") from None
    if step.case is None:
        declared = [s.id for s in scenario.steps if s.case is not None]
        raise ValueError(f"step {step_id!r} declares no case; steps with a case: {', '.join(declared) or 'none'}")
    dates = case_dates(step.case, dict(make_variant(scenario, seed, learner).values))
    closed: dt.date | None = dates["case_closed"]
    return CaseInput(
        offence=step.case.offence,
        committed=dates["committed"],
        revealed=dates["revealed"],
        absences=tuple(Absence(kind="leave", start=start, end=end) for start, end in dates["suspensions"]),
        criminal_case=CriminalCase(opened=dates["revealed"], closed=closed) if closed else None,
        lower_vacancy=step.case.lower_vacancy,
        commission=Schedule(interval_days=step.case.meeting_interval_days or Schedule().interval_days),
        previous=tuple(dates["previous"]),
    )


def load_case(reference: str, learner: str = "preview", seed: int = 0) -> CaseInput:
    """A single case from a YAML file, or from a scenario step written ``SCENARIO:STEP``."""
    path = Path(reference)
    if path.suffix in (".yaml", ".yml"):
        if not path.exists():
            raise ValueError(f"no such file: {path}")
        return load_yaml_model(path, CaseInput)
    if ":" not in reference:
        raise ValueError(f"{reference!r}: give a case file (.yaml) or a scenario step as SCENARIO:STEP")
    return case_from_step(reference, learner, seed)

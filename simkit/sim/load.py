"""Reading organisation configurations and single cases from YAML, or a case a scenario step declares.

Errors name the file, line and column, as the scenario validator does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from simkit.scenarios import make_variant
from simkit.scenarios.checks import case_dates
from simkit.scenarios.library import find_scenario
from simkit.scenarios.model import CaseSpec
from simkit.scenarios.validate import load_model
from simkit.sim.case import Absence, CaseInput, CriminalCase, Schedule
from simkit.sim.org import OrgConfig
from simkit.submissions.ids import normalise_learner_id

BUNDLED = ("ministry", "akimat", "civil-service")


def bundled_config(name: str) -> Path:
    return Path(str(resources.files("simkit.sim").joinpath(f"configs/{name}.yaml")))


def load_config(name_or_path: str) -> OrgConfig:
    """An organisation configuration: a bundled one by name (ministry, akimat, civil-service) or a YAML file."""
    path = bundled_config(name_or_path) if name_or_path in BUNDLED else Path(name_or_path)
    if not path.exists():
        raise ValueError(f"no such configuration: {name_or_path!r}; use a file or one of {', '.join(BUNDLED)}")
    return load_model(path, OrgConfig)


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
    return case_input(step.case, make_variant(scenario, seed, learner).values)


def case_input(spec: CaseSpec, values: Mapping[str, Any]) -> CaseInput:
    """The case a scenario declares, with one learner's values of its parameters."""
    dates = case_dates(spec, dict(values))
    closed: dt.date | None = dates["case_closed"]
    return CaseInput(
        offence=spec.offence,
        committed=dates["committed"],
        revealed=dates["revealed"],
        absences=tuple(Absence(kind="leave", start=start, end=end) for start, end in dates["suspensions"]),
        criminal_case=CriminalCase(opened=dates["revealed"], closed=closed) if closed else None,
        lower_vacancy=spec.lower_vacancy,
        commission=Schedule(interval_days=spec.meeting_interval_days or Schedule().interval_days),
        previous=tuple(dates["previous"]),
    )


def load_case(reference: str, learner: str = "preview", seed: int = 0) -> CaseInput:
    """A single case from a YAML file, or from a scenario step written ``SCENARIO:STEP``."""
    path = Path(reference)
    if path.suffix in (".yaml", ".yml"):
        if not path.exists():
            raise ValueError(f"no such file: {path}")
        return load_model(path, CaseInput)
    if ":" not in reference:
        raise ValueError(f"{reference!r}: give a case file (.yaml) or a scenario step as SCENARIO:STEP")
    learner = normalise_learner_id(learner)  # the learner's dates are their variant's, drawn from the id's one form
    return case_from_step(reference, learner, seed)

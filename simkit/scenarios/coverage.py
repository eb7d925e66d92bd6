"""Which provisions the case library exercises: every subparagraph of Law 50.1 and 50.2, Code 9 and Code 10
must be cited by at least one question."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simkit import law
from simkit.scenarios import model

#: The provisions the library must exercise, by their parent: each child subparagraph counts.
REQUIRED_PARENTS = ("law:50.1", "code:9", "code:10")
REQUIRED_SINGLE = ("law:50.2",)


def required_provisions() -> list[str]:
    required = [child for parent in REQUIRED_PARENTS for child in law.provision(parent).children]
    return required + list(REQUIRED_SINGLE)


def exercised_by(step: model.Step) -> set[str]:
    """The citations a question step exercises: its own, its options', and a provision question's key."""
    if not isinstance(step, model.QUESTION_TYPES):
        return set()
    cited = set(step.citations)
    for option in model.options_of(step):
        cited.update(option.citations)
    if isinstance(step, model.ProvisionQuestion):
        cited.update(step.key)
    return cited


@dataclass(frozen=True)
class CoverageRow:
    provision: str
    places: tuple[str, ...]  # "scenario-id:step-id"

    @property
    def covered(self) -> bool:
        return bool(self.places)


def coverage(scenarios: Iterable[model.Scenario]) -> list[CoverageRow]:
    places: dict[str, list[str]] = {}
    for scenario in scenarios:
        for step in scenario.steps:
            for citation in exercised_by(step):
                places.setdefault(citation, []).append(f"{scenario.id}:{step.id}")
    return [CoverageRow(citation, tuple(places.get(citation, ()))) for citation in required_provisions()]

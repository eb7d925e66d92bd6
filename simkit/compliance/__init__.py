"""Compliance with the legal rhythm of the training, for HR and ethics commissioners: from an HR roster and the
gradebook, who has not acknowledged the Code within three working days of entry (code:5) and whose advanced
training is due or overdue (law:34.2). The deadlines come from simkit.law alone (docs/compliance.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from simkit.compliance.report import ComplianceReport, LearnerCompliance, compliance_report
from simkit.compliance.roster import Roster, RosterEntry, RosterProblem, read_roster
from simkit.compliance.status import Onboarding, Training, onboarding_status, training_status


def example_roster() -> Path:
    """The bundled example roster: three organisations, every status, and a few bad rows on purpose."""
    return Path(str(resources.files("simkit.compliance").joinpath("data/example_roster.csv")))


__all__ = [
    "ComplianceReport",
    "LearnerCompliance",
    "Onboarding",
    "Roster",
    "RosterEntry",
    "RosterProblem",
    "Training",
    "compliance_report",
    "example_roster",
    "onboarding_status",
    "read_roster",
    "training_status",
]

"""The corps and absences of simkit.law's data: each cites provisions that exist, and the simulation and the
compliance report use these and no list of their own."""

from __future__ import annotations

from typing import get_args

from simkit import law
from simkit.compliance import status
from simkit.sim.case import ABSENCE_NAMES, Absence


def test_every_absence_and_corps_cites_a_provision_that_exists() -> None:
    cited = [c for found in (*law.absences().values(), *law.corps().values()) for c in found.reference]
    assert cited and all(law.provision(citation) for citation in cited)


def test_the_absences_of_law_45_3_are_the_simulations_kinds() -> None:
    kinds = set(get_args(Absence.model_fields["kind"].annotation))
    assert kinds == set(law.absences()) == set(ABSENCE_NAMES)
    assert {law.absence_citation(kind) for kind in kinds} == {f"law:45.3.{n}" for n in range(1, 6)}


def test_the_compliance_rules_take_the_corps_and_their_basis_from_the_law() -> None:
    assert {"A", "B"} == status.ADMINISTRATIVE
    basis = {"political": ("law:34.2", "law:1.16"), "employee": ("law:34.2", "code:1")}
    assert basis == status.NOT_ADMINISTRATIVE_BASIS
    assert (status.ONBOARDING_BASIS, status.TRAINING_BASIS) == (("code:5",), ("law:34.2",))

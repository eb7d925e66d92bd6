"""The statuses' names (their keys in the interface catalogue, simkit.i18n), their order (worst first) and
colours, for tables and charts.

Both families have an ``overdue``: names and colours are kept per family, never in one mapping.
"""

from __future__ import annotations

from simkit.compliance.status import Onboarding, Training
from simkit.i18n import LANGUAGES, N_, t, tn

ONBOARDING_ORDER = (
    Onboarding.OVERDUE,
    Onboarding.LATE,
    Onboarding.BEFORE_ENTRY,
    Onboarding.PENDING,
    Onboarding.IN_TIME,
)
TRAINING_ORDER = (Training.OVERDUE, Training.DUE_SOON, Training.OK, Training.NOT_REQUIRED)
# Each status's key in the interface catalogue (simkit.i18n); "due within {days} days" has plural forms.
ONBOARDING_NAMES = {
    Onboarding.OVERDUE: N_("compliance.onboarding.overdue"),
    Onboarding.LATE: N_("compliance.onboarding.late"),
    Onboarding.BEFORE_ENTRY: N_("compliance.onboarding.before_entry"),
    Onboarding.PENDING: N_("compliance.onboarding.pending"),
    Onboarding.IN_TIME: N_("compliance.onboarding.in_time"),
}
TRAINING_NAMES = {
    Training.OVERDUE: N_("compliance.training.overdue"),
    Training.DUE_SOON: N_("compliance.training.due_soon"),
    Training.OK: N_("compliance.training.ok"),
    Training.NOT_REQUIRED: N_("compliance.training.not_required"),
}
RHYTHMS = {"onboarding": N_("compliance.onboarding"), "training": N_("compliance.training")}
ONBOARDING_COLOURS = {
    Onboarding.OVERDUE: "#c62828",
    Onboarding.LATE: "#ef6c00",
    Onboarding.BEFORE_ENTRY: "#8e24aa",
    Onboarding.PENDING: "#90a4ae",
    Onboarding.IN_TIME: "#2e7d32",
}
TRAINING_COLOURS = {
    Training.OVERDUE: "#c62828",
    Training.DUE_SOON: "#f9a825",
    Training.OK: "#2e7d32",
    Training.NOT_REQUIRED: "#cfd8dc",
}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use {', '.join(LANGUAGES)}")
    return lang


def status_name(state: Onboarding | Training, lang: str, due_within: int) -> str:
    if isinstance(state, Onboarding):
        return t(ONBOARDING_NAMES[state], lang)
    if state is Training.DUE_SOON:
        return tn("compliance.training.due_soon", due_within, lang, days=due_within)
    return t(TRAINING_NAMES[state], lang)


def colour(state: Onboarding | Training) -> str:
    return ONBOARDING_COLOURS[state] if isinstance(state, Onboarding) else TRAINING_COLOURS[state]

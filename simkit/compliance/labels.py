"""The statuses' names in Russian and English, their order (worst first) and colours, for tables and charts.

Both families have an ``overdue``: names and colours are kept per family, never in one mapping.
"""

from __future__ import annotations

from simkit.compliance.status import Onboarding, Training

LANGUAGES = ("ru", "en")
ONBOARDING_ORDER = (
    Onboarding.OVERDUE,
    Onboarding.LATE,
    Onboarding.BEFORE_ENTRY,
    Onboarding.PENDING,
    Onboarding.IN_TIME,
)
TRAINING_ORDER = (Training.OVERDUE, Training.DUE_SOON, Training.OK, Training.NOT_REQUIRED)
ONBOARDING_NAMES = {
    "en": {
        Onboarding.OVERDUE: "not acknowledged, overdue",
        Onboarding.LATE: "acknowledged late",
        Onboarding.BEFORE_ENTRY: "acknowledged before entry only",
        Onboarding.PENDING: "not yet due",
        Onboarding.IN_TIME: "acknowledged in time",
    },
    "ru": {
        Onboarding.OVERDUE: "не ознакомлен, срок истёк",
        Onboarding.LATE: "ознакомлен с опозданием",
        Onboarding.BEFORE_ENTRY: "ознакомлен только до поступления",
        Onboarding.PENDING: "срок не истёк",
        Onboarding.IN_TIME: "ознакомлен в срок",
    },
}
TRAINING_NAMES = {
    "en": {
        Training.OVERDUE: "overdue",
        Training.DUE_SOON: "due within {days} days",
        Training.OK: "not yet due",
        Training.NOT_REQUIRED: "not required",
    },
    "ru": {
        Training.OVERDUE: "просрочено",
        Training.DUE_SOON: "срок в ближайшие {days} дн.",
        Training.OK: "срок не наступил",
        Training.NOT_REQUIRED: "не требуется",
    },
}
WORDS = {
    "en": {
        "onboarding": "Acknowledgement of the Code (code:5)",
        "training": "Advanced training (law:34.2)",
        "learners": "learners",
        "organisation": "organisation",
        "no_organisation": "(no organisation)",
        "others": "{count} other organisations",
        "never_trained": "never trained (counted from entry)",
        "of_them": "of them",
        "chart_title": "As of {as_of}: {learners} learners in {organisations} organisations",
    },
    "ru": {
        "onboarding": "Ознакомление с Кодексом (п. 5 Кодекса)",
        "training": "Повышение квалификации (п. 2 ст. 34 Закона)",
        "learners": "слушателей",
        "organisation": "организация",
        "no_organisation": "(организация не указана)",
        "others": "другие организации: {count}",
        "never_trained": "не проходили (срок от поступления)",
        "of_them": "из них",
        "chart_title": "На {as_of}: слушателей {learners}, организаций {organisations}",
    },
}
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
        raise ValueError(f"unknown language {lang!r}; use ru or en")
    return lang


def word(key: str, lang: str, **values: object) -> str:
    return WORDS[lang][key].format(**values)


def status_name(state: Onboarding | Training, lang: str, due_within: int) -> str:
    if isinstance(state, Onboarding):
        return ONBOARDING_NAMES[lang][state]
    return TRAINING_NAMES[lang][state].format(days=due_within)


def colour(state: Onboarding | Training) -> str:
    return ONBOARDING_COLOURS[state] if isinstance(state, Onboarding) else TRAINING_COLOURS[state]

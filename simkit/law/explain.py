"""Answers with their reasons: each rule's result, the rule applied, the provisions and interpretation notes.

Each provision comes with the editors' notes its text depends on (simkit.law.notes): a resolution of the
Constitutional Court, or an amendment with its state on the finding's legal day (today in Kazakhstan unless the
rule is applied to another day). The command line prints these; the notebooks render them as HTML.
Learner-facing text is in Russian and English; sanctions are named by the glossary's terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from simkit.law import deadlines, kinship, offences
from simkit.law.calendar import is_working_day
from simkit.law.citations import instrument_title, provision
from simkit.law.clock import legal_today
from simkit.law.glossary import sanction_label
from simkit.law.interpretations import for_provision, interpretation
from simkit.law.notes import note_dict, notes_for

Bilingual = dict[str, str]


@dataclass
class Finding:
    """One answer: what was asked, the answer, the rule applied, and what it rests on."""

    question: Bilingual
    answer: Any
    rule: Bilingual
    provisions: list[str]
    interpretations: list[str] = field(default_factory=list)
    warnings: list[Bilingual] = field(default_factory=list)
    #: The day amendments are judged in force on; None: today in Kazakhstan.
    legal_day: dt.date | None = None
    #: The answer as a program reads it, where the answer itself is words (a sanction's kind).
    kind: str | None = None

    def as_dict(self, lang: str) -> dict[str, Any]:
        day = self.legal_day or legal_today()
        return {
            "question": self.question[lang],
            "answer": _plain(self.answer, lang),
            **({"kind": self.kind} if self.kind else {}),
            "rule": self.rule[lang],
            "legal_day": day.isoformat(),
            "provisions": [_provision_dict(cite, lang, day) for cite in self.provisions],
            "interpretations": [{"id": note, "reading": interpretation(note).reading} for note in self.interpretations],
            "warnings": [warning[lang] for warning in self.warnings],
        }


def _provision_dict(citation: str, lang: str, day: dt.date) -> dict[str, Any]:
    return {
        "id": citation,
        "text": provision(citation).text[lang],
        "notes": [note_dict(note, lang, day) for note in notes_for(citation)],
    }


def _plain(value: Any, lang: str) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return value[lang]
    if isinstance(value, list | tuple):
        return [_plain(item, lang) for item in value]
    return value


def non_working_warning(day: dt.date) -> list[Bilingual]:
    """Deadlines are never moved (note no-rollover); say so when one falls on a day off."""
    if is_working_day(day):
        return []
    return [
        {
            "ru": f"{day:%d.%m.%Y} — нерабочий день в Казахстане; срок не переносится (см. no-rollover).",
            "en": f"{day} is not a working day in Kazakhstan; the deadline is not moved (see note no-rollover).",
        }
    ]


@dataclass(frozen=True)
class PeriodRule:
    question: Bilingual
    function: Callable[[dt.date], dt.date]
    rule: Bilingual
    provisions: tuple[str, ...]
    interpretations: tuple[str, ...]


PERIOD_RULES: dict[str, PeriodRule] = {
    "gift": PeriodRule(
        {"ru": "Срок передачи подарка", "en": "Gift transfer deadline"},
        deadlines.gift_transfer_deadline,
        {
            "ru": "семь календарных дней со дня получения подарка или со дня, когда о нём стало известно",
            "en": "seven calendar days from receipt of the gift or from learning of it",
        },
        ("code:9.16", "law:50.1.17"),
        ("period-start", "no-rollover"),
    ),
    "money": PeriodRule(
        {"ru": "Срок перечисления денег в бюджет", "en": "Money transfer deadline"},
        deadlines.money_transfer_deadline,
        {"ru": "не более двух недель после обнаружения денег", "en": "no more than two weeks after discovery"},
        ("law:50.1.16",),
        ("period-start", "money-two-weeks", "no-rollover"),
    ),
    "onboarding": PeriodRule(
        {"ru": "Срок ознакомления с Кодексом", "en": "Code acknowledgement deadline"},
        deadlines.onboarding_deadline,
        {"ru": "три рабочих дня со дня поступления на службу", "en": "three working days from entry"},
        ("code:5", "code:6"),
        ("onboarding-count", "working-days"),
    ),
    "training": PeriodRule(
        {"ru": "Повышение квалификации не позднее", "en": "Next advanced training due by"},
        deadlines.training_due,
        {"ru": "не реже одного раза в три года", "en": "at least once every three years"},
        ("law:34.2",),
        ("period-start",),
    ),
    "suspension": PeriodRule(
        {"ru": "Отстранение от должности не дольше", "en": "Suspension from duty ends at the latest"},
        deadlines.suspension_from_duty_end,
        {
            "ru": "не более одного месяца на время служебного расследования",
            "en": "no more than one month during an official investigation",
        },
        ("law:48.2",),
        ("period-start",),
    ),
}


def explain_period(name: str, day: dt.date) -> Finding:
    if name not in PERIOD_RULES:
        raise ValueError(f"unknown period {name!r}; choose one of {', '.join(PERIOD_RULES)}")
    rule = PERIOD_RULES[name]
    answer = rule.function(day)
    return Finding(
        rule.question, answer, rule.rule, list(rule.provisions), list(rule.interpretations), non_working_warning(answer)
    )


def explain_deadline(
    *,
    committed: dt.date,
    revealed: dt.date,
    discrediting: bool,
    suspensions: Iterable[deadlines.Suspension] = (),
    case_closed: dt.date | None = None,
) -> Finding:
    suspensions = list(suspensions)
    result = deadlines.imposition_deadline_explained(
        committed=committed,
        revealed=revealed,
        discrediting=discrediting,
        suspensions=suspensions,
        case_closed=case_closed,
    )
    first = (
        {"ru": "решения о прекращении дела", "en": "the decision to close the case"}
        if case_closed
        else {"ru": "обнаружения", "en": "discovery"}
    )
    rule = {
        "ru": f"более ранний из сроков: от {first['ru']} — {result.from_discovery:%d.%m.%Y}, от совершения — "
        f"{result.from_commission:%d.%m.%Y}; добавлено дней приостановления: {result.suspended_days}",
        "en": f"the earlier of the limit from {first['en']} ({result.from_discovery}) and from commission "
        f"({result.from_commission}); {result.suspended_days} day(s) added for suspensions",
    }
    notes = ["period-start", "no-rollover"]
    notes += ["suspension-both-limits"] if suspensions else []
    notes += ["case-closed"] if case_closed else []
    return Finding(
        {"ru": "Последний день наложения взыскания", "en": "Last day to impose the sanction"},
        result.deadline,
        rule,
        list(result.basis),
        notes,
        non_working_warning(result.deadline),
    )


SANCTION_NAMES: dict[str, Bilingual] = {
    kind: {lang: sanction_label(kind, lang) for lang in ("ru", "en", "kk")}
    for kind in ("demotion", "incompetence_warning", "incompetence_warning_or_dismissal", "dismissal", "discretionary")
}


def explain_sanction(
    citation: str,
    *,
    lower_vacancy: bool = True,
    previous: Iterable[tuple[str, dt.date]] = (),
    committed: dt.date | None = None,
) -> Finding:
    result = offences.sanction(citation, lower_vacancy=lower_vacancy, previous=previous, committed=committed)
    name = SANCTION_NAMES[result.kind]
    if result.kind == "discretionary" and citation.startswith("code:"):
        name = {"ru": "взыскание по выбору работодателя (п. 14 Кодекса)", "en": "a sanction chosen by the employer"}
    return Finding(
        {"ru": "Взыскание", "en": "Sanction"},
        name,
        {"ru": f"{name['ru']} ({', '.join(result.basis)})", "en": result.rule},
        list(result.basis),
        list(result.interpretations),
        kind=result.kind,
    )


def explain_probation(start: dt.date, *, absent_days: int = 0, extended: bool = False) -> Finding:
    answer = deadlines.probation_end(start, absent_days=absent_days, extended=extended)
    rule = {
        "ru": "три месяца, однократно продлеваются на три; периоды отсутствия не засчитываются",
        "en": "three months, extended once by three; absences for good reason are not counted",
    }
    return Finding(
        {"ru": "Окончание испытательного срока", "en": "Probation ends"},
        answer,
        rule,
        ["law:20.2", "law:20.3"],
        ["probation-count"],
    )


def explain_reentry(*, applying: dt.date, liability: dt.date | None = None, dismissed: bool = False) -> Finding:
    answer = deadlines.reentry_barred(
        applying=applying, discrediting_liability=liability, dismissed_for_discrediting=dismissed
    )
    rule = {
        "ru": "взыскание за дискредитирующий проступок в течение трёх лет либо увольнение за него",
        "en": "liability for a discrediting offence within three years, or dismissal for one at any time",
    }
    return Finding(
        {"ru": "Поступление на службу запрещено", "en": "Entry barred"},
        answer,
        rule,
        ["law:16.3.6"],
        ["reentry-window"],
        legal_day=applying,  # the bar is judged as the Law stands on the day of the application
    )


GROUP_NAMES: dict[str, Bilingual] = {
    "close_relatives": {"ru": "близкие родственники", "en": "close relatives"},
    "spouse": {"ru": "супруг (супруга)", "en": "spouse"},
    "in_laws": {"ru": "свойственники", "en": "in-laws"},
}


def explain_relative(path: str) -> Finding:
    group = kinship.relation_group(path)
    rule = (
        {lang: f"{GROUP_NAMES[group][lang]} (law:13.7)" for lang in ("ru", "en")}
        if group
        else {"ru": "не назван в пункте 7 статьи 13", "en": "not named by law:13.7"}
    )
    return Finding(
        {"ru": f"Ограничение родства ({path})", "en": f"Restricted relative ({path})"},
        group is not None,
        rule,
        ["law:13.7"],
        ["kinship-walk", "kinship-adoption", "translation-13-7"],
    )


def explain_citation(citation: str, day: dt.date | None = None) -> Finding:
    """A provision's text, its interpretation notes and its editors' notes as of the legal ``day``."""
    item = provision(citation)
    title = {lang: instrument_title(item.instrument, lang) for lang in ("ru", "en")}
    return Finding(
        {"ru": citation, "en": citation},
        title,
        {"ru": "текст нормы", "en": "the bundled text of the provision"},
        [citation],
        [note.id for note in for_provision(citation)],
        legal_day=day,
    )

"""Answers with their reasons: each rule's result, the rule applied, the provisions and interpretation notes.

Each provision comes with the editors' notes its text depends on (simkit.law.notes): a resolution of the
Constitutional Court, or an amendment with its state on the finding's legal day (today in Kazakhstan unless the
rule is applied to another day). The command line prints these; the notebooks render them as HTML.
Learner-facing text is in Russian, English and Kazakh, from the interface catalogue (simkit.i18n); sanctions are
named by the glossary's terms; a provision's text is in Russian where none in the learner's language is bundled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from simkit.i18n import LANGUAGES, N_, every, t
from simkit.law import deadlines, kinship, offences
from simkit.law.calendar import is_working_day
from simkit.law.citations import instrument_title, provision
from simkit.law.clock import legal_today
from simkit.law.glossary import sanction_label
from simkit.law.interpretations import for_provision, interpretation
from simkit.law.notes import note_dict, notes_for

Bilingual = dict[str, str]  # a text in each language: ru, en, kk

# Each legal act's short title (a key of the interface catalogue).
INSTRUMENT_TITLES = {
    "law": N_("law.title.law"),
    "code": N_("law.title.code"),
    "commissioner": N_("law.title.commissioner"),
}


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
        "text": provision(citation).text.get(lang) or provision(citation).text["ru"],
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
    return [every("law.explain.non_working", day=day)]


@dataclass(frozen=True)
class PeriodRule:
    question_key: str
    function: Callable[[dt.date], dt.date]
    rule_key: str
    provisions: tuple[str, ...]
    interpretations: tuple[str, ...]

    @property
    def question(self) -> Bilingual:
        return every(self.question_key)

    @property
    def rule(self) -> Bilingual:
        return every(self.rule_key)


PERIOD_RULES: dict[str, PeriodRule] = {
    "gift": PeriodRule(
        N_("law.explain.gift.question"),
        deadlines.gift_transfer_deadline,
        N_("law.explain.gift.rule"),
        ("code:9.16", "law:50.1.17"),
        ("period-start", "no-rollover"),
    ),
    "money": PeriodRule(
        N_("law.explain.money.question"),
        deadlines.money_transfer_deadline,
        N_("law.explain.money.rule"),
        ("law:50.1.16",),
        ("period-start", "money-two-weeks", "no-rollover"),
    ),
    "onboarding": PeriodRule(
        N_("law.explain.onboarding.question"),
        deadlines.onboarding_deadline,
        N_("law.explain.onboarding.rule"),
        ("code:5", "code:6"),
        ("onboarding-count", "working-days"),
    ),
    "training": PeriodRule(
        N_("law.explain.training.question"),
        deadlines.training_due,
        N_("law.explain.training.rule"),
        ("law:34.2",),
        ("period-start",),
    ),
    "suspension": PeriodRule(
        N_("law.explain.suspension.question"),
        deadlines.suspension_from_duty_end,
        N_("law.explain.suspension.rule"),
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
    first = N_("law.explain.from_case_closed") if case_closed else N_("law.explain.from_discovery")
    rule = every(
        "law.explain.deadline.rule",
        first=lambda lang: t(first, lang),
        from_discovery=result.from_discovery,
        from_commission=result.from_commission,
        suspended=result.suspended_days,
    )
    notes = ["period-start", "no-rollover"]
    notes += ["suspension-both-limits"] if suspensions else []
    notes += ["case-closed"] if case_closed else []
    return Finding(
        every("law.explain.deadline.question"),
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
    name = {lang: sanction_label(result.kind, lang) for lang in LANGUAGES}  # Kazakh as the glossary has it
    if result.kind == "discretionary" and citation.startswith("code:"):
        name = every("law.explain.employer_sanction")
    basis = ", ".join(result.basis)
    return Finding(
        every("law.explain.sanction.question"),
        name,
        {lang: result.rule if lang == "en" else f"{name[lang]} ({basis})" for lang in LANGUAGES},
        list(result.basis),
        list(result.interpretations),
        kind=result.kind,
    )


def explain_probation(start: dt.date, *, absent_days: int = 0, extended: bool = False) -> Finding:
    answer = deadlines.probation_end(start, absent_days=absent_days, extended=extended)
    return Finding(
        every("law.explain.probation.question"),
        answer,
        every("law.explain.probation.rule"),
        ["law:20.2", "law:20.3"],
        ["probation-count"],
    )


def explain_reentry(*, applying: dt.date, liability: dt.date | None = None, dismissed: bool = False) -> Finding:
    answer = deadlines.reentry_barred(
        applying=applying, discrediting_liability=liability, dismissed_for_discrediting=dismissed
    )
    return Finding(
        every("law.explain.reentry.question"),
        answer,
        every("law.explain.reentry.rule"),
        ["law:16.3.6"],
        ["reentry-window"],
        legal_day=applying,  # the bar is judged as the Law stands on the day of the application
    )


GROUP_NAMES: dict[str, str] = {
    "close_relatives": N_("law.explain.group.close_relatives"),
    "spouse": N_("law.explain.group.spouse"),
    "in_laws": N_("law.explain.group.in_laws"),
}


def explain_relative(path: str) -> Finding:
    group = kinship.relation_group(path)
    rule = (
        {lang: f"{t(GROUP_NAMES[group], lang)} (law:13.7)" for lang in LANGUAGES}
        if group
        else every("law.explain.relative.not_named")
    )
    return Finding(
        every("law.explain.relative.question", path=path),
        group is not None,
        rule,
        ["law:13.7"],
        ["kinship-walk", "kinship-adoption", "translation-13-7"],
    )


def explain_citation(citation: str, day: dt.date | None = None) -> Finding:
    """A provision's text, its interpretation notes and its editors' notes as of the legal ``day``."""
    item = provision(citation)
    title = {lang: instrument_title(item.instrument, lang) for lang in ("ru", "en")}
    title["kk"] = t(INSTRUMENT_TITLES[item.instrument], "kk")
    return Finding(
        dict.fromkeys(LANGUAGES, citation),
        title,
        every("law.explain.citation.rule"),
        [citation],
        [note.id for note in for_provision(citation)],
        legal_day=day,
    )

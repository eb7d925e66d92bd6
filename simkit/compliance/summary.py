"""The report's summary as plain rows: counts per status and per organisation, and the bad rows. The command line
draws them with rich, the notebook as HTML."""

from __future__ import annotations

from simkit.compliance.labels import ONBOARDING_ORDER, RHYTHMS, TRAINING_ORDER, status_name
from simkit.compliance.report import ComplianceReport
from simkit.i18n import t

ORGANISATIONS_SHOWN = 15  # the rest are in the CSV
PROBLEMS_SHOWN = 20


def headline(report: ComplianceReport) -> str:
    roster = report.roster
    organisations = len({learner.entry.organisation for learner in report.learners})
    bad = f"; {len(roster.problems)} bad row(s) left out" if roster.problems else ""
    ignored = f"; columns not read: {', '.join(roster.ignored)}" if roster.ignored else ""
    return (
        f"{roster.source} as of {report.as_of}: {len(report.learners)} learner(s) in {organisations} "
        f"organisation(s){bad}; advanced training due within {report.due_within} days counts as due soon{ignored}"
    )


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}" if total else "—"


def status_rows(report: ComplianceReport, lang: str) -> list[tuple[str, str, int, str]]:
    """(rhythm, status, learners, % of learners), worst first in each rhythm."""
    totals, days = report.totals(), report.due_within

    def row(rhythm: str, status: str, count: int) -> tuple[str, str, int, str]:
        return t(RHYTHMS[rhythm], lang), status, count, _share(count, totals.learners)

    rows = [row("onboarding", status_name(state, lang, days), totals.onboarding[state]) for state in ONBOARDING_ORDER]
    rows += [row("training", status_name(state, lang, days), totals.training[state]) for state in TRAINING_ORDER]
    rows.append(
        row("training", f"{t('compliance.of_them', lang)}: {t('compliance.never_trained', lang)}", totals.never_trained)
    )
    return rows


def organisation_table(
    report: ComplianceReport, lang: str, rhythm: str, shown: int = ORGANISATIONS_SHOWN
) -> tuple[str, list[str], list[list[str]]]:
    """(title, header, rows) of one rhythm, ``onboarding`` or ``training``, per organisation: those with the most
    overdue (of both rhythms) first, ``shown`` of them."""
    days = report.due_within
    order = ONBOARDING_ORDER if rhythm == "onboarding" else TRAINING_ORDER
    header = [
        t("compliance.organisation", lang),
        t("compliance.learners", lang),
        *(status_name(state, lang, days) for state in order),
    ]
    if rhythm == "training":
        header.append(t("compliance.never_trained", lang))
    rows = []
    for tally in report.organisations()[:shown]:
        if rhythm == "onboarding":
            counts = [tally.onboarding[state] for state in ONBOARDING_ORDER]
        else:
            counts = [tally.training[state] for state in TRAINING_ORDER]
        row = [tally.name or t("compliance.no_organisation", lang), str(tally.learners), *map(str, counts)]
        if rhythm == "training":
            row.append(str(tally.never_trained))
        rows.append(row)
    return t(RHYTHMS[rhythm], lang), header, rows


def problem_rows(report: ComplianceReport, shown: int = PROBLEMS_SHOWN) -> list[tuple[str, str, str]]:
    return [(str(problem.line), problem.learner, problem.reason) for problem in report.roster.problems[:shown]]

"""The compliance notebook: one call makes the report and shows its summary, the bad rows and the chart; another
shows learners' histories (every entry and every cycle of advanced training)."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from simkit.compliance.chart import figure, png_bytes
from simkit.compliance.histories import histories
from simkit.compliance.history import HistoryRow
from simkit.compliance.history_output import write_history
from simkit.compliance.labels import check_language
from simkit.compliance.output import write_report
from simkit.compliance.register import load_mapping
from simkit.compliance.report import ComplianceReport, compliance_report
from simkit.compliance.summary import (
    headline,
    organisation_table,
    problem_rows,
    status_rows,
)
from simkit.gradebook.db import connect
from simkit.settings import data_home
from simkit.templates import render


@dataclass
class RosterCompliance:
    report: ComplianceReport
    lang: str

    def _repr_html_(self) -> str:
        report, lang = self.report, self.lang
        statuses = [[rhythm, status, str(count), share] for rhythm, status, count, share in status_rows(report, lang)]
        picture = base64.b64encode(png_bytes(figure(report, lang))).decode("ascii")
        return render(
            "compliance/roster.html",
            headline=headline(report),
            statuses=statuses,
            organisations=[organisation_table(report, lang, rhythm) for rhythm in ("onboarding", "training")],
            problem_count=len(report.roster.problems),
            problems=problem_rows(report) if report.roster.problems else [],
            picture=picture,
        )

    def write_csv(self, out: str | Path | None = None) -> list[Path]:
        """One row per learner to ``out`` (default: ``$SIMKIT_HOME/compliance/compliance-AS_OF.csv``), and the bad
        rows to ``<name>-problems.csv`` beside it."""
        target = Path(out) if out else data_home() / "compliance" / f"compliance-{self.report.as_of}.csv"
        return write_report(self.report, target)


def _day(value: str | dt.date | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"AS_OF {value!r} is not a date (hint: YYYY-MM-DD, or None for today)") from None


def compliance(
    roster: str | Path,
    as_of: str | dt.date | None = None,
    due_within: int = 90,
    database: str | None = None,
    lang: str = "ru",
    mapping: str | Path | None = None,
) -> RosterCompliance:
    """The report of ``roster`` against the gradebook (``database``, else ``$SIMKIT_GRADEBOOK`` or
    ``$SIMKIT_HOME/gradebook.sqlite``) as of ``as_of`` (today when None)."""
    check_language(lang)
    chosen = None if mapping is None else load_mapping(mapping)
    engine = connect(database)
    try:
        report = compliance_report(roster, engine, as_of=_day(as_of), due_within=due_within, mapping=chosen)
    finally:
        engine.dispose()
    return RosterCompliance(report, lang)


HISTORY_SHOWN: tuple[str, ...] = ("entry_date", "rhythm", "cycle", "opened_on", "due", "completed_on", "status")
HISTORY_SHOWN += ("certificate", "course", "next_due", "basis")


@dataclass
class LearnerHistories:
    rows: list[HistoryRow]
    as_of: dt.date

    def _repr_html_(self) -> str:
        readings = sorted({note for row in self.rows for note in row.reading.split()})
        learners: dict[str, list[HistoryRow]] = {}
        for row in self.rows:
            learners.setdefault(row.learner, []).append(row)
        tables = []
        for learner, rows in list(learners.items())[:HISTORIES_SHOWN]:
            title = " — ".join(part for part in (learner, rows[0].name, rows[0].organisation) if part)
            cells = [["" if getattr(r, n) is None else str(getattr(r, n)) for n in HISTORY_SHOWN] for r in rows]
            tables.append((title, cells))
        return render(
            "compliance/histories.html",
            as_of=self.as_of,
            count=len(self.rows),
            readings=readings,
            header=HISTORY_SHOWN,
            learners=tables,
            more=max(0, len(learners) - HISTORIES_SHOWN),
        )

    def write_csv(self, out: str | Path | None = None) -> Path:
        """Every row to ``out`` (default: ``$SIMKIT_HOME/compliance/history-AS_OF.csv``)."""
        target = Path(out) if out else data_home() / "compliance" / f"history-{self.as_of}.csv"
        return write_history(self.rows, target)


HISTORIES_SHOWN = 20


def history(
    learner: str | None = None,
    roster: str | Path | None = None,
    as_of: str | dt.date | None = None,
    due_within: int = 90,
    database: str | None = None,
    mapping: str | Path | None = None,
) -> LearnerHistories:
    """The history of ``learner`` (everyone's when None): every entry with its onboarding (code:5), every cycle of
    advanced training (law:34.2) with its completion, certificate code and next due date. Learners and entry dates
    come from ``roster`` when given (an HR register's export with ``mapping``, docs/hr-register.md), else from what
    the roster import stored in the gradebook."""
    day = _day(as_of)
    chosen = None if mapping is None else load_mapping(mapping)
    engine = connect(database)
    try:
        rows, _read = histories(
            engine, as_of=day, learner=learner, roster=roster, mapping=chosen, due_within=due_within
        )
    finally:
        engine.dispose()
    return LearnerHistories(rows, day)

"""Deadlines of the Law and the Code.

General rule (law:45.1): a sanction is imposed no later than one month after discovery and six months after
commission. Exception (law:45.2): three months and one year for offences discrediting the civil service; where a
criminal or administrative case was closed, the three months run from that decision. Clock stops
(law:45.3–45.4): days of sickness, leave, business trip, state duties, training or appeal do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from simkit.law.parameters import period_end

Suspension = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class ImpositionDeadline:
    """The sanction deadline and how it was reached."""

    deadline: dt.date
    from_discovery: dt.date
    from_commission: dt.date
    binding: str  # "discovery", "case_closed" or "commission": the limit that ends first
    basis: tuple[str, ...]
    suspended_days: int


def merge_suspensions(suspensions: Iterable[Suspension]) -> list[Suspension]:
    """Sorted, disjoint (start, end) periods, both days inclusive; overlapping or touching ones are joined."""
    merged: list[Suspension] = []
    for start, end in sorted(suspensions):
        if end < start:
            raise ValueError(f"a suspension cannot end ({end}) before it starts ({start})")
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def stopped_clock(event: dt.date, unsuspended: dt.date, merged: list[Suspension]) -> dt.date:
    """The earliest D with as many non-suspended days in (event, D] as there are days in (event, unsuspended]."""
    deadline = unsuspended
    for start, end in merged:
        if end <= event:
            continue
        if start > deadline:
            break
        deadline += dt.timedelta(days=(end - max(start, event + dt.timedelta(days=1))).days + 1)
    return deadline


def can_impose_on(day: dt.date, suspensions: Iterable[Suspension] = ()) -> bool:
    """False when ``day`` falls in a suspension (law:45.3): no sanction may be imposed then."""
    for start, end in suspensions:
        if end < start:
            raise ValueError(f"a suspension cannot end ({end}) before it starts ({start})")
        if start <= day <= end:
            return False
    return True


def imposition_deadline_explained(
    *,
    committed: dt.date,
    revealed: dt.date,
    discrediting: bool,
    suspensions: Iterable[Suspension] = (),
    case_closed: dt.date | None = None,
) -> ImpositionDeadline:
    """The last day a sanction may be imposed (law:45), with the limits it was computed from."""
    if revealed < committed:
        raise ValueError(f"an offence cannot be revealed ({revealed}) before it was committed ({committed})")
    if case_closed is not None and not discrediting:
        raise ValueError(
            "case_closed applies to offences discrediting the civil service (law:45.2); "
            "for other offences pass the criminal or administrative proceedings as a suspension"
        )
    if case_closed is not None and case_closed < committed:
        raise ValueError(f"a case cannot be closed ({case_closed}) before the offence was committed ({committed})")
    merged = merge_suspensions(suspensions)
    prefix = "discrediting" if discrediting else "imposition"
    first_event, first_limit, first_name = revealed, f"{prefix}_limit_from_discovery", "discovery"
    if case_closed is not None:
        first_event, first_limit, first_name = case_closed, "discrediting_limit_from_case_closed", "case_closed"
    from_first = stopped_clock(first_event, period_end(first_limit, first_event), merged)
    commission_limit = period_end(f"{prefix}_limit_from_commission", committed)
    from_commission = stopped_clock(committed, commission_limit, merged)
    binding = first_name if from_first <= from_commission else "commission"
    deadline = min(from_first, from_commission)
    unstopped = min(period_end(first_limit, first_event), commission_limit)
    return ImpositionDeadline(
        deadline=deadline,
        from_discovery=from_first,
        from_commission=from_commission,
        binding=binding,
        basis=("law:45.2" if discrediting else "law:45.1", *(("law:45.4",) if merged else ())),
        suspended_days=(deadline - unstopped).days,
    )


def imposition_deadline(
    *,
    committed: dt.date,
    revealed: dt.date,
    discrediting: bool,
    suspensions: Iterable[Suspension] = (),
    case_closed: dt.date | None = None,
) -> dt.date:
    """The last day a disciplinary sanction may be imposed (law:45.1, law:45.2, law:45.4)."""
    return imposition_deadline_explained(
        committed=committed,
        revealed=revealed,
        discrediting=discrediting,
        suspensions=suspensions,
        case_closed=case_closed,
    ).deadline


def gift_transfer_deadline(aware: dt.date) -> dt.date:
    """Last day to hand over a gift, counted from receipt or from learning of it (code:9.16, law:50.1.17)."""
    return period_end("gift_transfer_period", aware)


def money_transfer_deadline(found: dt.date) -> dt.date:
    """Last day to transfer money received without one's knowledge to the budget (law:50.1.16)."""
    return period_end("money_transfer_period", found)


def onboarding_deadline(entry: dt.date) -> dt.date:
    """Last day for a new civil employee to acknowledge the Code in writing (code:5)."""
    return period_end("onboarding_familiarisation_period", entry)


def training_due(last: dt.date) -> dt.date:
    """Last day of the three years within which the next advanced training is due (law:34.2)."""
    return period_end("advanced_training_interval", last)


def suspension_from_duty_end(start: dt.date) -> dt.date:
    """Last day a servant may be suspended from duty during an official investigation (law:48.2)."""
    return period_end("suspension_from_duty_limit", start)


def probation_end(start: dt.date, *, absent_days: int = 0, extended: bool = False) -> dt.date:
    """Last day of the probationary period (law:20.1–20.3); absences for good reason are not counted."""
    if absent_days < 0:
        raise ValueError(f"absent_days cannot be negative (got {absent_days})")
    end = period_end("probation_period", start)
    if extended:
        end = period_end("probation_extension", end)
    return end + dt.timedelta(days=absent_days)


def reentry_barred(
    *,
    applying: dt.date,
    discrediting_liability: dt.date | None = None,
    dismissed_for_discrediting: bool = False,
) -> bool:
    """Whether law:16.3.6 bars entry to the civil service on ``applying``.

    ``discrediting_liability`` is the date the citizen was last sanctioned for a discrediting offence.
    """
    if dismissed_for_discrediting:
        return True
    if discrediting_liability is None:
        return False
    if discrediting_liability > applying:
        raise ValueError(f"the liability ({discrediting_liability}) cannot come after the application ({applying})")
    return applying <= period_end("reentry_bar_period", discrediting_liability)

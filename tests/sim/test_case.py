"""Single cases worked from the Law's text: law:45 limits, law:45.3 days off limits, law:44 sanctions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simkit import law
from simkit.sim.case import CaseInput, run_case

D = dt.date


def kinds(timeline) -> list[str]:  # type: ignore[no-untyped-def]
    return [event.kind for event in timeline.ordered()]


def test_a_gift_kept_is_sanctioned_with_dismissal_and_bars_reentry() -> None:
    timeline = run_case(CaseInput(offence="law:50.1.17", committed=D(2026, 3, 10), revealed=D(2026, 4, 3)))
    assert timeline.outcome == "imposed" and timeline.sanction.kind == "dismissal"
    assert kinds(timeline)[-2:] == ["imposed", "reentry_barred"]
    assert timeline.deadline == D(2026, 7, 3)  # three months from discovery (law:45.2)


def test_a_commission_that_meets_too_rarely_lets_the_case_become_time_barred() -> None:
    timeline = run_case(
        CaseInput(
            offence="law:50.1.7", committed=D(2026, 3, 10), revealed=D(2026, 4, 3), commission={"interval_days": 120}
        )
    )
    assert timeline.outcome == "time_barred"
    assert timeline.events[-1].day == timeline.deadline + dt.timedelta(days=1)
    assert "imposed" not in kinds(timeline)


def test_an_ordinary_offence_has_one_month_from_discovery() -> None:
    timeline = run_case(
        CaseInput(
            offence="law:44.1",
            committed=D(2026, 3, 2),
            revealed=D(2026, 3, 2),
            commission={"interval_days": 40, "first_meeting": D(2026, 3, 3)},
        )
    )
    # the meeting after the investigation is on 12 April, after the month ran out on 2 April
    assert timeline.deadline == D(2026, 4, 2) and timeline.outcome == "time_barred"


def test_leave_stops_the_clock_and_no_sanction_is_imposed_during_it() -> None:
    leave = {"kind": "leave", "start": D(2026, 4, 20), "end": D(2026, 5, 10)}
    timeline = run_case(
        CaseInput(offence="law:50.1.17", committed=D(2026, 3, 10), revealed=D(2026, 4, 3), absences=[leave])
    )
    assert timeline.deadline == D(2026, 7, 24)  # 3 July + 21 days of leave
    assert timeline.imposed_on > D(2026, 5, 10)
    hearing = next(event for event in timeline.events if event.kind == "hearing")
    assert not (D(2026, 4, 20) <= hearing.day <= D(2026, 5, 10))  # consideration is suspended too (law:45.4)


def test_a_repeat_within_a_year_leads_to_dismissal() -> None:
    timeline = run_case(
        CaseInput(
            offence="law:50.1.7",
            committed=D(2026, 6, 1),
            revealed=D(2026, 6, 10),
            previous=[("law:50.1.8", D(2026, 2, 1))],
        )
    )
    assert timeline.sanction.kind == "dismissal" and timeline.sanction.repeat_of == ("law:50.1.8", D(2026, 2, 1))


def test_a_closed_criminal_case_restarts_three_months_from_its_closure() -> None:
    timeline = run_case(
        CaseInput(
            offence="law:50.1.17",
            committed=D(2026, 1, 10),
            revealed=D(2026, 2, 1),
            criminal_case={"opened": D(2026, 2, 1), "closed": D(2026, 8, 3)},
        )
    )
    assert timeline.deadline == D(2026, 11, 3)
    assert "awaiting_criminal_case" in kinds(timeline) and timeline.imposed_on >= D(2026, 8, 3)


def test_impossible_dates_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot come before"):
        CaseInput(offence="law:50.1.17", committed=D(2026, 3, 10), revealed=D(2026, 3, 1))
    with pytest.raises(ValueError, match="cannot end"):
        CaseInput(
            offence="law:50.1.17",
            committed=D(2026, 3, 1),
            revealed=D(2026, 3, 2),
            absences=[{"kind": "leave", "start": D(2026, 4, 2), "end": D(2026, 4, 1)}],
        )


absence = st.builds(
    lambda kind, start, length: {"kind": kind, "start": start, "end": start + dt.timedelta(days=length)},
    st.sampled_from(["sick_leave", "leave", "business_trip", "training", "appeal"]),
    st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 6, 30)),
    st.integers(min_value=0, max_value=40),
)


@settings(max_examples=60, deadline=None)
@given(
    offence=st.sampled_from(["law:44.1", "law:50.1.7", "law:50.1.3", "law:50.1.17", "code:9.15"]),
    committed=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
    delay=st.integers(min_value=0, max_value=200),
    investigation=st.integers(min_value=0, max_value=40),
    interval=st.integers(min_value=1, max_value=90),
    absences=st.lists(absence, max_size=3),
)
def test_no_sanction_after_the_deadline_or_on_a_suspended_day(
    offence, committed, delay, investigation, interval, absences
) -> None:
    case = CaseInput(
        offence=offence,
        committed=committed,
        revealed=committed + dt.timedelta(days=delay),
        investigation_days=investigation,
        commission={"interval_days": interval},
        absences=absences,
    )
    timeline = run_case(case)
    assert timeline.outcome in ("imposed", "time_barred", "pending")
    if timeline.outcome == "imposed":
        assert timeline.imposed_on <= timeline.deadline
        assert law.can_impose_on(timeline.imposed_on, case.suspensions())
        assert law.is_working_day(timeline.imposed_on)
    assert run_case(case).ordered() == timeline.ordered()

"""Property tests for the date arithmetic of simkit.law."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from simkit import law
from simkit.law import calendar

days = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2035, 12, 31))
gaps = st.integers(min_value=0, max_value=400)
suspension = st.tuples(days, st.integers(min_value=0, max_value=60)).map(
    lambda pair: (pair[0], pair[0] + dt.timedelta(days=pair[1]))
)


@given(days, gaps, st.booleans(), st.lists(suspension, max_size=4))
def test_sanction_deadline_never_before_commission(committed, gap, discrediting, suspensions):
    revealed = committed + dt.timedelta(days=gap)
    result = law.imposition_deadline_explained(
        committed=committed, revealed=revealed, discrediting=discrediting, suspensions=suspensions
    )
    assert result.deadline > committed
    assert result.from_discovery > revealed
    assert result.deadline == min(result.from_discovery, result.from_commission)


@given(days, gaps, st.booleans(), st.lists(suspension, max_size=3), suspension)
def test_adding_a_suspension_never_moves_the_deadline_earlier(committed, gap, discrediting, suspensions, extra):
    revealed = committed + dt.timedelta(days=gap)
    before = law.imposition_deadline(
        committed=committed, revealed=revealed, discrediting=discrediting, suspensions=suspensions
    )
    after = law.imposition_deadline(
        committed=committed, revealed=revealed, discrediting=discrediting, suspensions=[*suspensions, extra]
    )
    assert after >= before


@given(days, gaps, st.lists(suspension, min_size=1, max_size=4))
def test_the_deadline_is_a_day_a_sanction_may_be_imposed(committed, gap, suspensions):
    revealed = committed + dt.timedelta(days=gap)
    deadline = law.imposition_deadline(
        committed=committed, revealed=revealed, discrediting=False, suspensions=suspensions
    )
    assert law.can_impose_on(deadline, suspensions)


@given(days, gaps, st.lists(suspension, max_size=4))
def test_suspended_days_are_exactly_made_up(committed, gap, suspensions):
    # The count of unsuspended days in (revealed, limit] equals the unsuspended month's days.
    revealed = committed + dt.timedelta(days=gap)
    result = law.imposition_deadline_explained(
        committed=committed, revealed=revealed, discrediting=False, suspensions=suspensions
    )
    span = (calendar.add_months(revealed, 1) - revealed).days
    free = sum(
        law.can_impose_on(revealed + dt.timedelta(days=offset), suspensions)
        for offset in range(1, (result.from_discovery - revealed).days + 1)
    )
    assert free == span


@given(days)
def test_simple_deadlines_come_after_their_event(event):
    for function in (
        law.gift_transfer_deadline,
        law.money_transfer_deadline,
        law.onboarding_deadline,
        law.training_due,
        law.suspension_from_duty_end,
        law.probation_end,
    ):
        assert function(event) > event


@given(days)
def test_onboarding_deadline_is_the_third_working_day_after_entry(entry):
    deadline = law.onboarding_deadline(entry)
    assert law.is_working_day(deadline)
    between = [entry + dt.timedelta(days=offset) for offset in range(1, (deadline - entry).days + 1)]
    assert sum(map(law.is_working_day, between)) == 3


@settings(max_examples=300)
@given(days, st.integers(min_value=0, max_value=120))
def test_months_keep_the_day_number_or_end_the_month(event, months):
    result = law.add_months(event, months)
    assert (result.year * 12 + result.month) - (event.year * 12 + event.month) == months
    assert result.day == event.day or (result.day < event.day and (result + dt.timedelta(days=1)).day == 1)

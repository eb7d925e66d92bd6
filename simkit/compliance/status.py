"""Each learner's standing on the two rhythms of the training, as of a day. The deadlines come from simkit.law;
these rules only compare them with what was recorded.

- Acknowledgement of the Code (code:5): in writing within three working days of entry into the service.
- Advanced training (law:34.2): administrative servants at least once every three years.

Readings of the text: interpretation notes ``acknowledgement-timing``, ``onboarding-audience``,
``administrative-servants``, ``training-first-due`` and ``entry-before-code`` (docs/interpretations.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from simkit import law


class Onboarding(StrEnum):
    IN_TIME = "in_time"  # acknowledged by the deadline
    LATE = "late"  # acknowledged after it
    PENDING = "pending"  # not yet, and the deadline has not passed
    BEFORE_ENTRY = "before_entry"  # only before the day of entry: HR to check (acknowledgement-timing)
    OVERDUE = "overdue"  # not acknowledged, the deadline passed


class Training(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"  # due within the days asked (--due-within)
    OVERDUE = "overdue"
    NOT_REQUIRED = "not_required"  # not an administrative servant


# Who is bound, and on which provisions each status rests: simkit.law's (data/corps.yaml, data/parameters.yaml).
ADMINISTRATIVE = law.administrative_corps()
NOT_ADMINISTRATIVE_BASIS = law.not_administrative_basis()
ONBOARDING_BASIS = law.parameter("onboarding_familiarisation_period").reference
TRAINING_BASIS = law.parameter("advanced_training_interval").reference


class OnboardingStatus(NamedTuple):  # tuples: a roster of the whole civil service makes a hundred thousand
    state: Onboarding
    deadline: dt.date  # the last day to acknowledge the Code (simkit.law.onboarding_deadline)
    acknowledged_on: dt.date | None  # the acknowledgement that counts (or, before entry, the latest one)
    basis: tuple[str, ...] = ONBOARDING_BASIS


class TrainingStatus(NamedTuple):
    state: Training
    due: dt.date | None  # the last day of the three years (simkit.law.training_due); None when not required
    counted_from: str | None  # "training" or "entry": where the three years run from
    last_training: dt.date | None  # the latest advanced training up to the report date
    days_left: int | None  # to the due day; negative when overdue
    basis: tuple[str, ...] = TRAINING_BASIS


def onboarding_status(*, entry: dt.date, as_of: dt.date, acknowledgements: Iterable[dt.date] = ()) -> OnboardingStatus:
    """code:5: the first acknowledgement on or after the day of entry decides; none by the deadline is overdue.

    Acknowledgements dated after ``as_of`` did not exist yet on that day and are not counted.
    """
    deadline = law.onboarding_deadline(entry)
    first: dt.date | None = None  # the first on or after the day of entry
    before: dt.date | None = None  # the latest before it
    for day in acknowledgements:
        if day > as_of:
            continue
        if day >= entry:
            first = day if first is None or day < first else first
        else:
            before = day if before is None or day > before else before
    if first is not None:
        return OnboardingStatus(Onboarding.IN_TIME if first <= deadline else Onboarding.LATE, deadline, first)
    if as_of <= deadline:
        return OnboardingStatus(Onboarding.PENDING, deadline, None)
    if before is not None:
        return OnboardingStatus(Onboarding.BEFORE_ENTRY, deadline, before)
    return OnboardingStatus(Onboarding.OVERDUE, deadline, None)


def training_status(
    *,
    entry: dt.date,
    as_of: dt.date,
    trainings: Iterable[dt.date] = (),
    due_within: int = 90,
    corps: str | None = None,
) -> TrainingStatus:
    """law:34.2: three years from the later of entry and the last advanced training; due soon within
    ``due_within`` days of the due day (that day included), overdue after it.

    ``corps`` A or B, or None when the roster does not say, is an administrative servant; ``political`` and
    ``employee`` are not bound by law:34.2. Trainings dated after ``as_of`` are not counted.
    """
    if due_within < 0:
        raise ValueError(f"due_within cannot be negative (got {due_within})")
    last: dt.date | None = None
    for day in trainings:
        if day <= as_of and (last is None or day > last):
            last = day
    if corps is not None and corps not in ADMINISTRATIVE:
        if corps not in NOT_ADMINISTRATIVE_BASIS:
            raise ValueError(f"unknown corps {corps!r}; use A, B, political or employee")
        return TrainingStatus(Training.NOT_REQUIRED, None, None, last, None, NOT_ADMINISTRATIVE_BASIS[corps])
    from_training = last is not None and last >= entry
    due = law.training_due(last if from_training and last is not None else entry)
    days_left = (due - as_of).days
    if days_left < 0:
        state = Training.OVERDUE
    elif days_left <= due_within:
        state = Training.DUE_SOON
    else:
        state = Training.OK
    return TrainingStatus(state, due, "training" if from_training else "entry", last, days_left)

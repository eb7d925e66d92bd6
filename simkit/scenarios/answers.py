"""Where an answer is checked: the one check of an answer's form, which the player asks before it saves an answer
and the grader asks of every answer it reads, so that what the one refuses the other marks wrong.

An answer fits its question when it is what the question's control could have given: one offered option, a list
of offered ids without repeats (every item, for an ordering), an ISO date, a finite number, an offered citation, a
text that is not blank and no longer than a learner may write. Whether it is *right* is scoring's business
(:func:`simkit.scenarios.scoring.score`); this says only whether it is an answer to the question at all.

>>> from simkit.scenarios.paper import PaperStep, Choice
>>> choice = PaperStep(id="gift", type="single_choice", options=[Choice(id="keep", text={"ru": "…"})])
>>> check_answer(choice, "keep")
'keep'
>>> check_answer(choice, "bribe")
Traceback (most recent call last):
...
simkit.scenarios.answers.AnswerError: choose one of the options (keep), not 'bribe'
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simkit.scenarios import model
from simkit.submissions.limits import MAX_ANSWER_CHARS, excerpt, quoted
from simkit.submissions.schema import AnswerValue

if TYPE_CHECKING:  # the paper's module reads files through the validator, which scores: no import here
    from simkit.scenarios.paper import PaperStep

MAX_TEXT = MAX_ANSWER_CHARS  # what intake takes, so no answer the player saves is refused when graded
_ISO_DATES: dict[str, str] = {}  # a date answer as given → the same in its one form (YYYY-MM-DD)
__all__ = ["MAX_TEXT", "AnswerError", "AnswerValue", "Form", "check_answer", "form_of"]


class AnswerError(ValueError):
    """An answer that does not fit its question (an unknown option, a malformed date, a wrong type)."""


@dataclass(frozen=True, slots=True)
class Form:
    """What an answer to one question may be: the question's type and the ids it offers (the grader keeps the
    :meth:`checker` of each step of a course, made once)."""

    step_id: str
    type: str
    offered: tuple[str, ...]  # option, item or citation ids, as listed
    known: frozenset[str]

    def check(self, value: Any) -> AnswerValue:
        """The answer as stored, or :class:`AnswerError` naming what is wrong with it."""
        return self.checker()(value)

    def checker(self) -> Callable[[Any], AnswerValue]:
        """:meth:`check`, its question's type looked up once (the grader asks it of every answer)."""
        check = CHECKS.get(self.type)
        return self._asks_nothing if check is None else functools.partial(check, self)

    def _asks_nothing(self, _value: Any) -> AnswerValue:
        raise AnswerError(f"step {self.step_id!r} asks no question")


def form_of(step: model.Step | PaperStep) -> Form:
    """The form of a scenario's step (the grader's) or of a paper's (the player's): the same for both, a paper
    offering what its scenario does."""
    offered = _offered(step)
    return Form(step.id, step.type, offered, frozenset(offered))


def _offered(step: model.Step | PaperStep) -> tuple[str, ...]:
    if isinstance(step, model.ProvisionQuestion):  # as the paper lists them (strip.offered_citations)
        alternatives = (citation for other in step.alternatives for citation in other.key)
        return tuple(sorted({*step.choices, *step.key, *alternatives}))
    if isinstance(step, model.Strict):  # a scenario's step; a paper's is none
        return tuple(choice.id for choice in (*model.options_of(step), *model.items_of(step)))
    return (*(choice.id for choice in (*step.options, *step.items)), *step.choices)


def check_answer(step: model.Step | PaperStep, value: Any) -> AnswerValue:
    """The answer to ``step`` as stored, or :class:`AnswerError` with what the learner must fix."""
    return form_of(step).check(value)


def _single(form: Form, value: Any) -> str:
    if type(value) is not str or value not in form.known:
        raise AnswerError(f"choose one of the options ({excerpt(', '.join(form.offered))}), not {quoted(value)}")
    return value


def _ids(form: Form, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(type(item) is str for item in value):
        raise AnswerError(f"expected a list of the ids offered, not {quoted(value)}")
    if unknown := [item for item in value if item not in form.known]:
        raise AnswerError(f"the answer names an option that is not offered: {excerpt(', '.join(unknown))}")
    if len(set(value)) != len(value):
        twice = next(item for at, item in enumerate(value) if item in value[:at])
        raise AnswerError(f"the answer names {quoted(twice)} twice")
    return list(value)


def _ordering(form: Form, value: Any) -> list[str]:
    order = _ids(form, value)
    if len(order) != len(form.offered):
        raise AnswerError(f"put every item in the order: {len(order)} of the {len(form.offered)} items are given")
    return order


DATES_AT_MOST = 1 << 16  # dates remembered; a course's answers name a few hundred days


def _date(form: Form, value: Any) -> str:
    # An ISO date as stored, or a date of the player's picker; a time of day is not a date (nor a subclass's value).
    if type(value) is str:
        iso = _ISO_DATES.get(value)  # a grader meets the same days in thousands of answers: parsed once each
        if iso is not None:
            return iso
        try:
            iso = dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        else:
            if len(_ISO_DATES) < DATES_AT_MOST:
                _ISO_DATES[value] = iso
            return iso
    elif type(value) is dt.date:
        return value.isoformat()
    raise AnswerError(f"pick a date: {quoted(value)} is not one (YYYY-MM-DD)")


def _number(form: Form, value: Any) -> float:
    kind = type(value)
    if kind is float and value - value == 0:  # finite: infinity less itself is NaN, as is NaN (the grader's case)
        return float(value)
    if kind is int or (kind is not bool and isinstance(value, int | float)):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            number = math.inf
        if math.isfinite(number):
            return number
    raise AnswerError(f"enter a number: {quoted(value)} is not a finite one")


def _provision(form: Form, value: Any) -> str:
    if type(value) is not str or value not in form.known:
        raise AnswerError(f"choose a provision: {quoted(value)} is not one offered")
    return value


def _free_text(form: Form, value: Any) -> str:
    if type(value) is not str or not value or value.isspace():  # isspace: what str.strip would leave empty
        raise AnswerError(f"write your answer: {quoted(value)} is no text")
    if len(value) > MAX_TEXT:
        raise AnswerError(f"the answer is longer than {MAX_TEXT} characters")
    return value


CHECKS: dict[str, Callable[[Form, Any], AnswerValue]] = {
    "single_choice": _single,
    "multiple_choice": _ids,
    "ordering": _ordering,
    "date": _date,
    "number": _number,
    "provision": _provision,
    "free_text": _free_text,
}

"""Answer keys, rebuilt from a learner's variant, and the score of each answer.

Scoring per question type: a single choice earns its option's points; a multiple selection earns partial credit
(right choices less wrong ones, over the number of right ones) or all or nothing; an ordering earns the share of
items in their place, or all or nothing; a date, a number or a provision earns its points when it matches the key
(within the step's tolerance); free text waits for a trainer's review against its rubric.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.scenarios import model
from simkit.scenarios.expressions import evaluate
from simkit.scenarios.graph import step_max_points
from simkit.scenarios.text import LocalText
from simkit.scenarios.variants import Variant
from simkit.submissions.limits import excerpt, quoted


class AnswerError(ValueError):
    """An answer that does not fit its question (an unknown option, a malformed date, a wrong type)."""


@dataclass(frozen=True)
class Scored:
    points: float | None  # None while a free-text answer waits for review
    max_points: float
    correct: bool | None
    feedback: LocalText | None
    citations: tuple[str, ...] = ()


def answer_key(step: model.Step, variant: Variant) -> Any:
    """The correct answer to ``step`` for this variant (None for steps that ask nothing)."""
    if isinstance(step, model.SingleChoice):
        best = max(option.points for option in step.options)
        return [option.id for option in step.options if option.points == best]
    if isinstance(step, model.MultipleChoice):
        return [option.id for option in step.options if option.correct]
    if isinstance(step, model.Ordering):
        return [item.id for item in step.items]
    if isinstance(step, model.DateQuestion | model.NumberQuestion):
        return computed_key(step, variant.values)
    if isinstance(step, model.ProvisionQuestion):
        return list(step.key)
    if isinstance(step, model.FreeText):
        return [item.text for item in step.rubric]
    return None


def computed_key(step: model.DateQuestion | model.NumberQuestion, values: Mapping[str, Any]) -> Any:
    """The key of a date or number question: its expression over the learner's values."""
    return evaluate(step.key, values)


def _ids(answer: Any, known: list[str], what: str) -> list[str]:
    if not isinstance(answer, list) or not all(isinstance(item, str) for item in answer):
        raise AnswerError(f"expected a list of {what} ids")
    if unknown := [item for item in answer if item not in known]:
        raise AnswerError(f"unknown {what} id(s): {excerpt(', '.join(unknown))}")
    if len(set(answer)) != len(answer):
        raise AnswerError(f"a {what} is chosen twice")
    return answer


def _key_feedback(step: Any, correct: bool) -> LocalText | None:
    feedback = getattr(step, "feedback", None)
    return None if feedback is None else (feedback.correct if correct else feedback.incorrect)


def _single(step: model.SingleChoice, answer: Any) -> Scored:
    options = {option.id: option for option in step.options}
    if not isinstance(answer, str) or answer not in options:
        raise AnswerError(f"unknown option {quoted(answer)}; the options are {', '.join(options)}")
    chosen, best = options[answer], step_max_points(step)
    return Scored(chosen.points, best, chosen.points == best, chosen.feedback, tuple(chosen.citations))


def _multiple(step: model.MultipleChoice, answer: Any) -> Scored:
    chosen = set(_ids(answer, [option.id for option in step.options], "option"))
    right = {option.id for option in step.options if option.correct}
    if step.scoring == "all_or_nothing":
        share = float(chosen == right)
    else:
        share = max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
    feedback = [option.feedback for option in step.options if option.id in chosen and option.feedback]
    joined = (
        LocalText(**{lang: "\n".join(text.get(lang) for text in feedback) for lang in ("ru", "en")})
        if (feedback)
        else None
    )
    return Scored(round(step.points * share, 4), step.points, chosen == right, joined, tuple(step.citations))


def _ordering(step: model.Ordering, answer: Any) -> Scored:
    order = _ids(answer, [item.id for item in step.items], "item")
    if len(order) != len(step.items):
        raise AnswerError(f"expected all {len(step.items)} items in an order")
    in_place = sum(given == item.id for given, item in zip(order, step.items, strict=True))
    exact = in_place == len(step.items)
    share = float(exact) if step.scoring == "exact" else in_place / len(step.items)
    return Scored(round(step.points * share, 4), step.points, exact, _key_feedback(step, exact), tuple(step.citations))


def _date_right(step: model.DateQuestion, answer: Any, key: dt.date) -> bool:
    try:
        given = answer if isinstance(answer, dt.date) else dt.date.fromisoformat(str(answer))
    except ValueError:
        raise AnswerError(f"{quoted(answer)} is not a date (YYYY-MM-DD)") from None
    return abs((given - key).days) <= step.tolerance_days


def _number_right(step: model.NumberQuestion, answer: Any, key: float) -> bool:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise AnswerError(f"{quoted(answer)} is not a number")
    return abs(answer - key) <= step.tolerance


def _provision(step: model.ProvisionQuestion, answer: Any) -> Scored:
    if not isinstance(answer, str):
        raise AnswerError("expected a citation such as law:50.1.17")
    right = answer in step.key
    return Scored(step.points if right else 0.0, step.points, right, _key_feedback(step, right), tuple(step.key))


def score(step: model.Step, answer: Any, variant: Variant) -> Scored:
    """Score one answer to ``step`` for this learner's variant; raise :class:`AnswerError` if it does not fit."""
    if isinstance(step, model.SingleChoice):
        return _single(step, answer)
    if isinstance(step, model.MultipleChoice):
        return _multiple(step, answer)
    if isinstance(step, model.Ordering):
        return _ordering(step, answer)
    if isinstance(step, model.DateQuestion | model.NumberQuestion):
        return score_against(step, answer, answer_key(step, variant))
    if isinstance(step, model.ProvisionQuestion):
        return _provision(step, answer)
    if isinstance(step, model.FreeText):
        if not isinstance(answer, str):
            raise AnswerError("expected a text")
        return Scored(None, step_max_points(step), None, None, tuple(step.citations))
    raise AnswerError(f"step {step.id!r} asks no question")


def score_against(step: model.DateQuestion | model.NumberQuestion, answer: Any, key: Any) -> Scored:
    """Score a date or number answer against its key already worked out (a grader's, shared by many learners)."""
    right = matches_key(step, answer, key)
    return Scored(step.points if right else 0.0, step.points, right, _key_feedback(step, right), tuple(step.citations))


def matches_key(step: model.DateQuestion | model.NumberQuestion, answer: Any, key: Any) -> bool:
    """Whether a date or number answer is the key, within the step's tolerance; AnswerError if it is not one."""
    return _date_right(step, answer, key) if isinstance(step, model.DateQuestion) else _number_right(step, answer, key)

"""Answer keys, rebuilt from a learner's variant, and the score of each answer.

Scoring per question type: a single choice earns its option's points; a multiple selection earns partial credit
(right choices less wrong ones, over the number of right ones) or all or nothing; an ordering earns the share of
items in their place, or all or nothing; a date, a number or a provision earns its points when it matches the key
(within the step's tolerance), or an alternative's points when it matches the answer another tenable reading of the
law gives (interpretation notes with more than one reading); free text waits for a trainer's review against its
rubric. Each mark names the readings it rests on and the other readings the question accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from simkit.scenarios import model
from simkit.scenarios.answers import AnswerError
from simkit.scenarios.expressions import evaluate, names_in
from simkit.scenarios.graph import step_max_points
from simkit.scenarios.text import LocalText
from simkit.scenarios.variants import Variant
from simkit.submissions.limits import excerpt, quoted


@dataclass(frozen=True)
class Scored:
    points: float | None  # None while a free-text answer waits for review
    max_points: float
    correct: bool | None
    feedback: LocalText | None
    citations: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()  # the interpretation readings the mark rests on (note-id/reading-id)
    other_readings: tuple[str, ...] = ()  # other tenable readings the question accepts as well


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
        return evaluate(step.key, variant.values)
    if isinstance(step, model.ProvisionQuestion):
        return list(step.key)
    if isinstance(step, model.FreeText):
        return [item.text for item in step.rubric]
    return None


Keyed = model.DateQuestion | model.NumberQuestion


THE_KEY = "KEY"  # in an alternative's expression, the step's own key (no parameter is named in capitals)


def computed_keys(step: Keyed, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """The key of a date or number question and then its alternatives' keys, over the learner's values; an
    alternative reads the key itself as ``KEY`` (``roll_to_working_day(KEY)``), so it is not worked out twice."""
    key = evaluate(step.key, values)
    return (key, *alternative_keys(step, values, key))


def alternative_keys(step: Keyed, values: Mapping[str, Any], key: Any) -> tuple[Any, ...]:
    """The alternatives' keys, each given only the names it reads (with KEY): the grader asks this of every
    answer that misses the key, and a moved deadline reads nothing but KEY."""
    return tuple(evaluate(alternative.key, _read_by(alternative.key, values, key)) for alternative in step.alternatives)


def _read_by(source: str, values: Mapping[str, Any], key: Any) -> dict[str, Any]:
    return {
        name: key if name == THE_KEY else values[name] for name in names_in(source) if name in values or name == THE_KEY
    }


def _refs(uses: tuple[str | model.ReadingUse, ...]) -> tuple[str, ...]:
    return tuple(model.reading_ref(use) for use in uses)


def _note(ref: str) -> str:
    return ref.partition("/")[0]


def _readings(step: model.Step, matched: model.Alternative | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The readings a mark rests on (an alternative's in place of the key's for the notes it reads otherwise),
    and the other readings the step accepts."""
    declared = _refs(step.readings) if isinstance(step, model.StepBase) else ()
    used = declared
    if matched is not None:
        replaced = {_note(ref) for ref in matched.readings}
        used = (*matched.readings, *(ref for ref in declared if _note(ref) not in replaced))
    offered = (*declared, *(ref for alternative in model.alternatives_of(step) for ref in alternative.readings))
    return used, tuple(dict.fromkeys(ref for ref in offered if ref not in used))


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
    used = (*_refs(step.readings), *_refs(chosen.readings))
    credited = [ref for option in step.options if option.points > 0 for ref in _refs(option.readings)]
    others = tuple(dict.fromkeys(ref for ref in credited if ref not in used))
    return Scored(chosen.points, best, chosen.points == best, chosen.feedback, tuple(chosen.citations), used, others)


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
    used = (*_refs(step.readings), *(ref for o in step.options if o.id in chosen for ref in _refs(o.readings)))
    return Scored(round(step.points * share, 4), step.points, chosen == right, joined, tuple(step.citations), used)


def _ordering(step: model.Ordering, answer: Any) -> Scored:
    order = _ids(answer, [item.id for item in step.items], "item")
    if len(order) != len(step.items):
        raise AnswerError(f"expected all {len(step.items)} items in an order")
    in_place = sum(given == item.id for given, item in zip(order, step.items, strict=True))
    exact = in_place == len(step.items)
    share = float(exact) if step.scoring == "exact" else in_place / len(step.items)
    used = _refs(step.readings)
    feedback = _key_feedback(step, exact)
    return Scored(round(step.points * share, 4), step.points, exact, feedback, tuple(step.citations), used)


def _given(step: Keyed, answer: Any) -> Any:
    """A date or number answer as compared with keys; AnswerError when it is not one."""
    if isinstance(step, model.DateQuestion):
        try:
            return answer if isinstance(answer, dt.date) else dt.date.fromisoformat(str(answer))
        except ValueError:
            raise AnswerError(f"{quoted(answer)} is not a date (YYYY-MM-DD)") from None
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise AnswerError(f"{quoted(answer)} is not a number")
    return answer


def matched_key(step: Keyed, answer: Any, keys: tuple[Any, ...], start: int = 0) -> int:
    """Which of ``keys`` (the key, then the alternatives' keys) the answer is within the step's tolerance, first
    match first, looking from ``start``; -1 for none. AnswerError if the answer is not a date or a number."""
    return key_matcher(step)(answer, keys, start)


Matcher = Callable[[Any, tuple[Any, ...], int], int]


def key_matcher(step: Keyed) -> Matcher:
    """:func:`matched_key` for one step, its kind and tolerance looked up once (a grader asks it of every answer)."""
    if isinstance(step, model.DateQuestion):
        days = step.tolerance_days

        def match_date(answer: Any, keys: tuple[Any, ...], start: int = 0) -> int:
            given = _given(step, answer)
            for at in range(start, len(keys)):
                if abs((given - keys[at]).days) <= days:
                    return at
            return -1

        return match_date
    tolerance = step.tolerance

    def match_number(answer: Any, keys: tuple[Any, ...], start: int = 0) -> int:
        given = _given(step, answer)
        for at in range(start, len(keys)):
            if abs(given - keys[at]) <= tolerance:
                return at
        return -1

    return match_number


def key_mark(step: Keyed | model.ProvisionQuestion, index: int) -> tuple[float, bool]:
    """The points and correctness of an answer matching key ``index`` (0 the key, then the alternatives, -1 none):
    an alternative earns the points the trainer set for it, correct when they are the step's full points."""
    if index < 0:
        return 0.0, False
    if index == 0:
        return float(step.points), True
    alternative = step.alternatives[index - 1]
    points = float(step.points if alternative.points is None else alternative.points)
    return points, points >= step.points


def _keyed(step: Keyed | model.ProvisionQuestion, index: int, citations: tuple[str, ...]) -> Scored:
    points, correct = key_mark(step, index)
    matched = step.alternatives[index - 1] if index > 0 else None
    feedback = (matched.feedback if matched else None) or _key_feedback(step, index >= 0)
    used, others = _readings(step, matched)
    return Scored(points, step.points, correct, feedback, citations, used, others)


def _provision(step: model.ProvisionQuestion, answer: Any) -> Scored:
    if not isinstance(answer, str):
        raise AnswerError("expected a citation such as law:50.1.17")
    keys = (step.key, *(alternative.key for alternative in step.alternatives))
    index = next((at for at, accepted in enumerate(keys) if answer in accepted), -1)
    return _keyed(step, index, tuple(dict.fromkeys(citation for accepted in keys for citation in accepted)))


def score(step: model.Step, answer: Any, variant: Variant) -> Scored:
    """Score one answer to ``step`` for this learner's variant; raise :class:`AnswerError` if it does not fit."""
    if isinstance(step, model.SingleChoice):
        return _single(step, answer)
    if isinstance(step, model.MultipleChoice):
        return _multiple(step, answer)
    if isinstance(step, model.Ordering):
        return _ordering(step, answer)
    if isinstance(step, model.DateQuestion | model.NumberQuestion):
        return score_against(step, answer, computed_keys(step, variant.values))
    if isinstance(step, model.ProvisionQuestion):
        return _provision(step, answer)
    if isinstance(step, model.FreeText):
        if not isinstance(answer, str):
            raise AnswerError("expected a text")
        return Scored(None, step_max_points(step), None, None, tuple(step.citations))
    raise AnswerError(f"step {step.id!r} asks no question")


def score_against(step: Keyed, answer: Any, keys: tuple[Any, ...]) -> Scored:
    """Score a date or number answer against its keys already worked out (:func:`computed_keys`)."""
    return _keyed(step, matched_key(step, answer, keys), tuple(step.citations))

"""Which options learners chose, per choice question, labelled from the library: the counts of each value given
(grouped by the database, see statistics_tally) become counts of each option.

Single choices count each option; multiple choices count the answers that include each option; orderings count,
for each item, the answers that put it in its place; provision questions count each citation picked, with the
provision's text, so trainers see which provisions learners take for the right one. Options nobody chose are
listed with 0.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.i18n import N_, t
from simkit.law import CitationError, provision
from simkit.scenarios import model
from simkit.submissions import excerpt

CHOICE_TYPES = (model.SingleChoice, model.MultipleChoice, model.Ordering, model.ProvisionQuestion)
NOT_IN_LIBRARY = N_("statistics.not_in_library")


@dataclass(frozen=True)
class OptionCount:
    value: str  # the option or item id, or the citation picked
    text: str
    right: bool | None  # a right option; None for one that earns part of the points
    count: int  # answers that chose it (for an ordering's item: that put it in its place)
    share: float  # percent of the question's answers
    provisions: tuple[str, ...] = ()  # what the option's feedback cites, or the citation itself


def option_counts(step: model.Step | None, given: Mapping[Any, int], lang: str) -> tuple[OptionCount, ...]:
    """The options of a choice question with how many answers chose each (``given``: value → answers, a list
    given as a tuple); nothing for other questions, or for a step the library no longer has."""
    return _label(step, list(given.items()), lang) if isinstance(step, CHOICE_TYPES) else ()


def _label(step: model.Step, given: list[tuple[Any, int]], lang: str) -> tuple[OptionCount, ...]:
    total = sum(count for _value, count in given)
    if isinstance(step, model.MultipleChoice | model.Ordering):
        counted = _multiple(step, given) if isinstance(step, model.MultipleChoice) else _in_place(step, given)
    else:
        counted = Counter({value: count for value, count in given if isinstance(value, str)})
    listed = [*_listed(step, lang), *_unknown(step, counted, lang)]
    return tuple(
        OptionCount(
            excerpt(value),  # an id or a citation; what the library does not list came from a learner
            text,
            right,
            counted.get(value, 0),
            100 * counted.get(value, 0) / total if total else 0.0,
            tuple(excerpt(citation) for citation in cited),
        )
        for value, text, right, cited in listed
    )


def _multiple(step: model.MultipleChoice, given: list[tuple[Any, int]]) -> Counter[str]:
    counted: Counter[str] = Counter()
    for value, count in given:
        for option in set(value) if isinstance(value, list | tuple) else ():
            counted[option] += count
    return counted


def _in_place(step: model.Ordering, given: list[tuple[Any, int]]) -> Counter[str]:
    counted: Counter[str] = Counter({item.id: 0 for item in step.items})
    for value, count in given:
        if isinstance(value, list | tuple):
            for given_item, item in zip(value, step.items, strict=False):
                counted[item.id] += count if given_item == item.id else 0
    return counted


Listed = tuple[str, str, bool | None, tuple[str, ...]]  # value, text, right, provisions


def _listed(step: model.Step, lang: str) -> list[Listed]:
    """The options as the library has them, in the order authored."""
    if isinstance(step, model.SingleChoice):
        best = max(option.points for option in step.options)
        return [
            (option.id, option.text.get(lang), _right(option.points, best), tuple(option.citations))
            for option in step.options
        ]
    if isinstance(step, model.MultipleChoice):
        return [(option.id, option.text.get(lang), option.correct, tuple(option.citations)) for option in step.options]
    if isinstance(step, model.Ordering):  # every item is part of the key: numbered with its place in it
        return [(item.id, f"{place}. {item.text.get(lang)}", True, ()) for place, item in enumerate(step.items, 1)]
    if isinstance(step, model.ProvisionQuestion):
        offered = dict.fromkeys([*step.choices, *step.key])
        return [(citation, provision_text(citation, lang), citation in step.key, (citation,)) for citation in offered]
    return []


def _right(points: float, best: float) -> bool | None:
    return True if points == best else None if points > 0 else False


def _unknown(step: model.Step, counted: Counter[str], lang: str) -> list[Listed]:
    """Values the library's options do not list: a citation outside those offered, or an option the scenario file
    no longer has (changed without a new version, then regraded)."""
    known = {value for value, *_rest in _listed(step, lang)}
    extra = sorted(value for value, count in counted.items() if value not in known and count)
    if isinstance(step, model.ProvisionQuestion):
        return [(citation, provision_text(citation, lang), False, (citation,)) for citation in extra]
    return [(value, t(NOT_IN_LIBRARY, lang), False, ()) for value in extra]


def provision_text(citation: str, lang: str, width: int = 90) -> str:
    """The provision's text, shortened to a line: what a learner picking the citation took for the rule."""
    try:
        text = provision(citation).text.get(lang) or provision(citation).text["ru"]
    except CitationError:  # not a provision of the law: as a learner gave it, in part
        return excerpt(citation)
    return textwrap.shorten(text, width, placeholder="…")

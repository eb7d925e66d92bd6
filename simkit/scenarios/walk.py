"""A scenario's walk, written once: where a step leads after an answer, and the way a learner's answers take.

The player walks the paper a learner sees, the grader and the synthetic learners the scenario itself, the graph
checks every way out; all of them ask :func:`ways_out`, so a branch can never lead one of them elsewhere. A step
leads where its chosen option's ``next`` says, else to its own ``next``; an end step leads nowhere.

>>> from simkit.scenarios.paper import PaperStep, Choice
>>> keep, hand_over = Choice(id="keep", text={"ru": "…"}, next="kept"), Choice(id="hand_over", text={"ru": "…"})
>>> choice = PaperStep(id="gift", type="single_choice", next="sanction", options=[keep, hand_over])
>>> ways_out(choice)
({'keep': 'kept'}, 'sanction')
>>> next_step(choice, "keep"), next_step(choice, "hand_over"), next_step(choice, None)
('kept', 'sanction', 'sanction')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from simkit.scenarios import model

if TYPE_CHECKING:  # the paper's module reads files through the validator, which walks scenarios: no import here
    from simkit.scenarios.paper import Choice, PaperStep


def ways_out(step: model.Step | PaperStep) -> tuple[dict[str, str], str | None]:
    """(option id → the step it leads to, for the options that branch; the step's own next), of a scenario's step
    or of a paper's. An end step has neither."""
    if isinstance(step, model.End):
        return {}, None
    # Of a scenario's steps only single choices branch; a paper's steps carry options, of a choice's kind only.
    if isinstance(step, model.StepBase) and not isinstance(step, model.SingleChoice):
        return {}, step.next
    options: Sequence[model.Option | Choice] = step.options
    return {option.id: option.next for option in options if option.next}, step.next


def next_step(step: model.Step | PaperStep, value: Any) -> str | None:
    """Where ``step`` leads after the answer ``value``: the chosen option's branch, else the step's own next."""
    branches, default = ways_out(step)
    return branches.get(value, default) if isinstance(value, str) else default


def targets(step: model.Step) -> list[tuple[model.Option | None, str]]:
    """Each way out of a scenario's step: (the option taken, the step it leads to) for each option of a single
    choice, else (None, the step's next); the same ways as :func:`ways_out`, listed per option."""
    if isinstance(step, model.SingleChoice):
        return [(option, target) for option in step.options if (target := option.next or step.next)]
    if isinstance(step, model.End) or step.next is None:
        return []
    return [(None, step.next)]


def path(
    first: str,
    step_of: Callable[[str], Any],
    asks: Callable[[Any], bool],
    answer_of: Callable[[str], tuple[bool, Any]],
    most: int,
) -> Iterator[tuple[Any, bool]]:
    """The steps of a learner's way in order, each with whether the learner answered it, up to the first question
    not answered yet (the current one) or the end. ``answer_of(step_id)`` is (answered, the answer); at most
    ``most`` steps are walked (a loop, which the validator refuses, ends there)."""
    step_id: str | None = first
    for _ in range(most):
        if step_id is None:
            return
        step = step_of(step_id)
        if not asks(step):
            yield step, False
            step_id = next_step(step, None)
            continue
        answered, value = answer_of(step_id)
        yield step, answered
        if not answered:
            return
        step_id = next_step(step, value)

"""The graph of a scenario's steps: where each step leads, what is reachable, and the best path's score.

A scenario's maximum is the total of its best path, computed from the graph as H5P's Branching Scenario computes
its dynamic score: a learner sent down a consequence branch is graded against what was reachable from the start.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from simkit.scenarios import model


def transitions(step: model.Step) -> list[tuple[float, str]]:
    """(points to be had on the way, next step id) for each way out of ``step``."""
    if isinstance(step, model.End):
        return []
    if isinstance(step, model.SingleChoice):
        return [(option.points, target) for option in step.options if (target := option.next or step.next)]
    return [(step_max_points(step), step.next)] if step.next else []


def successors(step: model.Step) -> list[str]:
    return [target for _points, target in transitions(step)]


def step_max_points(step: model.Step) -> float:
    """The most points a learner can earn on ``step`` itself."""
    if isinstance(step, model.SingleChoice):
        return max(option.points for option in step.options)
    if isinstance(step, model.FreeText):
        return sum(item.points for item in step.rubric)
    return float(step.points) if isinstance(step, model.POINTED_TYPES) else 0.0


def reachable(scenario: model.Scenario) -> list[str]:
    """Step ids reachable from the start, in the order first reached."""
    by_id = {step.id: step for step in scenario.steps}
    order, stack, seen = [], [scenario.first], set()
    while stack:
        step_id = stack.pop()
        if step_id in seen or step_id not in by_id:
            continue
        seen.add(step_id)
        order.append(step_id)
        stack.extend(reversed(successors(by_id[step_id])))
    return order


def find_cycle(scenario: model.Scenario) -> list[str] | None:
    """A loop of steps (the ids around it), or None: scoring needs the graph to be free of loops."""
    by_id = {step.id: step for step in scenario.steps}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(step_id: str) -> list[str] | None:
        state[step_id] = 1
        path.append(step_id)
        for target in successors(by_id[step_id]) if step_id in by_id else []:
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[step_id] = 2
        return None

    return next((cycle for step in scenario.steps if step.id not in state and (cycle := visit(step.id))), None)


def best_totals(scenario: model.Scenario) -> Callable[[str], float]:
    """The points of the best path from each step to an end (the graph must be free of loops)."""
    by_id = {step.id: step for step in scenario.steps}

    @cache
    def best(step_id: str) -> float:
        ways = transitions(by_id[step_id])
        if not ways:
            return step_max_points(by_id[step_id])
        return max(points + best(target) for points, target in ways if target in by_id)

    return best


def max_score(scenario: model.Scenario) -> float:
    """The total of the best path from the start (the graph must be free of loops)."""
    return best_totals(scenario)(scenario.first)


def richer_branches(step: model.SingleChoice, best: Callable[[str], float]) -> list[tuple[model.Option, float, float]]:
    """Options whose branch earns more than the best-scored option's: (option, its total, the right total).

    A learner who chooses right must be able to reach the maximum, so no wrong turn may pay better."""
    totals = {
        option.id: option.points + best(target) for option in step.options if (target := option.next or step.next)
    }
    top = max(option.points for option in step.options)
    right = max((totals[o.id] for o in step.options if o.points == top and o.id in totals), default=0.0)
    return [(o, totals[o.id], right) for o in step.options if o.points < top and totals.get(o.id, 0.0) > right + 1e-9]

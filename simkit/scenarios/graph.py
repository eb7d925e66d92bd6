"""The graph of a scenario's steps: where each step leads, what is reachable, and the best path's score.

A scenario's maximum is the total of its best path, computed from the graph as H5P's Branching Scenario computes
its dynamic score: a learner sent down a consequence branch is graded against what was reachable from the start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from simkit.scenarios import model
from simkit.scenarios.walk import targets


def transitions(step: model.Step) -> list[tuple[float, str]]:
    """(points to be had on the way, next step id) for each way out of ``step``."""
    return [(option.points if option else step_max_points(step), target) for option, target in targets(step)]


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
    """A loop of steps (the ids around it), or None: scoring needs the graph to be free of loops. The walk keeps
    its own stack, so a chain of thousands of steps is no deeper for Python than a short one."""
    by_id = {step.id: step for step in scenario.steps}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def ways_out(step_id: str) -> Iterator[str]:
        return iter(successors(by_id[step_id]) if step_id in by_id else [])

    for root in scenario.steps:
        if root.id in state:
            continue
        state[root.id], path, pending = 1, [root.id], [ways_out(root.id)]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                pending.pop()
                state[path.pop()] = 2
            elif state.get(target) == 1:
                return [*path[path.index(target) :], target]
            elif target not in state:
                state[target] = 1
                path.append(target)
                pending.append(ways_out(target))
    return None


def best_totals(scenario: model.Scenario) -> Callable[[str], float]:
    """The points of the best path from each step to an end (the graph must be free of loops); worked out from
    the ends back, with a stack of its own rather than Python's, so a chain of thousands of steps is no deeper."""
    by_id = {step.id: step for step in scenario.steps}
    totals: dict[str, float] = {}
    ways_of: dict[str, list[tuple[float, str]]] = {}  # also marks the steps whose ways out are being worked out
    for root in by_id:
        stack = [root]
        while stack:
            current = stack[-1]
            if current in totals:
                stack.pop()
                continue
            ways = ways_of.get(current)
            if ways is None:
                ways = ways_of[current] = [(p, target) for p, target in transitions(by_id[current]) if target in by_id]
                if waiting := [target for _points, target in ways if target not in totals]:
                    stack.extend(waiting)
                    continue
            elif any(target not in totals for _points, target in ways):
                raise ValueError(f"the steps form a loop through {current!r}")
            stack.pop()
            totals[current] = max(p + totals[target] for p, target in ways) if ways else step_max_points(by_id[current])
    return totals.__getitem__


def max_score(scenario: model.Scenario) -> float:
    """The total of the best path from the start (the graph must be free of loops)."""
    return best_totals(scenario)(scenario.first)


def richer_branches(step: model.SingleChoice, best: Callable[[str], float]) -> list[tuple[model.Option, float, float]]:
    """Options whose branch earns more than the best-scored option's: (option, its total, the right total).

    A learner who chooses right must be able to reach the maximum, so no wrong turn may pay better."""
    totals = {
        option.id: option.points + best(target) for option, target in targets(step) if option is not None
    }
    top = max(option.points for option in step.options)
    right = max((totals[o.id] for o in step.options if o.points == top and o.id in totals), default=0.0)
    return [(o, totals[o.id], right) for o in step.options if o.points < top and totals.get(o.id, 0.0) > right + 1e-9]

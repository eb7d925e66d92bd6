"""The numbers behind per-question statistics, read in one pass over a course's current answers.

One query reads each current attempt's score with its scenarios' answer arrays; the answers are grouped by
question, points, correctness and (for choice questions) the value given, keeping the count, the sum and the sum
of squares of the attempts' scores in each group: a few groups per option, however many learners there are. From
those sums come each question's mean, standard deviation and its correlation with the rest of the attempt (rest =
the attempt's score less this answer's points, so Σrest and Σrest² follow from Σscore and Σscore² within a group
of equal points). Free-text, date and number answers, which hardly repeat, are grouped without their value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy import Connection

from simkit.gradebook.statistics import StepKey, answer_arrays, current_count, points_and_scores

# Below this spread per answer, a variance is what rounding leaves of sums of equal values: there is none.
NO_SPREAD = 1e-9


@dataclass
class Group:
    """Answers to one question that earned the same points: how many, and their attempts' score sums."""

    count: int = 0
    score: float = 0.0
    score_squares: float = 0.0


@dataclass
class Tally:
    max_points: float = 0.0
    pending: int = 0  # free-text answers awaiting review
    correct: int = 0
    groups: dict[float, Group] = field(default_factory=dict)  # points → answers that earned them
    values: dict[Any, int] = field(default_factory=dict)  # value given (a tuple for a list) → answers

    def add(
        self, value: Any, points: float | None, correct: bool | None, count: int, score: float, squares: float
    ) -> None:
        if points is None:
            self.pending += count
            return
        self.correct += count if correct else 0
        group = self.groups.setdefault(points, Group())
        group.count += count
        group.score += score
        group.score_squares += squares
        if value is not None:
            remembered = tuple(value) if isinstance(value, list) else value
            self.values[remembered] = self.values.get(remembered, 0) + count


def tally(
    connection: Connection, course_id: str, choice: Iterable[tuple[str, str]]
) -> tuple[int, dict[StepKey, Tally]]:
    """The number of current attempts, and each question's tally. ``choice``: the (scenario, step) whose values
    are counted."""
    counted = set(choice)
    tallies: dict[StepKey, Tally] = {}
    count = current_count(connection, course_id)
    for score, scenario_id, version, given in answer_arrays(connection, course_id):
        squares = score * score
        for step_id, value, _at, points, most, correct in _decode(given):
            found = tallies.get((scenario_id, version, step_id))
            if found is None:
                found = tallies[scenario_id, version, step_id] = Tally()
            found.max_points = max(found.max_points, most)
            shown = value if (scenario_id, step_id) in counted else None
            found.add(shown, points, correct, 1, score, squares)
    return count, tallies


_decode = msgspec.json.Decoder().decode


@dataclass(frozen=True)
class Moments:
    n: int
    mean: float | None
    sd: float | None  # sample standard deviation of the points
    discrimination: float | None  # Pearson's r of the points with the rest of the attempt, as a fraction


def moments(groups: dict[float, Group]) -> Moments:
    """Mean, sample standard deviation and rest-of-test correlation from the groups' sums. Deviations are taken
    from the means group by group, which keeps the sums of squares from cancelling."""
    n = sum(group.count for group in groups.values())
    if n == 0:
        return Moments(0, None, None, None)
    mean_x = sum(points * group.count for points, group in groups.items()) / n
    mean_rest = sum(group.score - points * group.count for points, group in groups.items()) / n
    if n < 2:
        return Moments(n, mean_x, None, None)
    var_x = var_rest = covariance = 0.0
    for points, group in groups.items():
        rest = group.score - points * group.count  # Σ(score − points) over the group
        rest_squares = group.score_squares - 2 * points * group.score + points * points * group.count
        var_x += group.count * (points - mean_x) ** 2
        var_rest += rest_squares - 2 * mean_rest * rest + group.count * mean_rest**2
        covariance += (points - mean_x) * (rest - group.count * mean_rest)
    sd = math.sqrt(var_x / (n - 1))
    discrimination = covariance / math.sqrt(var_x * var_rest) if var_x > 0 and var_rest > NO_SPREAD * n else None
    return Moments(n, mean_x, sd, discrimination)


def efficiency(connection: Connection, course_id: str, question: StepKey) -> float | None:
    """Moodle's discriminative efficiency of one question, exactly: its covariance with the rest of the attempt
    over the largest covariance the same values could have (both sorted). It needs the question's every distinct
    (points, score) pair, so it is read for one question at a time, when asked for."""
    pairs = points_and_scores(connection, course_id, question)
    cells = [(points, score - points, count) for points, score, count in pairs]
    n = sum(count for _x, _y, count in cells)
    if n < 2:
        return None
    mean_x = sum(x * count for x, _y, count in cells) / n
    mean_y = sum(y * count for _x, y, count in cells) / n
    covariance = sum((x - mean_x) * (y - mean_y) * count for x, y, count in cells)
    most = _sorted_covariance(_runs((x, c) for x, _y, c in cells), _runs((y, c) for _x, y, c in cells), mean_x, mean_y)
    return covariance / most if most > NO_SPREAD * n else None


def _sorted_covariance(xs: list[tuple[float, int]], ys: list[tuple[float, int]], mean_x: float, mean_y: float) -> float:
    """Σ (x − x̄)(y − ȳ) with the x and the y each sorted and paired rank by rank: runs of equal values are
    walked side by side, never expanded."""
    total, i, j = 0.0, 0, 0
    left_x, left_y = xs[0][1], ys[0][1]
    while i < len(xs) and j < len(ys):
        taken = min(left_x, left_y)
        total += taken * (xs[i][0] - mean_x) * (ys[j][0] - mean_y)
        left_x, left_y = left_x - taken, left_y - taken
        if not left_x:
            i += 1
            left_x = xs[i][1] if i < len(xs) else 0
        if not left_y:
            j += 1
            left_y = ys[j][1] if j < len(ys) else 0
    return total


def _runs(values: Iterable[tuple[float, int]]) -> list[tuple[float, int]]:
    merged: dict[float, int] = {}
    for value, count in values:
        merged[value] = merged.get(value, 0) + count
    return sorted(merged.items())

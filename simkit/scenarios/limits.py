"""The limits on what a scenario's parameters may compute, the same for the validator, the player and grading.

A scenario file is written by a trainer and read by every learner's player and by the grader, so what its
expressions compute is bounded: the size of each value, and the work done for one learner's variant. Work is
counted in steps, not seconds, so a file passes or fails the same way on every machine and under any load.

>>> measure("abc"), measure([1, "abcd", [2, 3]]), measure([[1, 2], (3, 4)])
((3, 0), (8, 2), (6, 2))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

MAX_SIZE = 10_000  # characters of a text; a list counts each item (and the characters of texts in it)
MAX_NUMBER = 10**15  # magnitude of a number; tenge amounts and day counts are far below it
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # the calendar rules hold well inside these
STEPS_PER_VARIANT = 100_000  # everything computed for one learner's variant: derived values, keys, case dates
CALL_STEPS = 20  # a call of a function (a rule of the law: calendar look-ups), besides what its arguments cost
MAX_DEPTH = 50  # nesting of an expression (operators in a chain, calls within calls)
MAX_FILLED = 100_000  # characters the placeholders of one text may add when it is shown
MAX_NESTING = 8  # lists within lists; writing or comparing a list recurses through them
FLAT = frozenset({dt.date, int, float, bool, type(None)})  # items that are neither texts nor lists
PAIRS = frozenset({list, tuple})


def measure(value: Any, limit: int = MAX_SIZE) -> tuple[int, int]:
    """(size, depth) of a value: characters of a text, or items of a list plus the characters of texts in it, and
    how deeply lists nest in it. Counting stops soon after ``limit``, so a list that holds one sub-list many times
    over is never walked to its end."""
    if isinstance(value, str):
        return len(value), 0
    if not isinstance(value, list | tuple):
        return 1, 0
    if FLAT.issuperset(map(type, value)):  # no texts or lists in it (a period's two days): each item counts one
        return len(value), 1
    if all(type(item) in PAIRS and FLAT.issuperset(map(type, item)) for item in value):  # periods (suspensions)
        return len(value) + sum(map(len, value)), 2
    total, deepest, stack = 0, 1, [(value, 1)]
    while stack and total <= limit:
        items, depth = stack.pop()
        deepest = max(deepest, depth)
        for item in items:
            if isinstance(item, list | tuple):
                stack.append((item, depth + 1))
            total += max(1, len(item)) if isinstance(item, str) else 1
    return total, deepest


def size_of(value: Any, limit: int = MAX_SIZE) -> int:
    return measure(value, limit)[0]

"""Exam copies of scenarios: answer keys, points and feedback removed, so nothing in a learner's kernel reveals them.

The grader never uses these copies: it rebuilds keys from the original files.
"""

from __future__ import annotations

import copy
import random
from typing import Any

# Keys that reveal correctness, wherever they stand in a step or option.
REVEALING = frozenset({"points", "feedback", "correct", "key", "rubric", "case", "citations", "outcome"})
KEPT_STEP_KEYS = frozenset({"citations"})  # a step's own citations tell which provisions the question is about


def strip_answers(data: dict[str, Any], *, seed: int = 0) -> dict[str, Any]:
    """A copy of a scenario's YAML data fit for exam mode: no keys, points, feedback, option citations or cases;
    ordering items shuffled (their listed order is the key); provision choices sorted."""
    stripped = copy.deepcopy(data)
    rng = random.Random(f"{data.get('id')}:{data.get('version')}:{seed}")
    for step in stripped.get("steps", []):
        for name in REVEALING - KEPT_STEP_KEYS:
            step.pop(name, None)
        if step.get("type") == "provision":
            step.pop("citations", None)
        for option in step.get("options", []):
            for name in REVEALING:
                option.pop(name, None)
        if "items" in step:
            rng.shuffle(step["items"])
        if step.get("type") == "end":
            step["outcome"] = {"ru": "Ответы записаны.", "en": "Your answers are recorded."}
    return stripped

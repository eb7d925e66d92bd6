"""Exam copies of scenarios: answer keys, points and feedback removed, so nothing in a learner's kernel reveals them.

The grader never uses these copies: it rebuilds keys from the original files.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

from simkit.i18n import LANGUAGES, N_, t
from simkit.scenarios.expressions import names_in
from simkit.scenarios.variants import PLACEHOLDER

# Keys that reveal correctness, wherever they stand in a step or option.
REVEALING = frozenset(
    {"points", "feedback", "correct", "key", "rubric", "case", "citations", "outcome", "alternatives", "readings"}
)
KEPT_STEP_KEYS = frozenset({"citations"})  # a step's own citations tell which provisions the question is about
RECORDED = N_("exam.recorded")


def offered_citations(step: dict[str, Any]) -> list[str]:
    """The citations a provision question offers: its choices, its key and its alternatives' keys, sorted so the
    order tells nothing."""
    alternatives = [citation for other in step.get("alternatives", ()) for citation in other.get("key", ())]
    return sorted({*step.get("choices", ()), *step.get("key", ()), *alternatives})


def strip_answers(data: dict[str, Any], *, seed: int = 0) -> dict[str, Any]:
    """A copy of a scenario's YAML data fit for exam mode: no keys, points, feedback, option citations or cases;
    ordering items shuffled (their listed order is the key); provision choices merged with the key and sorted;
    derived parameters that no remaining text shows dropped (they often compute the key)."""
    stripped = copy.deepcopy(data)
    rng = random.Random(f"{data.get('id')}:{data.get('version')}:{seed}")
    for step in stripped.get("steps", []):
        if step.get("type") == "provision":
            step["choices"] = offered_citations(step)
            step.pop("citations", None)
        for name in REVEALING - KEPT_STEP_KEYS:
            step.pop(name, None)
        for option in step.get("options", []):
            for name in REVEALING:
                option.pop(name, None)
        if "items" in step:
            rng.shuffle(step["items"])
        if step.get("type") == "end":
            step["outcome"] = {lang: t(RECORDED, lang) for lang in LANGUAGES}
    stripped["parameters"] = shown_parameters(stripped)
    return stripped


def shown_parameters(data: dict[str, Any]) -> dict[str, Any]:
    """The parameters, less derived ones that no text (directly or through another derived one) shows.

    Drawn parameters all stay: each draw advances the learner's random sequence, so dropping one would change
    the values after it."""
    parameters: dict[str, Any] = data.get("parameters") or {}
    texts = json.dumps({key: value for key, value in data.items() if key != "parameters"}, default=str)
    needed = set(PLACEHOLDER.findall(texts))
    pending = list(needed)
    while pending:
        spec = parameters.get(pending.pop())
        if isinstance(spec, dict) and spec.get("type") == "derived":
            fresh = names_in(str(spec.get("expr", ""))) - needed
            needed |= fresh
            pending.extend(fresh)
    return {name: spec for name, spec in parameters.items() if _drawn(spec) or name in needed}


def _drawn(spec: Any) -> bool:
    return not (isinstance(spec, dict) and spec.get("type") == "derived")


def revealing_places(data: dict[str, Any]) -> Iterator[str]:
    """Where a scenario's data still holds something an exam copy must not (e.g. ``steps[3].key``)."""
    for index, step in enumerate(data.get("steps", [])):
        for name in sorted(REVEALING - KEPT_STEP_KEYS - {"outcome"}):
            if name in step:
                yield f"steps[{index}].{name}"
        for number, option in enumerate(step.get("options", [])):
            for name in sorted(REVEALING & set(option)):
                yield f"steps[{index}].options[{number}].{name}"

"""Exam copies carry no answer keys, points or feedback."""

from __future__ import annotations

import json

from simkit.scenarios.library import library_root
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.yamlsource import parse


def test_an_exam_copy_of_every_bundled_scenario_reveals_nothing() -> None:
    for path in sorted(library_root().glob("*.yaml")):
        data = parse(path).data
        stripped = json.dumps(strip_answers(data), ensure_ascii=False, default=str)
        for revealing in ('"points"', '"feedback"', '"correct"', '"key"', '"rubric"', '"case"'):
            assert revealing not in stripped, (path.name, revealing)
        for step in strip_answers(data)["steps"]:
            assert all("citations" not in option for option in step.get("options", []))


def test_ordering_items_are_not_left_in_their_correct_order() -> None:
    data = {
        "id": "x",
        "version": 1,
        "steps": [{"id": "o", "type": "ordering", "points": 1, "items": [{"id": f"i{n}"} for n in range(8)]}],
    }
    shuffled = [item["id"] for item in strip_answers(data)["steps"][0]["items"]]
    assert sorted(shuffled) == [f"i{n}" for n in range(8)] and shuffled != sorted(shuffled)
    assert data["steps"][0]["points"] == 1  # the original is untouched

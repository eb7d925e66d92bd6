"""The walk's two views of a step, where an answer leads (`ways_out`, `next_step`) and every way out (`targets`,
which the step graph and its checks read), agree for every step of the library and of its papers."""

from __future__ import annotations

import pytest

from simkit.scenarios import model
from simkit.scenarios.library import load_library
from simkit.scenarios.paper import practice_paper
from simkit.scenarios.walk import next_step, targets, ways_out

SCENARIOS = [scenario for _path, scenario in load_library().scenarios.values()]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.id)
def test_every_way_out_is_where_the_walk_leads_for_some_answer(scenario: model.Scenario) -> None:
    paper = practice_paper(scenario)
    for step in scenario.steps:
        if isinstance(step, model.SingleChoice):
            led = [(option, next_step(step, option.id)) for option in step.options]
            assert targets(step) == [(option, target) for option, target in led if target]
            assert [next_step(paper.step(step.id), option.id) for option in step.options] == [t for _o, t in led]
        else:
            assert ways_out(step)[0] == {}
            assert targets(step) == ([(None, step.next)] if getattr(step, "next", None) else [])
            assert next_step(step, "any answer") == getattr(step, "next", None)

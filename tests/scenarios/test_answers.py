"""The one check of an answer's form (simkit.scenarios.answers): what each question takes, what it refuses and
why, and that a scenario's step and the papers made of it (practice and exam) take the same answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from simkit.scenarios import AnswerError, check_answer, model
from simkit.scenarios.answers import MAX_TEXT, form_of
from simkit.scenarios.library import load_library
from simkit.scenarios.paper import Choice, Paper, PaperStep, practice_paper
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.yamlsource import parse

LIBRARY = load_library()
SCENARIOS = [(path, scenario) for path, scenario in LIBRARY.scenarios.values()]


def choices(*ids: str) -> list[Choice]:
    return [Choice(id=id_, text={"ru": id_}) for id_ in ids]


SINGLE = PaperStep(id="act", type="single_choice", options=choices("keep", "hand_over"))
MULTIPLE = PaperStep(id="who", type="multiple_choice", options=choices("wife", "son", "friend"))
ORDERING = PaperStep(id="order", type="ordering", items=choices("notify", "check", "decide"))
DATE = PaperStep(id="when", type="date")
NUMBER = PaperStep(id="amount", type="number")
PROVISION = PaperStep(id="rule", type="provision", choices=("law:50.1.17", "law:44.7"))
FREE_TEXT = PaperStep(id="why", type="free_text")


@pytest.mark.parametrize(
    ("step", "value", "stored"),
    [
        (SINGLE, "keep", "keep"),
        (MULTIPLE, ["son", "wife"], ["son", "wife"]),
        (MULTIPLE, [], []),  # "none of these" is an answer, scored as such
        (ORDERING, ["check", "notify", "decide"], ["check", "notify", "decide"]),
        (DATE, dt.date(2026, 3, 2), "2026-03-02"),  # the player's date picker
        (DATE, "2026-03-02", "2026-03-02"),
        (DATE, "20260302", "2026-03-02"),  # other ISO forms are stored in the one form
        (NUMBER, 12, 12.0),
        (NUMBER, -0.5, -0.5),
        (PROVISION, "law:44.7", "law:44.7"),
        (FREE_TEXT, " Сообщить руководителю. ", " Сообщить руководителю. "),
        (FREE_TEXT, "x" * MAX_TEXT, "x" * MAX_TEXT),
    ],
)
def test_an_answer_that_fits_is_stored_in_its_one_form(step: PaperStep, value: Any, stored: Any) -> None:
    assert check_answer(step, value) == stored


@pytest.mark.parametrize(
    ("step", "value", "reason"),
    [
        (SINGLE, "bribe", "choose one of the options (keep, hand_over), not 'bribe'"),
        (SINGLE, ["keep"], "not ['keep']"),
        (SINGLE, None, "not None"),
        (MULTIPLE, "son", "expected a list of the ids offered, not 'son'"),
        (MULTIPLE, ["son", 1], "expected a list of the ids offered"),
        (MULTIPLE, ["son", "uncle"], "the answer names an option that is not offered: uncle"),
        (MULTIPLE, ["son", "son"], "the answer names 'son' twice"),
        (ORDERING, ["check", "notify"], "put every item in the order: 2 of the 3 items are given"),
        (ORDERING, ["check", "notify", "notify"], "the answer names 'notify' twice"),
        (DATE, "02.03.2026", "pick a date: '02.03.2026' is not one (YYYY-MM-DD)"),
        (DATE, "2026-02-30", "pick a date"),
        (DATE, 20260302.0, "pick a date"),  # a number is no date, whatever its digits
        (DATE, dt.datetime(2026, 3, 2, 10, 0), "pick a date"),  # nor is a time
        (NUMBER, "12", "enter a number: '12' is not a finite one"),
        (NUMBER, True, "enter a number"),
        (NUMBER, float("nan"), "enter a number"),
        (NUMBER, float("inf"), "enter a number"),
        (NUMBER, 10**400, "enter a number"),  # beyond any float
        (PROVISION, "law:99.9", "choose a provision: 'law:99.9' is not one offered"),
        (FREE_TEXT, "", "write your answer"),
        (FREE_TEXT, " \n\t\u2003", "write your answer"),
        (FREE_TEXT, 5.0, "write your answer"),
        (FREE_TEXT, "x" * (MAX_TEXT + 1), f"the answer is longer than {MAX_TEXT} characters"),
        (PaperStep(id="news", type="info"), "ok", "step 'news' asks no question"),
    ],
)
def test_an_answer_that_does_not_fit_is_refused_with_what_is_wrong(step: PaperStep, value: Any, reason: str) -> None:
    with pytest.raises(AnswerError) as refused:
        check_answer(step, value)
    assert reason in str(refused.value)


def test_a_long_value_is_quoted_in_part() -> None:
    with pytest.raises(AnswerError) as refused:
        check_answer(SINGLE, "b" * 4000)
    assert "characters)" in str(refused.value) and len(str(refused.value)) < 300


@pytest.mark.parametrize(("path", "scenario"), SCENARIOS, ids=lambda item: getattr(item, "id", ""))
def test_a_scenario_and_its_papers_take_the_same_answers(path: Any, scenario: model.Scenario) -> None:
    exam = Paper.model_validate(strip_answers(parse(path).data))  # its ordering items are shuffled
    for paper in (practice_paper(scenario), exam):
        for step in scenario.steps:
            full, shown = form_of(step), form_of(paper.step(step.id))
            assert (full.type, full.known) == (shown.type, shown.known), step.id
            if not isinstance(step, model.Ordering):  # options are listed, and named in a reason, alike
                assert full.offered == shown.offered, step.id

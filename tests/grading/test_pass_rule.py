"""The pass rule is written once (`simkit.gradebook.results.passed`): the grader and a trainer's review in the
gradebook decide with it, on both sides of the pass mark."""

from __future__ import annotations

import pytest

from simkit.gradebook.results import passed


@pytest.mark.parametrize(
    ("score", "verdict"),
    [(70.0, True), (69.99, False), (100.0, True), (0.0, False), (69.99996, True), (69.99994, False)],
)
def test_a_score_at_the_pass_mark_passes_and_one_below_fails(score: float, verdict: bool) -> None:
    assert passed(score, 100.0, 70, pending=0) is verdict


def test_nothing_is_decided_while_an_answer_waits_for_review_or_without_a_pass_mark() -> None:
    assert passed(100.0, 100.0, 70, pending=1) is None
    assert passed(100.0, 100.0, None, pending=0) is None

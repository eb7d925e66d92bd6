"""A learner's way through one scenario, kept in the submission: no widgets here, so it is tested directly.

The way is never stored: it is walked again from the answers (each choice names where it leads), so reopening a
scenario resumes exactly where the learner stopped and the grader can walk it the same way.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simkit.scenarios import AnswerError, Scored, check_answer, model, score
from simkit.scenarios.paper import Paper, PaperStep
from simkit.scenarios.variants import Variant, seed_of
from simkit.scenarios.walk import next_step, path
from simkit.submissions import Answer, AnswerValue, ScenarioAnswers, now

Commit = Callable[[str, AnswerValue], ScenarioAnswers]  # saves one answer, returns the record as saved


class Marker:
    """Practice mode's feedback: the full scenario and the learner's variant. Exam mode has none."""

    def __init__(self, scenario: model.Scenario, variant: Variant) -> None:
        self.scenario, self.variant = scenario, variant

    def mark(self, step_id: str, value: AnswerValue) -> Scored:
        return score(self.scenario.step(step_id), value, self.variant)

    def case(self, step_id: str) -> model.CaseSpec | None:
        return self.scenario.step(step_id).case


def memory_commit(paper: Paper, record: ScenarioAnswers) -> Commit:
    """A commit that keeps answers in ``record`` only (the trainers' preview saves nothing)."""

    def commit(step_id: str, value: AnswerValue) -> ScenarioAnswers:
        record.answers.append(Answer(step=step_id, value=value, at=now()))
        if walk(paper, record).finished:
            record.finished_at = now()
        return record

    return commit


@dataclass
class Walked:
    steps: list[PaperStep]  # shown so far, the current one last
    current: PaperStep | None  # the question waiting for an answer; None when the scenario is over

    @property
    def finished(self) -> bool:
        return self.current is None


def walk(paper: Paper, record: ScenarioAnswers) -> Walked:
    """The learner's way so far (simkit.scenarios.walk), the question waiting for an answer last."""
    given = {answer.step: answer.value for answer in record.answers}
    steps: list[PaperStep] = []
    for step, answered in path(
        paper.first, paper.step, _asks, lambda step_id: (step_id in given, given.get(step_id)), len(paper.steps) + 1
    ):
        steps.append(step)
        if step.asks and not answered:
            return Walked(steps, step)
    return Walked(steps, None)


def _asks(step: PaperStep) -> bool:
    return step.asks


class ScenarioSession:
    """One scenario being played: answering saves at once and returns the feedback (practice) or None (exam)."""

    def __init__(
        self,
        paper: Paper,
        variant: Variant,
        record: ScenarioAnswers,
        commit: Commit,
        marker: Marker | None = None,
    ) -> None:
        self.paper, self.variant, self.record, self.commit, self.marker = paper, variant, record, commit, marker

    @property
    def walked(self) -> Walked:
        return walk(self.paper, self.record)

    def answer(self, step_id: str, value: Any) -> Scored | None:
        current = self.walked.current
        if current is None or current.id != step_id:
            raise AnswerError("this question is already answered")
        stored = check_answer(current, value)
        scored = self.marker.mark(step_id, stored) if self.marker else None
        self.record = self.commit(step_id, stored)
        return scored

    def feedback(self, step_id: str) -> Scored | None:
        """The feedback on an answer already given (practice mode), e.g. when a scenario is reopened."""
        if self.marker is None or not self.record.answered(step_id):
            return None
        try:
            return self.marker.mark(step_id, self.record.value_of(step_id))
        except AnswerError:
            return None

    def progress(self) -> tuple[int, int]:
        """(questions answered, questions on the way ahead if the first option is taken at each branch)."""
        walked = self.walked
        answered = sum(1 for step in walked.steps if step.asks and step is not walked.current)
        ahead, step = 0, walked.current
        while step is not None and ahead <= len(self.paper.steps):
            ahead += step.asks
            following = next_step(step, step.options[0].id if step.options else None)
            step = self.paper.step(following) if following else None
        return answered, answered + ahead

    def order(self, step: PaperStep) -> list[str]:
        """The order options (when the step shuffles) or ordering items are shown in, fixed per learner."""
        choices = [choice.id for choice in (step.items or step.options)]
        if step.items or step.shuffle:
            seed = seed_of(self.paper.id, self.paper.version, self.variant.course_seed, self.variant.learner)
            listed = list(choices)
            random.Random(f"{seed}:{step.id}").shuffle(choices)
            if step.items and choices == listed:  # an ordering shown already in order would give itself away
                choices = choices[1:] + choices[:1]
        return choices

"""What a learner's player sees of a scenario: the question paper, with no answer keys, points or feedback.

The player always shows a :class:`Paper`. In practice mode it is made from the full scenario, and a separate
marker gives feedback; in exam mode it is read from an exam copy (:func:`simkit.scenarios.strip.strip_answers`)
and there is nothing to mark with, so no correctness can leak into the learner's kernel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simkit.scenarios import model
from simkit.scenarios.strip import offered_citations, revealing_places
from simkit.scenarios.text import LANGUAGES, LocalText
from simkit.scenarios.validate import load_model
from simkit.scenarios.yamlsource import SourceError, parse

StepType = Literal[
    "single_choice", "multiple_choice", "ordering", "date", "number", "provision", "free_text", "info", "end"
]


class Shown(BaseModel):
    # Authoring keys the player has no use for (tolerances, scoring rules) are ignored, not refused.
    model_config = ConfigDict(extra="ignore", frozen=True)


class Choice(Shown):
    id: model.Identifier
    text: LocalText
    next: model.Identifier | None = None


class PaperStep(Shown):
    id: model.Identifier
    type: StepType
    prompt: LocalText | None = None
    outcome: LocalText | None = None
    citations: tuple[model.Citation, ...] = ()
    next: model.Identifier | None = None
    options: list[Choice] = Field(default_factory=list)
    items: list[Choice] = Field(default_factory=list)
    choices: tuple[model.Citation, ...] = ()
    unit: LocalText | None = None
    shuffle: bool = False
    audience_note: LocalText | None = None

    @property
    def asks(self) -> bool:
        return self.type not in ("info", "end")

    def text(self) -> LocalText | None:
        return self.outcome if self.type == "end" else self.prompt

    def option(self, option_id: str) -> Choice | None:
        return next((option for option in self.options if option.id == option_id), None)


class Paper(Shown):
    id: model.ScenarioId
    version: int = Field(ge=1)
    title: LocalText
    summary: LocalText
    minutes: int = Field(ge=1)
    parameters: dict[model.Identifier, model.Parameter] = Field(default_factory=dict)
    narrative: LocalText
    start: model.Identifier | None = None
    steps: list[PaperStep] = Field(min_length=1)

    @property
    def first(self) -> str:
        return self.start or self.steps[0].id

    def step(self, step_id: str) -> PaperStep:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def languages(self) -> tuple[str, ...]:
        """ru and en always; kk when the scenario's own texts have it."""
        texts = [self.title, self.narrative, *(step.text() for step in self.steps)]
        has_kazakh = any(text is not None and text.kk for text in texts)
        return tuple(lang for lang in LANGUAGES if lang != "kk" or has_kazakh)


def practice_paper(scenario: model.Scenario) -> Paper:
    """The paper of a full scenario, for practice mode (its keys stay with the marker)."""
    data = scenario.model_dump(mode="python", exclude_none=True)
    for step in data["steps"]:
        if step["type"] == "provision":
            step["choices"] = offered_citations(step)
    return Paper.model_validate(data)


def exam_paper(path: Path) -> Paper:
    """An exam copy read from ``path``; refuse a file that still holds answer keys or feedback."""
    try:
        source = parse(path)
    except SourceError as error:
        raise ValueError(f"{path}:{error.place.line}:{error.place.column}: {error}") from None
    if not isinstance(source.data, dict):
        raise ValueError(f"{path}: not a scenario (expected a mapping of keys)")
    if leaks := list(revealing_places(source.data)):
        raise ValueError(
            f"{path}: not an exam copy, it holds {', '.join(leaks[:3])}{' …' if len(leaks) > 3 else ''} "
            "(hint: release the course with `simkit release COURSE`)"
        )
    return load_model(path, Paper, source)

"""The scenario and course formats as typed models; the JSON Schema editors use is generated from them.

A scenario is metadata, parameters drawn per learner, a narrative, and a graph of steps: questions, branches
(single-choice options with their own ``next``), information steps showing consequences, and end steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from simkit.scenarios.text import LocalText

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ScenarioId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)]
Citation = Annotated[str, Field(description="A citation such as law:50.1.17 or code:9.15")]
Expression = Annotated[
    str, Field(description="A safe expression over parameters, e.g. gift_transfer_deadline(received)")
]
Points = Annotated[float, Field(ge=0, le=100)]
ReadingRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*(/[a-z][a-z0-9-]*)?$",
        max_length=130,
        description="An interpretation note's reading, note-id/reading-id (note-id alone for a note with one "
        "reading); see docs/interpretations.md.",
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Parameters: drawn per learner from declared ranges or choices, or derived through simkit.law.
class DateParameter(Strict):
    type: Literal["date"]
    between: tuple[dt.date, dt.date] = Field(description="First and last possible date, inclusive.")
    working_day: bool = Field(False, description="Draw only working days of Kazakhstan.")


class NumberParameter(Strict):
    type: Literal["number"]
    min: float
    max: float
    step: float = Field(1, gt=0)


class ChoiceParameter(Strict):
    type: Literal["choice"]
    options: list[LocalText | str | float | bool] = Field(min_length=1)


class NameParameter(Strict):
    type: Literal["name"]
    gender: Literal["any", "female", "male"] = "any"


class DerivedParameter(Strict):
    type: Literal["derived"]
    expr: Expression


Parameter = Annotated[
    DateParameter | NumberParameter | ChoiceParameter | NameParameter | DerivedParameter, Field(discriminator="type")
]


class ReadingUse(Strict):
    """A reading used with the reason this case reads the note otherwise than the rest of the library."""

    reading: ReadingRef
    because: LocalText = Field(description="Why this case differs; the validator lists it beside the others.")


Readings = Annotated[
    tuple[ReadingRef | ReadingUse, ...],
    Field(description="The interpretation notes this key relies on, as note-id/reading-id."),
]


class Alternative(Strict):
    """Another answer a tenable reading of the law makes right, scored as the trainer sets."""

    readings: tuple[ReadingRef, ...] = Field(
        min_length=1, description="The readings under which this answer is right (note-id/reading-id)."
    )
    points: Points | None = Field(None, description="Points for it (default: the step's points).")
    feedback: LocalText | None = Field(None, description="Shown for it: what the other reading says.")


class KeyFeedback(Strict):
    correct: LocalText | None = None
    incorrect: LocalText | None = None


class CaseSpec(Strict):
    """A disciplinary case for the simulation to play as a timeline; dates are expressions."""

    offence: Citation
    committed: Expression
    revealed: Expression
    suspensions: tuple[tuple[Expression, Expression], ...] = ()
    case_closed: Expression | None = None
    lower_vacancy: bool = True
    previous: tuple[tuple[Citation, Expression], ...] = Field(
        (), description="Earlier offences and their sanction dates."
    )
    meeting_interval_days: int | None = Field(
        None, ge=1, description="How often the disciplinary commission meets, for the simulation (default 14)."
    )


class StepBase(Strict):
    id: Identifier
    prompt: LocalText
    citations: tuple[Citation, ...] = ()
    next: Identifier | None = Field(None, description="The step that follows (not for end steps).")
    case: CaseSpec | None = None
    readings: Readings = ()
    audience_note: LocalText | None = Field(
        None,
        description="Why this step's key cites rules of another audience (a Code rule in a law case); shown to "
        "learners with the question.",
    )


class Option(Strict):
    id: Identifier
    text: LocalText
    points: Points = 0
    feedback: LocalText | None = None
    citations: tuple[Citation, ...] = ()
    next: Identifier | None = Field(None, description="Branch: the step this choice leads to.")
    readings: Readings = ()


class SingleChoice(StepBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)
    shuffle: bool = False


class MultiOption(Strict):
    id: Identifier
    text: LocalText
    correct: bool
    feedback: LocalText | None = None
    citations: tuple[Citation, ...] = ()
    readings: Readings = ()


class MultipleChoice(StepBase):
    type: Literal["multiple_choice"]
    options: list[MultiOption] = Field(min_length=2)
    points: Points
    scoring: Literal["partial", "all_or_nothing"] = "partial"
    shuffle: bool = True


class Item(Strict):
    id: Identifier
    text: LocalText


class KeyedStep(StepBase):
    """A question scored against one key, with feedback for a right and a wrong answer."""

    points: Points
    feedback: KeyFeedback | None = None


class Ordering(KeyedStep):
    type: Literal["ordering"]
    items: list[Item] = Field(min_length=2, description="The items in their correct order.")
    scoring: Literal["partial", "exact"] = "partial"


class ComputedAlternative(Alternative):
    key: Expression


class ProvisionAlternative(Alternative):
    key: list[Citation] = Field(min_length=1, description="Citations this reading makes right.")


class DateQuestion(KeyedStep):
    type: Literal["date"]
    key: Expression
    tolerance_days: int = Field(0, ge=0)
    alternatives: tuple[ComputedAlternative, ...] = Field(
        (), description="Dates other tenable readings give (e.g. a deadline moved to the next working day)."
    )


class NumberQuestion(KeyedStep):
    type: Literal["number"]
    key: Expression
    tolerance: float = Field(0, ge=0)
    unit: LocalText | None = None
    alternatives: tuple[ComputedAlternative, ...] = Field((), description="Numbers other tenable readings give.")


class ProvisionQuestion(KeyedStep):
    type: Literal["provision"]
    key: list[Citation] = Field(min_length=1, description="Citations accepted as correct.")
    choices: tuple[Citation, ...] = Field(
        (), description="Citations offered in the picker (the key and the alternatives are always offered)."
    )
    alternatives: tuple[ProvisionAlternative, ...] = Field(
        (), description="Citations other tenable readings make right."
    )


class RubricItem(Strict):
    text: LocalText
    points: Points


class FreeText(StepBase):
    type: Literal["free_text"]
    rubric: list[RubricItem] = Field(min_length=1)


class Info(StepBase):
    type: Literal["info"]


class End(Strict):
    id: Identifier
    type: Literal["end"]
    outcome: LocalText
    citations: tuple[Citation, ...] = ()
    case: CaseSpec | None = None


Step = Annotated[
    SingleChoice
    | MultipleChoice
    | Ordering
    | DateQuestion
    | NumberQuestion
    | ProvisionQuestion
    | FreeText
    | Info
    | End,
    Field(discriminator="type"),
]
QUESTION_TYPES = (SingleChoice, MultipleChoice, Ordering, DateQuestion, NumberQuestion, ProvisionQuestion, FreeText)
POINTED_TYPES = (MultipleChoice, Ordering, DateQuestion, NumberQuestion, ProvisionQuestion)


def options_of(step: Step) -> Sequence[Option | MultiOption]:
    """The options of a choice step (none for other steps)."""
    return step.options if isinstance(step, SingleChoice | MultipleChoice) else []


def items_of(step: Step) -> list[Item]:
    return step.items if isinstance(step, Ordering) else []


def alternatives_of(step: Step) -> tuple[ComputedAlternative, ...] | tuple[ProvisionAlternative, ...]:
    """The alternative answers of a date, number or provision step (none for other steps)."""
    return step.alternatives if isinstance(step, DateQuestion | NumberQuestion | ProvisionQuestion) else ()


def reading_ref(use: str | ReadingUse) -> str:
    return use.reading if isinstance(use, ReadingUse) else use


class Identified(Strict):
    """What scenarios and courses share: an id, a version (learners' variants depend on it) and a title."""

    id: ScenarioId
    version: int = Field(ge=1)
    title: LocalText


class Scenario(Identified):
    """One case scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="simkit scenario")
    summary: LocalText
    audience: Literal["law", "code", "both"] = Field(
        description="law: state servants under the Law 'On the civil service'; code: civil employees under the "
        "Code; both. A key may cite only its audience's instrument unless its step says why (audience_note)."
    )
    tags: tuple[str, ...] = ()
    difficulty: Literal["introductory", "intermediate", "advanced"] = "intermediate"
    minutes: int = Field(ge=1, le=240)
    parameters: dict[Identifier, Parameter] = Field(default_factory=dict)
    narrative: LocalText
    start: Identifier | None = Field(None, description="The first step (default: the first listed).")
    steps: list[Step] = Field(min_length=1)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def first(self) -> str:
        return self.start or self.steps[0].id


class Course(Identified):
    """A course: scenarios, pass mark, mode, attempts, and the legal rhythm it serves."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="simkit course")
    description: LocalText
    rhythm: Literal["onboarding", "advanced_training"] = Field(
        description="onboarding: the Code within three working days of entry (code:5); "
        "advanced_training: at least once every three years (law:34.2)."
    )
    mode: Literal["practice", "exam"]
    pass_mark: float = Field(ge=0, le=100, description="Percent of the maximum score needed to pass.")
    attempts: int = Field(1, ge=1, le=20)
    seed: int = Field(ge=0, description="Course seed: with the learner id, it fixes each learner's variant.")
    acknowledgement: bool = Field(
        False, description="Ends with the written acknowledgement of the Code (code:5, code:6)."
    )
    scenarios: list[ScenarioId] = Field(min_length=1)

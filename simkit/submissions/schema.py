"""The submission format as msgspec Structs: what the player writes and every reader decodes.

The Structs are mutable (the player appends answers and sets ``finished_at``) and untracked by the cycle
collector (a submission is a tree, never a cycle), which keeps decoding a whole course's answers cheap for grading.
Unknown fields are refused: a submission carries answers only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

import msgspec

from simkit.submissions.limits import MAX_ANSWER_CHARS, MAX_ANSWER_ITEMS

FORMAT: Final = 1
# Checked by msgspec as it decodes, at no cost a grader notices: a longer answer is refused, with its place.
Text = Annotated[str, msgspec.Meta(max_length=MAX_ANSWER_CHARS)]
AnswerValue = Text | float | Annotated[list[Text], msgspec.Meta(max_length=MAX_ANSWER_ITEMS)] | None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Record(msgspec.Struct, forbid_unknown_fields=True, gc=False, kw_only=True):  # kw_only: not inherited
    pass


class Answer(Record):
    step: str
    value: AnswerValue
    at: dt.datetime


class ScenarioAnswers(Record, kw_only=True):
    id: str
    version: int
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    answers: list[Answer] = []  # in the order given

    def value_of(self, step_id: str) -> Any:
        return next((answer.value for answer in self.answers if answer.step == step_id), None)

    def answered(self, step_id: str) -> bool:
        return any(answer.step == step_id for answer in self.answers)


class Acknowledgement(Record):
    """The written acknowledgement of the Code (code:5, code:6): the learner confirmed having read it."""

    confirmed: Annotated[bool, msgspec.Meta(extra_json_schema={"const": True})]
    signed_on: dt.date
    at: dt.datetime

    def __post_init__(self) -> None:
        # msgspec has no boolean literals; a decoding error raised here names the acknowledgement's place.
        if self.confirmed is not True:
            raise ValueError("confirmed must be true: an acknowledgement is only recorded once confirmed")


class Submission(Record, kw_only=True):
    format: Literal[1] = FORMAT
    learner: str
    course: str
    course_version: int
    mode: Literal["practice", "exam"]
    created_at: dt.datetime
    updated_at: dt.datetime
    scenarios: dict[str, ScenarioAnswers] = {}
    acknowledgement: Acknowledgement | None = None
    superseded: Annotated[
        list[ScenarioAnswers],
        msgspec.Meta(description="Answers to earlier versions of a scenario, kept when it was replayed."),
    ] = []

"""The learner's submission file: who, which course, which scenario versions, the answers and when.

It holds what the grader needs and nothing the grader must trust beyond the answers: no scores, no keys, no
correctness. Every answer is written at once through an atomic rename, so a dead kernel or a reloaded page
loses nothing; a damaged file is never overwritten, it is reported with its place.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simkit.files import atomic_write_text
from simkit.settings import submissions_root

FORMAT = 1
LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
NORMAL_LEARNER_ID = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
AnswerValue = str | float | list[str] | None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Answer(Record):
    step: str
    value: AnswerValue
    at: dt.datetime


class ScenarioAnswers(Record):
    id: str
    version: int
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    answers: list[Answer] = Field(default_factory=list)  # in the order given

    def value_of(self, step_id: str) -> Any:
        return next((answer.value for answer in self.answers if answer.step == step_id), None)

    def answered(self, step_id: str) -> bool:
        return any(answer.step == step_id for answer in self.answers)


class Acknowledgement(Record):
    """The written acknowledgement of the Code (code:5, code:6): the learner confirmed having read it."""

    confirmed: Literal[True]
    signed_on: dt.date
    at: dt.datetime


class Submission(Record):
    format: Literal[1] = FORMAT
    learner: str
    course: str
    course_version: int
    mode: Literal["practice", "exam"]
    created_at: dt.datetime
    updated_at: dt.datetime
    scenarios: dict[str, ScenarioAnswers] = Field(default_factory=dict)
    acknowledgement: Acknowledgement | None = None
    superseded: list[ScenarioAnswers] = Field(
        default_factory=list, description="Answers to earlier versions of a scenario, kept when it was replayed."
    )


def check_learner_id(learner: str) -> str:
    if not LEARNER_ID.match(learner):
        raise ValueError(
            f"{learner!r} is not a usable learner id (hint: letters, digits and . _ @ - only, up to 64 characters)"
        )
    return learner


def normalise_learner_id(text: str) -> str:
    """The one learner-id rule (a hub user name, $SIMKIT_LEARNER, the OS user): strip, Unicode NFKC, lower-case,
    then letters, digits and . _ @ - only, up to 64 characters, starting with a letter or digit."""
    learner = unicodedata.normalize("NFKC", text.strip()).lower()
    if not NORMAL_LEARNER_ID.match(learner):
        raise ValueError(
            f"{text!r} is not a usable learner id (hint: Latin letters, digits and . _ @ - only, up to 64 "
            "characters, starting with a letter or digit, e.g. ivanov.a)"
        )
    return learner


def submission_path(course_id: str, learner: str, root: Path | None = None) -> Path:
    return (root or submissions_root()) / course_id / f"{check_learner_id(learner)}.json"


def _place(text: str, error: json.JSONDecodeError) -> str:
    return f"line {error.lineno}, column {error.colno}: {error.msg}"


def read_submission(path: Path) -> Submission:
    """Read a submission; raise ValueError naming the file and the place of the damage."""
    hint = "(hint: the file is kept as it is; move it aside to start the course afresh)"
    try:
        text = path.read_text("utf-8")
        return Submission.model_validate_json(text)
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text {hint}") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        try:
            json.loads(text)
        except json.JSONDecodeError as decode:
            raise ValueError(f"{path}: damaged JSON at {_place(text, decode)} {hint}") from None
        raise ValueError(f"{path}: {where}: {first['msg']} {hint}") from None


def write_submission(path: Path, submission: Submission) -> None:
    atomic_write_text(path, submission.model_dump_json(indent=1) + "\n")

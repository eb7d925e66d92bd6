"""Where an enrolment's submission is saved: a file on the learner's server (offline courses, ``make run``), or the
gradebook through the grading service on a JupyterHub (``$SIMKIT_SERVICE_URL``).

Either way a change is applied to the submission as saved now and returns only once it is saved; a failure is
:class:`SaveFailed` with one line for the page, and nothing saved before is lost. The service store speaks HTTP
with the standard library only: the learner's kernel stays light (no database, no grader, no keys).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import msgspec

from simkit.player.changes import add_acknowledgement, add_answer, fresh_submission
from simkit.scenarios import model
from simkit.scenarios.paper import Paper
from simkit.submissions import (
    Acknowledgement,
    ScenarioAnswers,
    Submission,
    decode_submission,
    excerpt,
    normalise_learner_id,
    now,
    quoted,
    read_submission,
    submission_path,
    write_submission,
)
from simkit.submissions.limits import REASON_CHARS

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; one window per learner is then the rule
    fcntl = None  # type: ignore[assignment]

SERVICE_VARIABLE = "SIMKIT_SERVICE_URL"
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"
ANSWER_TIMEOUT_S = 10.0  # an answer is one small transaction; longer means the service is not there
SUBMIT_TIMEOUT_S = 30.0  # grading a whole course and issuing its certificate
Result = TypeVar("Result")


class SaveFailed(Exception):
    """The change was not saved: one line for the page; the learner can try again."""


@dataclass(frozen=True)
class Outcome:
    """An exam's result as the grading service recorded it on submit."""

    score: float
    max_score: float
    passed: bool | None  # None while free-text answers wait for a trainer
    pending_review: int
    certificate_code: str | None
    certificate_url: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        certificate = data.get("certificate") or {}
        return cls(
            float(data["score"]),
            float(data["max_score"]),
            data["passed"],
            int(data["pending_review"]),
            certificate.get("code"),
            certificate.get("url"),
        )


class SubmissionStore(Protocol):
    grades_on_submit: bool  # True: submitting grades at once; False: a trainer grades the saved answers

    def load(self) -> Submission | None: ...

    def answer(
        self, course: model.Course, paper: Paper, started_at: dt.datetime, step_id: str, value: Any
    ) -> Submission: ...

    def acknowledge(self, course: model.Course, today: dt.date | None = None) -> Submission: ...

    def submit(self) -> Outcome: ...

    def result(self) -> Outcome | None: ...


class FileStore:
    """The submission file, changed by read-modify-write under a lock and written atomically."""

    grades_on_submit = False

    def __init__(self, course_id: str, learner: str, root: Path | None = None) -> None:
        self.course_id, self.learner = course_id, normalise_learner_id(learner)
        self.path = submission_path(course_id, learner, root)

    def load(self) -> Submission | None:
        if not self.path.exists():
            return None
        submission = read_submission(self.path)
        if submission.learner != self.learner or submission.course != self.course_id:
            raise ValueError(
                f"{self.path}: belongs to {quoted(submission.learner)} in {quoted(submission.course)} "
                "(hint: the file is kept; move it aside to start afresh)"
            )
        return submission

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{self.path.name}.lock"), "a") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def change(self, course: model.Course, apply: Callable[[Submission], Result]) -> Submission:
        """Apply a change to the submission as it is on disk now, and save it before returning. A file that
        cannot be read or written is :class:`SaveFailed`, and left as it is; what ``apply`` refuses is raised."""
        try:
            with self._locked():
                submission = self._saved_or_fresh(course)
                apply(submission)
                submission.updated_at = now()
                self._write(submission)
        except OSError as error:  # the lock file's folder: not writable, or gone
            raise SaveFailed(f"{self.path.parent}: cannot be written: {error.strerror}") from None
        return submission

    def _saved_or_fresh(self, course: model.Course) -> Submission:
        try:
            return self.load() or fresh_submission(course, self.learner)
        except ValueError as damaged:  # one line naming the file and the damage; the file is never overwritten
            raise SaveFailed(str(damaged)) from None

    def _write(self, submission: Submission) -> None:
        try:
            write_submission(self.path, submission)
        except ValueError as too_big:
            raise SaveFailed(str(too_big)) from None

    def answer(
        self, course: model.Course, paper: Paper, started_at: dt.datetime, step_id: str, value: Any
    ) -> Submission:
        return self.change(course, lambda submission: add_answer(submission, paper, started_at, step_id, value))

    def acknowledge(self, course: model.Course, today: dt.date | None = None) -> Submission:
        return self.change(course, lambda submission: add_acknowledgement(submission, today))

    def submit(self) -> Outcome:
        raise SaveFailed("this course is graded by a trainer from the saved answers")

    def result(self) -> Outcome | None:
        return None


class ServiceStore:
    """The learner's submission in the gradebook, through the grading service, with the server's own hub token."""

    grades_on_submit = True

    def __init__(self, base_url: str, token: str, course_id: str, learner: str) -> None:
        self.base = base_url.rstrip("/") + "/"
        self.token, self.course_id, self.learner = token, course_id, normalise_learner_id(learner)
        self.latest: Submission | None = None

    @classmethod
    def from_environment(cls, course_id: str, learner: str) -> ServiceStore | None:
        """A service store when the hub gives this server the service's address, else None (files)."""
        url, token = os.environ.get(SERVICE_VARIABLE), os.environ.get(TOKEN_VARIABLE)
        return cls(url, token, course_id, learner) if url and token else None

    def _call(
        self, method: str, what: str, body: dict[str, Any] | None = None, timeout: float = ANSWER_TIMEOUT_S
    ) -> Any:
        return json.loads(self._raw(method, what, body, timeout))

    def _raw(self, method: str, what: str, body: dict[str, Any] | None, timeout: float) -> bytes:
        url = f"{self.base}api/courses/{self.course_id}/{what}"
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw: bytes = response.read()
                json.loads(raw)  # what is not JSON is refused here, as one line
                return raw
        except urllib.error.HTTPError as error:
            raise SaveFailed(_service_error(error)) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SaveFailed(f"the grading service cannot be reached ({reason}); try again in a moment") from None
        except ValueError:
            raise SaveFailed("the grading service answered something that is not JSON; try again") from None

    def load(self) -> Submission | None:
        try:
            found = self._raw("GET", "submission", None, ANSWER_TIMEOUT_S)
        except SaveFailed as failed:  # shown on the page as one line, like a damaged file
            raise ValueError(f"{self.course_id}: {failed}") from None
        submission = decode_submission(found, "the grading service's copy")  # Refused: a ValueError, one line
        if submission.learner != self.learner or submission.course != self.course_id:
            raise ValueError(f"the grading service sent {submission.learner!r}'s submission, not {self.learner!r}'s")
        self.latest = submission
        return submission

    def _current(self, course: model.Course) -> Submission:
        return self.latest or self.load() or fresh_submission(course, self.learner)

    def answer(
        self, course: model.Course, paper: Paper, started_at: dt.datetime, step_id: str, value: Any
    ) -> Submission:
        body = {
            "scenario": paper.id,
            "version": paper.version,
            "started_at": started_at.isoformat(),
            "step": step_id,
            "value": value,
        }
        saved = self._call("POST", "answers", body)
        submission = self._current(course)
        record = _convert(saved.get("scenario"), ScenarioAnswers)
        previous = submission.scenarios.get(record.id)
        if previous is not None and previous.version != record.version:
            submission.superseded.append(previous)
        submission.scenarios[record.id] = record
        self.latest = submission
        return submission

    def acknowledge(self, course: model.Course, today: dt.date | None = None) -> Submission:
        saved = self._call("POST", "acknowledgement", {})  # the service dates it by its own clock, never ours
        submission = self._current(course)
        submission.acknowledgement = _convert(saved.get("acknowledgement"), Acknowledgement)
        self.latest = submission
        return submission

    def submit(self) -> Outcome:
        return Outcome.from_json(self._call("POST", "submit", {}, timeout=SUBMIT_TIMEOUT_S))

    def result(self) -> Outcome | None:
        found = self._call("GET", "result")
        return None if found.get("score") is None else Outcome.from_json(found)


def _service_error(error: urllib.error.HTTPError) -> str:
    try:
        message = json.loads(error.read()).get("error")
    except (ValueError, AttributeError, OSError):
        message = None
    return (
        excerpt(str(message), REASON_CHARS)
        if message
        else f"the grading service refused it (HTTP {error.code}); try again"
    )


Converted = TypeVar("Converted")


def _convert(data: Any, kind: type[Converted]) -> Converted:
    """What the service sent back as saved; if it is not what was asked for, the change is not shown as saved."""
    try:
        return msgspec.convert(data, kind)
    except (msgspec.ValidationError, ValueError, TypeError):
        raise SaveFailed("the grading service answered in a form this player cannot read; reload the page") from None

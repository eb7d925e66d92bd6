"""The API learners' servers call, each call as the token's owner: their saved submission, an answer, the
acknowledgement of the Code, submitting, and the result. Trainers may read any learner's submission and result."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from simkit.gradebook.live import now
from simkit.law.clock import legal_today
from simkit.player.changes import NotWaiting, add_acknowledgement, add_answer, fresh_submission
from simkit.scenarios import AnswerError
from simkit.service.handlers import ApiHandler
from simkit.service.identity import Refusal, is_trainer, learner_of, named_learner
from simkit.service.submit import result_json, submit
from simkit.submissions import Submission, quoted
from simkit.submissions.times import plausible

ANSWER_FIELDS = frozenset({"scenario", "version", "started_at", "step", "value"})
ANSWER_HINT = '{"scenario": "gift-at-desk", "version": 1, "started_at": "2026-03-02T09:00:00Z", "step": …, "value": …}'


def _submission_json(submission: Submission) -> Any:
    return msgspec.to_builtins(submission)


class Learner(ApiHandler):
    def whose(self, learner: str | None) -> str:
        """The caller's own id, or another learner's for a trainer; B asking for A's answers is refused."""
        named = None if learner is None else named_learner(learner)
        if named is not None and is_trainer(self.caller):
            return named
        own = learner_of(self.caller)
        if named is not None and named != own:
            raise Refusal(403, "a learner sees only their own answers (a trainer's scope is needed for others')")
        return own


class SubmissionCall(Learner):
    async def get(self, course_id: str, learner: str | None = None) -> None:
        whose = self.whose(learner)
        bundle = self.state.courses.bundle(course_id)
        saved = await self.run(self.state.storage.submission, whose, course_id)
        self.send(_submission_json(saved or fresh_submission(bundle.course, whose)))


class ResultCall(Learner):
    async def get(self, course_id: str, learner: str | None = None) -> None:
        whose = self.whose(learner)
        self.state.courses.bundle(course_id)
        attempt = await self.run(self.state.storage.current_attempt, whose, course_id)
        self.send(result_json(attempt, self.state.prefix))


class AnswerCall(Learner):
    async def post(self, course_id: str) -> None:
        learner = learner_of(self.caller)
        course = self.state.courses.bundle(course_id).course
        body = self.body_object(ANSWER_FIELDS, ANSWER_HINT)
        missing = sorted(ANSWER_FIELDS - set(body))
        if missing:
            raise Refusal(400, f"missing {', '.join(missing)} (hint: {ANSWER_HINT})")
        scenario, version, step = body["scenario"], body["version"], body["step"]
        if not isinstance(scenario, str) or not isinstance(step, str) or type(version) is not int:
            raise Refusal(400, f"scenario and step are text, version a whole number (hint: {ANSWER_HINT})")
        paper = self.state.courses.paper(course_id, scenario, version)
        started_at = _started_at(body["started_at"])

        def apply(submission: Submission) -> Any:
            try:
                return add_answer(submission, paper, started_at, step, body["value"])
            except AnswerError as error:
                raise Refusal(409 if isinstance(error, NotWaiting) else 400, f"{scenario}/{step}: {error}") from None

        record = await self.run(
            self.state.storage.change, learner, course_id, lambda: fresh_submission(course, learner), apply
        )
        self.send({"scenario": msgspec.to_builtins(record)})


class AcknowledgementCall(Learner):
    async def post(self, course_id: str) -> None:
        learner = learner_of(self.caller)
        course = self.state.courses.bundle(course_id).course
        self.body_object(frozenset(), "send {}: the date is the service's own")
        if not course.acknowledgement:
            raise Refusal(400, f"the course {course_id!r} asks for no acknowledgement of the Code")
        signed = await self.run(
            self.state.storage.change,
            learner,
            course_id,
            lambda: fresh_submission(course, learner),
            lambda submission: add_acknowledgement(submission, today()),
        )
        self.send({"acknowledgement": msgspec.to_builtins(signed)})


class SubmitCall(Learner):
    async def post(self, course_id: str) -> None:
        learner = learner_of(self.caller)
        self.state.courses.bundle(course_id)
        self.body_object(frozenset(), "send {}: what is graded is what the gradebook holds")
        state = self.state
        self.send(await self.run(submit, state.storage, state.courses, learner, course_id, state.prefix))
        if state.passback is not None:  # the score, if the course was launched from a platform, goes now
            state.passback.kick()


def today() -> dt.date:
    """The acknowledgement's date: the day in Kazakhstan by the service's clock (note ``legal-day``), never the
    learner's machine."""
    return legal_today(now())


def _started_at(value: Any) -> dt.datetime:
    try:
        started = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise Refusal(400, f"started_at {quoted(value)} is not an ISO 8601 time (hint: 2026-03-02T09:00:00Z)") from None
    if started.tzinfo is None:
        started = started.replace(tzinfo=dt.UTC)
    service = now()
    # The page's clock is the learner's: a start it could not have seen (ahead of the service's clock, or before
    # simkit's courses) is the service's own time, which grading then takes as it is.
    return min(started.astimezone(dt.UTC), service) if plausible(started, service) else service

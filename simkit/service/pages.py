"""The trainers' page (each course's learners with their current result), the HR page (acknowledgements of the
Code and training records), and a certificate shown to its owner, trainers and HR. Server-rendered HTML, Russian
by default, English with ``?lang=en``, Kazakh with ``?lang=kk``, every value escaped."""

from __future__ import annotations

from typing import Any

from simkit.certificates import CertificateBook
from simkit.certificates.html import render_html
from simkit.certificates.model import certificate_languages
from simkit.gradebook import Gradebook
from simkit.gradebook.codes import MalformedCode, parse_code
from simkit.i18n import N_
from simkit.service.frame import page, words
from simkit.service.handlers import PageHandler
from simkit.service.identity import HR, TRAINER, Refusal, is_hr, is_trainer, learner_of, named_learner, require
from simkit.submissions import excerpt
from simkit.submissions.limits import MAX_ANSWER_CHARS
from simkit.templates import render


def _shown(value: Any) -> Any:
    """An answer as the page shows it: whole up to the longest answer intake takes, cut there and marked."""
    return excerpt(value, MAX_ANSWER_CHARS) if isinstance(value, str) else value


class TrainerPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, TRAINER, "the trainers' page")
        storage = self.state.storage
        results, answering = await self.run(lambda: (storage.course_results(), storage.in_progress()))
        body = render(
            "service/trainer.html",
            results=sorted(results.items()),
            answering=answering,
            t=words(self.lang),
            lang=self.lang,
            prefix=self.state.prefix,
        )
        self.finish(page(N_("pages.trainer"), body, self.lang))


class LearnerAnswersPage(PageHandler):
    async def get(self, course_id: str, learner: str) -> None:
        require(self.viewer, TRAINER, "a learner's answers")
        storage, learner = self.state.storage, named_learner(learner)

        def read() -> tuple[Any, list[dict[str, Any]]]:
            attempt = storage.current_attempt(learner, course_id)
            return attempt, [] if attempt is None else Gradebook(storage.engine).attempt_answers(attempt["id"])

        attempt, answers = await self.run(read)
        if attempt is None:
            raise Refusal(404, f"{learner!r} has no graded attempt at {course_id!r}")
        shown = [answer | {"value": _shown(answer["value"])} for answer in answers]
        body = render("service/answers.html", attempt=attempt, answers=shown, learner=learner, t=words(self.lang))
        self.finish(page(N_("pages.answers"), body, self.lang, title=f"{course_id}: {learner}"))


class HrPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, HR, "the HR page")
        records = await self.run(self.state.storage.records)
        self.finish(page(N_("pages.hr"), render("service/hr.html", records=records, t=words(self.lang)), self.lang))


class CertificatePage(PageHandler):
    async def get(self, code: str) -> None:
        try:
            stored = parse_code(code)
        except MalformedCode as error:
            raise Refusal(400, str(error)) from None
        found = await self.run(CertificateBook(self.state.storage.engine).find, stored)
        if found is None:
            raise Refusal(404, "no certificate with this code in the gradebook")
        if not (is_trainer(self.viewer) or is_hr(self.viewer)) and learner_of(self.viewer) != found.learner_id:
            raise Refusal(403, "a certificate is shown to its owner, trainers and HR")
        self.finish(render_html(found, certificate_languages(self.lang)))

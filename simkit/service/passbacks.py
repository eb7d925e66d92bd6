"""The trainers' page of grade passback (``trainer/passbacks``): the scores the learning platform has not taken
yet, pending (with their next try) and failed (with the platform's last answer). ``simkit lti send --again``
sends the failed ones once the cause is fixed (docs/lti.md)."""

from __future__ import annotations

from typing import Any

from simkit.lti.outbox import waiting
from simkit.service.frame import page
from simkit.service.handlers import PageHandler
from simkit.service.identity import TRAINER, require
from simkit.templates import render

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Оценки для учебной платформы", "Scores for the learning platform"),
    "none": ("Все оценки переданы платформе.", "Every score has reached the platform."),
    "summary": (
        "Ожидают отправки: {pending}; отклонены платформой: {failed}.",
        "Pending: {pending}; failed: {failed}.",
    ),
    "learner": ("Слушатель", "Learner"),
    "course": ("Курс", "Course"),
    "score": ("Результат", "Score"),
    "status": ("Состояние", "Status"),
    "pending": ("ожидает повтора", "to be tried again"),
    "failed": ("отклонена", "refused"),
    "tries": ("Попыток", "Tries"),
    "next": ("Следующая попытка", "Next try"),
    "error": ("Ответ платформы", "The platform's answer"),
    "again": (
        "Отклонённые оценки отправляются снова командой `simkit lti send --again`, когда причина устранена.",
        "Refused scores are sent again with `simkit lti send --again` once the cause is fixed.",
    ),
}


def _words(lang: str) -> Any:
    return lambda key: WORDS[key][lang == "en"]


class PassbacksPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, TRAINER, "the page of scores for the learning platform")
        rows: list[dict[str, Any]] = await self.run(waiting, self.state.storage.engine)
        words = _words(self.lang)
        pending = sum(row["status"] == "pending" for row in rows)
        body = render("service/passbacks.html", rows=rows, pending=pending, failed=len(rows) - pending, w=words)
        self.finish(page("trainer", body, self.lang, title=words("title")))

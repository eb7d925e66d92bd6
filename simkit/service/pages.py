"""The trainers' page (each course's learners with their current result), the HR page (acknowledgements of the
Code and training records), and a certificate shown to its owner, trainers and HR. Server-rendered HTML, Russian
by default, English with ``?lang=en``, every value escaped."""

from __future__ import annotations

from typing import Any

import jinja2

from simkit.certificates import CertificateBook
from simkit.certificates.codes import MalformedCode, parse_code
from simkit.certificates.html import render_html
from simkit.gradebook import Gradebook
from simkit.service.handlers import PageHandler
from simkit.service.identity import HR, TRAINER, Refusal, is_hr, is_trainer, learner_of, named_learner, require
from simkit.submissions import excerpt
from simkit.submissions.limits import MAX_ANSWER_CHARS

WORDS: dict[str, tuple[str, str]] = {
    "trainer": ("Результаты курсов", "Course results"),
    "hr": ("Ознакомление с Кодексом и обучение", "Acknowledgements of the Code and training"),
    "learner": ("Слушатель", "Learner"),
    "score": ("Результат", "Score"),
    "passed": ("Сдан", "Passed"),
    "when": ("Когда", "When"),
    "answers": ("Ответы", "Answers"),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
    "waiting": ("ждёт проверки", "awaiting review"),
    "waiting_count": ("Ждут проверки преподавателем", "Waiting for a trainer's review"),
    "answering": ("Проходят курс сейчас", "Answering now"),
    "nothing": ("Пока ничего не записано.", "Nothing recorded yet."),
    "scenario": ("Кейс", "Case"),
    "step": ("Вопрос", "Question"),
    "value": ("Ответ", "Answer"),
    "points": ("Баллы", "Points"),
    "name": ("Имя", "Name"),
    "organisation": ("Организация", "Organisation"),
    "acknowledged": ("Ознакомление с Кодексом (code:5)", "Acknowledged the Code (code:5)"),
    "trained": ("Пройденное обучение (law:34.2)", "Training completed (law:34.2)"),
    "report": (
        "Полный отчёт по штатному списку: notebooks/compliance.ipynb или `simkit roster`.",
        "The full roster report: notebooks/compliance.ipynb or `simkit roster`.",
    ),
    "error": ("Ошибка", "Error"),
    "other_lang": ("English", "Русский"),
}

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2433; }
table { border-collapse: collapse; margin: 8px 0 24px; } th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #eef2f7; text-align: left; } .passed-no { color: #b71c1c; } .passed-yes { color: #1b5e20; }
</style></head>
<body><nav><p>{% set other = 'en' if lang == 'ru' else 'ru' %}
<a href="?lang={{ other }}" lang="{{ other }}" hreflang="{{ other }}">{{ w('other_lang') }}</a></p></nav>
<main><h1>{{ title }}</h1>
{{ body }}
</main></body></html>
"""
)

PARTS = jinja2.Environment(autoescape=True)
TRAINER_BODY = PARTS.from_string(
    """{% for course, rows in results %}<section class="course" data-course="{{ course }}">
<h2>{{ rows[0].title or course }} <small>({{ course }})</small></h2>
<p>{{ w('waiting_count') }}: <b class="waiting">{{ rows | selectattr('pending_review') | list | length }}</b>
· {{ w('answering') }}: {{ answering.get(course, 0) }}</p>
<table><tr><th>{{ w('learner') }}</th><th>{{ w('score') }}</th><th>{{ w('passed') }}</th><th>{{ w('when') }}</th>
<th>{{ w('answers') }}</th></tr>
{% for row in rows %}<tr class="learner" data-learner="{{ row.learner_id }}"><td>{{ row.learner_id }}</td>
<td class="score">{{ '%g' % row.score }} / {{ '%g' % row.max_score }}</td>
<td class="passed-{{ 'yes' if row.passed else 'no' }}">
{{ w('waiting') if row.passed is none else w('yes' if row.passed else 'no') }}</td>
<td>{{ row.graded_at.strftime('%Y-%m-%d %H:%M') }} UTC</td>
<td><a href="{{ prefix }}trainer/{{ course | urlencode }}/{{ row.learner_id | urlencode }}?lang={{ lang }}">
{{ w('answers') }}</a></td></tr>
{% endfor %}</table></section>
{% else %}<p>{{ w('nothing') }}</p>{% endfor %}"""
)
ANSWERS_BODY = PARTS.from_string(
    """<p>{{ w('learner') }}: <b>{{ learner }}</b> ·
{{ w('score') }}: {{ '%g' % attempt.score }} / {{ '%g' % attempt.max_score }}</p>
<table><tr><th>{{ w('scenario') }}</th><th>{{ w('step') }}</th><th>{{ w('value') }}</th><th>{{ w('points') }}</th>
<th>{{ w('when') }}</th></tr>
{% for a in answers %}<tr><td>{{ a.scenario_id }}</td><td>{{ a.step_id }}</td><td>{{ a.value }}</td>
<td>{{ w('waiting') if a.points is none else '%g / %g' % (a.points, a.max_points) }}</td>
<td>{{ a.answered_at.strftime('%Y-%m-%d %H:%M') if a.answered_at.strftime is defined else a.answered_at }}</td></tr>
{% endfor %}</table>"""
)
HR_BODY = PARTS.from_string(
    """<p>{{ w('report') }}</p>
{% if records %}<table><tr><th>{{ w('learner') }}</th><th>{{ w('name') }}</th><th>{{ w('organisation') }}</th>
<th>{{ w('acknowledged') }}</th><th>{{ w('trained') }}</th></tr>
{% for r in records %}<tr class="learner" data-learner="{{ r.learner }}"><td>{{ r.learner }}</td>
<td>{{ r.name or '' }}</td>
<td>{{ r.organisation or '' }}</td>
<td>{% for a in r.ack %}{{ a.on }} ({{ a.course_id }}){% if not loop.last %}<br>{% endif %}{% endfor %}</td>
<td>{% for t in r.trained %}{{ t.on }} ({{ t.course_id }}, {{ '%g' % t.score }})
{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}</table>{% else %}<p>{{ w('nothing') }}</p>{% endif %}"""
)


def _shown(value: Any) -> Any:
    """An answer as the page shows it: whole up to the longest answer intake takes, cut there and marked."""
    return excerpt(value, MAX_ANSWER_CHARS) if isinstance(value, str) else value


def _words(lang: str) -> Any:
    return lambda key: WORDS[key][lang == "en"]


def page(title_key: str, body: str, lang: str, title: str | None = None) -> str:
    w = _words(lang)
    return TEMPLATE.render(lang=lang, title=title or w(title_key), body=jinja2.utils.markupsafe.Markup(body), w=w)


def error_page(status: int, message: str, lang: str) -> str:
    body = jinja2.utils.markupsafe.escape(message)
    return page("error", f"<p class='error'>{body}</p>", lang, title=f"{_words(lang)('error')} {status}")


class TrainerPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, TRAINER, "the trainers' page")
        storage = self.state.storage
        results, answering = await self.run(lambda: (storage.course_results(), storage.in_progress()))
        body = TRAINER_BODY.render(
            results=sorted(results.items()),
            answering=answering,
            w=_words(self.lang),
            lang=self.lang,
            prefix=self.state.prefix,
        )
        self.finish(page("trainer", body, self.lang))


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
        body = ANSWERS_BODY.render(attempt=attempt, answers=shown, learner=learner, w=_words(self.lang))
        self.finish(page("answers", body, self.lang, title=f"{course_id}: {learner}"))


class HrPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, HR, "the HR page")
        records = await self.run(self.state.storage.records)
        self.finish(page("hr", HR_BODY.render(records=records, w=_words(self.lang)), self.lang))


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
        self.finish(render_html(found))

"""The trainers' page (each course's learners with their current result), the HR page (acknowledgements of the
Code and training records), and a certificate shown to its owner, trainers and HR. Server-rendered HTML, Russian
by default, English with ``?lang=en``, Kazakh with ``?lang=kk``, every value escaped."""

from __future__ import annotations

from typing import Any

import jinja2
import markupsafe

from simkit.certificates import CertificateBook
from simkit.certificates.codes import MalformedCode, parse_code
from simkit.certificates.html import render_html
from simkit.certificates.model import certificate_languages
from simkit.gradebook import Gradebook
from simkit.i18n import LANGUAGE_NAMES, N_, t
from simkit.service.handlers import PageHandler
from simkit.service.identity import HR, TRAINER, Refusal, is_hr, is_trainer, learner_of, named_learner, require
from simkit.submissions import excerpt
from simkit.submissions.limits import MAX_ANSWER_CHARS

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2433; }
table { border-collapse: collapse; margin: 8px 0 24px; } th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #eef2f7; text-align: left; } .passed-no { color: #b71c1c; } .passed-yes { color: #1b5e20; }
</style></head>
<body><nav><p>{% for code, name in languages if code != lang %}
<a href="?lang={{ code }}" lang="{{ code }}" hreflang="{{ code }}">{{ name }}</a>
{% endfor %}</p></nav>
<main><h1>{{ title }}</h1>
{{ body }}
</main></body></html>
"""
)

PARTS = jinja2.Environment(autoescape=True)
TRAINER_BODY = PARTS.from_string(
    """{% for course, rows in results %}<section class="course" data-course="{{ course }}">
<h2>{{ rows[0].title or course }} <small>({{ course }})</small></h2>
<p>{{ t('pages.waiting_count') }}: <b class="waiting">{{ rows | selectattr('pending_review') | list | length }}</b>
· {{ t('pages.answering') }}: {{ answering.get(course, 0) }}</p>
<table><tr><th>{{ t('pages.learner') }}</th><th>{{ t('pages.score') }}</th><th>{{ t('pages.passed') }}</th>
<th>{{ t('pages.when') }}</th><th>{{ t('pages.answers') }}</th></tr>
{% for row in rows %}<tr class="learner" data-learner="{{ row.learner_id }}"><td>{{ row.learner_id }}</td>
<td class="score">{{ '%g' % row.score }} / {{ '%g' % row.max_score }}</td>
<td class="passed-{{ 'yes' if row.passed else 'no' }}">
{{ t('pages.waiting') if row.passed is none else t('pages.yes') if row.passed else t('pages.no') }}</td>
<td>{{ row.graded_at.strftime('%Y-%m-%d %H:%M') }} UTC</td>
<td><a href="{{ prefix }}trainer/{{ course | urlencode }}/{{ row.learner_id | urlencode }}?lang={{ lang }}">
{{ t('pages.answers') }}</a></td></tr>
{% endfor %}</table></section>
{% else %}<p>{{ t('pages.nothing') }}</p>{% endfor %}"""
)
ANSWERS_BODY = PARTS.from_string(
    """<p>{{ t('pages.learner') }}: <b>{{ learner }}</b> ·
{{ t('pages.score') }}: {{ '%g' % attempt.score }} / {{ '%g' % attempt.max_score }}</p>
<table><tr><th>{{ t('pages.scenario') }}</th><th>{{ t('pages.step') }}</th><th>{{ t('pages.value') }}</th>
<th>{{ t('pages.points') }}</th><th>{{ t('pages.when') }}</th></tr>
{% for a in answers %}<tr><td>{{ a.scenario_id }}</td><td>{{ a.step_id }}</td><td>{{ a.value }}</td>
<td>{{ t('pages.waiting') if a.points is none else '%g / %g' % (a.points, a.max_points) }}</td>
<td>{{ a.answered_at.strftime('%Y-%m-%d %H:%M') if a.answered_at.strftime is defined else a.answered_at }}</td></tr>
{% endfor %}</table>"""
)
HR_BODY = PARTS.from_string(
    """<p>{{ t('pages.report') }}</p>
{% if records %}<table><tr><th>{{ t('pages.learner') }}</th><th>{{ t('pages.name') }}</th>
<th>{{ t('pages.organisation') }}</th><th>{{ t('pages.acknowledged') }}</th><th>{{ t('pages.trained') }}</th></tr>
{% for r in records %}<tr class="learner" data-learner="{{ r.learner }}"><td>{{ r.learner }}</td>
<td>{{ r.name or '' }}</td>
<td>{{ r.organisation or '' }}</td>
<td>{% for a in r.ack %}{{ a.on }} ({{ a.course_id }}){% if not loop.last %}<br>{% endif %}{% endfor %}</td>
<td>{% for t in r.trained %}{{ t.on }} ({{ t.course_id }}, {{ '%g' % t.score }})
{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}</table>{% else %}<p>{{ t('pages.nothing') }}</p>{% endif %}"""
)


def _shown(value: Any) -> Any:
    """An answer as the page shows it: whole up to the longest answer intake takes, cut there and marked."""
    return excerpt(value, MAX_ANSWER_CHARS) if isinstance(value, str) else value


def _words(lang: str) -> Any:
    """The templates' lookup, ``{{ t("pages.…") }}``: the interface catalogue's words in the page's language."""
    return lambda key: t(key, lang)


def page(title_key: str, body: str, lang: str, title: str | None = None) -> str:
    w = _words(lang)
    body_markup = markupsafe.Markup(body)
    languages = LANGUAGE_NAMES.items()
    return TEMPLATE.render(lang=lang, title=title or w(title_key), body=body_markup, t=w, languages=languages)


def error_page(status: int, message: str, lang: str) -> str:
    body = markupsafe.escape(message)
    return page(N_("pages.error"), f"<p class='error'>{body}</p>", lang, title=f"{t('pages.error', lang)} {status}")


class TrainerPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, TRAINER, "the trainers' page")
        storage = self.state.storage
        results, answering = await self.run(lambda: (storage.course_results(), storage.in_progress()))
        body = TRAINER_BODY.render(
            results=sorted(results.items()),
            answering=answering,
            t=_words(self.lang),
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
        body = ANSWERS_BODY.render(attempt=attempt, answers=shown, learner=learner, t=_words(self.lang))
        self.finish(page(N_("pages.answers"), body, self.lang, title=f"{course_id}: {learner}"))


class HrPage(PageHandler):
    async def get(self) -> None:
        require(self.viewer, HR, "the HR page")
        records = await self.run(self.state.storage.records)
        self.finish(page(N_("pages.hr"), HR_BODY.render(records=records, t=_words(self.lang)), self.lang))


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

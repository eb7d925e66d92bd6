"""The HTML templates escape what a learner (or a roster, or a file) put in them: each template that shows such a
value is rendered with a script in it, which must come out as text. Only HTML simkit made itself is marked safe."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import Any

import jinja2
import pytest

from simkit.grading.statistics import QuestionStatistics
from simkit.grading.statistics_options import OptionCount
from simkit.grading.statistics_report import question_html
from simkit.i18n import t
from simkit.richtext.html import error_html, html_table
from simkit.templates import environment, fragment, render

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
WHEN = dt.datetime(2026, 3, 1, 10, 5)
# What a template may print unescaped: HTML simkit made (Markdown it rendered, fragments of other templates, the
# player's style sheet), never a value someone typed.
SAFE = {
    "code_text",
    "description",
    "editors_notes",
    "feedback",
    "item.feedback",
    "item.prompt",
    "item.quoted_note",
    "item.readings",
    "provision",
    "question",
    "quoted_note",
    "readings",
    "style",
}


def template_names() -> list[str]:
    return sorted(environment().list_templates(extensions=["html"]))


def words(lang: str = "en") -> Any:
    return lambda key: t(key, lang)


def test_every_template_compiles_and_is_package_data() -> None:
    names = template_names()
    assert "certificates/certificate.html" in names and "grading/feedback.html" in names
    for name in names:
        environment().get_template(name)
        assert resources.files("simkit.templates").joinpath(name).is_file()


def test_values_are_escaped_and_a_misspelt_name_fails() -> None:
    assert render("player/error.html", message=SCRIPT) == f"<p class='simkit-error'>{ESCAPED}</p>"
    with pytest.raises(jinja2.UndefinedError):
        render("player/error.html")


@pytest.mark.parametrize("name", template_names())
def test_only_html_simkit_made_is_marked_safe(name: str) -> None:
    source = resources.files("simkit.templates").joinpath(name).read_text("utf-8")
    assert set(re.findall(r"\{\{-?\s*([\w.]+)\s*\|\s*safe", source)) <= SAFE


def service_pages() -> dict[str, str]:
    row = {
        "learner_id": SCRIPT,
        "score": 7.5,
        "max_score": 10.0,
        "passed": True,
        "pending_review": 0,
        "graded_at": WHEN,
        "title": SCRIPT,
    }
    answer = {
        "scenario_id": "gift",
        "step_id": "q",
        "value": SCRIPT,
        "points": None,
        "max_points": 2.0,
        "answered_at": WHEN,
    }
    record = {
        "learner": SCRIPT,
        "name": SCRIPT,
        "organisation": SCRIPT,
        "ack": [{"on": dt.date(2026, 1, 2), "course_id": "onboarding"}],
        "trained": [],
    }
    passback = {
        "status": "failed",
        "learner_id": SCRIPT,
        "course_id": "c",
        "score": 1,
        "max_score": 2,
        "tries": 1,
        "next_try_at": WHEN,
        "last_error": SCRIPT,
    }
    passback_words = lambda key: key  # noqa: E731
    return {
        "trainer": render(
            "service/trainer.html", results=[("c", [row])], answering={}, t=words(), lang="en", prefix="/"
        ),
        "answers": render(
            "service/answers.html", attempt={"score": 1, "max_score": 2}, answers=[answer], learner=SCRIPT, t=words()
        ),
        "hr": render("service/hr.html", records=[record], t=words()),
        "passbacks": render("service/passbacks.html", rows=[passback], pending=0, failed=1, w=passback_words),
        "page": render("service/page.html", lang="en", title=SCRIPT, body="", t=words(), languages=[]),
        "error": render("service/error.html", message=SCRIPT),
    }


def player_fragments() -> dict[str, str]:
    unknown = OptionCount(SCRIPT, SCRIPT, False, 1, 50.0, (SCRIPT,))  # an answer no option has: the learner's
    question = QuestionStatistics("gift", 1, "q", "single_choice", "Prompt", (), 2, 0, 2.0, 50.0, 1.0, 50.0, 10.0, ())
    return {
        "signed in": fragment("player/home.html", "signed_in", words="Signed in as", learner=SCRIPT, change=""),
        "no learner": fragment("player/home.html", "no_learner", words="No learner", problem=SCRIPT),
        "course error": fragment("player/home.html", "course_error", course_id="c", error=SCRIPT),
        "table": html_table(["learner"], [[SCRIPT]]),
        "ordering": fragment("player/controls.html", "ordered_item", number=1, label=SCRIPT),
        "error": error_html(SCRIPT),
        "statistics": question_html(QuestionStatistics(**{**question.__dict__, "options": (unknown,)}), "en"),
        "history": render(
            "compliance/histories.html",
            as_of=dt.date(2026, 6, 1),
            count=1,
            readings=[],
            header=["name"],
            learners=[(SCRIPT, [[SCRIPT]])],
            more=0,
        ),
    }


@pytest.mark.parametrize(("page", "html"), [*service_pages().items(), *player_fragments().items()])
def test_what_someone_typed_is_printed_as_text(page: str, html: str) -> None:
    assert "<script" not in html, page
    assert ESCAPED in html, page

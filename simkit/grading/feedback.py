"""Per-learner feedback reports: each answer beside the right one, the points, the scenario's feedback and the
cited provisions with their Russian and English text. HTML from a Jinja template
(simkit/templates/grading/feedback.html), written atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from simkit.files import atomic_write_text
from simkit.gradebook.results import GradedSubmission, ScoredAnswer
from simkit.grading.grader import CourseKey
from simkit.i18n import N_, t, translated
from simkit.richtext.html import STYLE, markdown_html, provision_html, readings_html, verdict
from simkit.scenarios import answer_key, model, score
from simkit.scenarios.text import LocalText, format_value
from simkit.scenarios.variants import Variant, make_variant
from simkit.submissions import excerpt
from simkit.submissions.limits import MAX_ANSWER_CHARS
from simkit.templates import render

WORDS = {
    "title": N_("feedback.title"),
    "answer": N_("feedback.answer"),
    "right": N_("feedback.right"),
    "points": N_("feedback.points"),
    "review": N_("feedback.review"),
    "total": N_("feedback.total"),
    "passed": N_("feedback.passed"),
    "failed": N_("feedback.failed"),
    "pending": N_("feedback.pending"),
    "none": N_("feedback.none"),
}


def _shown(step: model.Step, value: Any, variant: Variant, lang: str) -> str:
    """An answer as the learner saw it: option texts for ids, dates written for the language."""
    texts = {choice.id: choice.text for choice in [*model.options_of(step), *model.items_of(step)]}
    values = value if isinstance(value, list) else [value]
    shown = []
    for item in values:
        if isinstance(item, dt.date):
            shown.append(format_value(item, lang))
        elif isinstance(item, str) and item in texts:
            shown.append(variant.render(texts[item], lang))
        elif isinstance(item, LocalText):
            shown.append(variant.render(item, lang))
        elif isinstance(step, model.DateQuestion) and isinstance(item, str):
            shown.append(format_value(dt.date.fromisoformat(item), lang))
        else:
            shown.append(excerpt(str(item), MAX_ANSWER_CHARS) if item is not None else t(WORDS["none"], lang))
    return "; ".join(shown)


def _item(key: CourseKey, answer: ScoredAnswer, variant: Variant, lang: str) -> dict[str, Any]:
    step = key.scenarios[answer.scenario_id].scenario.step(answer.step_id)
    scored = score(step, answer.value, variant)
    right = answer_key(step, variant)
    points = t(WORDS["review"], lang) if answer.points is None else f"{answer.points:g} / {answer.max_points:g}"
    return {
        "prompt": markdown_html(variant.render(step.prompt, lang)),  # type: ignore[union-attr]
        "given": _shown(step, answer.value, variant, lang),
        "right": _shown(step, right, variant, lang),
        "points": points,
        "verdict": verdict(scored),
        "feedback": markdown_html(variant.render(scored.feedback, lang)) if scored.feedback else "",
        "provisions": [provision_html(citation, lang) for citation in scored.citations],
        "readings": readings_html(scored, lang),
    }


def render_feedback(key: CourseKey, graded: GradedSubmission, lang: str = "ru") -> str:
    words = translated(WORDS, lang)
    scenarios = []
    for scenario_id, scenario_key in key.scenarios.items():
        answers = [answer for answer in graded.answers if answer.scenario_id == scenario_id]
        if not answers:
            continue
        variant = make_variant(scenario_key.scenario, key.course.seed, graded.learner)
        title = scenario_key.scenario.title.get(lang)
        scenarios.append({"title": title, "items": [_item(key, answer, variant, lang) for answer in answers]})
    verdict = {True: words["passed"], False: words["failed"], None: words["pending"]}[graded.passed]
    return render(
        "grading/feedback.html",
        lang=lang,
        words=words,
        style=STYLE,
        course=key.course.title.get(lang),
        learner=graded.learner,
        total=f"{graded.score:g}",
        maximum=f"{graded.max_score:g}",
        verdict=verdict,
        scenarios=scenarios,
    )


def write_feedback(key: CourseKey, graded: list[GradedSubmission], out: Path, lang: str = "ru") -> list[Path]:
    written = []
    for submission in graded:
        path = out / key.course.id / f"{submission.learner}.{lang}.html"
        atomic_write_text(path, render_feedback(key, submission, lang))
        written.append(path)
    return written

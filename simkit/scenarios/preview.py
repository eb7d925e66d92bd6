"""One learner's variant of a scenario as Markdown, with its answer key, for trainers to review."""

from __future__ import annotations

from typing import Any

from simkit import law
from simkit.i18n import N_, translated
from simkit.law.glossary import sanction_label
from simkit.scenarios import graph, model
from simkit.scenarios.checks import case_dates
from simkit.scenarios.scoring import alternative_keys, answer_key
from simkit.scenarios.text import LocalText, format_value
from simkit.scenarios.variants import Variant

HEADINGS = {
    "key": N_("preview.key"),
    "points": N_("preview.points"),
    "max": N_("preview.max"),
    "case": N_("preview.case"),
    "deadline": N_("preview.deadline"),
    "sanction": N_("preview.sanction"),
    "next": N_("preview.next"),
    "rubric": N_("preview.rubric"),
    "also": N_("preview.also"),
    "readings": N_("preview.readings"),
}


def _words(lang: str) -> dict[str, str]:
    return translated(HEADINGS, lang)


def render_preview(scenario: model.Scenario, variant: Variant, lang: str) -> str:
    words = _words(lang)
    lines = [
        f"# {scenario.title.get(lang)}",
        "",
        f"*{scenario.id} v{scenario.version} · learner {variant.learner} · "
        f"course seed {variant.course_seed} · {words['max']}: {graph.max_score(scenario):g}*",
        "",
        variant.render(scenario.narrative, lang).strip(),
        "",
    ]
    order = graph.reachable(scenario)
    for step in sorted(scenario.steps, key=lambda step: order.index(step.id) if step.id in order else len(order)):
        lines += _step(step, variant, lang)
    return "\n".join(lines).rstrip() + "\n"


def _step(step: model.Step, variant: Variant, lang: str) -> list[str]:
    words = _words(lang)
    text = step.outcome if isinstance(step, model.End) else step.prompt
    lines = [f"## `{step.id}` ({step.type})", "", variant.render(text, lang).strip(), ""]
    for option in model.options_of(step):
        mark = _option_mark(option)
        next_id = getattr(option, "next", None)  # a multiple choice's options lead nowhere of their own
        target = f" → `{next_id}`" if next_id else ""
        lines.append(f"- {mark} **{option.id}**: {variant.render(option.text, lang)}{target}")
        if option.feedback:
            lines.append(f"  - *{variant.render(option.feedback, lang)}*")
    if isinstance(step, model.Ordering):
        lines += [f"{number}. {variant.render(item.text, lang)}" for number, item in enumerate(step.items, 1)]
    if isinstance(step, model.ProvisionQuestion):
        alternative = [citation for other in step.alternatives for citation in other.key]
        offered = list(dict.fromkeys([*step.choices, *step.key, *alternative]))
        lines += [f"- {'(key) ' if citation in step.key else ''}{citation}" for citation in offered]
    if isinstance(step, model.FreeText):
        lines += [f"- {words['rubric']}: {variant.render(item.text, lang)} ({item.points:g})" for item in step.rubric]
    if isinstance(step, model.QUESTION_TYPES):
        lines += [
            "",
            f"**{words['key']}:** {_key_text(answer_key(step, variant), lang, variant)} "
            f"({words['points']}: {graph.step_max_points(step):g})",
        ]
        lines += _alternatives(step, variant, lang)
    if step.citations:
        lines += ["", f"{', '.join(step.citations)}"]
    if step.case is not None:
        lines += ["", *_case(step.case, variant, lang)]
    next_id = getattr(step, "next", None)
    if next_id:
        lines += ["", f"→ {words['next']}: `{next_id}`"]
    return [*lines, ""]


def _alternatives(step: model.Step, variant: Variant, lang: str) -> list[str]:
    """The readings a key relies on and the answers other tenable readings give, with their points."""
    words, lines = _words(lang), []
    if readings := [model.reading_ref(use) for use in getattr(step, "readings", ())]:
        lines.append(f"{words['readings']}: {', '.join(readings)}")
    computed = (
        alternative_keys(step, variant.values, answer_key(step, variant))
        if isinstance(step, model.DateQuestion | model.NumberQuestion)
        else [other.key for other in model.alternatives_of(step)]
    )
    for other, key in zip(model.alternatives_of(step), computed, strict=True):
        points = step.points if other.points is None else other.points  # type: ignore[union-attr]
        lines.append(
            f"- {words['also']} ({', '.join(other.readings)}): {_key_text(key, lang, variant)} "
            f"({words['points']}: {points:g})"
        )
    return lines


def _option_mark(option: Any) -> str:
    if isinstance(option, model.MultiOption):
        return "[x]" if option.correct else "[ ]"
    return f"({option.points:g})"


def _key_text(key: Any, lang: str, variant: Variant) -> str:
    if isinstance(key, list):
        return "; ".join(_key_text(item, lang, variant) for item in key)
    if isinstance(key, LocalText):
        return variant.render(key, lang)
    return format_value(key, lang)


def _case(case: model.CaseSpec, variant: Variant, lang: str) -> list[str]:
    words = _words(lang)
    dates = case_dates(case, dict(variant.values))
    offence = law.offence(case.offence)
    deadline = law.imposition_deadline(
        committed=dates["committed"],
        revealed=dates["revealed"],
        discrediting=offence.discrediting,
        suspensions=dates["suspensions"],
        case_closed=dates["case_closed"],
    )
    sanction = law.sanction(
        case.offence, lower_vacancy=case.lower_vacancy, previous=dates["previous"], committed=dates["committed"]
    )
    return [
        f"**{words['case']}:** {case.offence}; {format_value(dates['committed'], lang)} → "
        f"{format_value(dates['revealed'], lang)}; {words['deadline']}: {format_value(deadline, lang)}; "
        f"{words['sanction']}: {sanction_label(sanction.kind, lang)} ({', '.join(sanction.basis)})"
    ]

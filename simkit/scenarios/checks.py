"""Semantic checks of a scenario that parsed and fits the schema: citations, the step graph, texts, answer keys.

Each check yields (key path, code, message, hint, level); the validator turns paths into file, line and column.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from simkit import law
from simkit.scenarios import graph, model
from simkit.scenarios.expressions import ExpressionError, compile_expression, evaluate, names_in
from simkit.scenarios.scoring import answer_key
from simkit.scenarios.text import LANGUAGES, REQUIRED_LANGUAGES, LocalText
from simkit.scenarios.variants import PLACEHOLDER, make_variant

KeyPath = tuple[str | int, ...]
Finding = tuple[KeyPath, str, str, str, str]  # path, code, message, hint, level
SAMPLE_LEARNERS = ("sample-1", "sample-2", "sample-3")
TEXT_KEYS = frozenset(LANGUAGES)


def walk(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every value inside a model, with its key path (the same path as in the YAML file)."""
    yield path, value
    if isinstance(value, BaseModel) and not isinstance(value, LocalText):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))


def citation_paths(scenario: model.Scenario, *, with_paths: bool = True) -> Iterator[tuple[KeyPath, str]]:
    """Every citation a scenario writes, with its key path (an empty path when ``with_paths`` is false)."""
    for index, step in enumerate(scenario.steps):
        base: KeyPath = ("steps", index) if with_paths else ()
        groups: list[tuple[KeyPath, tuple[str, ...]]] = [((*base, "citations"), step.citations)]
        groups += [
            ((*base, "options", at, "citations"), option.citations) for at, option in enumerate(model.options_of(step))
        ]
        if isinstance(step, model.ProvisionQuestion):
            groups += [((*base, "key"), tuple(step.key)), ((*base, "choices"), step.choices)]
        for path, citations in groups:
            for at, citation in enumerate(citations):
                yield ((*path, at) if with_paths else ()), citation
        if step.case is not None:
            yield (*base, "case", "offence"), step.case.offence
            yield from (((*base, "case", "previous", at, 0), cite) for at, (cite, _) in enumerate(step.case.previous))


def check_citations(scenario: model.Scenario) -> Iterator[Finding]:
    bundled = law.citations.bundled()
    if all(citation in bundled for _path, citation in citation_paths(scenario, with_paths=False)):
        return
    for path, citation in citation_paths(scenario):
        if citation in bundled:
            continue
        try:
            law.check_citation(citation)
        except law.CitationError as error:
            yield path, "E004", str(error), "run `simkit law list` to see the bundled provisions", "error"


def check_ids(scenario: model.Scenario) -> Iterator[Finding]:
    counts = Counter(step.id for step in scenario.steps)
    for index, step in enumerate(scenario.steps):
        if counts[step.id] > 1:
            yield ("steps", index, "id"), "E005", f"duplicate step id {step.id!r}", "give each step its own id", "error"
        for field, members in (("options", model.options_of(step)), ("items", model.items_of(step))):
            if len({member.id for member in members}) == len(members):
                continue
            inner = Counter(member.id for member in members)
            for position, member in enumerate(members):
                if inner[member.id] > 1:
                    message = f"duplicate id {member.id!r} in step {step.id!r}"
                    yield ("steps", index, field, position, "id"), "E005", message, "give each its own id", "error"


def check_graph(scenario: model.Scenario) -> Iterator[Finding]:
    ids = {step.id for step in scenario.steps}
    if scenario.start and scenario.start not in ids:
        yield ("start",), "E006", f"start names no step: {scenario.start!r}", _suggest(scenario.start, ids), "error"
    for index, step in enumerate(scenario.steps):
        yield from _check_targets(index, step, ids)
    reachable = set(graph.reachable(scenario))
    for index, step in enumerate(scenario.steps):
        if step.id not in reachable:
            yield (
                ("steps", index, "id"),
                "E007",
                f"step {step.id!r} cannot be reached from the start",
                "point a `next` or an option's `next` at it, or remove it",
                "error",
            )
    if cycle := graph.find_cycle(scenario):
        yield (
            ("steps",),
            "E009",
            f"the steps form a loop: {' -> '.join(cycle)}",
            "scoring needs every path to end; send the loop to an end step",
            "error",
        )


def check_branch_points(scenario: model.Scenario) -> Iterator[Finding]:
    ids = {step.id for step in scenario.steps}
    if graph.find_cycle(scenario) or any(
        target not in ids for step in scenario.steps for target in graph.successors(step)
    ):
        return  # E006 and E009 say what is wrong first
    best = graph.best_totals(scenario)
    for index, step in enumerate(scenario.steps):
        if not isinstance(step, model.SingleChoice):
            continue
        for option, total, right in graph.richer_branches(step, best):
            yield (
                ("steps", index, "options", step.options.index(option), "points"),
                "E015",
                f"choosing {option.id!r} in {step.id!r} can earn {total:g} points along its branch, more than the "
                f"{right:g} of the best-scored option",
                "lower the points of the questions on that branch or raise the right option's: a learner who "
                "chooses right must be able to reach the maximum",
                "error",
            )


def _suggest(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean {close[0]!r}?" if close else f"the steps are: {', '.join(sorted(known))}"


def _check_targets(index: int, step: model.Step, ids: set[str]) -> Iterator[Finding]:
    if isinstance(step, model.End):
        return
    targets: list[tuple[KeyPath, str | None]] = [(("steps", index, "next"), step.next)]
    if isinstance(step, model.SingleChoice):
        targets += [
            (("steps", index, "options", position, "next"), option.next) for position, option in enumerate(step.options)
        ]
    for path, target in targets:
        if target is not None and target not in ids:
            yield path, "E006", f"`next` names no step: {target!r}", _suggest(target, ids), "error"
    if not graph.successors(step):
        yield (
            ("steps", index),
            "E008",
            f"step {step.id!r} is a dead end: it has no `next` and is not an end step",
            "add `next: <step id>` or make it `type: end`",
            "error",
        )
    elif isinstance(step, model.SingleChoice) and step.next is None and any(o.next is None for o in step.options):
        yield (
            ("steps", index),
            "E008",
            f"in step {step.id!r} some options lead nowhere",
            "give the step a `next` or each option its own `next`",
            "error",
        )


def check_questions(scenario: model.Scenario) -> Iterator[Finding]:
    for index, step in enumerate(scenario.steps):
        if isinstance(step, model.MultipleChoice) and not any(option.correct for option in step.options):
            yield (
                ("steps", index, "options"),
                "E013",
                f"step {step.id!r} has no correct option",
                "mark at least one option `correct: true`",
                "error",
            )
        if step.case is not None:
            try:
                law.offence(step.case.offence)
            except ValueError as error:
                yield ("steps", index, "case", "offence"), "E004", str(error), "cite the provision breached", "error"


def text_nodes(data: Any) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Every text (a mapping of language codes to strings) in parsed YAML data, with its key path."""
    stack: list[tuple[KeyPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            if value and TEXT_KEYS.issuperset(value):
                yield path, value
            else:
                stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))


def check_texts(data: Any, names: set[str], raw: str | None = None, untranslated: bool = True) -> Iterator[Finding]:
    """Missing translations (a warning) and placeholders that name no parameter, in raw YAML data.

    With the file's ``raw`` text and ``untranslated`` false (as schema validation found), a clean file is
    recognised without walking every text with its path.
    """
    if raw is not None and not untranslated and set(PLACEHOLDER.findall(raw)) <= names:
        return
    for path, text in text_nodes(data):
        if missing := [lang for lang in REQUIRED_LANGUAGES if not text.get(lang)]:
            yield (
                path,
                "W001",
                f"missing translation: {', '.join(missing)}",
                "learners see the text in another language until it is added",
                "warning",
            )
        for lang, value in text.items():
            for name in PLACEHOLDER.findall(value) if isinstance(value, str) else ():
                if name not in names:
                    hint = _suggest(name, names) if names else "declare it under `parameters`"
                    yield (*path, lang), "E011", f"{{{name}}} names no parameter ({lang})", hint, "error"


def expressions(scenario: model.Scenario) -> Iterator[tuple[KeyPath, str]]:
    """Every expression a scenario writes, with its key path."""
    for name, spec in scenario.parameters.items():
        if isinstance(spec, model.DerivedParameter):
            yield ("parameters", name, "expr"), spec.expr
    for index, step in enumerate(scenario.steps):
        if isinstance(step, model.DateQuestion | model.NumberQuestion):
            yield ("steps", index, "key"), step.key
        if (case := step.case) is None:
            continue
        base: KeyPath = ("steps", index, "case")
        yield (*base, "committed"), case.committed
        yield (*base, "revealed"), case.revealed
        if case.case_closed:
            yield (*base, "case_closed"), case.case_closed
        for at, pair in enumerate(case.suspensions):
            yield from (((*base, "suspensions", at, side), source) for side, source in enumerate(pair))
        yield from (((*base, "previous", at, 1), imposed) for at, (_cite, imposed) in enumerate(case.previous))


def check_expressions(scenario: model.Scenario) -> Iterator[Finding]:
    declared = list(scenario.parameters)
    for path, source in expressions(scenario):
        try:
            compile_expression(source)
            used = names_in(source)
        except ExpressionError as error:
            yield path, "E010", str(error), "see docs/authoring.md for the expression form", "error"
            continue
        known = set(declared[: declared.index(path[1])]) if path[0] == "parameters" else set(declared)
        for name in sorted(used - known):
            hint = (
                "a derived parameter may only use parameters declared above it"
                if name in declared
                else _suggest(name, set(declared))
                if declared
                else "declare it under `parameters`"
            )
            yield path, "E010", f"expression {source!r} uses unknown name {name!r}", hint, "error"


def check_keys_compute(scenario: model.Scenario) -> Iterator[Finding]:
    """Draw a few sample learners' variants and compute every answer key and case date for them."""
    for learner in SAMPLE_LEARNERS:
        try:
            variant = make_variant(scenario, 0, learner)
        except ValueError as error:
            yield ("parameters",), "E010", f"cannot draw a variant for {learner!r}: {error}", "fix the range", "error"
            return
        for index, step in enumerate(scenario.steps):
            if isinstance(step, model.DateQuestion | model.NumberQuestion) or step.case is not None:
                yield from _check_step_key(index, step, variant)


def _check_step_key(index: int, step: model.Step, variant: Any) -> Iterator[Finding]:
    try:
        key = answer_key(step, variant)
        if isinstance(step, model.DateQuestion) and not isinstance(key, dt.date):
            raise ExpressionError(f"the key gives {key!r}, not a date")
        if isinstance(step, model.NumberQuestion) and (isinstance(key, bool) or not isinstance(key, int | float)):
            raise ExpressionError(f"the key gives {key!r}, not a number")
        if step.case is not None:
            case_dates(step.case, variant.values)
    except ValueError as error:
        yield (
            ("steps", index),
            "E010",
            f"answer key of step {step.id!r} fails for learner {variant.learner!r}: {error}",
            "check the expression and the parameter ranges",
            "error",
        )


def case_dates(case: model.CaseSpec, values: dict[str, Any]) -> dict[str, Any]:
    """The case's dates for these values, checked by computing its sanction deadline."""
    dates = {
        "committed": evaluate(case.committed, values),
        "revealed": evaluate(case.revealed, values),
        "suspensions": [(evaluate(start, values), evaluate(end, values)) for start, end in case.suspensions],
        "case_closed": evaluate(case.case_closed, values) if case.case_closed else None,
        "previous": [(citation, evaluate(imposed, values)) for citation, imposed in case.previous],
    }
    law.imposition_deadline(
        committed=dates["committed"],
        revealed=dates["revealed"],
        discrediting=law.offence(case.offence).discrediting,
        suspensions=dates["suspensions"],
        case_closed=dates["case_closed"],
    )
    return dates


SCENARIO_CHECKS = (check_citations, check_ids, check_graph, check_branch_points, check_questions, check_expressions)

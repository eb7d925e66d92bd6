"""Semantic checks of a scenario that parsed and fits the schema: citations, the step graph, texts, answer keys.

Each check yields (key path, code, message, hint, level); the validator turns paths into file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from simkit import law
from simkit.scenarios import graph, model, readings
from simkit.scenarios.expressions import ExpressionError, LimitError, Meter, compile_expression, evaluate, names_in
from simkit.scenarios.limits import MAX_FILLED
from simkit.scenarios.scoring import THE_KEY
from simkit.scenarios.text import LANGUAGES, REQUIRED_LANGUAGES, LocalText, format_value
from simkit.scenarios.variants import PLACEHOLDER, DrawError, Variant, make_variant, plan_of

KeyPath = tuple[str | int, ...]


class Within(NamedTuple):
    """A place inside a text: ``needle`` (a placeholder) in the text at ``path``."""

    path: KeyPath
    needle: str


Finding = tuple[KeyPath | Within, str, str, str, Literal["error", "warning"]]  # where, code, message, hint, level
# {amount:>10} or {name!r}: a format the player never applies (no space after the colon, unlike `{ru: ...}`)
FORMATTED = re.compile(r"\{([a-z][a-z0-9_]*)(?:![a-z]|:[^{}\s])[^{}\s]*\}")
LIMITS_HINT = "keep derived values within the limits; see Limits in docs/authoring.md"
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
        members: Sequence[model.Option | model.MultiOption | model.Item]
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
            _edge(scenario, cycle[-2], cycle[-1]),
            "E009",
            f"the steps form a loop: {' -> '.join(cycle)}",
            "scoring needs every path to end; send the loop to an end step",
            "error",
        )


def _edge(scenario: model.Scenario, source: str, target: str) -> KeyPath:
    """The `next` that leads from step ``source`` to ``target`` (an option's own, or the step's)."""
    index = next(at for at, step in enumerate(scenario.steps) if step.id == source)
    step = scenario.steps[index]
    if isinstance(step, model.SingleChoice):
        for position, option in enumerate(step.options):
            if option.next == target:
                return ("steps", index, "options", position, "next")
    return ("steps", index, "next")


def check_branch_points(scenario: model.Scenario) -> Iterator[Finding]:
    ids = {step.id for step in scenario.steps}
    if any(target not in ids for step in scenario.steps for target in graph.successors(step)):
        return  # E006 says what is wrong first
    try:
        best = graph.best_totals(scenario)
    except ValueError:  # a loop, which E009 reports
        return
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
        position = next(at for at, option in enumerate(step.options) if option.next is None)
        yield (
            ("steps", index, "options", position),
            "E008",
            f"in step {step.id!r} option {step.options[position].id!r} leads nowhere",
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


def placeholders_in(raw: str) -> tuple[list[str], bool]:
    """The placeholder names in a file's text, in order, and whether any `{name:format}` is there too; found in
    one pass, and once for the two checks that ask of the same file in a row."""
    last = _last_raw[0]
    if last[0] is not raw:
        found = OPENINGS.findall(raw)
        names = [name for name, after in found if after == "}"]
        last = _last_raw[0] = (raw, names, len(names) < len(found))
    return last[1], last[2]


OPENINGS = re.compile(r"\{([a-z][a-z0-9_]*)(\}|![a-z]|:[^{}\s])")  # a placeholder, or the start of a FORMATTED
_last_raw: list[tuple[str | None, list[str], bool]] = [(None, [], False)]  # replaced whole: safe across threads


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
    if raw is not None and not untranslated:
        used, formatted = placeholders_in(raw)
        if not formatted and set(used) <= names:
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
            yield from _placeholders((*path, lang), lang, value, names)


def _placeholders(path: KeyPath, lang: str, value: Any, names: set[str]) -> Iterator[Finding]:
    if not isinstance(value, str) or "{" not in value:
        return
    for name in PLACEHOLDER.findall(value):
        if name not in names:
            hint = _suggest(name, names) if names else "declare it under `parameters`"
            yield Within(path, f"{{{name}}}"), "E011", f"{{{name}}} names no parameter ({lang})", hint, "error"
    for found in FORMATTED.finditer(value):
        yield (
            Within(path, found.group(0)),
            "E011",
            f"{found.group(0)[:40]} is not a placeholder: placeholders take no format ({lang})",
            f"write {{{found.group(1)}}}; dates and numbers are written the learner's way by themselves",
            "error",
        )


def expressions(scenario: model.Scenario) -> Iterator[tuple[KeyPath, str]]:
    """Every expression a scenario writes, with its key path."""
    for name, spec in scenario.parameters.items():
        if isinstance(spec, model.DerivedParameter):
            yield ("parameters", name, "expr"), spec.expr
    for index, step in enumerate(scenario.steps):
        if isinstance(step, model.DateQuestion | model.NumberQuestion):
            yield ("steps", index, "key"), step.key
            for at, alternative in enumerate(step.alternatives):
                yield ("steps", index, "alternatives", at, "key"), alternative.key
        if (case := step.case) is None:
            continue
        yield from ((("steps", index, "case", *path), source) for path, source in case_parts(case))


def check_expressions(scenario: model.Scenario) -> Iterator[Finding]:
    declared = list(scenario.parameters)
    position = {name: at for at, name in enumerate(declared)}  # "declared above" without a list per parameter
    for path, source in expressions(scenario):
        try:
            compile_expression(source)
            used = names_in(source)
        except ExpressionError as error:
            owner = f"parameter {path[1]!r}: " if path[0] == "parameters" else ""
            hint = LIMITS_HINT if isinstance(error, LimitError) else "see docs/authoring.md for the expression form"
            yield path, "E010", f"{owner}{error}", hint, "error"
            continue
        above = position[str(path[1])] if path[0] == "parameters" else len(declared)
        if "alternatives" in path:
            used = used - {THE_KEY}  # an alternative reads the step's key as KEY
        for name in sorted(name for name in used if position.get(name, above) >= above):
            hint = (
                "a derived parameter may only use parameters declared above it"
                if name in position
                else _suggest(name, set(declared))
                if declared
                else "declare it under `parameters`"
            )
            yield path, "E010", f"expression {source!r} uses unknown name {name!r}", hint, "error"


def check_keys_compute(scenario: model.Scenario, raw: str | None = None) -> Iterator[Finding]:
    """Draw a few sample learners' variants and compute every answer key and case date for them, each variant
    within one budget of evaluation, as the player and the grader compute them; with the file's ``raw`` text,
    check too that no text grows past its limit once its placeholders are filled in."""
    placeholders = Counter(placeholders_in(raw)[0]) if raw is not None else None
    reported: set[tuple[KeyPath | Within, str]] = set()  # a fault that fails for each sample learner is one fault
    for finding in _sample_findings(scenario, placeholders):
        if (finding[0], finding[1]) not in reported:
            reported.add((finding[0], finding[1]))
            yield finding


def _sample_findings(scenario: model.Scenario, placeholders: Counter[str] | None) -> Iterator[Finding]:
    plan = plan_of(scenario)  # the same for every sample learner
    for learner in SAMPLE_LEARNERS:
        meter = Meter()
        try:
            variant = make_variant(scenario, 0, learner, meter=meter, plan=plan)
        except DrawError as error:
            yield _draw_finding(scenario, learner, error)
            return
        for index, step in enumerate(scenario.steps):
            if meter.left < 0:
                break  # the budget is spent: what follows would fail for the same reason
            if isinstance(step, model.DateQuestion | model.NumberQuestion):
                yield from _check_key(index, step, variant, meter)
            if step.case is not None:
                yield from _check_case(index, step, variant, meter)
        if placeholders:
            yield from _check_filled(scenario, variant, placeholders)


def _draw_finding(scenario: model.Scenario, learner: str, error: DrawError) -> Finding:
    derived = isinstance(scenario.parameters.get(error.parameter), model.DerivedParameter)
    path: KeyPath = ("parameters", error.parameter, *(error.where or (("expr",) if derived else ())))
    hint = LIMITS_HINT if error.over_limit else "fix the range" if not derived else "check the expression"
    return path, "E010", f"cannot draw a variant for {learner!r}: {error}", hint, "error"


def _check_key(
    index: int, step: model.DateQuestion | model.NumberQuestion, variant: Variant, meter: Meter
) -> Iterator[Finding]:
    keys: list[tuple[KeyPath, str, str]] = [(("steps", index, "key"), step.key, "answer key")]
    keys += [
        (("steps", index, "alternatives", at, "key"), alternative.key, "alternative answer")
        for at, alternative in enumerate(step.alternatives)
    ]
    values = dict(variant.values)
    for path, source, what in keys:
        try:
            key = evaluate(source, values, meter)
            values.setdefault(THE_KEY, key)  # the step's key, which its alternatives read as KEY
            if isinstance(step, model.DateQuestion) and not isinstance(key, dt.date):
                raise ExpressionError(f"the key gives {key!r}, not a date")
            if isinstance(step, model.NumberQuestion) and (isinstance(key, bool) or not isinstance(key, int | float)):
                raise ExpressionError(f"the key gives {key!r}, not a number")
        except ValueError as error:
            yield (
                path,
                "E010",
                f"{what} of step {step.id!r} fails for learner {variant.learner!r}: {error}",
                LIMITS_HINT if isinstance(error, LimitError) else "check the expression and the parameter ranges",
                "error",
            )


def _check_case(index: int, step: model.Step, variant: Variant, meter: Meter) -> Iterator[Finding]:
    assert step.case is not None
    try:
        case_dates(step.case, variant.values, meter)
    except CaseError as error:
        yield (
            ("steps", index, "case", *error.path),
            "E010",
            f"the case of step {step.id!r} fails for learner {variant.learner!r}: {error}",
            LIMITS_HINT if error.over_limit else "check the expressions and the parameter ranges",
            "error",
        )


def _check_filled(scenario: model.Scenario, variant: Variant, counts: Counter[str]) -> Iterator[Finding]:
    """Texts whose placeholders would add more than the limit when shown. Most files are cleared at once: even if
    every placeholder in the file (``counts``) went into one text, it would stay under the limit."""
    if sum(counts.values()) * max(map(_width, variant.values.values()), default=0) <= MAX_FILLED:
        return
    for path, text in walk(scenario):
        if not isinstance(text, LocalText):
            continue
        for lang in LANGUAGES:
            try:
                variant.render(text, lang) if getattr(text, lang) else None
            except LimitError as error:
                yield (*path, lang), "E010", f"for learner {variant.learner!r}: {error}", LIMITS_HINT, "error"


def _width(value: Any) -> int:
    """At least as long as the value written in any language, found without writing it."""
    if type(value) in SHORT:
        return 32  # a date, a number within the limits or a yes/no
    if isinstance(value, str):
        return len(value)
    if isinstance(value, LocalText):
        return max(len(text or "") for text in (value.ru, value.en, value.kk))
    if isinstance(value, list | tuple):
        return max(len(format_value(value, lang)) for lang in LANGUAGES)
    return 32


SHORT = frozenset({dt.date, int, float, bool})


class CaseError(ValueError):
    """A case date that fails to compute (``path`` names its key within the case), or a case the law refuses."""

    def __init__(self, path: KeyPath, error: ValueError) -> None:
        super().__init__(str(error))
        self.path, self.over_limit = path, isinstance(error, LimitError)


def case_parts(case: model.CaseSpec) -> Iterator[tuple[KeyPath, str]]:
    """Every expression of a case, with its key path within the case."""
    yield ("committed",), case.committed
    yield ("revealed",), case.revealed
    if case.case_closed:
        yield ("case_closed",), case.case_closed
    for at, pair in enumerate(case.suspensions):
        yield from ((("suspensions", at, side), source) for side, source in enumerate(pair))
    yield from ((("previous", at, 1), imposed) for at, (_cite, imposed) in enumerate(case.previous))


def case_dates(case: model.CaseSpec, values: Mapping[str, Any], meter: Meter | None = None) -> dict[str, Any]:
    """The case's dates for these values, checked by computing its sanction deadline; :class:`CaseError` says
    which date failed."""
    meter = meter or Meter()
    computed: dict[KeyPath, Any] = {}
    for path, source in case_parts(case):
        try:
            computed[path] = evaluate(source, values, meter)
        except ValueError as error:
            raise CaseError(path, error) from None
    dates = {
        "committed": computed[("committed",)],
        "revealed": computed[("revealed",)],
        "suspensions": [
            (computed[("suspensions", at, 0)], computed[("suspensions", at, 1)]) for at in range(len(case.suspensions))
        ],
        "case_closed": computed.get(("case_closed",)),
        "previous": [(citation, computed[("previous", at, 1)]) for at, (citation, _) in enumerate(case.previous)],
    }
    try:
        law.imposition_deadline(
            committed=dates["committed"],
            revealed=dates["revealed"],
            discrediting=law.offence(case.offence).discrediting,
            suspensions=dates["suspensions"],
            case_closed=dates["case_closed"],
        )
    except (TypeError, ValueError) as error:
        raise CaseError((), ValueError(str(error))) from None
    return dates


SCENARIO_CHECKS = (
    check_citations,
    check_ids,
    check_graph,
    check_branch_points,
    check_questions,
    check_expressions,
    readings.check_readings,
    readings.check_audience,
)

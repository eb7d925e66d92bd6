"""The interpretations keys rely on, and whom a case's keys may cite.

E017: every reading a scenario names exists; a key that calls a rule resting on a contested reading (an
interpretation note with more than one tenable reading, simkit/law/data/interpretations.yaml) says which reading
it uses; a date, number or provision key accepts every tenable reading of the notes it names, through
``alternatives``. E018: across the library, one reading of a provision, unless a case says why it differs. E019:
a key cites only its case's audience (the Law for state servants, the Code for civil employees) unless its step
says why in ``audience_note``.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from simkit.law.interpretations import Interpretation, interpretations, resolve
from simkit.scenarios import model
from simkit.scenarios.expressions import ExpressionError, calls_in, names_in

KeyPath = tuple[str | int, ...]
Finding = tuple[KeyPath, str, str, str, Literal["error", "warning"]]  # where, code, message, hint, level
AUTHORING = "see Readings in docs/authoring.md"
INSTRUMENT_NAMES = {
    "law": "a rule of the Law on the civil service, for state servants",
    "code": "a rule of the Code of service ethics of civil employees",
}
AUDIENCE_NAMES = {"law": "a case for state servants", "code": "a case for civil employees"}


def _uses(uses: tuple[str | model.ReadingUse, ...], path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    for at, use in enumerate(uses):
        yield ((*path, at, "reading") if isinstance(use, model.ReadingUse) else (*path, at)), model.reading_ref(use)


def named_readings(step: model.Step, base: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every reading a step names (its own, its options', its alternatives'), with its key path."""
    if isinstance(step, model.End):
        return
    yield from _uses(step.readings, (*base, "readings"))
    for at, option in enumerate(model.options_of(step)):
        yield from _uses(option.readings, (*base, "options", at, "readings"))
    for at, alternative in enumerate(model.alternatives_of(step)):
        yield from _uses(alternative.readings, (*base, "alternatives", at, "readings"))


def _unknown(path: KeyPath, ref: str) -> Finding | None:
    try:
        resolve(ref)
    except ValueError as error:
        note_id = ref.partition("/")[0]
        close = difflib.get_close_matches(note_id, sorted(interpretations()), n=1)
        hint = f"did you mean {close[0]!r}?" if close and close[0] != note_id else "run `simkit law interpretations`"
        return path, "E017", str(error), hint, "error"
    return None


def check_readings(scenario: model.Scenario) -> Iterator[Finding]:
    for index, step in enumerate(scenario.steps):
        base: KeyPath = ("steps", index)
        named = list(named_readings(step, base))
        bad = [finding for path, ref in named if (finding := _unknown(path, ref))]
        yield from bad
        if bad or isinstance(step, model.End):
            continue
        yield from _declared_once(step, base)
        yield from _inferred(scenario, step, base)
        if isinstance(step, model.DateQuestion | model.NumberQuestion | model.ProvisionQuestion):
            yield from _alternatives(step, base)


def _declared(step: model.StepBase) -> dict[str, str]:
    """Note id → the reading the step's key uses."""
    return {ref.partition("/")[0]: ref for ref in map(model.reading_ref, step.readings)}


def _declared_once(step: model.StepBase, base: KeyPath) -> Iterator[Finding]:
    seen: set[str] = set()
    for path, ref in _uses(step.readings, (*base, "readings")):
        note = ref.partition("/")[0]
        if note in seen:
            message = f"step {step.id!r} names note {note!r} twice: a key uses one reading of a note"
            yield path, "E017", message, "keep the key's reading in `readings`; others go in `alternatives`", "error"
        seen.add(note)


def key_calls(scenario: model.Scenario, source: str) -> frozenset[str]:
    """The rules an expression calls, directly or through the derived parameters it reads."""
    calls, seen, pending = set(calls_in(source)), set(), list(names_in(source))
    while pending:
        name = pending.pop()
        spec = scenario.parameters.get(name)
        if name in seen or not isinstance(spec, model.DerivedParameter):
            continue
        seen.add(name)
        calls |= calls_in(spec.expr)
        pending.extend(names_in(spec.expr))
    return frozenset(calls)


def resting_on(scenario: model.Scenario, step: model.DateQuestion | model.NumberQuestion) -> list[Interpretation]:
    """The contested notes a date or number key rests on: those whose `keys` name a rule it calls (in a step
    citing one of the note's `cited`, when it has them)."""
    try:
        calls = key_calls(scenario, step.key)
    except ExpressionError:
        return []  # E010 reports the expression
    found = []
    for note in interpretations().values():
        scope = note.keys
        if scope is None or not calls & set(scope.rules):
            continue
        if not scope.cited or set(scope.cited) & set(step.citations):
            found.append(note)
    return found


def _inferred(scenario: model.Scenario, step: model.Step, base: KeyPath) -> Iterator[Finding]:
    if not isinstance(step, model.DateQuestion | model.NumberQuestion):
        return
    declared = _declared(step)
    for note in resting_on(scenario, step):
        if note.id in declared:
            continue
        first, *others = (f"{note.id}/{reading.id}" for reading in note.readings)
        yield (
            (*base, "key"),
            "E017",
            f"the key of step {step.id!r} rests on a contested reading, note {note.id!r}, and does not say which",
            f"add `readings: [{first}]` and accept {', '.join(others)} in `alternatives`; {AUTHORING}",
            "error",
        )


def _alternatives(
    step: model.DateQuestion | model.NumberQuestion | model.ProvisionQuestion, base: KeyPath
) -> Iterator[Finding]:
    declared = _declared(step)
    accepted = set(declared.values())
    for at, alternative in enumerate(step.alternatives):
        path: KeyPath = (*base, "alternatives", at)
        accepted |= set(alternative.readings)
        yield from _alternative(step, alternative, path, declared)
    for note_id, ref in declared.items():
        note = interpretations()[note_id]
        for reading in note.readings:
            other = f"{note.id}/{reading.id}"
            if other not in accepted:
                yield (
                    (*base, "readings"),
                    "E017",
                    f"step {step.id!r} reads {ref}, but note {note.id!r} records {other} as tenable too and the "
                    "key does not accept it",
                    f"add an alternative with `readings: [{other}]`, its key and points (0 if the trainer so "
                    f"decides, with feedback saying why); {AUTHORING}",
                    "error",
                )
    if isinstance(step, model.ProvisionQuestion):
        yield from _cited_readings(step.key, list(declared.values()), (*base, "key"))


def _alternative(
    step: model.DateQuestion | model.NumberQuestion | model.ProvisionQuestion,
    alternative: model.Alternative,
    path: KeyPath,
    declared: dict[str, str],
) -> Iterator[Finding]:
    if alternative.points is not None and alternative.points > step.points:
        message = f"an alternative of step {step.id!r} earns {alternative.points:g} points, more than the key's"
        yield (*path, "points"), "E017", message, f"give it at most {step.points:g}", "error"
    for number, ref in enumerate(alternative.readings):
        note_id = ref.partition("/")[0]
        if note_id not in declared:
            yield (
                (*path, "readings", number),
                "E017",
                f"the alternative reads {ref}, but the key of step {step.id!r} names no reading of note {note_id!r}",
                f"say which reading the key uses: add it to the step's `readings`; {AUTHORING}",
                "error",
            )
        elif declared[note_id] == ref:
            message = f"the alternative reads {ref}, the reading the key itself uses"
            yield (*path, "readings", number), "E017", message, "name the other reading it stands for", "error"
    if isinstance(alternative, model.ProvisionAlternative):
        yield from _cited_readings(alternative.key, list(alternative.readings), (*path, "key"))


def _cited_readings(key: list[str], refs: list[str], path: KeyPath) -> Iterator[Finding]:
    """A reading that names the provision it makes the answer must find it among the accepted citations."""
    for ref in refs:
        _note, reading = resolve(ref)
        if reading is None or not reading.citations or set(reading.citations) & set(key):
            continue
        yield (
            path,
            "E017",
            f"reading {ref} makes {', '.join(reading.citations)} the answer, which this key does not accept",
            f"put {reading.citations[0]} in this key, or name the reading it stands for",
            "error",
        )


def key_citations(step: model.Step, base: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """The citations a step's key rests on: the step's own, the credited options', a provision key and its
    alternatives'. A wrong option may cite anything to compare."""
    if not isinstance(step, model.QUESTION_TYPES):
        return
    yield from (((*base, "citations", at), citation) for at, citation in enumerate(step.citations))
    if isinstance(step, model.SingleChoice | model.MultipleChoice):
        for number, option in enumerate(model.options_of(step)):
            credited = option.points > 0 if isinstance(option, model.Option) else option.correct
            if credited:
                path = (*base, "options", number, "citations")
                yield from (((*path, at), citation) for at, citation in enumerate(option.citations))
    if isinstance(step, model.ProvisionQuestion):
        yield from (((*base, "key", at), citation) for at, citation in enumerate(step.key))
        for number, alternative in enumerate(step.alternatives):
            path = (*base, "alternatives", number, "key")
            yield from (((*path, at), citation) for at, citation in enumerate(alternative.key))


def check_audience(scenario: model.Scenario) -> Iterator[Finding]:
    """A key of a law case cites no Code rule, and a key of a code case no rule of the Law, unless its step says
    why (the Code binds civil employees, code:4; the Law does not, law:3.2.3)."""
    own = scenario.audience
    if own == "both":
        return
    for index, step in enumerate(scenario.steps):
        if isinstance(step, model.End) or step.audience_note is not None:
            continue
        for path, citation in key_citations(step, ("steps", index)):
            instrument = citation.partition(":")[0]
            if instrument in INSTRUMENT_NAMES and instrument != own:
                yield (
                    path,
                    "E019",
                    f"the key of step {step.id!r} cites {citation}, {INSTRUMENT_NAMES[instrument]}, in "
                    f"{AUDIENCE_NAMES[own]} (audience: {scenario.audience})",
                    f"rest the key on the {'Law' if own == 'law' else 'Code'} (feedback may compare with the other), "
                    "or say why in the step's `audience_note` (learners see it), or make the case `audience: both`",
                    "error",
                )


@dataclass(frozen=True)
class ReadingUsed:
    """A case's reading of a provision: the reading its key uses, where, and the reason if it differs. Its line
    and column are looked up only when asked: finding a place composes the file's node tree, which a library
    without a finding never needs."""

    provision: str
    reading: str
    scenario: str
    step: str
    path: str  # the file
    order: int  # its key's place among the file's keys with readings, in the order of the steps
    because: bool
    locate: Callable[[], tuple[int, int]] = field(compare=False, repr=False)  # (line, column), worked out on demand

    @property
    def note(self) -> str:
        return self.reading.partition("/")[0]

    @functools.cached_property
    def line_column(self) -> tuple[int, int]:
        return self.locate()

    @property
    def line(self) -> int:
        return self.line_column[0]

    @property
    def column(self) -> int:
        return self.line_column[1]

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def _within(citation: str, provisions: tuple[str, ...]) -> bool:
    return any(citation == provision or citation.startswith(f"{provision}.") for provision in provisions)


def uses_of(scenario: model.Scenario) -> Iterator[tuple[KeyPath, str, str, bool, str]]:
    """(key path, provision, reading, with a reason, step id) for each reading a key of the scenario uses; the
    provisions are those the step cites that the note concerns, or all the step cites when it cites none of them."""
    for index, step in enumerate(scenario.steps):
        if isinstance(step, model.End):
            continue
        cited = {citation for _path, citation in key_citations(step, ())} | set(step.citations)
        groups: list[tuple[model.Readings, KeyPath]] = [(step.readings, ("steps", index, "readings"))]
        groups += [
            (option.readings, ("steps", index, "options", number, "readings"))
            for number, option in enumerate(model.options_of(step))
        ]
        for uses, base in groups:
            for at, use in enumerate(uses):
                try:
                    note, _reading = resolve(model.reading_ref(use))
                except ValueError:
                    continue  # E017 reports it
                said = isinstance(use, model.ReadingUse)
                path = (*base, at, "reading") if said else (*base, at)
                for provision in sorted(c for c in cited if _within(c, note.provisions)) or sorted(cited):
                    yield path, provision, model.reading_ref(use), said, step.id


def one_reading_issues(uses: list[ReadingUsed]) -> Iterator[tuple[ReadingUsed, str, str]]:
    """(use, message, hint) for each key whose reading of a provision differs from the library's first, in file
    and step order, one message per key; a use that says why it differs is left out of the comparison."""
    first: dict[tuple[str, str], ReadingUsed] = {}
    differing: dict[tuple[str, int], list[tuple[ReadingUsed, ReadingUsed]]] = {}
    for use in sorted(uses, key=lambda use: (use.path, use.order, use.provision)):
        if use.because:
            continue
        earlier = first.setdefault((use.provision, use.note), use)
        if earlier.reading != use.reading:
            differing.setdefault((use.path, use.order), []).append((use, earlier))
    for pairs in differing.values():
        use, earlier = pairs[0]
        provisions = ", ".join(dict.fromkeys(one.provision for one, _other in pairs))
        yield (
            use,
            f"{provisions}: step {use.step!r} of {use.scenario!r} reads {use.reading}, but step {earlier.step!r} "
            f"of {earlier.scenario!r} ({earlier.place}) reads {earlier.reading}",
            f"use one reading across the library, or say why this case differs: `{{reading: {use.reading}, "
            "because: {ru: ..., en: ...}}`; `simkit readings` lists every provision's readings",
        )


def reading_rows(uses: list[ReadingUsed]) -> list[tuple[str, str, list[str]]]:
    """(provision, reading, the keys using it as scenario/step at file:line, a reason marked) for the listing."""
    rows: dict[tuple[str, str], list[str]] = {}
    for use in sorted(uses, key=lambda use: (use.provision, use.reading, use.path, use.line)):
        said = " (says why)" if use.because else ""
        rows.setdefault((use.provision, use.reading), []).append(
            f"{use.scenario}/{use.step} at {use.path}:{use.line}{said}"
        )
    return [(provision, reading, places) for (provision, reading), places in rows.items()]

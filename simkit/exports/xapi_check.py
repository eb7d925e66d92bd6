"""Whole xAPI 1.0.3 statements checked against the specification's required properties and forms (xAPI-Data.md,
part two: 2.2 formatting, 2.3.2 voiding, 2.4 statement properties, 4.4 UUIDs, 4.5 timestamps).

The export runs these before writing anything: a statement an LRS would refuse is a bug, and is never written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from simkit.exports import xapi_forms as forms

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority"}
STATEMENT_KEYS |= {"version", "attachments"}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
CONTEXT_KEYS = {"registration", "instructor", "team", "contextActivities", "revision", "platform", "language"}
CONTEXT_KEYS |= {"statement", "extensions"}
CONTEXT_ACTIVITY_KINDS = {"parent", "grouping", "category", "other"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
DURATION = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?W|(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$"
)


class InvalidStatements(ValueError):
    """Statements that break the specification; the message lists the first problems."""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _object(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping):
        yield f"{where}: must be an object"
        return
    kind = value.get("objectType", "Activity")
    if kind == "Activity":
        yield from forms.activity(value, where)
    elif kind == "StatementRef":
        yield from forms.statement_ref(value, where)
    elif kind in ("Agent", "Group"):
        yield from forms.agent(value, where)
    elif kind != "SubStatement":
        yield f"{where}.objectType: {kind!r} is not Activity, Agent, Group, StatementRef or SubStatement"


def _score(score: Any, where: str) -> Iterable[str]:
    if not isinstance(score, Mapping) or set(score) - {"scaled", "raw", "min", "max"}:
        yield f"{where}: must be an object of scaled, raw, min and max"
        return
    if any(not _number(value) for value in score.values()):
        yield f"{where}: scaled, raw, min and max must be numbers"
        return
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        yield f"{where}.scaled: {score['scaled']} is outside -1..1"
    if "min" in score and "max" in score and not score["min"] < score["max"]:
        yield f"{where}: min {score['min']} is not below max {score['max']}"
    if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
        yield f"{where}.raw: {score['raw']} is outside min..max"


def _result(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping) or set(value) - RESULT_KEYS:
        yield f"{where}: must be an object of {', '.join(sorted(RESULT_KEYS))}"
        return
    if "score" in value:
        yield from _score(value["score"], f"{where}.score")
    for flag in ("success", "completion"):
        if flag in value and not isinstance(value[flag], bool):
            yield f"{where}.{flag}: must be true or false"
    if "duration" in value and not DURATION.match(str(value["duration"])):
        yield f"{where}.duration: {value['duration']!r} is not an ISO 8601 duration"
    if "extensions" in value:
        yield from forms.extensions(value["extensions"], f"{where}.extensions")


def _context(value: Any, where: str, on_activity: bool) -> Iterable[str]:
    if not isinstance(value, Mapping) or set(value) - CONTEXT_KEYS:
        yield f"{where}: must be an object of {', '.join(sorted(CONTEXT_KEYS))}"
        return
    if "registration" in value and not forms.UUID.match(str(value["registration"])):
        yield f"{where}.registration: {value['registration']!r} is not a UUID"
    for key in ("revision", "platform"):
        if key in value and not on_activity:
            yield f"{where}.{key}: only allowed when the object is an Activity"
    if "language" in value and not forms.LANGUAGE_TAG.match(str(value["language"])):
        yield f"{where}.language: {value['language']!r} is not an RFC 5646 language tag"
    if "statement" in value:
        yield from forms.statement_ref(value["statement"], f"{where}.statement")
    for kind, activities in value.get("contextActivities", {}).items():
        if kind not in CONTEXT_ACTIVITY_KINDS:
            yield f"{where}.contextActivities: {kind!r} is not parent, grouping, category or other"
        for number, activity in enumerate(activities if isinstance(activities, list) else [activities]):
            yield from forms.activity(activity, f"{where}.contextActivities.{kind}[{number}]")
    if "extensions" in value:
        yield from forms.extensions(value["extensions"], f"{where}.extensions")


def _timestamp(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, str) or not TIMESTAMP.match(value):
        yield f"{where}: {value!r} is not an ISO 8601 timestamp with a time zone"
        return
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        yield f"{where}: {value!r} is not a real date and time"


def statement_problems(statement: Any, where: str = "statement") -> list[str]:
    """Each way the statement breaks the specification, one line each; empty if it conforms."""
    if not isinstance(statement, Mapping):
        return [f"{where}: must be a JSON object"]
    problems = list(forms.nulls(statement, where))
    problems += [f"{where}: unknown property {key!r}" for key in sorted(set(statement) - STATEMENT_KEYS)]
    problems += [f"{where}: {key!r} is required" for key in ("actor", "verb", "object") if key not in statement]
    if "id" in statement and not forms.UUID.match(str(statement["id"])):
        problems.append(f"{where}.id: {statement['id']!r} is not a UUID in standard form")
    checks: list[Iterable[str]] = [
        forms.agent(statement.get("actor"), f"{where}.actor"),
        forms.verb(statement.get("verb"), f"{where}.verb"),
        _object(statement.get("object"), f"{where}.object"),
    ]
    if "result" in statement:
        checks.append(_result(statement["result"], f"{where}.result"))
    if "context" in statement:
        on_activity = (
            isinstance(statement.get("object"), Mapping)
            and statement["object"].get("objectType", "Activity") == "Activity"
        )
        checks.append(_context(statement["context"], f"{where}.context", on_activity))
    for stamp in ("timestamp", "stored"):
        if stamp in statement:
            checks.append(_timestamp(statement[stamp], f"{where}.{stamp}"))
    if "version" in statement and statement["version"] != "1.0.0":
        problems.append(f"{where}.version: a provider that sets it must set 1.0.0 (2.4.10)")
    if _is_voiding(statement) and not (
        isinstance(statement["object"], Mapping) and statement["object"].get("objectType") == "StatementRef"
    ):
        problems.append(f"{where}.object: a voiding statement's object must be a StatementRef (2.3.2)")
    for check in checks:
        problems.extend(check)
    return problems


def _is_voiding(statement: Mapping[str, Any]) -> bool:
    verb = statement.get("verb")
    return isinstance(verb, Mapping) and verb.get("id") == VOIDED and "object" in statement


def check_statements(statements: Sequence[Any]) -> None:
    """Raise InvalidStatements unless every statement conforms, ids are unique, and no voiding statement targets
    another voiding statement (which cannot be voided, 2.3.2)."""
    problems: list[str] = []
    for number, statement in enumerate(statements):
        problems += statement_problems(statement, f"statement {number}")
    uses = Counter(str(s["id"]) for s in statements if isinstance(s, Mapping) and "id" in s)
    problems += [f"statement id {i} is used {n} times" for i, n in sorted(uses.items()) if n > 1]
    voiding = {s.get("id") for s in statements if isinstance(s, Mapping) and _is_voiding(s)}
    for number, statement in enumerate(statements):
        if isinstance(statement, Mapping) and _is_voiding(statement):
            target = statement["object"].get("id") if isinstance(statement["object"], Mapping) else None
            if target in voiding:
                problems.append(f"statement {number}: voids {target}, itself a voiding statement (2.3.2)")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InvalidStatements("; ".join(problems[:5]) + more)

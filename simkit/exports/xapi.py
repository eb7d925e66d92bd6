"""xAPI 1.0.3 statements of a course's attempts, for a learning record store (LRS).

One statement per graded attempt, superseded ones included: the learner (an Agent known by an account on the
simkit installation, ``account.name`` the learner id) passed, failed or completed the course version (an Activity),
with the score. Attempts still awaiting review are left out until reviewed: their result is not known yet.

Statements are immutable, so a regrade (a fixed key) never changes the statement of the attempt it replaced: that
statement is voided by a statement of its own (verb ``voided``, object a StatementRef), and the regrade gets a new
statement. An attempt superseded by a learner's later submission stays as it was: it happened.

Each id is a UUID v5 of what the statement records (who, which verb, which activity, the result, when, and the
submission and key digests); names shown to people (verb display, activity definition) are left out of it, as the
specification leaves them out of a statement's immutability. Exporting twice gives the same ids, and an LRS takes
a statement sent again as the same one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import Engine

from simkit.gradebook.exports import every_attempt
from simkit.scenarios.library import library_titles

BASE_VARIABLE = "SIMKIT_XAPI_BASE"
# The reserved .invalid domain (RFC 2606): valid statements, plainly not yet set to the agency's own address.
DEFAULT_BASE = "https://simkit.invalid/"
STATEMENT_IDS = uuid.UUID("8b63c801-cf57-4ce6-af7e-603018295fa9")  # the namespace of simkit's statement ids
SYSTEM_ACCOUNT = "system:gradebook"  # who voids: learner ids cannot hold a colon, so it is no learner's
ADL = "http://adlnet.gov/expapi"
VERBS = {
    "passed": {"en": "passed", "ru": "сдал(а)"},
    "failed": {"en": "failed", "ru": "не сдал(а)"},
    "completed": {"en": "completed", "ru": "завершил(а)"},
    "voided": {"en": "voided", "ru": "аннулировал(а)"},
}


def xapi_base(base: str | None = None) -> str:
    """The installation's address: the learners' accounts' home page, and the stem of activity and extension ids."""
    chosen = base or os.environ.get(BASE_VARIABLE) or DEFAULT_BASE
    parts = urlsplit(chosen)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"{chosen!r} is not an http(s) address without query or fragment "
            f"(hint: --base https://learning.example.kz/simkit/ or ${BASE_VARIABLE})"
        )
    return chosen if chosen.endswith("/") else f"{chosen}/"


def _timestamp(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _verb(name: str) -> dict[str, Any]:
    return {"id": f"{ADL}/verbs/{name}", "display": VERBS[name]}


def _agent(base: str, account: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": base, "name": account}}


def _identified(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement with an id derived from what it records; display names are not part of that."""
    recorded = {key: value for key, value in statement.items() if key != "id"}
    recorded["verb"] = {"id": statement["verb"]["id"]}
    recorded["object"] = {key: value for key, value in statement["object"].items() if key != "definition"}
    text = json.dumps(recorded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {"id": str(uuid.uuid5(STATEMENT_IDS, text)), **statement}


def _result(attempt: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if attempt["max_score"] > 0:
        score, most = attempt["score"], attempt["max_score"]
        result["score"] = {"scaled": round(score / most, 4), "raw": score, "min": 0, "max": most}
    if attempt["passed"] is not None:
        result["success"] = attempt["passed"]
    if attempt["passed"] is not False:
        result["completion"] = True  # a pass, or a course without a pass mark, completes it; a fail tells nothing
    return result


def attempt_statement(attempt: dict[str, Any], base: str, titles: dict[str, str]) -> dict[str, Any]:
    verb = {True: "passed", False: "failed", None: "completed"}[attempt["passed"]]
    course = f"{base}courses/{quote(attempt['course_id'], safe='')}/{attempt['course_version']}"
    statement = {
        "actor": _agent(base, attempt["learner_id"]),
        "verb": _verb(verb),
        "object": {
            "objectType": "Activity",
            "id": course,
            "definition": {"name": titles, "type": f"{ADL}/activities/course"},
        },
        "context": {
            "registration": str(uuid.uuid5(STATEMENT_IDS, f"{base}|{attempt['learner_id']}|{attempt['course_id']}")),
            "platform": "simkit",
            "extensions": {
                f"{base}xapi/extensions/submission-sha256": attempt["submission_digest"],
                f"{base}xapi/extensions/key-sha256": attempt["key_digest"],
            },
        },
        # The last save, on the learner's clock; never after the grading (a statement's time cannot be in the future).
        "timestamp": _timestamp(min(attempt["submitted_at"], attempt["graded_at"])),
    }
    if result := _result(attempt):  # 2.2: no empty objects
        statement["result"] = result
    return _identified(statement)


def voiding_statement(voided_id: str, base: str, at: dt.datetime) -> dict[str, Any]:
    return _identified(
        {
            "actor": _agent(base, SYSTEM_ACCOUNT),
            "verb": _verb("voided"),
            "object": {"objectType": "StatementRef", "id": voided_id},
            "timestamp": _timestamp(at),
        }
    )


def course_statements(engine: Engine, course_id: str, base: str | None = None) -> list[dict[str, Any]]:
    """Every graded attempt's statement and, after them, a voiding statement for each one a regrade replaced."""
    home = xapi_base(base)
    library = library_titles(course_id)
    made: list[dict[str, Any]] = []
    voided: list[tuple[str, dt.datetime]] = []
    seen: set[int] = set()
    for attempt in every_attempt(engine, course_id):
        if attempt["status"] != "graded" or attempt["id"] in seen:
            continue
        seen.add(attempt["id"])
        russian, english = library.get(attempt["course_version"], (attempt["title"] or attempt["course_id"],) * 2)
        statement = attempt_statement(attempt, home, {"ru": russian, "en": english})
        made.append(statement)
        if attempt["regraded_at"] is not None:
            voided.append((statement["id"], attempt["regraded_at"]))
    voiding = [voiding_statement(target, home, at) for target, at in sorted(voided, key=lambda pair: pair[1])]
    return made + voiding

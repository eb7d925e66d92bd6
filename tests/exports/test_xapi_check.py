"""The statement check itself: the specification's own examples pass, and each broken form is caught and named."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from simkit.exports import InvalidStatements, check_statements, statement_problems
from simkit.exports.xapi_forms import LANGUAGE_TAG

GOOD: dict[str, Any] = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {"objectType": "Agent", "account": {"homePage": "https://learning.example.kz/", "name": "ann"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en": "passed", "ru": "сдал(а)"}},
    "object": {
        "objectType": "Activity",
        "id": "https://learning.example.kz/courses/onboarding/1",
        "definition": {"name": {"ru": "Курс", "en": "Course"}, "type": "http://adlnet.gov/expapi/activities/course"},
    },
    "result": {"score": {"scaled": 0.9, "raw": 126, "min": 0, "max": 140}, "success": True, "completion": True},
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "platform": "simkit"},
    "timestamp": "2026-03-02T09:00:00.000Z",
}
VOIDING: dict[str, Any] = {  # the specification's own example (2.3.2)
    "actor": {"objectType": "Agent", "name": "Example Admin", "mbox": "mailto:admin@example.adlnet.gov"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
    "object": {"objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0"},
}
SIMPLEST: dict[str, Any] = {  # the specification's simplest statement (2.4)
    "id": "12345678-1234-5678-1234-567812345678",
    "actor": {"mbox": "mailto:xapi@adlnet.gov"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/created", "display": {"en-US": "created"}},
    "object": {"id": "http://example.adlnet.gov/xapi/example/activity"},
}


def test_good_statements_and_the_specifications_examples_pass() -> None:
    for statement in (GOOD, VOIDING, SIMPLEST):
        assert statement_problems(statement) == []
    check_statements([GOOD, VOIDING, SIMPLEST])


def broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    statement = copy.deepcopy(GOOD)
    change(statement)
    return statement


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "an id not a UUID": (lambda s: s.update(id="statement-1"), "statement.id: 'statement-1' is not a UUID"),
    "no verb": (lambda s: s.pop("verb"), "'verb' is required"),
    "an unknown property": (lambda s: s.update(score=5), "unknown property 'score'"),
    "a null value": (lambda s: s["result"].update(response=None), "statement.result.response: null is not allowed"),
    "two identifiers": (
        lambda s: s["actor"].update(mbox="mailto:ann@example.kz"),
        "an Agent needs exactly one inverse functional identifier, has 2",
    ),
    "no identifier": (lambda s: s["actor"].pop("account"), "exactly one inverse functional identifier, has 0"),
    "an account without a home page": (lambda s: s["actor"]["account"].pop("homePage"), "exactly homePage and name"),
    "a home page not http": (
        lambda s: s["actor"]["account"].update(homePage="simkit"),
        "actor.account.homePage: 'simkit' is not an http(s) IRL",
    ),
    "a verb id not an IRI": (lambda s: s["verb"].update(id="passed"), "statement.verb.id: 'passed' is not an absolute"),
    "a bad language tag": (
        lambda s: s["verb"]["display"].update({"russian_KZ": "сдал"}),
        "'russian_KZ' is not an RFC 5646 language tag",
    ),
    "an object id with a space": (
        lambda s: s["object"].update(id="https://example.kz/a course"),
        "statement.object.id: 'https://example.kz/a course' is not an absolute IRI",
    ),
    "a scaled score over 1": (lambda s: s["result"]["score"].update(scaled=1.5), "scaled: 1.5 is outside -1..1"),
    "a raw score over the maximum": (lambda s: s["result"]["score"].update(raw=141), "raw: 141 is outside min..max"),
    "min not below max": (lambda s: s["result"]["score"].update(min=140), "min 140 is not below max 140"),
    "a score as a string": (lambda s: s["result"]["score"].update(raw="126"), "must be numbers"),
    "success as a string": (lambda s: s["result"].update(success="true"), "result.success: must be true or false"),
    "a timestamp without a zone": (
        lambda s: s.update(timestamp="2026-03-02T09:00:00"),
        "'2026-03-02T09:00:00' is not an ISO 8601 timestamp with a time zone",
    ),
    "an impossible date": (lambda s: s.update(timestamp="2026-02-30T09:00:00Z"), "is not a real date and time"),
    "a registration not a UUID": (lambda s: s["context"].update(registration="42"), "'42' is not a UUID"),
    "a version other than 1.0.0": (lambda s: s.update(version="1.0.3"), "must set 1.0.0"),
    "a voiding statement about an activity": (
        lambda s: s["verb"].update(id="http://adlnet.gov/expapi/verbs/voided"),
        "a voiding statement's object must be a StatementRef",
    ),
    "a platform on a statement about a statement": (
        lambda s: s.update(object={"objectType": "StatementRef", "id": GOOD["id"]}),
        "context.platform: only allowed when the object is an Activity",
    ),
    "a duration in the wrong form": (lambda s: s["result"].update(duration="2h"), "is not an ISO 8601 duration"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_form_is_caught_and_named(case: str) -> None:
    change, message = BROKEN[case]
    problems = statement_problems(broken(change))
    assert any(message in problem for problem in problems), problems
    with pytest.raises(InvalidStatements):
        check_statements([broken(change)])


def test_a_voiding_statement_cannot_target_another_voiding_statement_and_ids_are_unique() -> None:
    voiding = dict(VOIDING, id="0b9a6f3e-2c54-4d8e-9a57-4c8f6b1b2a10")
    voiding_the_voiding = dict(VOIDING, object={"objectType": "StatementRef", "id": voiding["id"]})
    with pytest.raises(InvalidStatements, match="itself a voiding statement"):
        check_statements([voiding, voiding_the_voiding])
    with pytest.raises(InvalidStatements, match=f"statement id {GOOD['id']} is used 2 times"):
        check_statements([GOOD, GOOD])


@pytest.mark.parametrize("tag", ["en", "ru", "kk", "en-US", "ru-KZ", "kk-Cyrl-KZ", "zh-Hant", "de-CH-1901", "x-simkit"])
def test_well_formed_language_tags_pass(tag: str) -> None:
    assert LANGUAGE_TAG.match(tag)


@pytest.mark.parametrize("tag", ["", "e", "englishlanguage", "ru_RU", "en-", "ru-KZ-", "123", "en-US-x"])
def test_malformed_language_tags_fail(tag: str) -> None:
    assert not LANGUAGE_TAG.match(tag)

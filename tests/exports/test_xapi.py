"""xAPI statements of a course: valid by the specification, the same ids when exported again, and a regrade voids
the replaced statement instead of changing it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.exports import check_statements, course_statements, statement_problems
from simkit.exports.xapi import DEFAULT_BASE, xapi_base
from simkit.gradebook.book import Gradebook
from tests.certificates.conftest import record
from tests.grading.test_gradebook import graded_submission

BASE = "https://learning.example.kz/simkit/"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def by_learner(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for statement in statements:
        found.setdefault(statement["actor"]["account"]["name"], []).append(statement)
    return found


def test_each_graded_attempt_is_one_valid_statement_of_who_did_what_with_which_result(graded: Engine) -> None:
    statements = course_statements(graded, "onboarding", BASE)
    check_statements(statements)
    assert all(statement_problems(statement) == [] for statement in statements)
    found = by_learner(statements)
    assert sorted(found) == ["ann", "bek", "eve"]  # fay's result waits for a review
    [ann], [eve] = found["ann"], found["eve"]
    assert ann["actor"] == {"objectType": "Agent", "account": {"homePage": BASE, "name": "ann"}}
    assert ann["verb"] == {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en": "passed", "ru": "сдал(а)"}}
    assert eve["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert ann["object"] == {
        "objectType": "Activity",
        "id": f"{BASE}courses/onboarding/1",
        "definition": {
            "name": {"ru": "Вводный курс по служебной этике", "en": "Onboarding course on service ethics"},
            "type": "http://adlnet.gov/expapi/activities/course",
        },
    }
    assert ann["result"] == {
        "score": {"scaled": 0.9, "raw": 126.0, "min": 0, "max": 140.0},
        "success": True,
        "completion": True,
    }
    assert eve["result"]["success"] is False and "completion" not in eve["result"]
    assert ann["timestamp"] == "2026-03-02T09:00:00.000Z"
    assert ann["context"]["registration"] != eve["context"]["registration"]
    assert "version" not in ann  # 2.4.10: a provider should not set it


def test_exporting_twice_gives_the_same_statements_and_ids(graded: Engine) -> None:
    first = course_statements(graded, "onboarding", BASE)
    assert course_statements(graded, "onboarding", BASE) == first
    assert len({statement["id"] for statement in first}) == len(first)
    elsewhere = course_statements(graded, "onboarding", "https://other.example.kz/")
    assert not {s["id"] for s in first} & {s["id"] for s in elsewhere}  # another installation's learners


def test_a_regrade_voids_the_replaced_statement_and_leaves_it_unchanged(graded: Engine) -> None:
    before = course_statements(graded, "onboarding", BASE)
    [ann_before] = by_learner(before)["ann"]
    book = Gradebook(graded)
    record(book, graded_submission("ann", key="keys-2", right=0.5))  # a key fix: same file, new keys
    record(book, graded_submission("bek", "file-2", right=0.95))  # a later submission: nothing to void
    after = course_statements(graded, "onboarding", BASE)
    check_statements(after)
    assert all(statement in after for statement in before), "statements are immutable: none changed or went"
    ann = by_learner(after)["ann"]
    regraded = next(s for s in ann if s["verb"]["id"].endswith("/failed"))
    [voiding] = [s for s in after if s["verb"]["id"] == VOIDED]
    assert voiding["object"] == {"objectType": "StatementRef", "id": ann_before["id"]}
    assert voiding["actor"]["account"] == {"homePage": BASE, "name": "system:gradebook"}
    assert regraded["id"] != ann_before["id"] and regraded["result"]["score"]["raw"] == 70.0
    assert len(by_learner(after)["bek"]) == 2  # bek's first attempt happened: kept, not voided
    assert course_statements(graded, "onboarding", BASE) == after  # and again the same


def test_the_base_address_must_be_http_without_query(graded: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIMKIT_XAPI_BASE", raising=False)
    assert xapi_base() == DEFAULT_BASE
    assert xapi_base("https://learning.example.kz/simkit") == BASE
    monkeypatch.setenv("SIMKIT_XAPI_BASE", BASE)
    assert course_statements(graded, "onboarding")[0]["actor"]["account"]["homePage"] == BASE
    for wrong in ("learning.example.kz", "ftp://example.kz/", "https://example.kz/?x=1"):
        with pytest.raises(ValueError, match="is not an http\\(s\\) address"):
            xapi_base(wrong)


def test_simkit_export_xapi_writes_a_json_array_an_lrs_takes(graded: Engine, tmp_path: Path) -> None:
    url = graded.url.render_as_string(hide_password=False)
    out = tmp_path / "onboarding.xapi.json"
    arguments = ["export", "xapi", "onboarding", "--db", url, "--out", str(out), "--base", BASE]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0 and "onboarding: 3 statement(s), 0 voiding" in result.output, result.output
    statements = json.loads(out.read_text("utf-8"))
    assert statements == course_statements(graded, "onboarding", BASE)
    assert len(out.read_text("utf-8").splitlines()) == 2 + len(statements)  # one statement a line
    unknown = CliRunner().invoke(app, ["export", "xapi", "nothing", "--db", url])
    assert unknown.exit_code == 2 and "error: the gradebook has no course 'nothing'" in unknown.output


def test_the_export_writes_nothing_when_a_statement_breaks_the_specification(
    graded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simkit.cli.records as records

    def broken(*arguments: Any) -> list[dict[str, Any]]:
        statements = course_statements(*arguments)
        statements[0]["result"]["score"]["raw"] = 999.0  # over the maximum
        return statements

    monkeypatch.setattr(records, "course_statements", broken)
    url = graded.url.render_as_string(hide_password=False)
    out = tmp_path / "onboarding.xapi.json"
    result = CliRunner().invoke(app, ["export", "xapi", "onboarding", "--db", url, "--out", str(out)])
    assert result.exit_code == 2 and "statement 0.result.score.raw: 999.0 is outside min..max" in result.output
    assert not out.exists()

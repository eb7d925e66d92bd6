"""The bundled library: every scenario and course validates; coverage of the Law and the Code is full."""

from __future__ import annotations

import re
from pathlib import Path

from simkit.scenarios import make_variant, max_score
from simkit.scenarios.coverage import coverage
from simkit.scenarios.library import library_root
from simkit.scenarios.schema import SCHEMAS, schema_text
from simkit.scenarios.validate import Report, validate_file, validate_paths

ROOT = Path(__file__).resolve().parents[2]


def test_every_bundled_scenario_and_course_validates_without_warnings() -> None:
    report = validate_paths([library_root()])
    assert [str(issue) for issue in report.issues] == []
    assert len(report.scenarios) >= 3


def test_coverage_of_law_50_and_code_9_10_is_full() -> None:
    report = validate_paths([library_root()])
    missing = [row.provision for row in coverage(s for _p, s in report.scenarios.values()) if not row.covered]
    assert missing == []


def test_every_bundled_scenario_has_a_positive_maximum_and_variants() -> None:
    report = validate_paths([library_root()])
    for _path, scenario in report.scenarios.values():
        assert max_score(scenario) > 0, scenario.id
        make_variant(scenario, 2026, "someone")


def test_committed_schemas_match_the_models() -> None:
    for name in SCHEMAS:
        committed = (ROOT / "schemas" / name).read_text("utf-8")
        assert committed == schema_text(name), f"run `simkit schema` to refresh schemas/{name}"


def test_the_annotated_example_in_the_docs_is_valid() -> None:
    text = (ROOT / "docs" / "authoring.md").read_text("utf-8")
    example = re.findall(r"```yaml\n(.*?)```", text, re.S)[0]
    report = Report()
    validate_file(Path("docs/authoring.md"), report, example)
    assert [str(issue) for issue in report.issues] == []
    assert "gift-at-desk" in report.scenarios

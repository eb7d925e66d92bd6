"""The validator behind `simkit validate`: every message names file, line and column and suggests a fix.

Codes: E001 unreadable YAML, E002 wrong type or value, E003 unknown key, E004 unknown citation, E005 duplicate id,
E006 `next`/`start` naming no step, E007 unreachable step, E008 dead end, E009 loop, E010 expression or answer key
that fails or goes over a limit of :mod:`simkit.scenarios.limits`, E011 unknown or formatted placeholder, E012
course naming an unknown scenario, E013 question with no correct answer, E014 course rule, E015 a wrong choice
whose branch pays better than the right one, E016 a scenario of an exam course that a practice course also
carries, E017 an interpretation a key relies on (unknown, unsaid, or a tenable reading not accepted), E018 two
cases reading one provision differently without saying why, E019 a key citing rules outside its case's audience,
E020 a file not complete in a language required with ``require_languages`` (``--require-lang``);
W001 missing translation.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simkit.memory import collector_paused
from simkit.scenarios import checks, languages, model, readings
from simkit.scenarios.text import LANGUAGES
from simkit.scenarios.yamlsource import Place, Source, SourceError, parse

Level = Literal["error", "warning"]
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Issue:
    path: Path
    line: int
    column: int
    level: Level
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.level} {self.code}: {self.message}{hint}"


@dataclass(frozen=True)
class FileLanguages:
    """The languages a scenario or course file is complete in."""

    kind: Literal["scenario", "course"]
    id: str
    found: languages.Completeness

    def line(self, path: Path) -> str:
        return f"{path}: {self.kind} {self.id!r} {self.found.describe()}"


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    scenarios: dict[str, tuple[Path, model.Scenario]] = field(default_factory=dict)
    courses: dict[str, tuple[Path, model.Course]] = field(default_factory=dict)
    files: int = 0
    readings: list[readings.ReadingUsed] = field(default_factory=list)  # each key's reading of each provision
    languages: dict[Path, FileLanguages] = field(default_factory=dict)  # each valid file's languages
    require_languages: tuple[str, ...] = ()  # languages a file must be complete in (else E020)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == "warning"]


@cache
def known_keys(kind: type[BaseModel]) -> frozenset[str]:
    """Every key a format knows (from its JSON Schema), for "did you mean" on a mistyped one."""
    schema = kind.model_json_schema()
    return frozenset(key for part in [schema, *schema.get("$defs", {}).values()] for key in part.get("properties", {}))


def _has(data: Any, element: Any) -> bool:
    if isinstance(data, dict):
        return element in data
    return isinstance(data, list) and isinstance(element, int) and 0 <= element < len(data)


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The key path in the YAML data that a pydantic error location points at (union tags skipped)."""
    path: list[str | int] = []
    for element in loc:
        if _has(data, element):
            data = data[element]
            path.append(element)
    return tuple(path)


def _schema_issue(source: Source, error: ErrorDetails, model_kind: type[BaseModel]) -> Issue:
    path = _data_path(source.data, error["loc"])
    kind, where = error["type"], ".".join(map(str, path)) or "the file"
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        close = difflib.get_close_matches(key, sorted(known_keys(model_kind)), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "see the documentation for the keys each part takes"
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
            hint = 'this looks like text cut at a comma or ": "; put the whole text in quotes ("...")'
        return _issue(source.path, source.key_place(path), "E003", f"unknown key {key!r}", hint)
    if kind == "missing":
        name = error["loc"][-1]
        return _issue(
            source.path,
            source.place(path),
            "E002",
            f"missing key {name!r} in {where}",
            f"add `{name}:`; see docs/authoring.md",
        )
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "")
        expected = error.get("ctx", {}).get("expected_tags", "")
        options = [option.strip(" '") for option in str(expected).split(",")]
        close = difflib.get_close_matches(str(tag), options, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of {expected}"
        return _issue(source.path, source.place((*path, "type")), "E002", f"unknown type {tag!r} at {where}", hint)
    return _issue(
        source.path,
        source.place(path),
        "E002",
        f"{where}: {error['msg']}",
        "see docs/authoring.md for what this key takes",
    )


def _issue(path: Path, place: Place, code: str, message: str, hint: str = "", level: Level = "error") -> Issue:
    return Issue(path, place.line, place.column, level, code, message, hint)


def schema_issues(source: Source, kind: type[BaseModel]) -> tuple[BaseModel | None, list[Issue]]:
    if not isinstance(source.data, dict):
        return None, [
            _issue(
                source.path,
                source.place(()),
                "E002",
                "the file must be a mapping of keys to values",
                "start with `id: ...`; see docs/authoring.md",
            )
        ]
    source.context["untranslated"] = False
    try:
        return kind.model_validate(source.data, context=source.context), []
    except ValidationError as error:
        seen: set[tuple[int, int, str]] = set()
        issues = []
        for detail in error.errors(include_url=False):
            issue = _schema_issue(source, detail, kind)
            if (issue.line, issue.column, issue.message) not in seen:
                seen.add((issue.line, issue.column, issue.message))
                issues.append(issue)
        return None, issues


def is_course(path: Path, data: Any) -> bool:
    return "courses" in path.parts or (isinstance(data, dict) and "scenarios" in data and "steps" not in data)


def check_scenario(source: Source, scenario: model.Scenario, *, compute_keys: bool = True) -> list[Issue]:
    found = [finding for check in checks.SCENARIO_CHECKS for finding in check(scenario)]
    untranslated = source.context.get("untranslated", True)
    found += checks.check_texts(source.data, set(scenario.parameters), source.text, untranslated)
    if compute_keys and not any(level == "error" for *_rest, level in found):
        found += list(checks.check_keys_compute(scenario, source.text))
    return [
        _issue(source.path, _where(source, at), code, message, hint, level) for at, code, message, hint, level in found
    ]


def _where(source: Source, at: checks.KeyPath | checks.Within) -> Place:
    if isinstance(at, checks.Within):
        return source.text_place(at.path, at.needle)
    return source.place(at)


def validate_file(path: Path, report: Report, text: str | None = None) -> None:
    report.files += 1
    try:
        source = parse(path, text)
    except SourceError as error:
        report.issues.append(_issue(path, error.place, "E001", str(error), error.hint))
        return
    kind_model: type[BaseModel] = model.Course if is_course(path, source.data) else model.Scenario
    parsed, issues = schema_issues(source, kind_model)
    report.issues += issues
    if isinstance(parsed, model.Scenario):
        report.issues += check_scenario(source, parsed)
        _register(report, report.scenarios, parsed.id, path, parsed, source)
        report.readings += _readings_used(source, parsed)
    elif isinstance(parsed, model.Course):
        _register(report, report.courses, parsed.id, path, parsed, source)
    if isinstance(parsed, model.Scenario | model.Course):
        kind: Literal["scenario", "course"] = "scenario" if isinstance(parsed, model.Scenario) else "course"
        found = FileLanguages(kind, parsed.id, languages.completeness(source.data))
        report.languages[path] = found
        report.issues += required_languages(source, found, report.require_languages)


def required_languages(source: Source, found: FileLanguages, required: tuple[str, ...]) -> list[Issue]:
    """E020: a file not complete in a required language, placed at its first text without it."""
    issues = []
    for lang in required:
        if lang in found.found.complete or not found.found.texts:
            continue
        at = languages.first_missing(source.data, lang) or ()
        count = found.found.missing(lang)
        issues.append(
            _issue(
                source.path,
                source.place(at),
                "E020",
                f"{found.kind} {found.id!r} is not complete in {lang}: {languages.dotted(at)} has no {lang} text"
                + (f" ({count - 1} more text(s) without it)" if count > 1 else ""),
                f"add `{lang}:` beside `ru:`; the glossary (`simkit law glossary`) gives the legal terms",
            )
        )
    return issues


def _readings_used(source: Source, scenario: model.Scenario) -> list[readings.ReadingUsed]:
    found: list[readings.ReadingUsed] = []
    keys: dict[checks.KeyPath, int] = {}
    for at, provision, ref, because, step_id in readings.uses_of(scenario):
        order = keys.setdefault(at, len(keys))
        locate = functools.partial(_line_column, source, at)
        found.append(
            readings.ReadingUsed(provision, ref, scenario.id, step_id, str(source.path), order, because, locate)
        )
    return found


def _line_column(source: Source, at: checks.KeyPath) -> tuple[int, int]:
    place = source.place(at)
    return place.line, place.column


def one_reading_per_provision(report: Report) -> list[Issue]:
    """E018: two cases of the library reading one provision differently, neither saying why."""
    return [
        Issue(Path(use.path), use.line, use.column, "error", "E018", message, hint)
        for use, message, hint in readings.one_reading_issues(report.readings)
    ]


def _register(report: Report, table: dict[str, Any], item_id: str, path: Path, item: Any, source: Source) -> None:
    if item_id in table:
        report.issues.append(
            _issue(
                path,
                source.place(("id",)),
                "E005",
                f"id {item_id!r} is already used by {table[item_id][0]}",
                "choose another id",
            )
        )
    else:
        table[item_id] = (path, item)


def check_courses(report: Report) -> None:
    for course_id, (path, course) in report.courses.items():
        source = parse(path)
        for index, scenario_id in enumerate(course.scenarios):
            if scenario_id not in report.scenarios:
                close = difflib.get_close_matches(scenario_id, sorted(report.scenarios), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "validate the scenario files together with it"
                report.issues.append(
                    _issue(
                        path,
                        source.place(("scenarios", index)),
                        "E012",
                        f"course {course_id!r} names no known scenario {scenario_id!r}",
                        hint,
                    )
                )
        if course.rhythm == "onboarding" and not course.acknowledgement:
            written = isinstance(source.data, dict) and "acknowledgement" in source.data
            report.issues.append(
                _issue(
                    path,
                    source.place(("acknowledgement",) if written else ("rhythm",)),
                    "E014",
                    "an onboarding course ends with the written acknowledgement of the Code (code:5, code:6)",
                    "add `acknowledgement: true`",
                )
            )
        for at, code, message, hint, level in checks.check_texts(source.data, set()):
            if code == "W001":
                report.issues.append(_issue(path, _where(source, at), code, message, hint, level))
    report.issues += exam_in_practice(report)


def exam_in_practice(report: Report) -> list[Issue]:
    """A scenario an exam course asks that a practice course of the library also carries (E016): a practice
    bundle holds the scenario whole, with the keys and feedback the exam's answers are graded by, so a learner who
    plays it there sees the exam's answers (only the drawn values differ)."""
    practice: dict[str, list[tuple[str, Path, int]]] = {}
    for path, course in sorted(report.courses.values(), key=lambda pair: str(pair[0])):
        if course.mode == "practice":
            source = parse(path)
            for index, scenario_id in enumerate(course.scenarios):
                place = source.place(("scenarios", index))
                practice.setdefault(scenario_id, []).append((course.id, path, place.line))
    issues = []
    for course_id, (path, course) in report.courses.items():
        if course.mode != "exam" or not any(scenario_id in practice for scenario_id in course.scenarios):
            continue
        source = parse(path)
        for index, scenario_id in enumerate(course.scenarios):
            for other_id, other, line in practice.get(scenario_id, ()):
                issues.append(
                    _issue(
                        path,
                        source.place(("scenarios", index)),
                        "E016",
                        f"exam course {course_id!r} asks scenario {scenario_id!r}, which the practice course "
                        f"{other_id!r} also lists ({other}:{line}): a practice bundle carries the scenario whole, "
                        "with the answer keys and feedback this exam grades by, so a learner who plays it there "
                        "sees the exam's answers",
                        f"use another scenario in one of the courses, or make a practice copy of {scenario_id!r} "
                        "with its own id (and its own facts) for the practice course",
                    )
                )
    return issues


def yaml_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            files.append(path)
    return files


def validate_paths(paths: list[Path], require_languages: tuple[str, ...] = ()) -> Report:
    """Validate scenario and course files (folders are searched for *.yaml); courses are checked against the
    scenarios found. A file not complete in one of ``require_languages`` is an error (E020)."""
    unknown = [lang for lang in require_languages if lang not in LANGUAGES]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; use {', '.join(LANGUAGES)}")
    report = Report(require_languages=tuple(require_languages))
    with collector_paused():
        for path in yaml_files(paths):
            if not path.exists():
                report.issues.append(_issue(path, Place(1, 1), "E001", "no such file", "check the path"))
                continue
            validate_file(path, report)
        check_courses(report)
        report.issues += one_reading_per_provision(report)
    report.issues.sort(key=lambda issue: (str(issue.path), issue.line, issue.column))
    return report


def load_model(path: Path, kind: type[Model], source: Source | None = None) -> Model:
    """A model read from a YAML file; raise ValueError with the first problem's file:line:column and hint."""
    if source is None:
        try:
            source = parse(path)
        except SourceError as error:
            raise ValueError(f"{path}:{error.place.line}:{error.place.column}: {error} ({error.hint})") from None
    parsed, issues = schema_issues(source, kind)
    if issues:
        more = f" (+{len(issues) - 1} more)" if len(issues) > 1 else ""
        raise ValueError(f"{issues[0]}{more}")
    assert isinstance(parsed, kind)
    return parsed

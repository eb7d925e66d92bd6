"""Every validator message points at the node it is about: for each code, a fault placed deep in a file (marked
with ‸ where the message must point) is reported at that file:line:column, whatever the YAML style around it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simkit.scenarios.validate import Issue, validate_paths

MARK = "‸"

# Long enough that a fault near the end is far from 1:1; block and flow styles both; a case, a multiple choice.
DEEP = """\
# A scenario for placing faults deep in a file.
id: deep-case
version: 1
title:
  ru: Глубокий случай
  en: A deep case
summary: {ru: Кратко, en: Short}
audience: both
minutes: 10
parameters:
  servant: {type: name}
  found: {type: date, between: [2026-03-02, 2026-03-31], working_day: true}
  value: {type: number, min: 1000, max: 9000, step: 1000}
  deadline: {type: derived, expr: gift_transfer_deadline(found)}
  audit: {type: derived, expr: "add_days(found, 20)"}
narrative:
  ru: "{servant} находит подарок {found}."
  en: |
    {servant} finds a gift
    worth {value} tenge on {found}.
steps:
  - id: choose
    type: single_choice
    prompt: {ru: "Что делать?", en: "What to do?"}
    options:
      - id: hand_over
        text: {ru: Передать, en: Hand over}
        points: 1
        citations: [law:50.1.17]
      - id: keep
        text: {ru: Оставить, en: Keep}
        next: kept
    next: which
  - id: which
    type: multiple_choice
    prompt: {ru: "Что верно?", en: "What is right?"}
    points: 1
    options:
      - {id: a, text: {ru: А, en: A}, correct: true}
      - {id: b, text: {ru: Б, en: B}, correct: false}
    next: when
  - id: when
    type: date
    prompt:
      ru: До какой даты?
      en: By when?
    key: gift_transfer_deadline(found)
    points: 2
    readings: [no-rollover/not-moved]
    alternatives:
      - readings: [no-rollover/next-working-day]
        key: roll_to_working_day(deadline)
    citations:
      - law:50.1.17
      - code:9.16
    next: done
  - id: kept
    type: info
    prompt: {ru: Аудит., en: An audit.}
    case:
      offence: law:50.1.17
      committed: "add_days(deadline, 1)"
      revealed: audit
    next: done
  - id: done
    type: end
    outcome:
      ru: Конец
      en: The end
"""


def marked(text: str) -> tuple[str, int, int]:
    """The text without its mark, and the line and column where the mark was."""
    index = text.index(MARK)
    clean = text.replace(MARK, "", 1)
    return clean, clean.count("\n", 0, index) + 1, index - clean.rfind("\n", 0, index)


def edit(old: str, new: str, base: str = DEEP) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def reported(issues: list[Issue], code: str) -> list[str]:
    return [f"{issue.path.name}:{issue.line}:{issue.column}" for issue in issues if issue.code == code]


def check(tmp_path: Path, code: str, text: str, name: str = "deep-case.yaml") -> Issue:
    """Validate the folder with ``text`` written to ``name``; the issue of ``code`` must be at the mark."""
    clean, line, column = marked(text)
    (tmp_path / name).write_text(clean, "utf-8")
    issues = validate_paths([tmp_path]).issues
    assert f"{name}:{line}:{column}" in reported(issues, code), [str(issue) for issue in issues]
    return next(issue for issue in issues if issue.code == code and (issue.line, issue.column) == (line, column))


def test_the_deep_file_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "deep-case.yaml"
    path.write_text(DEEP, "utf-8")
    assert validate_paths([path]).issues == []


DECLARED = (
    "    readings: [no-rollover/not-moved]\n    alternatives:\n"
    "      - readings: [no-rollover/next-working-day]\n        key: roll_to_working_day(deadline)\n"
)
SCENARIO_FAULTS = {
    "E001 malformed": ("E001", edit("    points: 2\n", f"    points: 2\n   {MARK}bad: 1\n")),
    "E001 duplicate key": ("E001", edit("    points: 2\n", f"    points: 2\n    citations: []\n    {MARK}points: 3\n")),
    "E001 duplicate key in a flow mapping": (
        "E001",
        edit("text: {ru: Оставить, en: Keep}", f"text: {{ru: Оставить, en: Keep, {MARK}ru: Держать}}"),
    ),
    "E001 tab": ("E001", edit("    points: 2\n", f"{MARK}\tpoints: 2\n")),
    "E001 alias": ("E001", edit("      revealed: audit\n", f"      revealed: {MARK}*when\n")),
    "E002 wrong type": ("E002", edit("    points: 2\n", f"    points: {MARK}many\n")),
    "E002 wrong type in a flow list": (
        "E002",
        edit("between: [2026-03-02, 2026-03-31]", f"between: [2026-03-02, {MARK}someday]"),
    ),
    "E002 unknown step type": ("E002", edit("    type: info\n", f"    type: {MARK}inf\n")),
    "E002 missing key": (
        "E002",
        edit(
            "  - id: kept\n    type: info\n    prompt: {ru: Аудит., en: An audit.}\n",
            f"  - {MARK}id: kept\n    type: info\n",
        ),
    ),
    "E003 typo'd key": ("E003", edit("    points: 2\n", f"    {MARK}pionts: 2\n")),
    "E003 typo'd key in a flow mapping": ("E003", edit("correct: false}", f"{MARK}corect: false}}")),
    "E004 unknown citation": ("E004", edit("      - code:9.16\n", f"      - {MARK}code:9.61\n")),
    "E004 unknown citation in a flow list": (
        "E004",
        edit("citations: [law:50.1.17]", f"citations: [law:50.1.17, {MARK}law:50.1.71]"),
    ),
    "E004 case offence that is no offence": (
        "E004",
        edit("      offence: law:50.1.17\n", f"      offence: {MARK}law:34.2\n"),
    ),
    "E005 duplicate step id": ("E005", edit("  - id: kept\n", f"  - id: {MARK}when\n")),
    "E005 duplicate option id": ("E005", edit("{id: b, text", f"{{id: {MARK}a, text")),
    "E006 next naming no step": ("E006", edit("    next: which\n", f"    next: {MARK}wihch\n")),
    "E006 start naming no step": ("E006", edit("minutes: 10\n", f"minutes: 10\nstart: {MARK}chose\n")),
    "E007 unreachable step": (
        "E007",
        edit("        next: kept\n", "").replace("  - id: kept\n", f"  - id: {MARK}kept\n"),
    ),
    "E008 dead end": (
        "E008",
        edit("    revealed: audit\n    next: done\n", "    revealed: audit\n").replace(
            "  - id: kept\n", f"  - {MARK}id: kept\n"
        ),
    ),
    "E008 an option leading nowhere": (
        "E008",
        edit("    next: which\n  - id: which", "  - id: which").replace(
            "      - id: hand_over\n", f"      - {MARK}id: hand_over\n"
        ),
    ),
    "E009 loop": ("E009", edit("    next: done\n  - id: kept", f"    next: {MARK}choose\n  - id: kept")),
    "E010 unknown name": (
        "E010",
        edit("    key: gift_transfer_deadline(found)\n", f"    key: {MARK}gift_transfer_deadline(fund)\n"),
    ),
    "E010 key that fails": (
        "E010",
        edit("    key: gift_transfer_deadline(found)\n", f"    key: {MARK}days_between(found, deadline)\n"),
    ),
    "E010 case date that fails": (
        "E010",
        edit('      committed: "add_days(deadline, 1)"\n', f"      committed: {MARK}\"add_days(deadline, 'one')\"\n"),
    ),
    "E010 case the law refuses": (
        "E010",
        edit(
            '      offence: law:50.1.17\n      committed: "add_days(deadline, 1)"\n',
            f'      {MARK}offence: law:50.1.17\n      committed: "add_days(audit, 1)"\n',
        ),
    ),
    "E010 range beyond the limits": (
        "E010",
        edit("{type: number, min: 1000, max: 9000, step: 1000}", f"{{type: number, min: 1000, max: {MARK}.inf}}"),
    ),
    "E010 date range beyond the limits": (
        "E010",
        edit("between: [2026-03-02, 2026-03-31]", f"between: [2026-03-02, {MARK}2526-03-31]"),
    ),
    "E010 derived value over a limit": (
        "E010",
        edit("  audit: {", f"  big: {{type: derived, expr: {MARK}\"'x' * 20000\"}}\n  audit: {{"),
    ),
    "E011 unknown placeholder": ("E011", edit('"{servant} находит', f'"{MARK}{{servnt}} находит')),
    "E011 unknown placeholder on a later line of a block text": (
        "E011",
        edit("    worth {value}", f"    worth {MARK}{{valeu}}"),
    ),
    "E011 placeholder with a format": ("E011", edit("    worth {value}", f"    worth {MARK}{{value:>100000000}}")),
    "E013 no correct option": (
        "E013",
        edit("    options:\n      - {id: a", f"    options:\n      {MARK}- {{id: a").replace(
            "correct: true", "correct: false"
        ),
    ),
    "E015 wrong turn pays better": (
        "E015",
        edit(
            "        text: {ru: Оставить, en: Keep}\n",
            f"        text: {{ru: Оставить, en: Keep}}\n        points: {MARK}0\n",
        ).replace("  - id: kept\n    type: info\n", "  - id: kept\n    type: number\n    key: '7'\n    points: 9\n"),
    ),
    "E017 unknown reading": (
        "E017",
        edit("    readings: [no-rollover/not-moved]\n", f"    readings: [{MARK}no-rollover/not-movd]\n"),
    ),
    "E017 key that does not say its reading": (
        "E017",
        edit(
            DECLARED,
            "",
        ).replace("    key: gift_transfer_deadline(found)\n", f"    key: {MARK}gift_transfer_deadline(found)\n"),
    ),
    "E017 tenable reading not accepted": (
        "E017",
        edit(
            DECLARED,
            f"    readings: {MARK}[no-rollover/not-moved]\n",
        ),
    ),
    "E017 alternative paying more than the key": (
        "E017",
        edit(
            "        key: roll_to_working_day(deadline)\n",
            f"        key: roll_to_working_day(deadline)\n        points: {MARK}3\n",
        ),
    ),
    "E019 a Code rule in a law case": (
        "E019",
        edit("audience: both\n", "audience: law\n").replace("      - code:9.16\n", f"      - {MARK}code:9.16\n"),
    ),
    "W001 missing translation": (
        "W001",
        edit("    outcome:\n      ru: Конец\n      en: The end\n", f"    outcome:\n      {MARK}ru: Конец\n"),
    ),
}


@pytest.mark.parametrize("case", SCENARIO_FAULTS)
def test_each_fault_is_reported_at_its_node(tmp_path: Path, case: str) -> None:
    code, text = SCENARIO_FAULTS[case]
    issue = check(tmp_path, code, text)
    assert issue.hint and "\n" not in str(issue)


def test_a_file_that_is_not_a_mapping_is_reported_where_its_content_starts(tmp_path: Path) -> None:
    check(tmp_path, "E002", f"# a list, not a scenario\n\n{MARK}- id: deep-case\n- version: 1\n")


def test_bytes_that_are_not_utf8_are_reported_where_they_are(tmp_path: Path) -> None:
    clean, line, column = marked(edit("      en: The end\n", f"      en: The {MARK}end\n"))
    path = tmp_path / "deep-case.yaml"
    path.write_bytes(clean.encode("utf-8").replace(b"The end", b"The \xe9nd"))  # Latin-1, in a UTF-8 file
    issues = validate_paths([path]).issues
    assert reported(issues, "E001") == [f"deep-case.yaml:{line}:{column}"], [str(issue) for issue in issues]


def test_a_second_file_with_the_same_id_is_reported_at_its_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DEEP, "utf-8")
    check(tmp_path, "E005", edit("id: deep-case\n", f"id: {MARK}deep-case\n"), name="b.yaml")


ROLLED = edit(
    "    key: gift_transfer_deadline(found)\n    points: 2\n    readings: [no-rollover/not-moved]\n"
    "    alternatives:\n      - readings: [no-rollover/next-working-day]\n        key: roll_to_working_day(deadline)\n",
    "    key: roll_to_working_day(deadline)\n    points: 2\n    readings: [no-rollover/next-working-day]\n"
    "    alternatives:\n      - readings: [no-rollover/not-moved]\n        key: gift_transfer_deadline(found)\n",
).replace("id: deep-case", "id: rolled-case")


def test_a_case_reading_a_provision_otherwise_than_another_is_reported_at_its_reading(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DEEP, "utf-8")
    text = ROLLED.replace("readings: [no-rollover/next-working-day]", f"readings: [{MARK}no-rollover/next-working-day]")
    issue = check(tmp_path, "E018", text, name="b.yaml")
    assert issue.message.startswith("code:9.16, law:50.1.17: step 'when' of 'rolled-case' reads no-rollover/next")
    assert f"of 'deep-case' ({tmp_path / 'a.yaml'}:" in issue.message and "because" in issue.hint


def test_a_case_that_says_why_it_reads_otherwise_passes(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(DEEP, "utf-8")
    said = ROLLED.replace(
        "readings: [no-rollover/next-working-day]",
        "readings: [{reading: no-rollover/next-working-day, because: {ru: Так решил суд., en: A court so held.}}]",
    )
    (tmp_path / "b.yaml").write_text(said, "utf-8")
    assert validate_paths([tmp_path]).issues == []


COURSE = """\
# A course for placing faults deep in a file.
id: deep-course
version: 1
title: {ru: Курс, en: Course}
description:
  ru: Описание курса
  en: The course described
rhythm: onboarding
mode: practice
pass_mark: 70
seed: 1
acknowledgement: true
scenarios:
  - deep-case
"""
EXAM = (
    COURSE.replace("id: deep-course", "id: deep-exam")
    .replace("mode: practice", "mode: exam")
    .replace("rhythm: onboarding", "rhythm: advanced_training")
    .replace("acknowledgement: true\n", "")
)


def check_course(tmp_path: Path, code: str, text: str, *, practice: bool = False) -> Issue:
    (tmp_path / "deep-case.yaml").write_text(DEEP, "utf-8")
    (tmp_path / "courses").mkdir()
    if practice:
        (tmp_path / "courses" / "a-practice.yaml").write_text(COURSE, "utf-8")
    clean, line, column = marked(text)
    (tmp_path / "courses" / "course.yaml").write_text(clean, "utf-8")
    issues = validate_paths([tmp_path]).issues
    assert f"course.yaml:{line}:{column}" in reported(issues, code), [str(issue) for issue in issues]
    return next(issue for issue in issues if issue.code == code)


def test_a_course_naming_an_unknown_scenario_is_reported_at_the_name(tmp_path: Path) -> None:
    text = edit("  - deep-case\n", f"  - deep-case\n  - {MARK}deep-cas\n", COURSE)
    assert "'deep-case'" in check_course(tmp_path, "E012", text).hint


def test_an_acknowledgement_turned_off_is_reported_at_it(tmp_path: Path) -> None:
    check_course(tmp_path, "E014", edit("acknowledgement: true\n", f"acknowledgement: {MARK}false\n", COURSE))


def test_a_missing_acknowledgement_is_reported_at_the_rhythm_that_needs_it(tmp_path: Path) -> None:
    text = edit("acknowledgement: true\n", "", COURSE).replace("rhythm: onboarding", f"rhythm: {MARK}onboarding")
    check_course(tmp_path, "E014", text)


def test_an_exam_scenario_in_a_practice_course_is_reported_at_the_exams_list(tmp_path: Path) -> None:
    check_course(tmp_path, "E016", edit("  - deep-case\n", f"  - {MARK}deep-case\n", EXAM), practice=True)


def test_a_course_with_a_missing_translation_warns_at_the_text(tmp_path: Path) -> None:
    text = edit(
        "description:\n  ru: Описание курса\n  en: The course described\n",
        f"description:\n  {MARK}ru: Описание курса\n",
        COURSE,
    )
    assert check_course(tmp_path, "W001", text).level == "warning"


PLACED_IN_OTHER_TESTS = {"E012", "E014", "E016", "E018", "E020"}  # the course and library tests; test_languages


def test_every_code_of_the_validator_has_its_place_tested() -> None:
    from simkit.scenarios import validate

    codes = set(re.findall(r"\b[EW]\d{3}\b", validate.__doc__ or ""))
    assert len(codes) == 21 and codes <= {code for code, _text in SCENARIO_FAULTS.values()} | PLACED_IN_OTHER_TESTS


def test_a_typo_gets_did_you_mean_and_a_citation_its_close_matches(tmp_path: Path) -> None:
    typo = check(tmp_path, "E003", SCENARIO_FAULTS["E003 typo'd key"][1])
    assert "'pionts'" in typo.message and "did you mean 'points'?" in typo.hint
    citation = check(tmp_path, "E004", SCENARIO_FAULTS["E004 unknown citation"][1])
    assert "code:9.61" in citation.message and "did you mean" in citation.message
    duplicate = check(tmp_path, "E001", SCENARIO_FAULTS["E001 duplicate key"][1])
    first = DEEP[: DEEP.index("    points: 2\n")].count("\n") + 1
    assert f"first given at line {first}, column 5" in duplicate.message and "only once" in duplicate.hint
    tab = check(tmp_path, "E001", SCENARIO_FAULTS["E001 tab"][1])
    assert "tab" in tab.message and "spaces" in tab.hint

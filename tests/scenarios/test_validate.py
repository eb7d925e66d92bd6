"""Each rule of the validator, shown failing on a broken example: code, file, line and a hint."""

from __future__ import annotations

from pathlib import Path

from tests.scenarios.conftest import VALID, single


def test_the_small_example_is_valid(validate_text) -> None:
    report = validate_text(VALID)
    assert report.issues == []
    assert list(report.scenarios) == ["mini-case"]


def test_malformed_yaml_names_the_line(validate_text) -> None:
    issue = single(validate_text(VALID.replace("  - id: when\n", "  - id: when\n   bad: [\n")), "E001")
    assert issue.line == 28 and "malformed YAML" in issue.message and issue.hint


def test_aliases_are_refused_so_an_alias_bomb_cannot_explode(validate_text) -> None:
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    )
    issue = single(validate_text(bomb), "E001")
    assert "aliases" in issue.message


def test_a_huge_file_is_refused_before_parsing(validate_text) -> None:
    issue = single(validate_text(VALID + "#" + "x" * 600_000 + "\n"), "E001")
    assert "larger than" in issue.message


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    from simkit.scenarios.validate import validate_paths

    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert single(validate_paths([path]), "E001").message.startswith("not UTF-8")


def test_a_mistyped_key_gets_did_you_mean_at_its_line(validate_text) -> None:
    issue = single(validate_text(VALID.replace("    points: 2\n", "    pointz: 2\n")), "E003")
    assert issue.line == 31 and issue.column == 5
    assert "'pointz'" in issue.message and "'points'" in issue.hint


def test_a_wrong_type_names_the_key(validate_text) -> None:
    issue = single(validate_text(VALID.replace("    points: 2\n", "    points: many\n")), "E002")
    assert issue.line == 31 and "points" in issue.message


def test_a_missing_key_is_named(validate_text) -> None:
    issue = single(validate_text(VALID.replace("minutes: 5\n", "")), "E002")
    assert "missing key 'minutes'" in issue.message


def test_an_unknown_step_type_suggests_the_closest(validate_text) -> None:
    issue = single(validate_text(VALID.replace("type: single_choice", "type: singel_choice")), "E002")
    assert "singel_choice" in issue.message and "single_choice" in issue.hint and issue.line == 16


def test_an_unknown_citation_names_close_matches(validate_text) -> None:
    issue = single(validate_text(VALID.replace("citations: [law:50.1.17]", "citations: [law:50.1.71]")), "E004")
    assert issue.line == 22 and "did you mean" in issue.message


def test_a_case_offence_that_is_no_offence(validate_text) -> None:
    issue = single(validate_text(VALID.replace("offence: law:50.1.17", "offence: law:34.2")), "E004")
    assert "no duty" in issue.message


def test_duplicate_step_ids(validate_text) -> None:
    issue = single(validate_text(VALID.replace("  - id: kept\n", "  - id: when\n")), "E005")
    assert "duplicate step id 'when'" in issue.message


def test_duplicate_option_ids(validate_text) -> None:
    issue = single(validate_text(VALID.replace("      - id: keep\n", "      - id: hand_over\n")), "E005")
    assert "hand_over" in issue.message


def test_duplicate_scenario_ids_across_files(tmp_path: Path) -> None:
    from simkit.scenarios.validate import validate_paths

    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text(VALID, "utf-8")
    issue = single(validate_paths([tmp_path]), "E005")
    assert "already used" in issue.message


def test_next_naming_no_step(validate_text) -> None:
    issue = single(validate_text(VALID.replace("next: kept", "next: kpet")), "E006")
    assert "'kept'" in issue.hint and issue.line == 25


def test_unreachable_step(validate_text) -> None:
    text = VALID.replace("        next: kept\n", "") + "  - id: orphan\n    type: end\n    outcome: {ru: А, en: A}\n"
    report = validate_text(text)
    assert {issue.message for issue in report.issues if issue.code == "E007"} == {
        "step 'kept' cannot be reached from the start",
        "step 'orphan' cannot be reached from the start",
    }


def test_dead_end(validate_text) -> None:
    issue = single(validate_text(VALID.replace("    next: done\n  - id: kept", "  - id: kept")), "E008")
    assert "'when' is a dead end" in issue.message and "type: end" in issue.hint


def test_loop(validate_text) -> None:
    issue = single(
        validate_text(VALID.replace("    next: done\n  - id: kept", "    next: choose\n  - id: kept")), "E009"
    )
    assert "choose -> when -> choose" in issue.message


def test_expression_with_unknown_name(validate_text) -> None:
    issue = single(
        validate_text(VALID.replace("key: gift_transfer_deadline(found)", "key: gift_transfer_deadline(fund)")), "E010"
    )
    assert "'fund'" in issue.message and "'found'" in issue.hint and issue.line == 30


def test_expression_with_forbidden_code(validate_text) -> None:
    issue = single(validate_text(VALID.replace("key: gift_transfer_deadline(found)", "key: found.__class__")), "E010")
    assert "not allowed" in issue.message


def test_derived_parameter_using_a_later_one(validate_text) -> None:
    text = VALID.replace("  deadline: {type: derived, expr: gift_transfer_deadline(found)}\n", "").replace(
        "  servant: {type: name}\n",
        "  servant: {type: name}\n  deadline: {type: derived, expr: gift_transfer_deadline(found)}\n",
    )
    issue = single(validate_text(text), "E010")
    assert "declared above" in issue.hint


def test_answer_key_that_fails_to_compute(validate_text) -> None:
    issue = single(
        validate_text(VALID.replace("key: gift_transfer_deadline(found)", "key: days_between(found, deadline)")), "E010"
    )
    assert "not a date" in issue.message and "sample-1" in issue.message


def test_case_dates_that_fail_for_a_learner(validate_text) -> None:
    issue = single(
        validate_text(VALID.replace('revealed: "add_days(found, 20)"', 'revealed: "add_days(found, -20)"')), "E010"
    )
    assert "cannot be revealed" in issue.message


def test_unknown_placeholder(validate_text) -> None:
    issue = single(validate_text(VALID.replace('"{servant} finds', '"{servnt} finds')), "E011")
    assert "{servnt}" in issue.message and "'servant'" in issue.hint and issue.line == 13


def test_multiple_choice_without_a_correct_option(validate_text) -> None:
    step = """  - id: which
    type: multiple_choice
    prompt: {ru: "Что?", en: "What?"}
    points: 1
    options:
      - {id: a, text: {ru: А, en: A}, correct: false}
      - {id: b, text: {ru: Б, en: B}, correct: false}
    next: done
"""
    text = VALID.replace("    next: done\n  - id: kept", "    next: which\n  - id: kept").replace(
        "  - id: done\n", step + "  - id: done\n"
    )
    assert single(validate_text(text), "E013").message == "step 'which' has no correct option"


def test_missing_translation_is_a_warning(validate_text) -> None:
    report = validate_text(VALID.replace("outcome: {ru: Конец, en: The end}", "outcome: {ru: Конец}"))
    issue = single(report, "W001")
    assert issue.level == "warning" and "en" in issue.message and not report.errors


def test_text_cut_at_a_comma_is_explained(validate_text) -> None:
    issue = single(
        validate_text(
            VALID.replace("text: {ru: Передать, en: Hand over}", "text: {ru: Передать, сразу, en: Hand over}")
        ),
        "E003",
    )
    assert "quotes" in issue.hint


COURSE = """\
id: mini-course
version: 1
title: {ru: Курс, en: Course}
description: {ru: Описание, en: Description}
rhythm: onboarding
mode: practice
pass_mark: 70
seed: 1
acknowledgement: true
scenarios: [mini-case]
"""


def test_a_course_naming_an_unknown_scenario(tmp_path: Path) -> None:
    from simkit.scenarios.validate import validate_paths

    (tmp_path / "mini-case.yaml").write_text(VALID, "utf-8")
    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "mini.yaml").write_text(COURSE.replace("[mini-case]", "[mini-cas]"), "utf-8")
    issue = single(validate_paths([tmp_path]), "E012")
    assert "'mini-case'" in issue.hint and issue.line == 10


def test_an_onboarding_course_needs_the_acknowledgement(tmp_path: Path) -> None:
    from simkit.scenarios.validate import validate_paths

    (tmp_path / "mini-case.yaml").write_text(VALID, "utf-8")
    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "mini.yaml").write_text(COURSE.replace("acknowledgement: true\n", ""), "utf-8")
    assert "code:5" in single(validate_paths([tmp_path]), "E014").message


def test_a_wrong_turn_that_pays_better_than_the_right_answer_is_an_error(validate_text) -> None:
    # The right choice earns 1, then the date 2; the wrong one leads to an audit and, here, a 4-point question.
    assert VALID.count("    next: done\n  - id: done\n") == 1  # the audit step's way out
    richer = VALID.replace(
        "    next: done\n  - id: done\n",
        "    next: kept_quiz\n  - id: kept_quiz\n    type: number\n    prompt: {ru: Сколько?, en: How many?}\n"
        "    key: '7'\n    points: 4\n    next: done\n  - id: done\n",
    )
    issue = single(validate_text(richer), "E015")
    assert "choosing 'keep' in 'choose' can earn 4 points along its branch, more than the 3" in issue.message


def test_a_scenario_of_an_exam_course_in_a_practice_course_too(tmp_path: Path) -> None:
    from simkit.scenarios.validate import validate_paths

    (tmp_path / "mini-case.yaml").write_text(VALID, "utf-8")
    (tmp_path / "courses").mkdir()
    practice = tmp_path / "courses" / "mini.yaml"
    practice.write_text(COURSE, "utf-8")
    exam = COURSE.replace("id: mini-course", "id: mini-exam").replace("mode: practice", "mode: exam")
    exam = exam.replace("rhythm: onboarding", "rhythm: advanced_training").replace("acknowledgement: true\n", "")
    (tmp_path / "courses" / "exam.yaml").write_text(exam, "utf-8")
    issue = single(validate_paths([tmp_path]), "E016")
    assert issue.path == tmp_path / "courses" / "exam.yaml" and issue.line == 9  # the scenario in the exam's list
    assert f"practice course 'mini-course' also lists ({practice}:10)" in issue.message  # where it lists it
    assert "'mini-case'" in issue.message and "keys" in issue.message
    assert "another scenario" in issue.hint and "its own id" in issue.hint
    (tmp_path / "courses" / "exam.yaml").write_text(exam.replace("mode: exam", "mode: practice"), "utf-8")
    assert [issue for issue in validate_paths([tmp_path]).issues if issue.code == "E016"] == []  # two practices: fine

"""Keys a lawyer would sign: each key names the interpretation it relies on, the other tenable readings score as
the trainer declared, an answer outside every reading scores zero, the library reads each provision one way, and a
case's keys cite its own audience's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from simkit import law
from simkit.cli.main import app
from simkit.grading.feedback import render_feedback
from simkit.grading.grader import course_key, grade
from simkit.grading.intake import read
from simkit.grading.synthetic import synthetic_submission
from simkit.player.scenario import ScenarioPlayer
from simkit.player.session import Marker, ScenarioSession, memory_commit
from simkit.richtext.html import feedback_html, readings_html
from simkit.scenarios import answer_key, model, score
from simkit.scenarios.audit import keys_in
from simkit.scenarios.library import find_scenario
from simkit.scenarios.paper import practice_paper
from simkit.scenarios.scoring import computed_keys
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.variants import Variant, make_variant
from simkit.scenarios.yamlsource import parse
from simkit.submissions import ScenarioAnswers, encode_submission, now
from tests.player.test_widgets import all_html
from tests.scenarios.conftest import VALID, check_text

SEED = 20260301  # the advanced-training course's


def scenario(scenario_id: str) -> model.Scenario:
    return find_scenario(scenario_id)[1]


def learner_where(found: model.Scenario, holds: Callable[[dict[str, Any]], bool], seed: int = SEED) -> Variant:
    """The first sample learner whose variant has the property (drawn, as the grader draws it)."""
    for number in range(3000):
        variant = make_variant(found, seed, f"learner{number:04d}")
        if holds(dict(variant.values)):
            return variant
    raise AssertionError("no learner of 3,000 has it")


def test_a_deadline_moved_off_a_day_off_scores_as_declared_and_says_which_reading_it_rests_on() -> None:
    gift = scenario("gift-at-desk")
    step = gift.step("transfer_date")
    variant = learner_where(gift, lambda values: not law.is_working_day(values["deadline"]))
    key, rolled = variant.values["deadline"], law.roll_to_working_day(variant.values["deadline"])
    assert rolled > key
    moved = score(step, rolled.isoformat(), variant)
    assert (moved.points, moved.correct) == (2.0, True)
    assert moved.readings == ("no-rollover/next-working-day",) and moved.other_readings == ("no-rollover/not-moved",)
    assert moved.feedback is not None and "no-rollover" in moved.feedback.en
    exact = score(step, key.isoformat(), variant)
    assert (exact.points, exact.readings, exact.other_readings) == (
        2.0,
        ("no-rollover/not-moved",),
        ("no-rollover/next-working-day",),
    )
    for outside in (key - dt.timedelta(days=1), rolled + dt.timedelta(days=1)):
        wrong = score(step, outside.isoformat(), variant)
        assert (wrong.points, wrong.correct) == (0.0, False) and wrong.readings == ("no-rollover/not-moved",)


def test_on_a_working_day_the_two_readings_agree_and_the_key_is_the_one_matched() -> None:
    gift = scenario("gift-at-desk")
    variant = learner_where(gift, lambda values: law.is_working_day(values["deadline"]))
    marked = score(gift.step("transfer_date"), variant.values["deadline"].isoformat(), variant)
    assert (
        marked.readings == ("no-rollover/not-moved",) and marked.feedback == gift.step("transfer_date").feedback.correct
    )  # type: ignore[union-attr]


def test_the_appointment_as_the_day_of_the_offence_is_accepted_and_another_day_is_not() -> None:
    case = scenario("relative-subordination")
    step = case.step("appointed_deadline")
    variant = learner_where(case, lambda values: values["appointment_deadline"] != values["sanction_deadline"])
    appointment = score(step, variant.values["appointment_deadline"], variant)
    assert appointment.points == 2.0 and appointment.readings[0] == "advantage-moment/appointment"
    assert "no-rollover/not-moved" in appointment.readings  # the other note keeps the key's reading
    interview = score(step, variant.values["sanction_deadline"], variant)
    assert interview.points == 2.0 and "advantage-moment/advantage-given" in interview.readings
    audit_limit = variant.values["limit_discovery"] + dt.timedelta(days=9)
    assert score(step, audit_limit, variant).points == 0.0


def test_a_closed_case_accepts_the_fixed_year_and_keys_the_year_stopped_by_the_proceedings() -> None:
    case = scenario("repeated-offence")
    step = case.step("closed_case")
    variant = learner_where(case, lambda values: values["closed_year_fixed"] != values["closed_deadline"])
    stopped, fixed = variant.values["closed_deadline"], variant.values["closed_year_fixed"]
    assert fixed < stopped == law.add_months(variant.values["closed_day"], 3)
    assert score(step, stopped, variant).readings == ("no-rollover/not-moved", "criminal-proceedings/clock-stopped")
    assert score(step, fixed, variant).readings[0] == "criminal-proceedings/year-fixed"
    assert score(step, fixed, variant).points == 2.0
    assert score(step, stopped + dt.timedelta(days=40), variant).points == 0.0


def test_a_second_tenable_provision_earns_the_part_the_trainer_set_and_an_untenable_one_nothing() -> None:
    step = scenario("relative-subordination").step("protection_rule")
    variant = make_variant(scenario("relative-subordination"), 0, "ann")
    material = score(step, "law:50.1.2", variant)
    assert (material.points, material.correct) == (0.5, False)
    assert material.readings == ("kin-advantage-provision/material-interest",)
    assert material.feedback is not None and "50.1.3" in material.feedback.en
    assert score(step, "law:50.1.3", variant).points == 1.0
    assert score(step, "law:13.7", variant).points == 0.0
    assistance = score(scenario("conflict-of-interest").step("preference_case"), "law:50.1.5", variant)
    assert (assistance.points, assistance.correct) == (2.0, True)


def test_the_player_and_the_grader_show_the_same_reading_with_its_provision(tmp_path: Path) -> None:
    key = course_key("advanced-training")
    gift = key.scenarios["gift-at-desk"].scenario

    def day_off(values: dict[str, Any]) -> bool:
        return not law.is_working_day(values["deadline"])

    variant = learner_where(gift, day_off)
    submission = synthetic_submission(key, variant.learner, skill=1.0)
    record = submission.scenarios["gift-at-desk"]
    answer = next(answer for answer in record.answers if answer.step == "transfer_date")
    answer.value = law.roll_to_working_day(variant.values["deadline"]).isoformat()
    path = tmp_path / f"{variant.learner}.json"
    path.write_bytes(encode_submission(submission))
    graded = grade(read(path), key)
    marked = next(item for item in graded.answers if item.step_id == "transfer_date")
    scored = score(gift.step("transfer_date"), answer.value, variant)
    assert (marked.points, marked.correct) == (scored.points, scored.correct) == (2.0, True)  # the grader's keys
    shown = readings_html(scored, "en")
    assert "[no-rollover/next-working-day]</i> (law:50.1.17)" in shown and "Another reading also accepted" in shown
    assert shown in feedback_html(scored, variant, "en")
    assert shown in render_feedback(key, graded, "en")


def test_a_key_resting_on_a_contested_reading_without_naming_it_fails(tmp_path: Path) -> None:
    text = VALID.replace(
        "    readings: [no-rollover/not-moved]\n    alternatives:\n"
        "      - {readings: [no-rollover/next-working-day], key: roll_to_working_day(deadline)}\n",
        "",
    )
    [issue] = check_text(text, tmp_path).errors
    assert issue.code == "E017" and "note 'no-rollover'" in issue.message and "no-rollover/not-moved" in issue.hint


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("readings: [no-rollover/not-moved]", "readings: [no-rollover]"), "records more than one reading: name one"),
        (("readings: [no-rollover/not-moved]", "readings: [no-rolover/not-moved]"), "did you mean 'no-rollover'?"),
        (("readings: [no-rollover/not-moved]", "readings: [no-rollover/never]"), "has no reading 'never'"),
        (
            ("{readings: [no-rollover/next-working-day]", "{readings: [advantage-moment/appointment]"),
            "names no reading of note 'advantage-moment'",
        ),
        (("{readings: [no-rollover/next-working-day]", "{readings: [no-rollover/not-moved]"), "the key itself uses"),
    ],
)
def test_a_reading_that_does_not_fit_is_one_line_with_a_hint(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    report = check_text(VALID.replace(*change), tmp_path)
    found = [issue for issue in report.errors if issue.code == "E017"]
    assert found and any(expected in f"{issue.message} {issue.hint}" for issue in found), [str(i) for i in found]
    assert all(str(issue).count("\n") == 0 and issue.hint for issue in found)


CODE_KEY = VALID.replace("        citations: [law:50.1.17]\n", "        citations: [law:50.1.17, code:9.16]\n")


def test_a_law_case_whose_key_cites_a_code_rule_fails_at_the_citation_unless_the_step_says_why(tmp_path: Path) -> None:
    [issue] = check_text(CODE_KEY, tmp_path).errors
    line = next(at for at, text in enumerate(CODE_KEY.splitlines(), 1) if "code:9.16" in text)
    column = CODE_KEY.splitlines()[line - 1].index("code:9.16") + 1
    assert issue.code == "E019" and (issue.line, issue.column) == (line, column)
    assert "code:9.16, a rule of the Code of service ethics of civil employees, in a case for state servants" in (
        issue.message
    )
    said = CODE_KEY.replace(
        "    options:\n      - id: hand_over",
        "    audience_note: {ru: Вопрос о гражданском служащем., en: The question is about a civil employee.}\n"
        "    options:\n      - id: hand_over",
    )
    assert check_text(said, tmp_path).errors == []
    assert check_text(CODE_KEY.replace("audience: law", "audience: both"), tmp_path).errors == []


def test_a_wrong_option_may_cite_the_other_instrument_and_a_code_case_may_not_key_on_the_law(tmp_path: Path) -> None:
    compared = VALID.replace("        next: kept\n", "        citations: [code:9.16]\n        next: kept\n")
    assert check_text(compared, tmp_path).errors == []
    [issue] = check_text(VALID.replace("audience: law", "audience: code"), tmp_path).errors
    assert issue.code == "E019" and "law:50.1.17, a rule of the Law on the civil service" in issue.message


def test_the_audience_note_is_shown_to_learners_in_the_exam_copy_too() -> None:
    path = find_scenario("relative-subordination")[0]
    stripped = strip_answers(parse(path).data)
    step = next(step for step in stripped["steps"] if step["id"] == "civil_employees")
    assert "civil employee" in step["audience_note"]["en"]


def test_exam_copies_carry_no_alternatives_or_readings_and_still_offer_every_accepted_citation() -> None:
    path = find_scenario("relative-subordination")[0]
    data = parse(path).data
    stripped = strip_answers(data)
    step = next(step for step in stripped["steps"] if step["id"] == "protection_rule")
    assert "alternatives" not in step and "readings" not in step and "law:50.1.2" in step["choices"]
    assert all("alternatives" not in step and "readings" not in step for step in stripped["steps"])
    assert keys_in(stripped) == []
    found = {".".join(map(str, place)) for place, _what in keys_in(data)}
    assert any(place.endswith("alternatives") for place in found) and any(place.endswith("readings") for place in found)


def test_the_library_reads_each_provision_one_way_and_lists_them() -> None:
    result = CliRunner().invoke(app, ["readings"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("law:50.1.3")
    assert lines[at + 1].startswith("  advantage-moment/advantage-given: 4 key(s)")
    assert "advantage-moment/appointment:" not in result.output  # accepted as an alternative, used by no key


def test_the_offence_of_50_1_3_is_dated_at_the_advantage_in_both_cases_that_try_it() -> None:
    nephew = scenario("elections-and-loans").step("nepotism_case").case
    in_law = scenario("relative-subordination").step("appointed").case
    assert nephew is not None and in_law is not None
    assert (nephew.committed, in_law.committed) == ("interview_day", "interview")


def test_gift_at_desk_rests_on_the_law_and_a_utility_director_is_no_official_of_50_1_15() -> None:
    gift = scenario("gift-at-desk")
    for step in gift.steps:
        if isinstance(step, model.QUESTION_TYPES):
            assert not [c for c in step.citations if c.startswith("code:")], step.id
    games = scenario("gambling-colleagues").step("which_games")
    assert isinstance(games, model.MultipleChoice)
    director = next(option for option in games.options if option.id == "billiards_director")
    assert (
        director.correct is False and "law:1.8" in director.citations and director.readings == ("gambling-officials",)
    )


def test_the_grader_marks_every_alternative_answer_as_the_scoring_of_the_player_does(tmp_path: Path) -> None:
    """The grader works keys out once per set of values and alternatives only for answers that miss the key; a
    learner answering each date and number by some reading gets the marks score() gives."""
    key = course_key("advanced-training")
    for number in range(40):
        submission = synthetic_submission(key, f"reader{number:03d}", seed=number, skill=0.5)
        expected = {}
        for scenario_id, record in submission.scenarios.items():
            found = key.scenarios[scenario_id].scenario
            variant = make_variant(found, key.course.seed, submission.learner)
            for answer in record.answers:
                step = found.step(answer.step)
                if isinstance(step, model.DateQuestion | model.NumberQuestion) and step.alternatives:
                    keys = computed_keys(step, variant.values)
                    answer.value = _written(keys[number % len(keys)] if number % 3 else answer.value)
                expected[(scenario_id, answer.step)] = score(step, answer.value, variant).points
        path = tmp_path / f"{submission.learner}.json"
        path.write_bytes(encode_submission(submission))
        graded = grade(read(path), key)
        assert {(item.scenario_id, item.step_id): item.points for item in graded.answers} == expected


def _written(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else float(value) if isinstance(value, int) else value


def test_the_player_shows_the_audience_note_with_its_question() -> None:
    found = scenario("relative-subordination")
    paper, variant = practice_paper(found), make_variant(found, 0, "ann")
    record = ScenarioAnswers(id=found.id, version=found.version, started_at=now())
    session = ScenarioSession(paper, variant, record, memory_commit(paper, record), Marker(found, variant))
    while (current := session.walked.current) is not None and current.id != "civil_employees":
        key = answer_key(found.step(current.id), variant)
        session.answer(current.id, key[0] if current.type in ("single_choice", "provision") else key)
    page = all_html(ScenarioPlayer(session, lang="en").widget)
    assert "Why another set of rules here: This question is about the director" in page
    assert page.count("simkit-audience-note") == 1

"""Per-question statistics (Moodle's facility, discrimination, options chosen) over a course's current attempts,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.results import GradedSubmission, ScoredAnswer, by_scenario
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.statistics import CourseStatistics, course_statistics
from simkit.grading.statistics_chart import map_figure, options_figure
from simkit.grading.statistics_flags import NEGATIVE, WEAK
from simkit.scenarios.graph import step_max_points
from simkit.scenarios.model import QUESTION_TYPES
from simkit.submissions import encode_submission

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("advanced-training")


@pytest.fixture
def book(gradebook_url: str) -> Iterator[Gradebook]:
    engine = connect(gradebook_url)
    yield Gradebook(engine)
    engine.dispose()


def graded(
    key: CourseKey, learner: str, given: list[tuple[str, str, Any, float | None]], file: str = "1"
) -> GradedSubmission:
    """A learner's graded submission with these (scenario, step, value, points) answers."""
    scored = []
    for scenario_id, step_id, value, points in given:
        scenario = key.scenarios[scenario_id].scenario
        most = step_max_points(scenario.step(step_id))
        correct = None if points is None else points == most
        scored.append(ScoredAnswer(scenario_id, scenario.version, step_id, value, AT, points, most, correct))
    score = sum(answer.points or 0.0 for answer in scored)
    return GradedSubmission(
        learner=learner,
        course_id=key.course.id,
        course_version=key.course.version,
        mode=key.course.mode,
        source=f"{learner}.json",
        digest=hashlib.sha256(f"{learner}/{file}".encode()).hexdigest(),
        key_digest=key.digest,
        submitted_at=AT + dt.timedelta(hours=int(file)),
        scenarios=by_scenario(scored),
        score=score,
        max_score=key.max_score,
        pending_review=sum(answer.points is None for answer in scored),
        passed=False,
        acknowledged_on=None,
        finished=(),
    )


def key_questions(key: CourseKey) -> list[str]:
    return [
        f"{scenario_id}/{step.id}"
        for scenario_id, scenario_key in key.scenarios.items()
        for step in scenario_key.scenario.steps
        if isinstance(step, QUESTION_TYPES)
    ]


def record(book: Gradebook, key: CourseKey, *submissions: GradedSubmission) -> None:
    batch = book.begin_batch("test", key.course)
    for submission in submissions:  # one by one: a later file of a learner supersedes the earlier
        book.record(batch, [submission])


RECIPIENT, APPEARANCE = ("gift-at-desk", "recipient"), ("relative-subordination", "civil_employees")
REPORT_ORDER = ("relative-subordination", "conflict_steps")
RIGHT_ORDER = ["notify", "reassign", "interview", "check"]


def hand_example(key: CourseKey) -> list[GradedSubmission]:
    """Four learners, three questions; totals ann 4, bek 3, cem 1, dan 1.

    recipient (max 1):    x = 1, 1, 0, 0    rest = 3, 2, 1, 1
    appearance (max 1):   x = 1, 0, 1, 0    rest = 3, 3, 0, 1
    report_order (max 2): x = 2, 2, 0, 1    rest = 2, 1, 1, 0   (dan: two of four items in place)
    """
    answers = {
        "ann": [("property_body", 1.0), ("code_10_11", 1.0), (RIGHT_ORDER, 2.0)],
        "bek": [("property_body", 1.0), ("none", 0.0), (RIGHT_ORDER, 2.0)],
        "cem": [("hr", 0.0), ("code_10_11", 1.0), (["reassign", "notify", "check", "interview"], 0.0)],
        "dan": [("hr", 0.0), ("none", 0.0), (["notify", "reassign", "check", "interview"], 1.0)],
    }
    steps = [RECIPIENT, APPEARANCE, REPORT_ORDER]
    return [
        graded(key, learner, [(*step, value, points) for step, (value, points) in zip(steps, given, strict=True)])
        for learner, given in answers.items()
    ]


def test_facility_discrimination_and_efficiency_are_moodles_on_a_hand_computed_example(
    book: Gradebook, key: CourseKey
) -> None:
    # ann's first file, all wrong, is superseded by her second: only current attempts count.
    first = graded(key, "ann", [(*RECIPIENT, "budget", 0.0), (*APPEARANCE, "none", 0.0)], file="0")
    record(book, key, first, *hand_example(key))
    found = course_statistics(book, key, "en")
    assert found.attempts == 4
    recipient, appearance = found.question("gift-at-desk/recipient"), found.question("/".join(APPEARANCE))
    order = found.question("relative-subordination/conflict_steps")
    # recipient: mean 0.5 → F 50 %; s = √(1/3) → SD 57.74 %; Σdx·dy = 1.5, Σdx² = 1, Σdy² = 2.75
    # → D = 1.5/√2.75 = 90.45 %; sorted x (0,0,1,1) and rest (1,1,2,3) pair as they are → E = 100 %.
    assert (recipient.answered, recipient.facility, recipient.fully_correct) == (4, 50.0, 50.0)
    assert recipient.sd == pytest.approx(57.735, abs=1e-3)
    assert recipient.discrimination == pytest.approx(90.453, abs=1e-3)
    assert recipient.efficiency == pytest.approx(100.0)
    # appearance: rest 3, 3, 0, 1 (mean 1.75): Σdx·dy = −0.5, Σdy² = 6.75 → D = −0.5/√6.75 = −19.25 %.
    assert appearance.discrimination == pytest.approx(-19.245, abs=1e-3)
    assert appearance.flags == (NEGATIVE,) and found.questions[0].label == appearance.label  # most urgent first
    # report_order: mean 1.25 of 2 → F 62.5 %; Σdx² = 2.75 → SD = √(2.75/3)/2 = 47.87 %; rest mean 1,
    # Σdx·dy = 1, Σdy² = 2 → D = 1/√5.5 = 42.64 %; sorted pairing gives 2 → E = 1/2 = 50 %; 2 of 4 fully right.
    assert order.facility == pytest.approx(62.5) and order.fully_correct == pytest.approx(50.0)
    assert order.sd == pytest.approx(47.871, abs=1e-3)
    assert order.discrimination == pytest.approx(42.640, abs=1e-3)
    assert order.efficiency == pytest.approx(50.0) and order.flags == ()


def test_the_options_chosen_are_counted_with_their_text_and_an_option_nobody_chose_shows_0(
    book: Gradebook, key: CourseKey
) -> None:
    record(book, key, *hand_example(key))
    found = course_statistics(book, key, "en")
    recipient = {option.value: option for option in found.question("gift-at-desk/recipient").options}
    assert [(value, option.count, option.right) for value, option in recipient.items()] == [
        ("property_body", 2, True),
        ("hr", 2, False),
        ("budget", 0, False),
    ]
    assert recipient["budget"].share == 0 and recipient["hr"].share == 50
    assert (
        recipient["property_body"].text == key.scenarios["gift-at-desk"].scenario.step("recipient").options[0].text.en
    )
    order = found.question("relative-subordination/conflict_steps")
    # each item in its place: notify and reassign for ann, bek, dan; interview and check for ann, bek
    assert order.counts == "in_place"
    assert [(option.value, option.count) for option in order.options] == list(
        zip(RIGHT_ORDER, [3, 3, 2, 2], strict=True)
    )


def test_multiple_choices_count_each_option_and_provision_pickers_the_citation_with_its_text(
    book: Gradebook, key: CourseKey
) -> None:
    redemption, provision = ("gift-at-desk", "redemption"), ("gift-at-desk", "sanction_provision")
    record(
        book,
        key,
        graded(key, "ann", [(*redemption, ["buy_out", "valuation", "contract", "money_to_budget"], 3.0),
                            (*provision, "law:44.7", 1.0)]),
        graded(key, "bek", [(*redemption, ["buy_out", "pay_giver"], 0.0), (*provision, "law:44.3", 0.0)]),
        graded(key, "cem", [(*redemption, ["valuation"], 0.75), (*provision, "law:44.7", 1.0)]),
    )  # fmt: skip
    found = course_statistics(book, key, "ru")
    chosen = {
        option.value: (option.count, option.right) for option in found.question("gift-at-desk/redemption").options
    }
    assert chosen == {
        "buy_out": (2, True),
        "valuation": (2, True),
        "contract": (1, True),
        "pay_giver": (1, False),
        "money_to_budget": (1, True),
    }
    picked = {option.value: option for option in found.question("gift-at-desk/sanction_provision").options}
    assert {citation: option.count for citation, option in picked.items()} == {
        "law:44.3": 1,
        "law:44.5": 0,
        "law:44.6": 0,
        "law:44.7": 2,
    }
    assert [citation for citation, option in picked.items() if option.right] == ["law:44.7"]
    assert picked["law:44.3"].text.startswith("3.") and picked["law:44.3"].provisions == ("law:44.3",)


def test_a_branch_is_counted_over_the_attempts_that_reached_it(book: Gradebook, key: CourseKey) -> None:
    gift = "gift-at-desk"
    record(
        book,
        key,
        graded(key, "ann", [(gift, "first_action", "find_giver", 2.0), (gift, "giver_unknown", "written_notice", 2.0),
                            (gift, "sanction_provision", "law:44.7", 1.0)]),
        graded(key, "bek", [(gift, "first_action", "find_giver", 2.0), (gift, "giver_unknown", "oral_notice", 0.5),
                            (gift, "sanction_provision", "law:44.3", 0.0)]),
        graded(key, "cem", [(gift, "first_action", "find_giver", 2.0), (gift, "giver_unknown", "wait", 0.0),
                            (gift, "sanction_provision", "law:44.7", 1.0)]),
        graded(key, "dan", [(gift, "first_action", "keep", 0.0), (gift, "kept_sanction", "dismissal", 1.0),
                            (gift, "sanction_provision", "law:44.5", 0.0)]),
    )  # fmt: skip
    found = course_statistics(book, key, "en")
    giver, kept = found.question(f"{gift}/giver_unknown"), found.question(f"{gift}/kept_sanction")
    assert (found.attempts, found.question(f"{gift}/first_action").answered, giver.answered, kept.answered) == (
        4,
        4,
        3,
        1,
    )
    # giver_unknown over ann, bek, cem only: x = 2, ½, 0 (mean 5/6), rest = 3, 2, 3 (mean 8/3):
    # Σdx·dy = 1/3, Σdx² = 13/6, Σdy² = 2/3 → D = (1/3)/√(13/9) = 1/√13 = 27.74 %: weak; F = (5/6)/2 = 41.67 %.
    assert giver.discrimination == pytest.approx(100 / math.sqrt(13)) and giver.flags == (WEAK,)
    assert giver.facility == pytest.approx(100 * 5 / 12)
    assert kept.facility == 100.0 and kept.discrimination is None  # one answer: no spread to correlate
    never = found.question("repeated-offence/reentry")  # nobody reached it: listed, last, with nothing to say
    assert (never.answered, never.facility, never.flags) == (0, None, ())
    labels = [question.label for question in found.questions]
    assert labels.index(never.label) > labels.index(giver.label)


def test_free_text_awaiting_review_is_left_out_of_its_question(book: Gradebook, key: CourseKey) -> None:
    notice = ("relative-subordination", "notice")
    record(book, key, graded(key, "ann", [(*notice, "Сообщаю письменно", None), (*RECIPIENT, "hr", 0.0)]))
    text = course_statistics(book, key).question("relative-subordination/notice")
    assert (text.answered, text.awaiting_review, text.facility, text.options) == (0, 1, None, ())


def test_no_graded_attempts_gives_an_empty_report_not_an_error(book: Gradebook, key: CourseKey) -> None:
    found = course_statistics(book, key)
    assert (found.attempts, found.questions, found.flagged()) == (0, [], [])
    assert "no graded attempts of advanced-training yet" in found._repr_html_()
    with pytest.raises(ValueError, match="no graded attempts yet"):
        found.question("gift-at-desk/recipient")


def test_rest_of_test_correlation_matches_pearsons_r_computed_attempt_by_attempt(
    book: Gradebook, key: CourseKey, tmp_path: Path
) -> None:
    from simkit.grading.run import grade_into
    from simkit.grading.synthetic import synthetic_submission

    folder = tmp_path / "submissions"
    folder.mkdir()
    for number in range(40):
        learner = f"l{number:02d}"
        submission = synthetic_submission(key, learner, seed=number, skill=0.3 + number / 60)
        (folder / f"{learner}.json").write_bytes(encode_submission(submission))
    grade_into(book, key, sorted(folder.glob("*.json")), "test")
    found = course_statistics(book, key)
    by_attempt: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for attempt in book.current_attempts("advanced-training"):
        for answer in book.attempt_answers(attempt["id"]):
            if answer["points"] is not None:
                pair = (answer["points"], attempt["score"] - answer["points"])
                by_attempt.setdefault((answer["scenario_id"], answer["step_id"]), []).append(pair)
    checked = 0
    for question in found.questions:
        pairs = by_attempt.get((question.scenario_id, question.step_id), [])
        assert question.answered == len(pairs)
        xs, rests = [x for x, _ in pairs], [rest for _, rest in pairs]
        if len(pairs) > 2 and statistics.pstdev(xs) > 0 and statistics.pstdev(rests) > 0:
            assert question.discrimination == pytest.approx(100 * statistics.correlation(xs, rests), abs=1e-6)
            checked += 1
    assert checked > 20


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gradebook.sqlite'}"


def test_simkit_stats_shows_the_questions_needing_attention_and_writes_csv_and_a_chart(
    url: str, key: CourseKey, tmp_path: Path
) -> None:
    book = Gradebook(connect(url))
    record(book, key, *hand_example(key))
    book.engine.dispose()
    runner = CliRunner()
    out = tmp_path / "out"
    shown = runner.invoke(
        app,
        [
            "stats",
            "advanced-training",
            "--db",
            url,
            "--lang",
            "en",
            "--csv",
            str(out / "q.csv"),
            "--chart",
            str(out / "map.png"),
        ],
    )
    assert shown.exit_code == 0, shown.output
    assert "4 current attempt(s)" in shown.output and "D < 0: key?" in shown.output
    rows = list(csv.DictReader((out / "q.csv").open(encoding="utf-8")))  # those needing attention first
    assert (rows[0]["question"], rows[0]["flags"], rows[0]["discrimination_pct"]) == (
        "relative-subordination/civil_employees",
        "negative_discrimination",
        "-19.25",
    )
    assert len(rows) == len(key_questions(key))  # every question, those nobody reached too
    options = list(csv.DictReader((out / "q-options.csv").open(encoding="utf-8")))
    assert {"question": "gift-at-desk/recipient", "option": "budget", "answers": "0"}.items() <= next(
        row for row in options if row["option"] == "budget"
    ).items()
    assert (out / "map.png").read_bytes().startswith(b"\x89PNG")
    one = runner.invoke(
        app,
        [
            "stats",
            "advanced-training",
            "--db",
            url,
            "--question",
            "gift-at-desk/recipient",
            "--chart",
            str(out / "q.png"),
        ],
    )
    assert one.exit_code == 0 and "budget" in one.output and "discriminative efficiency 100.0 %" in one.output
    assert (out / "q.png").read_bytes().startswith(b"\x89PNG")
    wrong = runner.invoke(app, ["stats", "advanced-training", "--db", url, "--question", "gift-at-desk/nothing"])
    assert wrong.exit_code == 2 and "error: advanced-training has no question 'gift-at-desk/nothing'" in wrong.output


def test_simkit_stats_on_an_empty_gradebook_says_so(url: str) -> None:
    shown = CliRunner().invoke(app, ["stats", "advanced-training", "--db", url])
    assert shown.exit_code == 0 and "no graded attempts of advanced-training yet" in shown.output


def test_simkit_stats_names_a_file_it_cannot_write(url: str, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where a folder should be", "utf-8")
    target = tmp_path / "taken" / "stats.csv"
    shown = CliRunner().invoke(app, ["stats", "advanced-training", "--db", url, "--csv", str(target)])
    assert shown.exit_code == 2 and f"error: {target}: cannot write" in shown.output


def test_the_charts_name_the_flagged_questions_and_draw_every_option(book: Gradebook, key: CourseKey) -> None:
    record(book, key, *hand_example(key))
    found: CourseStatistics = course_statistics(book, key, "ru")
    picture = map_figure(found)
    named = "".join(text.get_text() for text in picture.texts)
    assert "relative-subordination/civil_employees" in named and "индекс лёгкости" in picture.axes[0].get_xlabel()
    bars = options_figure(found.question("gift-at-desk/recipient"), "ru")
    assert [round(bar.get_width()) for bar in bars.axes[0].patches[:3]] == [0, 50, 50]  # drawn bottom-up

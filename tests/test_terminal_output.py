"""What the command line prints of learners' and files' text is inert: escape sequences and control characters
come out as visible escapes, Rich markup as typed, letters of any script as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simkit.cli.main import app
from simkit.cli.output import inert, json_text, visible
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.synthetic import synthetic_submission
from simkit.submissions import encode_submission

HOSTILE = "clear\x1b[2J [red]x[/red] back\r over \u202eреверс"
SHOWN = r"clear\x1b[2J [red]x[/red] back\r over \u202eреверс"  # what a trainer must see, character for character
ACTING = ("\x1b", "\r", "\u202e", "\x07", "\x9b", "\x7f")  # what a terminal would obey rather than show
NAMED = "\x1b[2J[red]x\r\u202e"  # in a file's name: no "/", so not "[/red]"
KAZAKH = "Әлия Қасымқызы: ғылым, қала, ұлт, үй, өнер, ңң, һ, і"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", r"\x1b[2J"),
        ("a\rb", r"a\rb"),
        ("\u202eabc", r"\u202eabc"),
        ("\u2066x\u2069\u200f", r"\u2066x\u2069\u200f"),  # isolates and marks, as bidi overrides
        ("bell\x07 del\x7f csi\x9b nul\x00", r"bell\x07 del\x7f csi\x9b nul\x00"),  # C0, DEL, C1
        ("line\nforged", r"line\nforged"),
        ("tab\tzero\u200bwidth\ufeff", r"tab\tzero\u200bwidth\ufeff"),
        ("sep\u2028par\u2029", r"sep\u2028par\u2029"),
        ("lone \ud800", r"lone \ud800"),  # a lone surrogate would stop the console with an encoding error
        (KAZAKH, KAZAKH),
        ("5\u00a0000 ₸", "5\u00a0000 ₸"),  # a no-break space acts on nothing
    ],
)
def test_visible_writes_what_a_terminal_would_act_on_as_its_escape(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert not any(char in visible(text) for char in ACTING)


def test_inert_escapes_rich_markup_too_and_visible_keeps_lines_when_asked() -> None:
    assert inert("[red]x[/red] [link=http://e.kz]y[/link]") == r"\[red]x\[/red] \[link=http://e.kz]y\[/link]"
    assert visible("a\nb\x1b", lines=True) == "a\nb\\x1b"


def test_json_stays_the_same_data_with_nothing_a_terminal_acts_on() -> None:
    data = {"text": HOSTILE + "\x85\U000e0001", "kazakh": KAZAKH}
    text = json_text(data)
    assert json.loads(text) == data and not any(char in text for char in ACTING)
    assert KAZAKH in text  # not every letter as \u escapes


# Real invocations


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SIMKIT_GRADEBOOK", f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    return CliRunner()


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("onboarding")


def _assert_inert(output: str) -> None:
    assert not any(char in output for char in ACTING), repr(output)


def _submission(folder: Path, key: CourseKey, learner: str, name: str | None = None, answer: str = "") -> Path:
    submission = synthetic_submission(key, learner, seed=1)
    for record in submission.scenarios.values():
        for given in record.answers:
            if answer and given.step in ("reply_draft", "written_reply"):
                given.value = answer
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or learner}.json"
    path.write_bytes(encode_submission(submission))
    return path


def test_simkit_review_list_shows_a_hostile_answer_visibly_escaped(
    cli: CliRunner, tmp_path: Path, key: CourseKey
) -> None:
    _submission(tmp_path / "submissions", key, "ann", answer=HOSTILE + "\n" + KAZAKH)
    assert cli.invoke(app, ["grade", "onboarding", str(tmp_path / "submissions")]).exit_code == 0
    listed = cli.invoke(app, ["review", "onboarding", "--list"])
    assert listed.exit_code == 0, listed.output
    answers = [line for line in listed.output.splitlines() if line.startswith("answer: ")]
    assert answers and all(line == rf"answer: {SHOWN}\n{KAZAKH}" for line in answers)
    _assert_inert(listed.output)


def test_a_batch_report_shows_hostile_file_names_and_content_escaped(
    cli: CliRunner, tmp_path: Path, key: CourseKey
) -> None:
    folder = tmp_path / "submissions"
    named = _submission(folder, key, "ann", name=f"ann{NAMED}")
    course = _submission(folder, key, "bob")
    course.write_text(course.read_text("utf-8").replace('"onboarding"', json.dumps(HOSTILE)), "utf-8")
    field = folder / "cem.json"
    field.write_text(json.dumps({HOSTILE: 1}), "utf-8")
    result = cli.invoke(app, ["grade", "onboarding", str(folder)])
    assert result.exit_code == 3, result.output  # some refused
    lines = result.output.splitlines()
    assert any(line.startswith(f"refused {visible(named)}: file name: ") for line in lines), result.output
    assert f"refused {course}: is for course {visible(repr(HOSTILE))}, not 'onboarding'" in lines
    assert any(line.startswith(f"refused {field}: unknown field {visible(repr(HOSTILE))}") for line in lines)
    assert "[red]x[/red]" in result.output  # Rich markup printed as typed, never as a colour
    _assert_inert(result.output)


def test_simkit_collect_shows_a_hostile_file_name_escaped(cli: CliRunner, tmp_path: Path, key: CourseKey) -> None:
    path = _submission(tmp_path / "homes" / "ann" / "submissions" / "onboarding", key, "ann", name=f"ann{NAMED}")
    result = cli.invoke(app, ["collect", str(tmp_path / "homes"), "--to", str(tmp_path / "out")])
    assert result.exit_code == 3 and f"refused {visible(path)}: file name: " in result.output
    _assert_inert(result.output)


def test_an_error_quoting_a_file_name_is_one_inert_line(cli: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / f"gone{NAMED}"
    result = cli.invoke(app, ["grade", "onboarding", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {visible(missing)}: no such file or folder"]
    _assert_inert(result.output)


def test_an_hr_roster_with_hostile_cells_is_summarised_inert(cli: CliRunner, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    rows = [
        "learner,name,organisation,entry_date",
        f'ann,{KAZAKH},"{HOSTILE}",2024-01-15',
        f'"{HOSTILE}",{KAZAKH},Акимат,2024-01-15',
    ]
    roster.write_text("\n".join(rows) + "\n", "utf-8")
    result = cli.invoke(app, ["roster", str(roster), "--as-of", "2026-06-01", "--out", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert r"\x1b[2J" in result.output and "[red]x[/red]" in result.output
    _assert_inert(result.output)


def test_an_answer_marked_wrong_is_listed_with_its_reason_escaped(
    cli: CliRunner, tmp_path: Path, key: CourseKey
) -> None:
    path = _submission(tmp_path / "submissions", key, "ann")
    data = json.loads(path.read_text("utf-8"))
    [(scenario_id, date)] = [
        (scenario_id, answer)
        for scenario_id, record in data["scenarios"].items()
        for answer in record["answers"]
        if isinstance(answer["value"], str) and answer["value"][:4].isdigit()  # a date answer
    ][:1]
    date["value"] = HOSTILE
    path.write_text(json.dumps(data), "utf-8")
    result = cli.invoke(app, ["grade", "onboarding", str(path)])
    assert result.exit_code == 0, result.output  # graded: the answer is wrong, the file is not refused
    reason = f"{scenario_id}/{date['step']}: pick a date: {visible(repr(HOSTILE))} is not one (YYYY-MM-DD)"
    assert f"marked wrong {path}: {reason}" in result.output.splitlines(), result.output
    _assert_inert(result.output)

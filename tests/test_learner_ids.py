"""One learner-id rule wherever an id enters: the same ids refused with the same message, the same ids accepted
as the same learner, by the player, intake, collect, grading, the gradebook, the roster, certificates, exports,
the command line, the hub and the grading service."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, update
from typer.testing import CliRunner

from simkit.certificates import CertificateBook
from simkit.certificates.issue import certificate_path
from simkit.certificates.model import Certificate
from simkit.cli import serve
from simkit.cli.main import app
from simkit.compliance import read_roster
from simkit.exports import course_statements, results_csv
from simkit.gradebook.book import Gradebook
from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.gradebook.tables import attempts, learners
from simkit.grading.collect import collect
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.intake import Refused, check_identity, read
from simkit.grading.run import grade_into
from simkit.grading.synthetic import synthetic_submission
from simkit.hub.ids import hub_username
from simkit.player.identity import chosen_identity, identity_in
from simkit.player.store import FileStore
from simkit.service.identity import Refusal, learner_of, named_learner
from simkit.submissions import encode_submission, normalise_learner_id, require_learner_id
from simkit.submissions.ids import refusal

BAD = [
    "..",
    "[bold]x",
    "a b",
    "ivanов",  # a Cyrillic "о" and "в" among Latin letters
    "x" * 65,
    ";rm",
    "=cmd",
    "|",
    "$(x)",
    "ann\n",  # a trailing newline: not trimmed as a space is
    "",
    "../etc/passwd",
    "ann\x1b[2J",
    "ann\u202e",
]
GOOD = [  # (as given, the id)
    ("ivanov.a", "ivanov.a"),
    ("Ivanov.A", "ivanov.a"),  # upper case folds
    ("ＩＶＡＮＯＶ.Ａ", "ivanov.a"),  # full-width letters are the plain ones (NFKC)
    (" ivanov.a ", "ivanov.a"),
    ("ann@gov.kz", "ann@gov.kz"),
    ("7" * 64, "7" * 64),
]
AS_OF = dt.date(2026, 6, 1)
KAZAKH_NAME = "Әлия Қасымқызы Нұрланова"


def _message(call: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as refused:
        call()
    return str(refused.value)


def _roster(tmp_path: Path, learner: str) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(
        [["learner", "name", "organisation", "entry_date"], [learner, KAZAKH_NAME, "Акимат", "2024-01-15"]]
    )
    path = tmp_path / "roster.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def _roster_says(tmp_path: Path, learner: str) -> str:
    roster = read_roster(_roster(tmp_path, learner), AS_OF)
    assert roster.entries == [] and len(roster.problems) == 1
    return roster.problems[0].reason


def _hub_says(text: str) -> str:
    return _message(lambda: hub_username(text))


def _service_says(text: str) -> str:
    with pytest.raises(Refusal) as refused:
        named_learner(text)
    assert refused.value.status_code == 400
    return refused.value.message


def _hub_user_says(text: str) -> str:
    with pytest.raises(Refusal) as refused:
        learner_of({"kind": "user", "name": text})
    assert refused.value.status_code == 403
    return refused.value.message


TYPED: dict[str, Callable[[Path, str], str]] = {  # entry points that take an id as people and other systems write it
    "rule": lambda _tmp, text: _message(lambda: normalise_learner_id(text)),
    "hub sign-in": lambda _tmp, text: _hub_says(text),
    "service path": lambda _tmp, text: _service_says(text),
    "player $SIMKIT_LEARNER": lambda _tmp, text: _message(lambda: identity_in({"SIMKIT_LEARNER": text})),
    "player $JUPYTERHUB_USER": lambda _tmp, text: _message(lambda: identity_in({"JUPYTERHUB_USER": text})),
    "player page": lambda _tmp, text: _message(lambda: chosen_identity(text)),
    "player file": lambda tmp, text: _message(lambda: FileStore("onboarding", text, tmp)),
    "gradebook live": lambda tmp, text: _message(lambda: Storage(_engine(tmp)).current_attempt(text, "onboarding")),
    "gradebook certificates": lambda tmp, text: _message(
        lambda: CertificateBook(_engine(tmp)).issue("onboarding", {}, text)
    ),
    "HR roster": lambda tmp, text: _roster_says(tmp, text),
}


def _engine(tmp_path: Path) -> Engine:
    return connect(f"sqlite:///{tmp_path / 'gradebook.sqlite'}")


@pytest.mark.parametrize("bad", BAD, ids=repr)
@pytest.mark.parametrize("entry", TYPED)
def test_a_bad_id_is_refused_with_the_rules_message_wherever_it_is_given(tmp_path: Path, entry: str, bad: str) -> None:
    assert refusal(bad) in TYPED[entry](tmp_path, bad)


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_a_bad_id_simkit_would_have_written_is_refused_with_the_same_message(bad: str) -> None:
    assert _message(lambda: require_learner_id(bad)) == refusal(bad)
    assert refusal(bad) in _hub_user_says(bad)


@pytest.mark.parametrize(("given", "learner"), GOOD)
def test_a_good_id_is_the_same_learner_wherever_it_is_given(tmp_path: Path, given: str, learner: str) -> None:
    assert normalise_learner_id(given) == hub_username(given) == named_learner(given) == learner
    assert identity_in({"SIMKIT_LEARNER": given}).learner == identity_in({"JUPYTERHUB_USER": given}).learner == learner
    assert chosen_identity(given).learner == FileStore("onboarding", given, tmp_path).learner == learner
    assert Storage(_engine(tmp_path)).current_attempt(given, "onboarding") is None
    [entry] = read_roster(_roster(tmp_path, given), AS_OF).entries
    assert (entry.learner, entry.name) == (learner, KAZAKH_NAME)  # a name is not an id: any letters will do


@pytest.mark.parametrize(("given", "learner"), GOOD)
def test_what_simkit_writes_must_already_be_the_id_in_its_one_form(given: str, learner: str) -> None:
    assert require_learner_id(learner) == learner_of({"name": learner}) == learner
    if given != learner:
        assert f"{given!r} is not a usable learner id as written: its one form is {learner!r}" in _hub_user_says(given)


# Submission files: the `learner` field and the file's name


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("onboarding")


def _submission_file(folder: Path, key: CourseKey, name: str, learner: str) -> Path:
    submission = synthetic_submission(key, "ann", seed=1)
    submission.learner = learner
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_bytes(encode_submission(submission))
    return path


def _intake_says(path: Path, key: CourseKey) -> str:
    with pytest.raises(Refused) as refused:
        check_identity(read(path), key.course)
    return refused.value.reason


NAMEABLE = [bad for bad in BAD if bad and "/" not in bad]  # what can be a file's name at all


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_a_submission_naming_a_bad_learner_is_refused_with_the_rules_message(
    tmp_path: Path, key: CourseKey, bad: str
) -> None:
    path = _submission_file(tmp_path, key, "ann", bad)
    assert _intake_says(path, key) == f"learner: {refusal(bad)}"


@pytest.mark.parametrize("bad", NAMEABLE, ids=repr)
def test_a_submission_file_named_by_a_bad_id_is_refused_with_the_rules_message(
    tmp_path: Path, key: CourseKey, bad: str
) -> None:
    path = _submission_file(tmp_path, key, bad, "ann")
    assert _intake_says(path, key) == f"file name: {refusal(bad)}"
    if bad.startswith("."):
        return  # collect passes over hidden files, as an editor's or a copy's leftovers
    _submission_file(tmp_path / "home" / "submissions" / "onboarding", key, bad, "ann")
    collected = collect([tmp_path / "home"], tmp_path / "out")
    assert not collected.copied and [rejection.reason for rejection in collected.rejected] == [
        f"file name: {refusal(bad)}"
    ]


@pytest.mark.parametrize(("given", "learner"), [pair for pair in GOOD if pair[0] != pair[1]])
def test_a_submission_whose_learner_is_not_in_its_one_form_is_refused_not_folded(
    tmp_path: Path, key: CourseKey, given: str, learner: str
) -> None:
    # The id seeds the learner's variants: grading a folded id would score answers to another learner's dates.
    reason = _intake_says(_submission_file(tmp_path, key, learner, given), key)
    assert reason.startswith(f"learner: {given!r} is not a usable learner id as written: its one form is {learner!r}")


@pytest.mark.parametrize(("given", "learner"), GOOD)
def test_a_submission_in_the_one_form_is_accepted(tmp_path: Path, key: CourseKey, given: str, learner: str) -> None:
    check_identity(read(_submission_file(tmp_path, key, learner, learner)), key.course)


# The command line


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SIMKIT_GRADEBOOK", f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    for variable in ("SIMKIT_LEARNER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(serve, "run_server", lambda command, env: pytest.fail("no server may start"))
    return CliRunner()


OPTIONS = {
    "review": ["review", "onboarding", "--list", "--learner"],
    "certificates": ["certificates", "onboarding", "--learner"],
    "preview": ["preview", "gift-at-desk", "--learner"],
    "simulate case": ["simulate", "case", "gift-at-desk:kept", "--learner"],
    "serve": ["serve", "--learner"],
}


@pytest.mark.parametrize("bad", BAD, ids=repr)
@pytest.mark.parametrize("command", OPTIONS)
def test_a_bad_learner_option_is_one_error_line_with_the_rules_message(cli: CliRunner, command: str, bad: str) -> None:
    result = cli.invoke(app, [*OPTIONS[command], bad])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: --learner: {refusal(bad)}"]


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_simkit_grade_refuses_a_submission_naming_a_bad_learner_and_grades_the_rest(
    cli: CliRunner, tmp_path: Path, key: CourseKey, bad: str
) -> None:
    folder = tmp_path / "submissions"
    _submission_file(folder, key, "bob", "bob")
    refused = _submission_file(folder, key, "ann", bad)
    result = cli.invoke(app, ["grade", "onboarding", str(folder)])
    assert result.exit_code == 3, result.output  # some refused, the rest graded
    assert f"refused {refused}: learner: {refusal(bad)}" in result.output.splitlines()
    assert "1 graded" in result.output


def test_an_option_takes_an_id_as_typed(cli: CliRunner, tmp_path: Path, key: CourseKey) -> None:
    folder = tmp_path / "submissions"
    _submission_file(folder, key, "ivanov.a", "ivanov.a")
    assert cli.invoke(app, ["grade", "onboarding", str(folder)]).exit_code == 0
    for given in ("ivanov.a", "Ivanov.A", "ＩＶＡＮＯＶ.Ａ"):
        listed = cli.invoke(app, ["review", "onboarding", "--list", "--learner", given])
        assert listed.exit_code == 0 and "answer(s) from ivanov.a awaiting review" in listed.output
        assert listed.output.count("ivanov.a · ") >= 1
    other = cli.invoke(app, ["review", "onboarding", "--list", "--learner", "bob"])
    assert other.exit_code == 0 and "0 answer(s) from bob awaiting review" in other.output


# What the gradebook gives out: certificates' files and exports


def _tampered(tmp_path: Path, key: CourseKey, learner: str) -> Engine:
    """A gradebook with one graded attempt whose learner id was then edited by hand."""
    engine = _engine(tmp_path)
    path = _submission_file(tmp_path / "submissions", key, "ann", "ann")
    grade_into(Gradebook(engine), key, [path], "grade onboarding")
    with engine.begin() as connection:
        connection.execute(insert(learners).values(id=learner))
        connection.execute(update(attempts).values(learner_id=learner))
    return engine


@pytest.mark.parametrize("bad", [bad for bad in BAD if bad != ".."], ids=repr)  # "..": the same id as ".."'s row
def test_an_export_stops_at_a_learner_id_edited_into_the_gradebook(tmp_path: Path, key: CourseKey, bad: str) -> None:
    engine = _tampered(tmp_path, key, bad)
    assert f"gradebook attempt 1: learner {refusal(bad)}" in _message(lambda: results_csv(engine, "onboarding"))
    assert f"gradebook attempt 1: learner {refusal(bad)}" in _message(lambda: course_statements(engine, "onboarding"))


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_a_certificate_file_is_never_named_by_a_bad_id(tmp_path: Path, bad: str) -> None:
    certificate = Certificate(
        code="A" * 16,
        attempt_id=1,
        learner_id=bad,
        learner_name=KAZAKH_NAME,
        course_id="onboarding",
        course_version=1,
        title_ru="Вводный курс",
        title_en="Onboarding",
        rhythm="onboarding",
        completed_on=dt.date(2026, 3, 2),
        score=9.0,
        max_score=10.0,
        issued_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
    )
    assert _message(lambda: certificate_path(tmp_path, certificate, "html")) == refusal(bad)

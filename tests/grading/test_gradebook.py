"""The gradebook keeps each learner's grading once per submission and key, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from simkit.grading.db import connect
from simkit.grading.gradebook import Gradebook
from simkit.grading.grader import CourseKey, course_key
from simkit.grading.run import dry_run, grade_into
from simkit.grading.synthetic import synthetic_submission
from simkit.grading.tables import acknowledgements, answers, attempts, batches, rejections


@pytest.fixture(scope="module")
def key() -> CourseKey:
    return course_key("onboarding")


def submissions(key: CourseKey, folder: Path, learners: list[str], skill: float = 0.7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for learner in learners:
        path = folder / f"{learner}.json"
        path.write_text(synthetic_submission(key, learner, skill=skill).model_dump_json(), "utf-8")
        paths.append(path)
    return paths


def count(book: Gradebook, table, *where) -> int:  # type: ignore[no-untyped-def]
    with book.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def test_the_schema_is_created_once_and_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'book.sqlite'}"
    engine, again = connect(url), connect(url)
    with again.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0001"
    engine.dispose()


def test_grading_twice_changes_nothing(gradebook_url: str, key: CourseKey, tmp_path: Path) -> None:
    book = Gradebook(connect(gradebook_url))
    paths = submissions(key, tmp_path / "subs", ["ann", "bek", "dana"])
    report, first = grade_into(book, key, paths, "grade onboarding")
    _report, second = grade_into(book, key, paths, "grade onboarding")
    assert (first.graded, second.graded, second.unchanged) == (3, 0, 3)
    assert count(book, attempts) == 3
    assert count(book, answers) == sum(len(graded.answers) for graded in report.graded) > 0
    assert count(book, batches, batches.c.finished_at.is_not(None)) == 2


def test_a_new_submission_supersedes_the_old_and_a_fixed_key_is_a_regrade(
    gradebook_url: str, key: CourseKey, tmp_path: Path
) -> None:
    book = Gradebook(connect(gradebook_url))
    [path] = submissions(key, tmp_path / "subs", ["ann"], skill=0.3)
    grade_into(book, key, [path], "first")
    submissions(key, tmp_path / "subs", ["ann"], skill=1.0)  # Ann played on: a new file
    data = json.loads(path.read_text())
    data["updated_at"] = "2026-12-31T10:00:00Z"
    path.write_text(json.dumps(data))
    _report, counts = grade_into(book, key, [path], "second")
    assert counts.graded == 1 and count(book, attempts, attempts.c.superseded_by.is_(None)) == 1
    fixed = CourseKey(key.course, key.scenarios, "a-fixed-key-digest")
    _report, counts = grade_into(book, fixed, [path], "after a key fix")
    assert counts.regraded == 1
    [current] = book.current_attempts("onboarding")
    assert current["regrade_of"] is not None and current["key_digest"] == "a-fixed-key-digest"
    assert count(book, attempts) == 3


def test_a_dry_run_shows_the_changes_and_writes_nothing(gradebook_url: str, key: CourseKey, tmp_path: Path) -> None:
    book = Gradebook(connect(gradebook_url))
    paths = submissions(key, tmp_path / "subs", ["ann", "bek"])
    _report, changes = dry_run(book, key, paths)
    assert sorted(change.learner for change in changes) == ["ann", "bek"]
    assert all(change.old_score is None for change in changes) and count(book, attempts) == 0


def test_refused_files_are_recorded_with_the_batch(gradebook_url: str, key: CourseKey, tmp_path: Path) -> None:
    book = Gradebook(connect(gradebook_url))
    paths = submissions(key, tmp_path / "subs", ["ann"])
    bad = tmp_path / "subs" / "eve.json"
    bad.write_text("{", "utf-8")
    _report, counts = grade_into(book, key, [*paths, bad], "grade")
    assert counts.graded == 1 and counts.rejected == 1
    with book.engine.connect() as connection:
        reason = connection.execute(select(rejections.c.reason)).scalar_one()
    assert reason.startswith("damaged JSON at line 1")


def test_the_acknowledgement_and_a_pass_are_recorded(gradebook_url: str, key: CourseKey, tmp_path: Path) -> None:
    book = Gradebook(connect(gradebook_url))
    [path] = submissions(key, tmp_path / "subs", ["ann"], skill=1.0)
    data = json.loads(path.read_text())
    data["acknowledgement"] = {"confirmed": True, "signed_on": "2026-03-04", "at": "2026-03-04T09:00:00Z"}
    path.write_text(json.dumps(data))
    grade_into(book, key, [path], "grade")
    with book.engine.connect() as connection:
        assert str(connection.execute(select(acknowledgements.c.signed_on)).scalar_one()) == "2026-03-04"


def test_a_review_rescores_the_attempt(gradebook_url: str, tmp_path: Path) -> None:
    exam = course_key("advanced-training")
    book = Gradebook(connect(gradebook_url))
    paths = submissions(exam, tmp_path / "subs", ["ann"], skill=1.0)
    grade_into(book, exam, paths, "grade")
    pending = book.pending_reviews("advanced-training")
    assert pending and all(item["learner_id"] == "ann" for item in pending)
    for item in pending:
        attempt = book.add_review(
            item["attempt_id"], item["scenario_id"], item["step_id"], item["max_points"], "trainer"
        )
    assert attempt["pending_review"] == 0 and attempt["passed"] is True
    assert attempt["score"] == pytest.approx(exam.max_score)
    with pytest.raises(ValueError, match="outside 0–5"):
        book.add_review(pending[0]["attempt_id"], pending[0]["scenario_id"], pending[0]["step_id"], 9, "trainer")


def test_an_unreachable_database_is_one_clear_line() -> None:
    with pytest.raises(ValueError, match=r"cannot open the gradebook: .* \(hint: check \$SIMKIT_GRADEBOOK"):
        connect("postgresql+psycopg://nobody:secret@127.0.0.1:9/none")
    with pytest.raises(ValueError, match="is not a database URL"):
        connect("not a url")


def test_simkit_grade_then_a_key_fix_stops_for_a_dry_run_until_yes(tmp_path: Path, monkeypatch, key: CourseKey) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    import simkit.cli.grading as grading_cli
    from simkit.cli.main import app

    monkeypatch.setenv("SIMKIT_HOME", str(tmp_path / "home"))
    submissions(key, tmp_path / "subs", ["ann", "bek"])
    runner = CliRunner()
    first = runner.invoke(app, ["grade", "onboarding", str(tmp_path / "subs")])
    assert first.exit_code == 0 and "2 graded, 0 regraded, 0 unchanged, 0 refused" in first.output
    fixed = CourseKey(key.course, key.scenarios, "fixed")
    monkeypatch.setattr(grading_cli, "course_key", lambda _course: fixed)
    stopped = runner.invoke(app, ["grade", "onboarding", str(tmp_path / "subs")])
    assert stopped.exit_code == 1 and "run again with --yes" in stopped.output
    applied = runner.invoke(app, ["grade", "onboarding", str(tmp_path / "subs"), "--yes"])
    assert applied.exit_code == 0 and "0 graded, 2 regraded" in applied.output
    missing = runner.invoke(app, ["grade", "onboarding", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output


def test_the_trainers_notebook_grades_a_folder_and_shows_each_learner(tmp_path: Path, key: CourseKey) -> None:
    from simkit.grading.notebook import grade_course

    submissions(key, tmp_path / "subs", ["ann", "bek"])
    result = grade_course("onboarding", tmp_path / "subs", f"sqlite:///{tmp_path / 'book.sqlite'}")
    html = result._repr_html_()
    assert "2 graded" in html and "<td>ann</td>" in html and "<td>bek</td>" in html
    assert [path.name for path in result.write_feedback("en", tmp_path / "fb")] == ["ann.en.html", "bek.en.html"]

"""Submitting as the service does it, without a hub: the attempt is what `simkit grade` would record, again is no
change, and after the library changes (a key fix, the service restarted) submitting records a regrade."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from sqlalchemy import select

from simkit.gradebook.db import connect
from simkit.gradebook.live import Storage
from simkit.gradebook.tables import attempts
from simkit.grading.grader import course_key
from simkit.grading.synthetic import START, play
from simkit.player.changes import add_answer, fresh_submission
from simkit.service.courses import Courses
from simkit.service.submit import submit
from tests.hub.harness import ROOT
from tests.service.conftest import SHORT_EXAM


def test_a_submission_is_graded_once_and_regraded_after_a_key_fix(tmp_path: Path) -> None:
    library = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", library)
    (library / "courses" / "short-exam.yaml").write_text(SHORT_EXAM, "utf-8")
    engine = connect(f"sqlite:///{tmp_path / 'gradebook.sqlite'}")
    storage, courses = Storage(engine), Courses(library)
    bundle, key = courses.bundle("short-exam"), course_key("short-exam", library)
    for scenario in bundle.course.scenarios:
        for given in play(key, scenario, "ann", random.Random(1), skill=0.5).answers:
            storage.change(
                "ann",
                "short-exam",
                lambda: fresh_submission(bundle.course, "ann"),
                lambda submission, scenario=scenario, given=given: add_answer(
                    submission, bundle.papers[scenario], START, given.step, given.value
                ),
            )
    first = submit(storage, courses, "ann", "short-exam", "/services/simkit-grading/")
    assert submit(storage, courses, "ann", "short-exam", "/services/simkit-grading/") == first
    courses.close()

    course_file = library / "courses" / "short-exam.yaml"  # a fix to the course: its keys' digest changes
    course_file.write_text(course_file.read_text("utf-8").replace("Three cases.", "Three cases (fixed)."), "utf-8")
    restarted = Courses(library)
    again = submit(storage, restarted, "ann", "short-exam", "/services/simkit-grading/")
    restarted.close()
    with engine.connect() as connection:
        rows = connection.execute(select(attempts).order_by(attempts.c.id)).mappings().all()
    old, new = rows
    assert old["superseded_by"] == new["id"] and new["regrade_of"] == old["id"]
    assert old["submission_digest"] == new["submission_digest"] and old["key_digest"] != new["key_digest"]
    assert (again["score"], again["passed"]) == (first["score"], first["passed"])
    engine.dispose()

"""Where the player saves: the file store keeps working as before; the service store is chosen by the hub's
variables and keeps the learner's kernel light (its saving through the service is tested in tests/service/)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from simkit.player.course import CoursePlayer
from simkit.player.enrolment import Enrolment
from simkit.player.home import open_enrolment
from simkit.player.store import FileStore, SaveFailed, ServiceStore
from tests.player.test_session import right_answer
from tests.player.test_widgets import all_html

HEAVY = ("sqlalchemy", "alembic", "simkit.grading", "simkit.service", "tornado", "jupyterhub")


def test_the_course_app_imports_no_database_grader_or_service() -> None:
    code = f"import sys, simkit.player, simkit.player.home; print([m for m in {HEAVY!r} if m in sys.modules])"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"


def test_the_service_store_is_chosen_when_the_hub_gives_its_address(
    release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIMKIT_SERVICE_URL", raising=False)
    assert isinstance(open_enrolment("onboarding", "alice", release).store, FileStore)
    monkeypatch.setenv("SIMKIT_SERVICE_URL", "http://127.0.0.1:9/services/simkit-grading/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a-token")
    with pytest.raises(ValueError, match="onboarding: the grading service cannot be reached"):
        open_enrolment("onboarding", "alice", release)  # the course home shows this line instead of the course


def test_an_offline_course_is_not_submitted_but_graded_by_a_trainer(release: Path, tmp_path: Path) -> None:
    store = FileStore("onboarding", "alice", tmp_path)
    assert not store.grades_on_submit and store.result() is None
    with pytest.raises(SaveFailed, match="graded by a trainer"):
        store.submit()
    assert ServiceStore.grades_on_submit


def test_offline_the_finished_course_says_a_trainer_grades_the_saved_answers(enrol: Callable[..., Enrolment]) -> None:
    enrolment = enrol("onboarding")
    page = CoursePlayer(enrolment, lang="en")
    assert "a trainer will grade them" not in all_html(page.content)
    for scenario_id in enrolment.bundle.course.scenarios:
        session = enrolment.open(scenario_id)
        while (current := session.walked.current) is not None:
            text = current.type == "free_text"
            session.answer(current.id, "Сообщу письменно." if text else right_answer(session, current.id))
    enrolment.acknowledge()
    page.show()
    assert "Your answers are saved; a trainer will grade them." in all_html(page.content)
    assert "simkit-submit" not in str([child._dom_classes for child in page.content.children])

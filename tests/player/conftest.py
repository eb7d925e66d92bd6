"""Released courses in a scratch folder, and a learner enrolled in them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simkit.player.enrolment import Enrolment
from simkit.scenarios.release import load_bundle, release_courses


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("release")
    release_courses(None, root)
    return root


@pytest.fixture
def enrol(release: Path, tmp_path: Path) -> Callable[..., Enrolment]:
    def enrolled(course: str = "onboarding", learner: str = "alice") -> Enrolment:
        return Enrolment(load_bundle(course, release), learner, tmp_path / "submissions")

    return enrolled

"""A seeded synthetic cohort: submission files of generated learners, the same for the same course, size and seed,
for trying out grading, statistics and a regrade before real learners' files are at hand."""

from __future__ import annotations

import random
from pathlib import Path

from simkit.grading.grader import CourseKey
from simkit.grading.synthetic import synthetic_submission
from simkit.submissions import write_submission

LOWEST_SKILL, HIGHEST_SKILL = 0.45, 0.95  # each learner's chance of answering a question right


def learner_id(number: int) -> str:
    return f"learner{number:05d}"


def write_cohort(key: CourseKey, out: Path, learners: int, seed: int) -> list[Path]:
    """Write ``learners`` submissions to ``out/<course id>/<learner>.json``: each learner's skill and answers are
    drawn from ``seed`` and their id, so the same call writes the same files, byte for byte."""
    if learners < 1:
        raise ValueError(f"--learners {learners}: a cohort needs at least one learner")
    folder = out / key.course.id
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(1, learners + 1):
        learner = learner_id(number)
        skill = random.Random(f"{seed}:{learner}:skill").uniform(LOWEST_SKILL, HIGHEST_SKILL)
        path = folder / f"{learner}.json"
        write_submission(path, synthetic_submission(key, learner, seed, skill))
        written.append(path)
    return written

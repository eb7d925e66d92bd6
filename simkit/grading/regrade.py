"""A regrade report: a course's submissions graded with the library as it is now and compared, case by case,
with what the gradebook holds for each learner's current attempt. Nothing is written.

Answers to an earlier version of a case are refused, as ``simkit grade`` refuses them (the learner replays the
case), unless ``as_played``: then they are scored by the library's keys on the values that earlier version drew,
the values the learner saw, which is what the new keys would make of the answers given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from simkit.gradebook.book import Graded
from simkit.gradebook.cases import RecordedAttempt, case_points, recorded_attempts
from simkit.gradebook.results import GradedSubmission, Rejection
from simkit.grading.batch import Progress, score_files
from simkit.grading.grader import CourseKey
from simkit.grading.played import by_versions_played, earlier_versions
from simkit.memory import collector_paused

EPSILON = 1e-9
ALL_CASES = "all cases"


@dataclass
class Tally:
    """How one case's points (or, for :data:`ALL_CASES`, the course score) moved over the learners compared."""

    case: str
    version: int | None  # the library's (None on the total line)
    recorded_versions: list[int] = field(default_factory=list)  # the versions the gradebook's points are for
    learners: int = 0  # learners graded now who have this case, or a recorded score for it
    raised: int = 0
    lowered: int = 0
    unchanged: int = 0
    new: int = 0  # no recorded score to compare with
    change: float = 0.0  # the sum of the changes, in points

    @property
    def mean_change(self) -> float:
        compared = self.raised + self.lowered + self.unchanged
        return round(self.change / compared, 4) if compared else 0.0

    def add(self, before: float | None, after: float) -> None:
        self.learners += 1
        if before is None:
            self.new += 1
            return
        delta = after - before
        self.raised += delta > EPSILON
        self.lowered += delta < -EPSILON
        self.unchanged += abs(delta) <= EPSILON
        self.change += delta

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["change"] = round(self.change, 4)
        return data | {"mean_change": self.mean_change}


@dataclass
class RegradeReport:
    course: str
    files: int
    cases: list[Tally]
    total: Tally
    passes_gained: int = 0
    passes_lost: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    as_played: bool = False
    earlier_versions: int = 0  # refused files answering an earlier version of a case (``as_played`` scores them)

    def as_dict(self) -> dict[str, Any]:
        return {
            "course": self.course,
            "files": self.files,
            "as_played": self.as_played,
            "earlier_versions": self.earlier_versions,
            "cases": [tally.as_dict() for tally in self.cases],
            "total": self.total.as_dict(),
            "passes_gained": self.passes_gained,
            "passes_lost": self.passes_lost,
            "rejected": [asdict(rejection) for rejection in self.rejected],
        }


def regrade_report(
    engine: Engine, key: CourseKey, paths: list[Path], *, as_played: bool = False, progress: Progress | None = None
) -> RegradeReport:
    """Grade ``paths`` with ``key`` and compare each learner with their current attempt in the gradebook."""
    recorded = recorded_attempts(engine, key.course.id)
    # Every file is scored, the unchanged ones too, so that they count as unchanged; replays are still refused.
    before = Graded({}, {learner: attempt.order[0] for learner, attempt in recorded.items()})
    with collector_paused():
        graded, rejected = _score(key, paths, before, as_played, progress)
    report = compare(key, graded, recorded, rejected, files=len(paths), as_played=as_played)
    if not as_played:
        report.earlier_versions = sum(bool(earlier_versions(key, Path(r.source))) for r in rejected)
    return report


def compare(
    key: CourseKey,
    graded: Iterable[GradedSubmission],
    recorded: dict[str, RecordedAttempt],
    rejected: list[Rejection],
    *,
    files: int,
    as_played: bool = False,
) -> RegradeReport:
    cases = {case: Tally(case, scenario.version) for case, scenario in key.scenarios.items()}
    total = Tally(ALL_CASES, None)
    report = RegradeReport(key.course.id, files, [], total, rejected=rejected, as_played=as_played)
    for g in graded:
        old = recorded.get(g.learner)
        if old is not None and g.order < old.order:
            continue  # older than the current attempt: it would be kept as history, the result stays
        now = {scenario.scenario_id: case_points(scenario.answers) for scenario in g.scenarios}
        then = old.cases if old is not None else {}
        for case in [*now, *(case for case in then if case not in now)]:
            tally = cases.setdefault(case, Tally(case, None))
            version_then, points_then = then.get(case, (None, None))
            if version_then is not None and version_then not in tally.recorded_versions:
                tally.recorded_versions.append(version_then)
            tally.add(points_then, now.get(case, 0.0))
        total.add(None if old is None else old.score, g.score)
        report.passes_gained += old is not None and old.passed is not True and g.passed is True
        report.passes_lost += old is not None and old.passed is True and g.passed is not True
    for tally in cases.values():
        tally.recorded_versions.sort()
    report.cases = [tally for tally in cases.values() if tally.learners]
    return report


def _score(
    key: CourseKey, paths: list[Path], before: Graded, as_played: bool, progress: Progress | None
) -> tuple[list[GradedSubmission], list[Rejection]]:
    groups = by_versions_played(key, paths) if as_played else [(key, paths)]
    graded: dict[str, GradedSubmission] = {}
    rejected: list[Rejection] = []
    done = 0
    for group_key, group in groups:
        offset = done
        step = None if progress is None else (lambda count, offset=offset: progress(offset + count))
        report = score_files(group_key, group, before, step)
        rejected += report.rejected
        for g in report.graded:  # a learner's files in two groups: the newer one counts, as in one batch
            earlier = graded.get(g.learner)
            if earlier is not None:
                older, g = (g, earlier) if earlier.order >= g.order else (earlier, g)
                rejected.append(Rejection(older.source, f"a duplicate of {g.learner}'s submission {g.source}"))
            graded[g.learner] = g
        done += len(group)
    return list(graded.values()), rejected

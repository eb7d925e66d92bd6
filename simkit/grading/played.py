"""Answers to an earlier version of a case scored as played: by the library's keys, on the values that earlier
version drew for the learner (the values they saw). A regrade report shows with it what new keys make of answers
given before a new version; grading itself refuses such answers until the learner replays the case."""

from __future__ import annotations

from pathlib import Path

from simkit.grading.grader import CourseKey, ScenarioKey
from simkit.grading.intake import Refused, read

Played = tuple[tuple[str, int], ...]  # (case, earlier version) of each case a file answers at an earlier version


def by_versions_played(key: CourseKey, paths: list[Path]) -> list[tuple[CourseKey, list[Path]]]:
    """The files grouped by the earlier versions of cases they answer, each group with keys at those versions."""
    groups: dict[Played, list[Path]] = {}
    for path in paths:
        groups.setdefault(earlier_versions(key, path), []).append(path)
    made: dict[tuple[str, int], ScenarioKey] = {}
    return [(keys_at(key, played, made), group) for played, group in groups.items()]


def earlier_versions(key: CourseKey, path: Path) -> Played:
    """The cases the file answers at a version older than the library's, with that version."""
    try:
        scenarios = read(path).submission.scenarios
    except Refused:
        return ()  # refused with its reason when graded
    return tuple(
        sorted(
            (case, record.version)
            for case, record in scenarios.items()
            if case in key.scenarios and 0 < record.version < key.scenarios[case].version
        )
    )


def keys_at(key: CourseKey, played: Played, made: dict[tuple[str, int], ScenarioKey]) -> CourseKey:
    """The library's keys, each case in ``played`` at the version given: the same steps and keys, and the values
    that version drew for each learner."""
    if not played:
        return key
    scenarios = dict(key.scenarios)
    for case, version in played:
        if (case, version) not in made:
            now = key.scenarios[case].scenario
            made[case, version] = ScenarioKey.of(now.model_copy(update={"version": version}))
        scenarios[case] = made[case, version]
    return CourseKey(key.course, scenarios, key.digest)

"""Kazakh coverage of the library: how many cases of the courses are complete in Kazakh.

Run: .venv/bin/python benchmarks/i18n.py   (prints one `name: value` per line)

i18n.kk_cases_complete is X/Y: Y is the number of distinct scenarios the library's courses list (a scenario in
two courses counts once), X how many of them are complete in Kazakh, i.e. every learner-facing text of the file
has `kk` (what `simkit validate --require-lang kk` checks).
"""

from __future__ import annotations

from simkit.scenarios.library import library_root
from simkit.scenarios.validate import validate_paths


def kk_cases_complete() -> tuple[int, int]:
    """(cases complete in Kazakh, cases of the library's courses), each case counted once."""
    report = validate_paths([library_root()])
    if report.errors:
        raise SystemExit(f"the library does not validate: {report.errors[0]}")
    cases = {scenario_id for _path, course in report.courses.values() for scenario_id in course.scenarios}
    complete = {
        scenario_id
        for scenario_id in cases
        if "kk" in report.languages[report.scenarios[scenario_id][0]].found.complete
    }
    return len(complete), len(cases)


def main() -> None:
    complete, cases = kk_cases_complete()
    print(f"i18n.kk_cases_complete: {complete}/{cases}")


if __name__ == "__main__":
    main()

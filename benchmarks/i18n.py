"""How complete the Kazakh translation is. Each figure is one function printing its `name: value` lines.

    i18n.kk_missing_strings   interface strings (keys the code looks up) with no usable Kazakh text in
                              simkit/locale/kk/LC_MESSAGES/simkit.po: missing, empty or fuzzy; must be 0
    i18n.kk_cases_complete    X/Y: Y is the number of distinct scenarios the library's courses list (a scenario in
                              two courses counts once), X how many of them are complete in Kazakh, i.e. every
                              learner-facing text of the file has `kk` (what `simkit validate --require-lang kk`
                              checks)

Run: .venv/bin/python benchmarks/i18n.py   (prints one `name: value` per line)
"""

from __future__ import annotations

from collections.abc import Callable

from simkit.i18n import catalogue
from simkit.i18n.messages import used_keys
from simkit.scenarios.library import library_root
from simkit.scenarios.validate import validate_paths


def kk_missing_strings() -> None:
    translated = catalogue("kk").texts
    missing = [key for key in used_keys() if key not in translated]
    print(f"i18n.kk_missing_strings: {len(missing)}")


def kk_cases_complete() -> None:
    report = validate_paths([library_root()])
    if report.errors:
        raise SystemExit(f"the library does not validate: {report.errors[0]}")
    cases = {scenario_id for _path, course in report.courses.values() for scenario_id in course.scenarios}
    complete = {
        scenario_id
        for scenario_id in cases
        if "kk" in report.languages[report.scenarios[scenario_id][0]].found.complete
    }
    print(f"i18n.kk_cases_complete: {len(complete)}/{len(cases)}")


FIGURES: list[Callable[[], None]] = [kk_missing_strings, kk_cases_complete]


def main() -> None:
    for figure in FIGURES:
        figure()


if __name__ == "__main__":
    main()

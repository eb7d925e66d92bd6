"""Accessibility of every page a learner, a trainer or an HR officer opens: axe-core's WCAG 2.1 A/AA rules in
Russian, English and Kazakh, counted as axe reports them (one per element that breaks a rule).

The learners' pages are the course app's (notebooks/course_home.ipynb, every course released into a scratch
SIMKIT_HOME from a library whose every case offers Kazakh), served with `make run`'s Voilà options and walked in
headless Chromium as tests/browser/test_accessibility.py walks them: the list of courses, a course, a case
opened, its feedback, its end, the course again, a disciplinary timeline. The staff's pages are the grading
service's, behind a hub on loopback ports with its own sign-in (tests/hub/harness.py), walked as
tests/browser/test_service_pages.py walks them: an exam's result on the learner's course page, the certificate,
the refusal of the trainers' page to a learner, the trainers' page, a learner's answers, the HR page.
Needs axe-core (`make axe`) and configurable-http-proxy (`make chp`, or $SIMKIT_CHP).

Run: .venv/bin/python benchmarks/a11y.py   (prints one `name: value` per line; each violation on stderr)
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from benchmarks._browser import launch_chromium, start_voila  # noqa: E402
from simkit.hub.local import chp_command  # noqa: E402
from simkit.scenarios.library import find_scenario  # noqa: E402
from simkit.scenarios.release import release_courses  # noqa: E402
from tests.browser.axe import BLOCKING, LEARNER_PAGES, Violation, axe_path, learner_pages, violations  # noqa: E402
from tests.browser.course_page import Learner  # noqa: E402
from tests.browser.staff_pages import LANGUAGES, STAFF_PAGES, USERS, StaffWalk, exam_library  # noqa: E402
from tests.hub.harness import running_hub  # noqa: E402

CASE, SEED, LEARNER = "first-week", 20260101, "bench"
# Elements breaking a rule, by (page, language) and impact.
Counts = dict[tuple[str, str], Counter[str]]


def count(found: list[Violation], where: tuple[str, str], counts: Counts) -> None:
    tally = counts.setdefault(where, Counter())
    for violation in found:
        tally[violation.impact] += len(violation.targets)
        print(f"# {where[1]} {where[0]}: {violation.line()}", file=sys.stderr)


def learners(browser: Browser, lang: str, library: Path, scratch: Path, counts: Counts) -> None:
    home = scratch / lang / "home"
    release_courses(None, home / "release", library)
    notebook = ROOT / "notebooks" / "course_home.ipynb"
    server = start_voila(notebook, {"SIMKIT_HOME": str(home), "SIMKIT_LEARNER": LEARNER}, scratch / f"{lang}.log")
    try:
        server.wait_until_answering()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
        context.set_default_timeout(120_000)
        page = context.new_page()
        page.goto(server.url)
        for name in learner_pages(page, Learner(page, find_scenario(CASE)[1], SEED, LEARNER, lang)):
            count(violations(page), (name, lang), counts)
        context.close()
    finally:
        server.stop()


def staff(browser: Browser, library: Path, scratch: Path, counts: Counts) -> None:
    release = scratch / "hub-release"
    release_courses(None, release, library)
    env = {"SIMKIT_SCENARIOS": str(library), "SIMKIT_RELEASE": str(release)}
    folder = scratch / "hub"
    folder.mkdir()
    with running_hub(folder, "bench-a11y", USERS, env, f"sqlite:///{folder / 'gradebook.sqlite'}") as hub:
        walk = StaffWalk(browser, hub, library)
        for name, lang in walk:
            count(violations(walk.page), (name, lang), counts)


def main() -> int:
    if not axe_path().exists():
        print(f"no axe-core at {axe_path()} (make axe)", file=sys.stderr)
        return 1
    try:
        chp_command()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    counts: Counts = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        scratch = Path(folder)
        library = exam_library(scratch / "scenarios")
        browser = launch_chromium(playwright)
        for lang in LANGUAGES:
            learners(browser, lang, library, scratch, counts)
        staff(browser, library, scratch, counts)
        browser.close()
    expected = {(name, lang) for name in (*LEARNER_PAGES, *STAFF_PAGES) for lang in LANGUAGES}
    if set(counts) != expected:
        print(f"pages not reached: {sorted(expected - set(counts))}", file=sys.stderr)
        return 1
    total: Counter[str] = Counter()
    for name in (*LEARNER_PAGES, *STAFF_PAGES):
        page: Counter[str] = sum((counts[name, lang] for lang in LANGUAGES), Counter())
        print(f"a11y.serious_or_critical.{name}: {sum(page[impact] for impact in BLOCKING)}")
        total += page
    print(f"a11y.pages_checked: {len(counts)}")
    print(f"a11y.serious_or_critical: {sum(total[impact] for impact in BLOCKING)}")
    print(f"a11y.minor_or_moderate: {total['minor'] + total['moderate']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

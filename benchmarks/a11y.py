"""Accessibility of the course app: axe-core's WCAG 2.1 A/AA rules on every page a learner meets, in Russian and
English, counted as axe reports them (one per element that breaks a rule).

The course page (notebooks/course_home.ipynb, every course released into a scratch SIMKIT_HOME) is served with
`make run`'s Voilà options and walked in headless Chromium as tests/browser/test_accessibility.py walks it: the
list of courses, a course, a case opened, its feedback, its end, the course again. Needs axe-core (`make axe`).

Run: .venv/bin/python benchmarks/a11y.py   (prints one `name: value` per line)
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
from simkit.scenarios.library import find_scenario  # noqa: E402
from simkit.scenarios.release import release_courses  # noqa: E402
from tests.browser.axe import BLOCKING, axe_path, learner_pages, violations  # noqa: E402
from tests.browser.course_page import Learner  # noqa: E402

LANGUAGES = ("ru", "en")
CASE, SEED, LEARNER = "first-week", 20260101, "bench"


def walk(browser: Browser, lang: str, scratch: Path) -> Counter[str]:
    """Elements breaking a rule over the pages walked in ``lang``, by impact."""
    home = scratch / lang / "home"
    release_courses(None, home / "release")
    notebook = ROOT / "notebooks" / "course_home.ipynb"
    server = start_voila(notebook, {"SIMKIT_HOME": str(home), "SIMKIT_LEARNER": LEARNER}, scratch / f"{lang}.log")
    counts: Counter[str] = Counter()
    try:
        server.wait_until_answering()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
        context.set_default_timeout(120_000)
        page = context.new_page()
        page.goto(server.url)
        for name in learner_pages(page, Learner(page, find_scenario(CASE)[1], SEED, LEARNER, lang)):
            for violation in violations(page):
                counts[violation.impact] += len(violation.targets)
                print(f"# {lang} {name}: {violation.line()}", file=sys.stderr)
        context.close()
    finally:
        server.stop()
    return counts


def main() -> int:
    if not axe_path().exists():
        print(f"no axe-core at {axe_path()} (make axe)", file=sys.stderr)
        return 1
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for lang in LANGUAGES:
            total += walk(browser, lang, Path(scratch))
        browser.close()
    print(f"a11y.serious_or_critical: {sum(total[impact] for impact in BLOCKING)}")
    print(f"a11y.minor_or_moderate: {total['minor'] + total['moderate']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

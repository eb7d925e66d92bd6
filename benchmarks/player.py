"""How long a learner waits for the course page: from opening it to the first control they can use.

The course page (notebooks/course_home.ipynb, every course released into a scratch SIMKIT_HOME, learner `bench`)
and a bare Voilà page holding one ipywidgets Button are served side by side with `make run`'s Voilà options and
loaded in turn in headless Chromium, so the machine's noise falls on both; the ratio is what simkit adds to
Voilà's own cost. Before each load both servers are left to go idle (pre-heated kernels refilled and run), as a
learner finds a server nobody has just used. `player.feedback_ms` is timed in the kernel (Python, no browser):
from an answer to its feedback, the submission file's synced write included.

Run: .venv/bin/python benchmarks/player.py [--loads N] [--notebook PATH]   (prints one `name: value` per line)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _browser import (
    CHROMIUM,
    ROOT,
    VoilaServer,
    bare_button_notebook,
    first_control,
    launch_chromium,
    preheats,
    start_voila,
    voila_options,
    wait_until_quiet,
)
from playwright.sync_api import Browser, sync_playwright

COURSE_PAGE = ROOT / "notebooks" / "course_home.ipynb"
LEARNER = "bench"
SETTLE_S = 120.0


class BenchmarkError(Exception):
    """Something the run cannot go on without, said in one line."""


def feedback_ms(scratch: Path, rounds: int = 30) -> float:
    """Median milliseconds, in the kernel, from a learner's answer to its feedback: the answer checked, saved to
    the submission file (synced, renamed), scored, and the feedback HTML set on the page's widget."""
    from simkit.player.enrolment import Enrolment
    from simkit.player.scenario import ScenarioPlayer
    from simkit.scenarios.release import load_bundle, release_courses

    release_courses(["onboarding"], scratch / "feedback" / "release")
    bundle = load_bundle("onboarding", scratch / "feedback" / "release")
    times = []
    for number in range(rounds):
        session = Enrolment(bundle, f"{LEARNER}{number}", scratch / "feedback" / "submissions").open("gift-at-desk")
        player = ScenarioPlayer(session, "ru")
        for choice in ("find_giver", "written_notice"):
            view = player.views[-1]
            assert view.control is not None and view.button is not None
            view.control.set(choice)
            start = time.perf_counter()
            view.button.click()
            times.append(time.perf_counter() - start)
            if "simkit-verdict" not in view.response.value:
                raise BenchmarkError(f"no feedback after answering {choice!r}")
    return statistics.median(times) * 1000


def release_all(home: Path) -> None:
    """`simkit release --all` into ``home``, as `make run` does before it serves the course page."""
    simkit = Path(sys.executable).parent / "simkit"
    result = subprocess.run(
        [str(simkit), "release", "--all"], env={**os.environ, "SIMKIT_HOME": str(home)}, capture_output=True, text=True
    )
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
        raise BenchmarkError(f"`simkit release --all` failed ({result.returncode}): {lines[-1]}")


def settle(servers: list[VoilaServer], loads: dict[str, int], preheat: bool) -> None:
    """Waits until every server's pool is full again (once at start, once per load) and all of them are idle."""
    deadline = time.monotonic() + SETTLE_S
    for server in servers if preheat else []:
        while server.pools_filled() < loads[server.url] + 1:
            if server.process.poll() is not None or time.monotonic() > deadline:
                tail = "\n".join(server.log_text().splitlines()[-20:])
                raise BenchmarkError(f"the kernel pool at {server.url} was not refilled; Voilà's log ends:\n{tail}")
            time.sleep(0.2)
    wait_until_quiet([server.process.pid for server in servers], timeout_s=SETTLE_S)


def time_first_control(browser: Browser, url: str) -> float:
    """Seconds from opening ``url`` in a fresh browser context to its first visible control."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        first_control(page)
        elapsed = time.perf_counter() - start
        # As a learner closing the tab; Voilà refuses the shutdown this asks for (see simkit/player/serving.py), so
        # the kernel idles, using no CPU, until culled.
        page.close(run_before_unload=True)
        return elapsed
    finally:
        context.close()


def interleaved_loads(browser: Browser, servers: list[VoilaServer], rounds: int, preheat: bool) -> list[list[float]]:
    """Each server's load times; rounds alternate which page goes first (ABBA), so neither always follows."""
    times: list[list[float]] = [[] for _ in servers]
    loads = {server.url: 0 for server in servers}
    for round_ in range(rounds):
        order = list(enumerate(servers)) if round_ % 2 == 0 else list(reversed(list(enumerate(servers))))
        for index, server in order:
            settle(servers, loads, preheat)
            times[index].append(time_first_control(browser, server.url))
            loads[server.url] += 1
    settle(servers, loads, preheat)
    return times


def measure(notebook: Path, rounds: int, scratch: Path) -> dict[str, float]:
    home = scratch / "home"
    release_all(home)
    env = {"SIMKIT_HOME": str(home), "SIMKIT_LEARNER": LEARNER}
    options = voila_options()
    bare = bare_button_notebook(scratch / "bare.ipynb")
    servers = [start_voila(notebook, env, scratch / "course.log", options)]
    servers.append(start_voila(bare, env, scratch / "bare.log", options))
    try:
        for server in servers:
            server.wait_until_answering()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            course_times, bare_times = interleaved_loads(browser, servers, rounds, preheats(options))
            course_s, bare_s = statistics.median(course_times), statistics.median(bare_times)
            figures = {"player.first_control_s": course_s, "player.bare_voila_first_control_s": bare_s}
            figures["player.first_control_ratio"] = course_s / bare_s
            browser.close()
        figures["player.feedback_ms"] = feedback_ms(scratch)
        return figures
    finally:
        for server in servers:
            server.stop()


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=5, help="loads of each page; the median is reported")
    parser.add_argument("--notebook", type=Path, default=COURSE_PAGE, help="the page to time (default: course page)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    try:
        if not args.notebook.is_file():
            raise BenchmarkError(f"no notebook at {args.notebook}: the course page is what this times")
        if not CHROMIUM.exists():
            raise BenchmarkError(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        with tempfile.TemporaryDirectory(prefix="simkit-bench-player-") as scratch:
            figures = measure(args.notebook.resolve(), args.loads, Path(scratch))
    except (BenchmarkError, TimeoutError, RuntimeError) as error:
        # One line says what went wrong; a server's log, when there is one, follows it.
        print(f"player: error: {error}", file=sys.stderr)
        return 1
    for name, value in figures.items():
        print(f"{name}: {value:.3f}" if not name.endswith("_ms") else f"{name}: {value:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

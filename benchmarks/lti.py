"""LTI 1.3: how long a launch from the learning platform takes to show the course, and a score to reach it.

Against the test platform of tests/lti/lms.py (real HTTP, RS256 keys), as the LTI tests use it:

- `lti.launch_ms`: warm (the learner's server running): in headless Chromium, from opening the platform's launch
  link (its redirect to the tool's OIDC login initiation) through the signed id_token's form post to the first
  control of the course page; the median of N launches, each in a fresh browser context; `lti.launch_p95_ms` too.
  `lti.launch_handshake_ms` is the LTI part of it: until the hub, the launch checked and the learner signed in,
  sends the browser on to the course (the rest is the course page's own start, as after any sign-in).
  A hub is started as `make hub` starts it, with LTI set up.
- `lti.passback_ms`: the p95 over N learners of: an exam's grading recorded in the gradebook (which queues the
  score in the same transaction) → the grading service's sender (simkit.lti.sender, as the service runs it after
  a submit) → the platform has the score (token by client assertion, kept for later scores; SQLite gradebook).
  `lti.passback_first_ms` is the first one, which also gets the access token.

Run: .venv/bin/python benchmarks/lti.py [--launches N] [--learners N]   (prints one `name: value` per line)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks._browser import first_control, launch_chromium  # noqa: E402
from simkit.gradebook import Gradebook, connect  # noqa: E402
from simkit.lti import config  # noqa: E402
from simkit.lti.claims import SCORE_SCOPE, Launch  # noqa: E402
from simkit.lti.keys import tool_key  # noqa: E402
from simkit.lti.sender import Sender  # noqa: E402
from simkit.lti.store import save_context  # noqa: E402
from tests.grading.test_gradebook import graded_submission  # noqa: E402
from tests.hub.harness import new_context, running_hub  # noqa: E402
from tests.lti.conftest import register  # noqa: E402
from tests.lti.lms import CLIENT_ID, DEPLOYMENT, Platform, Tool  # noqa: E402

COURSE = "onboarding"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def launches(platform: Platform, scratch: Path, count: int) -> tuple[list[float], list[float]]:
    with sync_playwright() as playwright, running_hub(scratch, "benchmark-lti", (), platform.environment()) as hub:
        register(platform, hub)
        browser = launch_chromium(playwright)
        context = new_context(browser)
        page = context.new_page()
        page.goto(platform.launch_url("learner01", course=COURSE))
        first_control(page)
        context.close()  # cold: that launch started the learner's server
        waits, handshakes = [], []
        for _ in range(count):
            context = new_context(browser)
            page = context.new_page()
            signed_in: list[float] = []  # when the hub, the launch checked, sends the browser on to the course
            page.on(
                "request", lambda r, s=signed_in: s.append(time.monotonic()) if "/user-redirect/" in r.url else None
            )
            started = time.monotonic()
            page.goto(platform.launch_url("learner01", course=COURSE))
            first_control(page)
            waits.append((time.monotonic() - started) * 1000)
            handshakes.append((signed_in[0] - started) * 1000)
            context.close()
        browser.close()
        return waits, handshakes


def passbacks(platform: Platform, scratch: Path, learners: int) -> list[float]:
    engine = connect(f"sqlite:///{scratch / 'gradebook.sqlite'}")
    os.environ.update(platform.environment() | {"SIMKIT_LTI_KEY_FILE": str(scratch / "lti_key.pem")})
    settings = config.Platform.from_environment()
    assert settings is not None
    tool_key(settings.key_file)  # as the hub makes it on its first start
    pool = ThreadPoolExecutor(2)
    sender = Sender(engine, settings, pool)
    body = json.dumps(sender.client.key.jwks()).encode()

    class Keys(BaseHTTPRequestHandler):  # the tool's keyset, as the hub serves it
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    keys = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    threading.Thread(target=keys.serve_forever, daemon=True).start()
    platform.tool = Tool("-", "-", f"http://127.0.0.1:{keys.server_address[1]}/jwks", "-")
    book = Gradebook(engine)
    times = []
    for number in range(learners):
        learner = f"learner{number:03d}"
        lineitem = platform.lineitem(COURSE)
        who = (learner, False, platform.issuer, CLIENT_ID, DEPLOYMENT, f"moodle-{learner}", "link-1", COURSE)
        save_context(engine, Launch(*who, lineitem, (SCORE_SCOPE,)))
        submission = graded_submission(learner, course=COURSE)
        started = time.monotonic()
        batch = book.begin_batch("simkit grade onboarding")
        book.finish_batch(batch, book.record(batch, [submission]))
        sender.kick()
        while not platform.received(f"moodle-{learner}"):
            time.sleep(0.001)
        times.append((time.monotonic() - started) * 1000)
    pool.shutdown()
    keys.shutdown()
    engine.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=10)
    parser.add_argument("--learners", type=int, default=40)
    args = parser.parse_args()
    platform = Platform().start()
    try:
        with tempfile.TemporaryDirectory(prefix="simkit-lti-bench-") as scratch:
            waits, handshakes = launches(platform, Path(scratch) / "hub", args.launches)
            print(f"lti.launch_ms: {statistics.median(waits):.0f}")
            print(f"lti.launch_p95_ms: {p95(waits):.0f}")
            print(f"lti.launch_handshake_ms: {statistics.median(handshakes):.0f}", flush=True)
            sent = passbacks(platform, Path(scratch), args.learners)
            print(f"lti.passback_ms: {p95(sent):.0f}")
            print(f"lti.passback_median_ms: {statistics.median(sent):.0f}")
            print(f"lti.passback_first_ms: {sent[0]:.0f}")
    finally:
        platform.stop()


if __name__ == "__main__":
    main()

"""What one learner costs the hub machine, and how long a signed-in learner waits for the course.

A hub is started as `make hub` starts it (simkit.hub.local.LocalHub, deploy/jupyterhub/jupyterhub_config.py,
configurable-http-proxy, the local OpenID Connect provider), with N learners (default 10). Each signs in through
the provider's page in headless Chromium and keeps their course page open. Then:

- `hub.mib_per_learner`: the mean USS (memory no other process shares) of everything one active learner adds: their
  single-user server and the kernel of their open page, found by JUPYTERHUB_USER in the processes' environment;
  `hub.server_mib` and `hub.kernel_mib` split it.
- `hub.first_control_s`: warm (the learner's server running, the machine's caches filled): from the click on the
  provider's sign-in button to the first control of the course page a learner can use; the median of the learners.
- `hub.answer_to_gradebook_ms`: with the grading service, each learner answers one question in Chromium; the p95
  of click → the answer shown (the service answers once the answer is committed to the gradebook, so this bounds
  click → row from above). `hub.concurrent_learners` is not measured here (learners answer one after another).

Run: .venv/bin/python benchmarks/hub.py [--learners N]   (prints one `name: value` per line)
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks._browser import first_control, launch_chromium, wait_until_quiet  # noqa: E402
from simkit.hub.course_server import TRIM_EVERY_MS  # noqa: E402
from simkit.hub.local import SampleUser  # noqa: E402
from tests.hub.harness import new_context, running_hub, server_processes, sign_in  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10)
    args = parser.parse_args()
    learners = tuple(SampleUser(f"learner{number:02d}") for number in range(1, args.learners + 1))
    with tempfile.TemporaryDirectory(prefix="simkit-hub-bench-") as scratch, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with running_hub(Path(scratch), "benchmark", learners) as hub:
            contexts = []
            for learner in learners:  # cold: each sign-in starts the learner's server
                context = new_context(browser)
                first_control(sign_in(context, hub, learner.login))
                contexts.append(context)
            pids = [process.pid for learner in learners for process in server_processes(hub, learner.login)]
            wait_until_quiet(pids)
            time.sleep(TRIM_EVERY_MS / 1000 + 2)  # as a server stands between a learner's clicks
            servers, kernels = [], []
            for learner in learners:
                processes = server_processes(hub, learner.login)
                kernel = [p for p in processes if "ipykernel" in " ".join(p.cmdline())]
                server = [p for p in processes if p not in kernel]
                servers.append(sum(p.memory_full_info().uss for p in server) / 2**20)
                kernels.append(sum(p.memory_full_info().uss for p in kernel) / 2**20)
                assert len(kernel) == 1 and len(server) == 1, (learner.login, [p.cmdline() for p in processes])
            # Warm: sign in again in a fresh browser context (as after closing the browser) to a running server.
            waits = []
            for context, learner in zip(contexts, learners, strict=True):
                context.close()
                context = new_context(browser)
                page = sign_in(context, hub, learner.login, click=False)
                button = page.locator(f"button[name=sub][value='{learner.login}']")
                started = time.monotonic()
                button.click()
                first_control(page)
                waits.append(time.monotonic() - started)
                context.close()
            answers_ms = []
            if importlib.util.find_spec("simkit.service") is not None:
                for learner in learners:  # each answers the hiring-relatives case's first question
                    context = new_context(browser)
                    page = sign_in(context, hub, learner.login)
                    first_control(page)
                    page.locator(".simkit-course-onboarding").click()
                    page.locator(".simkit-open-hiring-relatives").click()
                    current = page.locator(".simkit-current")
                    current.locator("input[type=radio]").first.check()
                    started = time.monotonic()
                    current.locator(".simkit-answer").click()
                    page.locator(".simkit-feedback, .simkit-saved").first.wait_for()
                    answers_ms.append((time.monotonic() - started) * 1000)
                    context.close()
            browser.close()
    per_learner = [s + k for s, k in zip(servers, kernels, strict=True)]
    print(f"hub.learners: {len(learners)}")
    print(f"hub.mib_per_learner: {statistics.mean(per_learner):.1f}")
    print(f"hub.server_mib: {statistics.mean(servers):.1f}")
    print(f"hub.kernel_mib: {statistics.mean(kernels):.1f}")
    print(f"hub.first_control_s: {statistics.median(waits):.2f}")
    print(f"hub.first_control_max_s: {max(waits):.2f}")
    if answers_ms:
        # The service answers the page once the answer's transaction is committed: click → answer shown bounds
        # click → row in the gradebook from above.
        p95 = statistics.quantiles(answers_ms, n=20, method="inclusive")[-1] if len(answers_ms) > 1 else answers_ms[0]
        print(f"hub.answer_to_gradebook_ms: {p95:.0f}")
        print(f"hub.answer_to_gradebook_median_ms: {statistics.median(answers_ms):.0f}")
        print("hub.concurrent_learners: not measured (learners answered one after another)")
    else:
        print("hub.answer_to_gradebook_ms: not measured (simkit.service is not installed)")
        print("hub.concurrent_learners: not measured (simkit.service is not installed)")


if __name__ == "__main__":
    main()

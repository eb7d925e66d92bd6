"""The grading service behind a real JupyterHub and its proxy, on loopback: how long a confirmed answer takes to be
committed in the gradebook, and how many learners can answer at once with answers still confirmed within 1 s.

Each call is what a learner's server makes when the learner presses "Answer": POST answers through the hub's proxy
with that learner's own hub token; the call returns once the answer's transaction has committed. Learners answer
back to back, with no time to think between answers (real learners take tens of seconds), so the figure for
learners at once is a floor.

Run: .venv/bin/python benchmarks/service.py [--gradebook URL] [--answers N]   (prints `name: value` lines)
Needs configurable-http-proxy ($SIMKIT_CHP or `make`'s .tools/ copy).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, select

from simkit.gradebook.tables import live_submissions
from simkit.grading.grader import course_key
from simkit.grading.synthetic import play
from tests.hub.harness import ROOT, Hub, running_hub

COURSE = "advanced-training"
LEVELS = (10, 25, 50, 75, 100, 150, 200, 300, 400)  # learners at once, tried in turn while p95 stays under the limit
LIMIT_S = 1.0
ANSWERS_EACH = 6  # answers per learner at each level


@functools.cache
def the_key() -> Any:
    return course_key(COURSE, ROOT / "scenarios")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


class Learner:
    """A learner's answers along their own way through the course, sent one after another."""

    def __init__(self, hub: Hub, name: str, seed: int) -> None:
        self.hub, self.name, self.token = hub, name, hub.user(name)
        key = the_key()
        rng = random.Random(seed)
        self.pending: Iterator[tuple[str, str, Any]] = iter(
            [
                (scenario, given.step, given.value)
                for scenario in key.course.scenarios
                for given in play(key, scenario, name, rng, skill=0.7).answers
            ]
        )
        hub.call(self.token, "GET", f"api/courses/{COURSE}/submission")  # opening the course: the token is known

    def answer(self) -> float:
        scenario, step, value = next(self.pending)
        body = {"scenario": scenario, "version": 1, "started_at": "2026-03-02T09:00:00Z", "step": step, "value": value}
        started = time.perf_counter()
        status, answered = self.hub.call(self.token, "POST", f"api/courses/{COURSE}/answers", body)
        took = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"{self.name}: {status} {answered}")
        return took


def answer_to_gradebook_ms(hub: Hub, answers: int) -> float:
    learners = [Learner(hub, f"solo{number:02d}", number) for number in range(max(1, answers // 40))]
    times = [learners[number % len(learners)].answer() for number in range(answers)]
    committed = answers_in_gradebook(hub, [learner.name for learner in learners])
    if committed != answers:  # each call returns once its answer is committed: all must be there
        raise RuntimeError(f"{answers} answers confirmed, {committed} in the gradebook")
    return 1000 * p95(times)


def answers_in_gradebook(hub: Hub, names: list[str]) -> int:
    engine = create_engine(hub.gradebook)
    query = select(live_submissions.c.submission).where(live_submissions.c.learner_id.in_(names))
    with engine.connect() as connection:
        saved = [json.loads(row) if isinstance(row, str) else row for row in connection.execute(query).scalars()]
    engine.dispose()
    return sum(len(scenario["answers"]) for submission in saved for scenario in submission["scenarios"].values())


def at_once(learners: list[Learner]) -> float:
    """Every learner answering back to back at the same moment; the p95 of all their answers' times."""
    times: list[float] = []
    failures: list[BaseException] = []
    start = threading.Barrier(len(learners))

    def run(learner: Learner) -> None:
        try:
            start.wait()
            for _ in range(ANSWERS_EACH):
                times.append(learner.answer())
        except BaseException as error:  # reported in the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} learner(s) failed: {failures[0]}")
    return p95(times)


def concurrent_learners(hub: Hub) -> tuple[int, list[tuple[int, float]]]:
    learners: list[Learner] = []
    best, tried = 0, []
    for level in LEVELS:
        learners += [Learner(hub, f"crowd{number:03d}", number) for number in range(len(learners), level)]
        took = at_once(learners[:level])
        tried.append((level, took))
        if took >= LIMIT_S:
            break
        best = level
    return best, tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gradebook", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--answers", type=int, default=200, help="answers timed one at a time")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="simkit-bench-service-") as scratch:
        folder = Path(scratch)
        gradebook = options.gradebook or f"sqlite:///{folder / 'gradebook.sqlite'}"
        with running_hub(folder / "hub", "service-benchmark", (), gradebook=gradebook) as hub:
            print(f"hub.answer_to_gradebook_ms: {answer_to_gradebook_ms(hub, options.answers):.1f}")
            best, tried = concurrent_learners(hub)
            print(f"hub.concurrent_learners: {best}")
            for level, took in tried:
                print(f"hub.answer_p95_ms_at_{level}_learners: {1000 * took:.0f}")


if __name__ == "__main__":
    main()

"""Simulation speed, measured in one run: SimPy's own event rate, the model's, an organisation-year of the whole
civil service, and the speed-up of two worker processes.

Run: .venv/bin/python benchmarks/sim.py   (prints one `name: value` per line)
Targets: sim.event_rate_ratio >= 0.30; sim.org_year_civil_service_s < 2; sim.speedup_2_workers >= 1.7.
"""

from __future__ import annotations

import random
import statistics
import time

import simpy

from simkit.sim.load import load_config
from simkit.sim.montecarlo import run_org, stream_seed
from simkit.sim.org import TRACKS, Organisation, metrics, offences


def count_steps(env: simpy.Environment, until: float) -> tuple[int, float]:
    """Events processed and seconds taken to run ``env`` to ``until``."""
    stop = env.timeout(until)
    steps, start = 0, time.perf_counter()
    while not stop.processed:
        env.step()
        steps += 1
    return steps, time.perf_counter() - start


def bare_simpy(processes: int = 5000, timeouts: int = 20) -> tuple[int, float]:
    """SimPy alone: processes that only wait, the floor any model's event rate is compared with."""
    env = simpy.Environment()
    generator = random.Random(1)

    def waiter(env: simpy.Environment):  # type: ignore[no-untyped-def]
        for _ in range(timeouts):
            yield env.timeout(generator.random() * 10)

    for _ in range(processes):
        env.process(waiter(env))
    return count_steps(env, 10 * timeouts + 1)


def model_year(name: str = "civil-service") -> tuple[int, float]:
    config = load_config(name)
    env = simpy.Environment()
    org = Organisation(env, config, random.Random(stream_seed(0, 0)))
    for track in TRACKS:
        env.process(offences(env, org, track))
    result = count_steps(env, config.days + config.follow_days)
    metrics(org)
    return result


def timed(run) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    # Rounds interleave what a ratio compares, so both sides see the same machine; medians over rounds.
    bare, model = [], []
    for _round in range(5):
        events, seconds = bare_simpy()
        bare.append(events / seconds)
        events, seconds = model_year()
        model.append((events / seconds, seconds))
    ratios = [rate / base for (rate, _seconds), base in zip(model, bare, strict=True)]
    print(f"sim.bare_simpy_events_per_s: {statistics.median(bare):.0f}")
    print(f"sim.model_events_per_s: {statistics.median(rate for rate, _seconds in model):.0f}")
    print(f"sim.event_rate_ratio: {statistics.median(ratios):.3f}")
    print(f"sim.org_year_civil_service_s: {statistics.median(seconds for _rate, seconds in model):.3f}")
    # The whole civil service: replications long enough that the pool's start-up is not what is measured.
    config = load_config("civil-service")
    one = timed(lambda: run_org(config, replications=100, seed=1, workers=1))
    two = timed(lambda: run_org(config, replications=100, seed=1, workers=2))
    print(f"sim.speedup_2_workers: {one / two:.2f}")


if __name__ == "__main__":
    main()

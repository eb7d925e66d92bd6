"""Throughput of simkit.law's date rules, the figures later batch work (rosters, simulation) builds on.

Run: .venv/bin/python benchmarks/law.py   (prints one `name: value` per line)
"""

from __future__ import annotations

import datetime as dt
import random
import time

from simkit import law

N = 100_000


def rate(function, inputs) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for item in inputs:
        function(item)
    return len(inputs) / (time.perf_counter() - start)


def main() -> None:
    generator = random.Random(42)
    days = [dt.date(2016, 1, 1) + dt.timedelta(days=generator.randrange(7300)) for _ in range(N)]
    leaves = [[(day + dt.timedelta(days=40), day + dt.timedelta(days=54))] for day in days]
    cases = list(zip(days, leaves, strict=True))

    def deadline(case):  # type: ignore[no-untyped-def]
        day, suspensions = case
        return law.imposition_deadline(
            committed=day, revealed=day + dt.timedelta(days=20), discrediting=True, suspensions=suspensions
        )

    print(f"law.imposition_deadlines_per_s: {rate(deadline, cases):.0f}")
    print(f"law.onboarding_deadlines_per_s: {rate(law.onboarding_deadline, days):.0f}")
    print(f"law.training_due_per_s: {rate(law.training_due, days):.0f}")


if __name__ == "__main__":
    main()

"""Many independent replications of an organisation, with reproducible random streams and confidence intervals.

Replication i draws from its own stream, seeded from (seed, i), so the results do not depend on how replications
are spread over processes or machines: local worker processes by default, or a Dask cluster by address.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from simkit.sim.org import OrgConfig, replicate

#: Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond.
T_975 = (
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086,
    2.080,
    2.074,
    2.069,
    2.064,
    2.060,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
)
SUMMARISED = (
    "cases",
    "time_barred_share",
    "days_to_sanction",
    "dismissals_from_repeats",
    "commission_utilisation",
    "commission_queue",
    "sanctions_demotion",
    "sanctions_incompetence_warning",
    "sanctions_incompetence_warning_or_dismissal",
    "sanctions_dismissal",
    "sanctions_discretionary",
)


def stream_seed(seed: int, replication: int) -> int:
    digest = hashlib.sha256(f"simkit-org\x1f{seed}\x1f{replication}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.4g} [{self.low:.4g}, {self.high:.4g}]"


def estimate(values: list[float]) -> Estimate:
    """The mean with its 95% confidence interval across replications (every metric here is a count, share or
    duration, so the interval is cut at zero)."""
    centre = statistics.fmean(values)
    if len(values) < 2:
        return Estimate(centre, centre, centre)
    quantile = T_975[len(values) - 2] if len(values) - 1 <= len(T_975) else 1.96
    half = quantile * statistics.stdev(values) / math.sqrt(len(values))
    return Estimate(centre, max(0.0, centre - half), centre + half)


@dataclass
class OrgResult:
    config: OrgConfig
    seed: int
    replications: list[dict[str, Any]]

    def summary(self) -> dict[str, Estimate]:
        return {name: estimate([float(run[name]) for run in self.replications]) for name in SUMMARISED}


def _one(arguments: tuple[OrgConfig, int]) -> dict[str, Any]:
    config, seed = arguments
    return replicate(config, seed)


def _local(config: OrgConfig, seeds: list[int], workers: int) -> Iterator[tuple[int, dict[str, Any]]]:
    if workers <= 1:
        for index, seed in enumerate(seeds):
            yield index, replicate(config, seed)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Chunks of several replications spread the cost of shipping work and results between processes.
        chunk = max(1, len(seeds) // (workers * 8))
        yield from enumerate(pool.map(_one, [(config, seed) for seed in seeds], chunksize=chunk))


def _dask(config: OrgConfig, seeds: list[int], address: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise ValueError("--cluster needs the cluster extra: pip install 'simkit[cluster]'") from None
    with Client(address) as client:
        futures = {client.submit(replicate, config, seed, pure=False): index for index, seed in enumerate(seeds)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def run_org(
    config: OrgConfig,
    *,
    replications: int,
    seed: int = 0,
    workers: int = 1,
    cluster: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> OrgResult:
    """Run ``replications`` replications; identical results for the same seed, whatever the workers or cluster."""
    if replications < 1:
        raise ValueError("replications must be at least 1")
    seeds = [stream_seed(seed, index) for index in range(replications)]
    results: list[dict[str, Any] | None] = [None] * replications
    runs = _dask(config, seeds, cluster) if cluster else _local(config, seeds, workers)
    for index, result in runs:
        results[index] = result
        if progress:
            progress(1)
    return OrgResult(config, seed, [result for result in results if result is not None])

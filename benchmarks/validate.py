"""Validation speed: 1,000 generated scenarios, validated on one core, against bare YAML parsing of the same files.

Run: .venv/bin/python benchmarks/validate.py   (prints one `name: value` per line)
Target: validate.scenarios_per_s >= 1000.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import yaml

from simkit.scenarios.library import library_root
from simkit.scenarios.validate import validate_paths

COUNT = 1000


def generate(folder: Path) -> list[tuple[Path, str]]:
    """1,000 scenarios made from the bundled gift case with fresh ids, texts and parameter ranges."""
    template = (library_root() / "gift-at-desk.yaml").read_text("utf-8")
    generator = random.Random(7)
    files = []
    for number in range(COUNT):
        text = (
            template.replace("id: gift-at-desk", f"id: generated-{number:04d}")
            .replace("max: 90000", f"max: {generator.randrange(50, 200) * 1000}")
            .replace("A gift left at the desk", f"A gift left at the desk, variant {number}")
        )
        path = folder / f"generated-{number:04d}.yaml"
        path.write_text(text, "utf-8")
        files.append((path, text))
    return files


def measure(folder: Path) -> tuple[float, float]:
    """(scenarios validated per second, files parsed per second by bare yaml.CSafeLoader), in one run."""
    paths = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    report = validate_paths([folder])
    validate_rate = len(paths) / (time.perf_counter() - start)
    start = time.perf_counter()
    for path in paths:
        yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    parse_rate = len(paths) / (time.perf_counter() - start)
    assert len(report.scenarios) == COUNT and not report.errors, report.errors[:3]
    return validate_rate, parse_rate


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        generate(Path(temporary))
        # Best of three repeats, each measuring both rates, cuts the noise of a shared machine.
        validate_rate, parse_rate = max(measure(Path(temporary)) for _repeat in range(3))
    print(f"validate.scenarios_per_s: {validate_rate:.0f}")
    print(f"validate.ratio_to_yaml_parse: {validate_rate / parse_rate:.3f}")


if __name__ == "__main__":
    main()

"""The examples in docstrings and in docs/law.md run as written."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "simkit.law",
    "simkit.law.glossary",
    "simkit.law.notes",
    "simkit.player.calculator",
    "simkit.player.timelines",
    "simkit.scenarios.expressions",
    "simkit.sim",
]


@pytest.mark.parametrize("module", MODULES)
def test_module_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_docs_law_examples() -> None:
    result = doctest.testfile(str(ROOT / "docs" / "law.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

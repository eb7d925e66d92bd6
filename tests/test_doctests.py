"""The examples in docstrings run as written (the docs' own: tests/test_docs.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "simkit.law",
    "simkit.law.glossary",
    "simkit.law.notes",
    "simkit.player.calculator",
    "simkit.player.timelines",
    "simkit.scenarios.answers",
    "simkit.scenarios.expressions",
    "simkit.sim",
]


@pytest.mark.parametrize("module", MODULES)
def test_module_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

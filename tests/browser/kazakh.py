"""A copy of the project's library in which every case offers Kazakh, for the pages a Kazakh-speaking learner gets:
a text the library has in Kazakh keeps it, and one it has not yet gets its Russian text as its Kazakh one, as the
player shows it meanwhile. The page's structure, its controls and what axe-core finds in it do not depend on the
words, so the pages of a case translated later are checked already."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEXT_KEYS = {"ru", "en", "kk"}


def _with_kazakh(node: Any) -> Any:
    if isinstance(node, dict):
        if node and set(node) <= TEXT_KEYS and isinstance(node.get("ru"), str):
            return {**node, "kk": node.get("kk") or node["ru"]}
        return {key: _with_kazakh(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_kazakh(item) for item in node]
    return node


def library_with_kazakh(root: Path) -> Path:
    """The project's scenarios/ copied to ``root``, every case's texts given in Kazakh; return ``root``."""
    shutil.copytree(ROOT / "scenarios", root)
    for path in root.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(yaml.safe_dump(_with_kazakh(data), allow_unicode=True, sort_keys=False), "utf-8")
    return root

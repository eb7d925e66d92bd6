"""The JSON Schemas of the scenario, course and submission formats, generated from their models, for editors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from simkit.scenarios import model
from simkit.submissions.schema import Submission

SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "scenario.schema.json": model.Scenario.model_json_schema,
    "course.schema.json": model.Course.model_json_schema,
    "submission.schema.json": lambda: msgspec.json.schema(Submission),
}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name]()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        target = folder / name
        temporary = target.with_suffix(".tmp")
        temporary.write_text(schema_text(name), "utf-8")
        temporary.replace(target)
        written.append(target)
    return written

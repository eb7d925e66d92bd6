"""The JSON Schemas of the scenario and course formats, generated from the models, for editors."""

from __future__ import annotations

import json
from pathlib import Path

from simkit.scenarios import model

SCHEMAS = {"scenario.schema.json": model.Scenario, "course.schema.json": model.Course}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
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

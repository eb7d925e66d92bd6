"""Search folders, files and wheels for answer-key material of the scenario format: what must not be on a
learner's side.

There is no list of revealing keys here to drift from the format: a scenario's data is compared with the exam
copy :func:`simkit.scenarios.strip.strip_answers` makes of it, and whatever the exam copy does not carry (points,
feedback, correct flags, option citations, answer keys and their expressions, rubrics, disciplinary cases, an
end's outcome, derived parameters no text shows) is a finding. An exam copy is its own exam copy, so a bundle
made by `simkit release` for an exam course gives none; a practice bundle and the library do.

What strip_answers reorders (ordering items, a provision question's choices) is compared as a set: the order an
exam copy shows is chance, so it cannot be told from the order of the original.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simkit.scenarios.release import COURSE_FILE
from simkit.scenarios.strip import strip_answers
from simkit.scenarios.yamlsource import SourceError, parse

SUFFIXES = (".yaml", ".yml", ".json")
ARCHIVES = (".whl", ".zip")
KeyPath = tuple[str | int, ...]
# Only for the wording of a finding; what is a finding is decided by strip_answers.
WHAT = {
    "points": "points",
    "feedback": "feedback",
    "correct": "a correct flag",
    "key": "an answer key",
    "rubric": "a rubric",
    "case": "a disciplinary case",
    "citations": "an option's citations",
    "outcome": "an end's outcome",
    "alternatives": "alternative answers",
    "readings": "the readings a key relies on",
}


@dataclass(frozen=True)
class Finding:
    """Answer-key material in ``file`` (a path, or ``wheel.whl!member``) at ``place`` in the scenario's data."""

    file: str
    line: int
    place: str  # e.g. steps[3].key
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.place}: {self.what}"


def _place(path: KeyPath) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
    return text


def _what(path: KeyPath, kind: str) -> str:
    if path[0] == "parameters":
        return "a derived parameter no text shows (it computes a key), which exam copies do not carry"
    name = next((key for key in reversed(path) if isinstance(key, str)), "")
    label = WHAT.get(name, repr(name))
    return f"{label}, which exam copies do not carry" if kind == "removed" else f"{label}, replaced in exam copies"


def _scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _by_id(items: list[Any]) -> dict[Any, Any] | None:
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if None in ids or len(set(map(repr, ids))) != len(ids):
        return None
    return {repr(item_id): item for item_id, item in zip(ids, items, strict=True)}


def _differences(original: Any, copy: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Places where ``original`` holds what its exam copy does not: removed, or replaced by something else."""
    if isinstance(original, dict) and isinstance(copy, dict):
        found: list[tuple[KeyPath, str]] = []
        for key, value in original.items():
            if key not in copy:
                found.append(((*path, key), "removed"))
            else:
                found.extend(_differences(value, copy[key], (*path, key)))
        if found and path and all(map(_scalar, original.values())):  # a text in its languages: one finding
            found = [(path, "changed")]
        yield from found
    elif isinstance(original, list) and isinstance(copy, list):
        mine, theirs = _by_id(original), _by_id(copy)
        if mine is not None and theirs is not None:  # steps, options, items: matched by id, whatever the order
            for number, (item_id, item) in enumerate(mine.items()):
                if item_id not in theirs:
                    yield (*path, number), "removed"
                else:
                    yield from _differences(item, theirs[item_id], (*path, number))
        elif all(map(_scalar, original)) and all(map(_scalar, copy)):
            if sorted(map(repr, original)) != sorted(map(repr, copy)):
                yield path, "changed"
        elif len(original) != len(copy):
            yield path, "changed"
        else:
            for number, (item, other) in enumerate(zip(original, copy, strict=True)):
                yield from _differences(item, other, (*path, number))
    elif original != copy:
        yield path, "changed"


def is_scenario(data: Any) -> bool:
    """Data shaped like a scenario (or an exam copy of one): a mapping with a list of steps that are mappings."""
    steps = data.get("steps") if isinstance(data, dict) else None
    return isinstance(steps, list) and bool(steps) and all(isinstance(step, dict) for step in steps)


def keys_in(data: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """The places of a scenario's data that its exam copy does not carry, with what each holds."""
    return [(path, _what(path, kind)) for path, kind in _differences(data, strip_answers(data), ())]


def _findings_in_text(name: str, text: str) -> list[Finding]:
    try:
        source = parse(Path(name), text)
    except (SourceError, TypeError):  # TypeError: a mapping used as a key, as in a template with {{…}}
        return []  # not YAML or JSON data (or too large for any scenario): nothing a player could read as one
    if not is_scenario(source.data):
        return []
    try:
        keys = keys_in(source.data)
    except (AttributeError, TypeError, ValueError):  # shaped like a scenario, but not one strip_answers can copy
        return [Finding(name, 1, "steps", "scenario-like data of which no exam copy can be made: check it by hand")]
    found = []
    for path, what in keys:
        place = source.place(path)
        found.append(Finding(name, place.line, _place(path), what))
    return found


def _decode(data: bytes) -> str | None:
    if b"steps" not in data:  # cheap: most data files in an environment are not scenarios
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _in_archive(path: Path) -> list[Finding]:
    found: list[Finding] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.is_dir() or not member.filename.lower().endswith(SUFFIXES):
                    continue
                if (text := _decode(archive.read(member))) is not None:
                    found += _findings_in_text(f"{path}!{member.filename}", text)
    except (zipfile.BadZipFile, OSError):
        return []
    return found


def _course(path: Path) -> dict[str, Any]:
    try:
        data = parse(path).data
    except (SourceError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _practice_reason(path: Path) -> str | None:
    """For a scenario in a released practice course's bundle (``<release>/<course>/scenarios/<id>.yaml``): None if
    keys there are allowed, else why not (an exam course released beside it asks the same scenario); "" if the
    file is in no practice bundle."""
    bundle = path.parent.parent
    if path.parent.name != "scenarios" or _course(bundle / COURSE_FILE).get("mode") != "practice":
        return ""
    for other in sorted(bundle.parent.glob(f"*/{COURSE_FILE}")):
        course = _course(other)
        if course.get("mode") == "exam" and path.stem in (course.get("scenarios") or []):
            return (
                f" (the practice course {bundle.name!r} carries scenario {path.stem!r} whole, and the exam course "
                f"{other.parent.name!r} released beside it asks the same scenario)"
            )
    return None


def _in_file(path: Path, allow_practice: bool = False) -> list[Finding]:
    name = path.name.lower()
    if name.endswith(ARCHIVES):
        return _in_archive(path)
    if not name.endswith(SUFFIXES):
        return []
    reason = _practice_reason(path) if allow_practice else ""
    if reason is None:
        return []
    try:
        text = _decode(path.read_bytes())
    except OSError:  # what cannot be read cannot leak
        return []
    found = [] if text is None else _findings_in_text(str(path), text)
    return [Finding(item.file, item.line, item.place, item.what + reason) for item in found] if reason else found


def _files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for folder, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                yield Path(folder) / name
    elif root.is_file():
        yield root


def find_keys(paths: Iterable[Path | str], allow_practice: bool = False) -> list[Finding]:
    """Every place in these folders, files and wheels (.whl, .zip members) that holds answer-key material of the
    scenario format; empty when there is none. A path that does not exist is a ValueError.

    With ``allow_practice``, the scenarios of a released practice course (whose feedback needs them whole) are
    allowed, except those an exam course released beside it also asks: their keys are the exam's."""
    found: list[Finding] = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise ValueError(f"{root}: no such file or folder")
        for path in _files(root):
            found += _in_file(path, allow_practice)
    return found

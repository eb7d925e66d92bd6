"""Safe YAML loading that can say where every value came from, for messages naming file, line and column.

Files are parsed with yaml-rs (YAML 1.2, in Rust: `no` stays a text, duplicate keys are errors) with aliases
refused, which rules out alias bombs; files over MAX_BYTES are refused before parsing. Places are looked up
lazily, only when there is something to report, in a node tree composed by libyaml's safe loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

MAX_BYTES = 512 * 1024
NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0)
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PathKey = tuple[str | int, ...]
_RUST_PLACE = re.compile(r"line (\d+), column (\d+)")


@dataclass(frozen=True)
class Place:
    line: int  # 1-based
    column: int  # 1-based


class SourceError(ValueError):
    """A file that cannot be read as YAML at all, with the place where reading failed."""

    def __init__(self, message: str, place: Place = Place(1, 1), hint: str = "") -> None:
        super().__init__(message)
        self.place, self.hint = place, hint


@dataclass
class Source:
    """A parsed YAML document: its data, and (composed on demand) the node tree that knows each value's place."""

    path: Path
    data: Any
    text: str
    _root: Any = field(default=None, repr=False)
    context: dict[str, Any] = field(default_factory=dict, repr=False)  # what schema validation noticed

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None:
            self._root = _compose(self.text) or False
        return self._root or None

    def place(self, key_path: PathKey) -> Place:
        """The place of the value at ``key_path``, or of its nearest existing parent."""
        node = self.root
        if node is None:
            return Place(1, 1)
        for key in key_path:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return _place(node.start_mark)

    def key_place(self, key_path: PathKey) -> Place:
        """The place of the key itself (for unknown keys), falling back to its value's place."""
        parent = self.root
        for key in key_path[:-1]:
            parent = _child(parent, key) if parent is not None else None
        if isinstance(parent, yaml.MappingNode):
            for key_node, _value in parent.value:
                if key_node.value == key_path[-1]:
                    return _place(key_node.start_mark)
        return self.place(key_path)


def _place(mark: Any) -> Place:
    return Place(mark.line + 1, mark.column + 1)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key_node, value in node.value if key_node.value == str(key)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _compose(text: str) -> yaml.Node | None:
    loader = SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _read(path: Path, text: str | None) -> str:
    too_large = SourceError(f"file is larger than {MAX_BYTES // 1024} KiB", hint="split it into several files")
    if text is not None:
        if len(text) > MAX_BYTES or len(text.encode("utf-8")) > MAX_BYTES:
            raise too_large
        return text
    try:
        if path.stat().st_size > MAX_BYTES:
            raise too_large
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"not UTF-8 text ({error.reason})", hint="save the file as UTF-8") from None
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}") from None


def _explain(text: str, error: Exception) -> SourceError:
    """Turn a parse failure into one message with its place: libyaml's account where it has one."""
    message = str(error).splitlines()[0]
    if "alias" in message:
        return SourceError(
            "anchors and aliases (&name, *name) are not allowed",
            _alias_place(text),
            "write the value out where it is needed",
        )
    loader = SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as marked:
        mark = marked.problem_mark or marked.context_mark
        return SourceError(
            f"malformed YAML: {marked.problem or marked.context}",
            _place(mark) if mark else Place(1, 1),
            "check the indentation and quoting around this place",
        )
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    found = _RUST_PLACE.search(message)
    place = Place(int(found.group(1)), int(found.group(2))) if found else Place(1, 1)
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return SourceError(
        f"malformed YAML: {lines[-1] if lines else message}",
        place,
        "check the indentation and quoting around this place; keys must not repeat",
    )


def _alias_place(text: str) -> Place:
    for number, line in enumerate(text.splitlines(), 1):
        if found := re.search(r"(?:^|[\s\[{,])(\*[^\s,\[\]{}]+)", line):
            return Place(number, found.start(1) + 1)
    return Place(1, 1)


def parse(path: Path, text: str | None = None) -> Source:
    """Parse one YAML file safely; raise :class:`SourceError` on anything that is not plain YAML data."""
    text = _read(path, text)
    try:
        data = yaml_rs.loads(text, alias_limits=NO_ALIASES)
    except yaml_rs.YAMLDecodeError as error:
        raise _explain(text, error) from None
    return Source(path, data, text)

"""Safe YAML loading that remembers where every value came from, for messages that name file, line and column.

Only safe loading (libyaml's CSafeLoader when present); anchors and aliases are refused, which rules out alias
bombs; files over MAX_BYTES are refused before parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 512 * 1024
PathKey = tuple[str | int, ...]


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
    """A parsed YAML document: its data, and the node tree to find where each value stands."""

    path: Path
    data: Any
    root: yaml.Node | None

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
        return Place(node.start_mark.line + 1, node.start_mark.column + 1)

    def key_place(self, key_path: PathKey) -> Place:
        """The place of the key itself (for unknown keys), falling back to its value's place."""
        parent = self.root
        for key in key_path[:-1]:
            parent = _child(parent, key) if parent is not None else None
        if isinstance(parent, yaml.MappingNode):
            for key_node, _value in parent.value:
                if key_node.value == key_path[-1]:
                    return Place(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return self.place(key_path)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key_node, value in node.value if key_node.value == str(key)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _refuse_aliases(root: yaml.Node) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            raise SourceError(
                "anchors and aliases (&name, *name) are not allowed",
                Place(mark.line + 1, mark.column + 1),
                "write the value out where it is needed",
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def parse(path: Path, text: str | None = None) -> Source:
    """Parse one YAML file safely; raise :class:`SourceError` on anything that is not plain YAML data."""
    if text is None:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise SourceError(f"file is larger than {MAX_BYTES // 1024} KiB", hint="split it into several files")
            text = path.read_text("utf-8")
        except UnicodeDecodeError as error:
            raise SourceError(f"not UTF-8 text ({error.reason})", hint="save the file as UTF-8") from None
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror}") from None
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SourceError(f"file is larger than {MAX_BYTES // 1024} KiB", hint="split it into several files")
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _refuse_aliases(root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        place = Place(mark.line + 1, mark.column + 1) if mark else Place(1, 1)
        raise SourceError(
            f"malformed YAML: {error.problem or error.context}",
            place,
            "check the indentation and quoting around this place",
        ) from None
    except yaml.YAMLError as error:
        raise SourceError(f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    return Source(path, data, root)

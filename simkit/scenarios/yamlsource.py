"""Safe YAML loading that can say where every value came from, for messages naming file, line and column.

Files are parsed with yaml-rs (YAML 1.2, in Rust: `no` stays a text, duplicate keys are errors) with aliases
refused, which rules out alias bombs; files over MAX_BYTES are refused before parsing. Places are looked up
lazily, only when there is something to report, in a node tree composed by libyaml's safe loader.
"""

from __future__ import annotations

import ast
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
_DUPLICATE = re.compile(r"duplicate mapping key: (.+)$")


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

    def text_place(self, key_path: PathKey, needle: str) -> Place:
        """The place of ``needle`` inside the text at ``key_path`` (a placeholder in a long text is found on its own
        line), else the text's own place."""
        node = self.root
        for key in key_path:
            node = _child(node, key) if node is not None else None
        if not isinstance(node, yaml.ScalarNode):
            return self.place(key_path)
        start = self.text.find(needle, node.start_mark.index, node.end_mark.index)
        return _place_of_index(self.text, start) if start >= 0 else _place(node.start_mark)

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


def _place_of_index(text: str, index: int) -> Place:
    line_start = text.rfind("\n", 0, index) + 1
    return Place(text.count("\n", 0, index) + 1, index - line_start + 1)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key_node, value in node.value if key_node.value == str(key)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item: yaml.Node = node.value[key]  # the stubs leave a node's value untyped
        return item
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
        raw = path.read_bytes()
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        raise SourceError(
            f"not UTF-8 text ({error.reason})", _place_of_index(before, len(before)), "save the file as UTF-8"
        ) from None
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
    if duplicate := _DUPLICATE.match(message):
        return _duplicate(text, duplicate.group(1))
    problem, place = _libyaml_problem(text)
    if problem is None:
        found = _RUST_PLACE.search(message)
        place = Place(int(found.group(1)), int(found.group(2))) if found else Place(1, 1)
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        problem = lines[-1] if lines else message
    if "tab" in problem or "\t" in _line(text, place.line)[max(0, place.column - 3) : place.column]:
        return SourceError(
            "malformed YAML: a tab character where YAML allows only spaces",
            _tab_place(text, place),
            "indent with spaces, not tabs; an editor can be set to insert spaces for the Tab key",
        )
    if "recursion limit" in problem:
        return SourceError("malformed YAML: nested too deeply", place, "a scenario needs only a few levels of nesting")
    return SourceError(f"malformed YAML: {problem}", place, "check the indentation and quoting around this place")


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _libyaml_problem(text: str) -> tuple[str | None, Place]:
    """libyaml's account of a parse failure, which has a place for every kind of fault, when it sees one."""
    loader = SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as marked:
        mark = marked.problem_mark or marked.context_mark
        return str(marked.problem or marked.context), _place(mark) if mark else Place(1, 1)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None, Place(1, 1)


def _tab_place(text: str, near: Place) -> Place:
    """The tab on the reported line nearest before the reported column (a parser may stop just after it)."""
    line = _line(text, near.line)
    before = line.rfind("\t", 0, near.column)
    if before >= 0:
        return Place(near.line, before + 1)
    return Place(near.line, line.index("\t") + 1) if "\t" in line else near


def _duplicate(text: str, shown_key: str) -> SourceError:
    """yaml-rs names a repeated key but not its place: the second occurrence is found in libyaml's node tree,
    which keeps every key, and the message says where the first one is."""
    try:
        key = str(ast.literal_eval(shown_key))
    except (ValueError, SyntaxError):
        key = shown_key
    repeats = _repeated_keys(_compose(text))
    first, second = next(((a, b) for a, b in repeats if a.value == key), repeats[0] if repeats else (None, None))
    if first is None or second is None:
        return SourceError(f"duplicate key {key!r}", hint="keep one of them: a key may appear only once in a mapping")
    earlier = _place(first.start_mark)
    return SourceError(
        f"duplicate key {key!r} (first given at line {earlier.line}, column {earlier.column})",
        _place(second.start_mark),
        "keep one of them: a key may appear only once in a mapping",
    )


def _repeated_keys(root: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    """(first, repeated) key nodes of every mapping, in the order of the file."""
    found: list[tuple[yaml.Node, yaml.Node]] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key_node, value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        found.append((seen[key_node.value], key_node))
                    seen.setdefault(key_node.value, key_node)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda pair: pair[1].start_mark.index)


def _alias_place(text: str) -> Place:
    """Where the first alias is, from libyaml's events (which never expand one): a ``*`` in a text is no alias."""
    loader = SafeLoader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                return _place(event.start_mark)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return Place(1, 1)


def parse(path: Path, text: str | None = None) -> Source:
    """Parse one YAML file safely; raise :class:`SourceError` on anything that is not plain YAML data."""
    text = _read(path, text)
    try:
        data = yaml_rs.loads(text, alias_limits=NO_ALIASES)
    except yaml_rs.YAMLDecodeError as error:
        raise _explain(text, error) from None
    return Source(path, data, text)

"""Write the part of the hash-pinned lock that a few top-level packages need: those packages and everything they
depend on, each with its pin and hashes as the lock has them, for ``pip install --require-hashes --no-deps``.

Usage::

    python tools/lock_subset.py requirements.lock deploy/docker/hub-requirements.in > hub-requirements.txt

The names file lists one distribution a line (``#`` starts a comment; an extra such as ``psycopg[binary]`` is
read as the distribution's name, the lock already holds what the extra adds). A line ``provided: NAME`` names a
distribution the image being built already has, with its own dependencies (the chart's hub image has JupyterHub):
it is left out, and so is whatever only it needs.

The dependencies are read from the lock's own ``# via`` notes (``uv pip compile`` writes them): a package is
needed when one of the packages it is there *via* is needed. Nothing is looked up on an index, so the subset
always has the lock's versions and hashes and nothing else. The notes do not say which extra brought a package
in (``jsonschema``'s format checkers are there *via* ``jsonschema`` for another package's extra), so the subset
may hold a few small packages more than strictly needed, never fewer.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==")
VIA_ONE = re.compile(r"^\s+# via (\S.*)$")
VIA_MORE = re.compile(r"^\s+#   (\S.*)$")
PROVIDED = "provided:"


def canonical(name: str) -> str:
    """The distribution's name as PEP 503 compares it (``PyJWT``, ``pyjwt`` and ``py_jwt`` are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parent_name(note: str) -> str:
    """``simkit (pyproject.toml)``, ``-r tools/build-requirements.in`` and ``dask[distributed]`` as a name."""
    return canonical(re.split(r"[\s\[(]", note.strip(), maxsplit=1)[0])


@dataclass(frozen=True)
class Pin:
    name: str  # canonical
    text: str  # the lock's lines for it: the pin, its hashes, and its notes
    via: frozenset[str]  # the packages it is there for (canonical), from the lock's notes


def read_lock(text: str) -> dict[str, Pin]:
    """Every pin of a ``uv pip compile`` lock, by canonical name."""
    pins: dict[str, Pin] = {}
    name: str | None = None
    lines: list[str] = []
    via: set[str] = set()

    def close() -> None:
        if name is not None:
            pins[name] = Pin(name, "\n".join(lines) + "\n", frozenset(via))

    for line in text.splitlines():
        if match := PIN.match(line):
            close()
            name, lines, via = canonical(match.group(1)), [line], set()
        elif name is not None and line.startswith((" ", "\t")):
            lines.append(line)
            if note := VIA_ONE.match(line) or VIA_MORE.match(line):
                via.add(parent_name(note.group(1)))
        elif line.strip() and not line.startswith("#"):
            close()
            name = None
    close()
    return pins


def read_names(text: str) -> tuple[list[str], set[str]]:
    """(the packages wanted, in order; the packages the image provides) from a names file."""
    wanted: list[str] = []
    provided: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(PROVIDED):
            provided.add(parent_name(line.removeprefix(PROVIDED)))
        else:
            wanted.append(parent_name(line))
    return wanted, provided


def closure(pins: dict[str, Pin], wanted: list[str], provided: Set[str] = frozenset()) -> list[str]:
    """The wanted packages and their dependencies in the lock, less the provided ones and what only they need;
    in the lock's order. KeyError names a wanted package the lock does not hold."""
    missing = [name for name in wanted if name not in pins]
    if missing:
        raise KeyError(f"not in the lock: {', '.join(missing)} (hint: add it to pyproject.toml and run `make lock`)")
    needed = set(wanted) - provided
    grown = True
    while grown:
        more = {pin.name for pin in pins.values() if pin.name not in needed | provided and pin.via & needed}
        needed |= more
        grown = bool(more)
    return [name for name in pins if name in needed]


def subset(lock_text: str, names_text: str) -> str:
    pins = read_lock(lock_text)
    wanted, provided = read_names(names_text)
    return "".join(pins[name].text for name in closure(pins, wanted, provided))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/lock_subset.py LOCK NAMES", file=sys.stderr)
        return 2
    lock, names = (Path(arg) for arg in argv)
    try:
        sys.stdout.write(subset(lock.read_text("utf-8"), names.read_text("utf-8")))
    except (OSError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

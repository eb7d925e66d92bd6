"""Writes that never leave a half-written file: a reader sees the old content or the new, nothing between."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a synced temporary file in the same folder and an atomic rename."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a synced temporary file in the same folder and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


READ_ONLY_FILE, READ_ONLY_FOLDER = 0o444, 0o555


def remove_tree(folder: Path) -> None:
    """Remove a folder, read-only ones (see :func:`replace_folder`) included: their owner may make them writable."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for path, _subfolders, _names in os.walk(folder):
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    shutil.rmtree(folder, ignore_errors=True)


def replace_folder(target: Path, filled: Path, *, read_only: bool = False) -> None:
    """Put the folder ``filled`` in place of ``target``; the old one goes only once the new one is there.

    With ``read_only``, the new folder's files become 0444 and its folders 0555: others may read them, nobody may
    change them in place; the owner still replaces the whole folder next time. The top folder is sealed only
    once moved, as moving a folder to another parent needs write permission on the folder itself."""
    target.parent.mkdir(parents=True, exist_ok=True)
    retired = target.with_name(f".{target.name}.old")
    remove_tree(retired)
    if read_only:
        for path, subfolders, names in os.walk(filled, topdown=False):
            for name in names:
                os.chmod(Path(path) / name, READ_ONLY_FILE)
            for name in subfolders:
                os.chmod(Path(path) / name, READ_ONLY_FOLDER)
    if target.exists():
        os.replace(target, retired)
    os.replace(filled, target)
    if read_only:
        os.chmod(target, READ_ONLY_FOLDER)
    remove_tree(retired)
    _sync_folder(target.parent)


def create_private_once(path: Path, make: Callable[[], bytes]) -> bool:
    """Write what ``make`` returns to ``path``, readable by its owner only, unless a file is there already: True if
    this call wrote it. O_EXCL, so two processes starting at once cannot both write a secret and each use its own;
    OSError if it cannot be created."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(make())
    return True

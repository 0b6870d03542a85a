"""Files in and out of a grading run without following anyone's links.

A participant's kernel never runs in a folder of the workshop: it gets a copy of its own files
in the sandbox's /tmp (``uprkit.grading.sandbox.WORK_DIR``), and nothing it writes comes back;
the executed notebook returns through the kernel protocol only. The grader's own folders are
still filled defensively: :func:`copy_regular_files` takes regular files only (no symlinks, no
hard links, no devices or FIFOs), opened with ``O_NOFOLLOW`` from folders opened the same way,
size-capped; :func:`write_new_file` creates a file that did not exist, never through a link.

Only the standard library is imported here.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["copy_regular_file", "copy_regular_files", "write_new_file"]

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_CHUNK = 1024**2


def write_new_file(path: Path, data: str | bytes) -> None:
    """Create ``path`` (it must not exist) and write ``data``; never follows a link."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, _WRITE_FLAGS, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)


def copy_regular_files(
    source: Path,
    dest: Path,
    *,
    ignore: Sequence[str] = (),
    max_file_bytes: int = 200 * 1024**2,
    max_total_bytes: int = 500 * 1024**2,
    replace: bool = True,
) -> list[str]:
    """Copy the regular files under ``source`` into ``dest`` (made if missing); return what was
    left out and why. Names matching an ``ignore`` pattern (files or folders) are skipped, as
    nbgrader's ``find_all_files`` does. ``replace``: a file already in ``dest`` is replaced."""
    skipped: list[str] = []
    budget = [max_total_bytes]
    try:
        top = os.open(source, _DIR_FLAGS)
    except OSError as exc:
        return [f"{source}: {exc.strerror}"]
    try:
        _copy_tree(top, Path(dest), "", ignore, max_file_bytes, budget, replace, skipped)
    finally:
        os.close(top)
    return skipped


def copy_regular_file(
    folder: Path, name: str, target: Path, *, max_bytes: int = 200 * 1024**2
) -> str:
    """Copy ``folder/name`` to ``target`` if it is a regular file; "" or why it was not."""
    try:
        top = os.open(folder, _DIR_FLAGS)
    except OSError as exc:
        return f"{folder}: {exc.strerror}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return _copy_file(top, name, target, max_bytes, [max_bytes], replace=True)
    finally:
        os.close(top)


def _copy_tree(dir_fd, dest, relative, ignore, max_file, budget, replace, skipped) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(os.listdir(dir_fd)):
        shown = f"{relative}{entry}"
        if any(fnmatch.fnmatch(entry, pattern) for pattern in ignore):
            continue
        info = os.stat(entry, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            try:
                sub = os.open(entry, _DIR_FLAGS, dir_fd=dir_fd)
            except OSError:
                skipped.append(f"{shown}/: cannot be opened as a plain folder")
                continue
            try:
                _copy_tree(
                    sub, dest / entry, f"{shown}/", ignore, max_file, budget, replace, skipped
                )
            finally:
                os.close(sub)
        elif not stat.S_ISREG(info.st_mode):
            skipped.append(f"{shown}: not a regular file (a link, device or pipe)")
        else:
            problem = _copy_file(dir_fd, entry, dest / entry, max_file, budget, replace)
            if problem:
                skipped.append(f"{shown}: {problem}")


def _copy_file(dir_fd, name, target: Path, max_file, budget, replace) -> str:
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        return f"cannot be opened without following a link ({exc.strerror})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())  # the file opened, not the name looked at before
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_nlink > 1:
            return "a hard link to another file"
        if info.st_size > max_file or info.st_size > budget[0]:
            return f"too large ({info.st_size} bytes)"
        data = handle.read(min(max_file, budget[0]) + 1)
    if len(data) > min(max_file, budget[0]):
        return "grew past the size cap while being read"
    budget[0] -= len(data)
    if replace:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
    write_new_file(target, data)
    return ""

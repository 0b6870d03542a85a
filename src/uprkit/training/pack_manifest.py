"""Check that a copy of a pack is the pack that was built: every file against its SHA-256.

A USB stick goes from hand to hand before a workshop. The pack lists every file with its size
and SHA-256 in ``MANIFEST.sha256``; ``uprkit verify-pack DIR`` (or ``python verify.py`` in the
pack, this same file, for a laptop without the kit) says which files changed, went missing or
were added. The install scripts also pin every wheel by hash (``pip --require-hashes``), so a
changed wheel is refused even without this check.

This module uses the standard library only: it is copied into every pack as ``verify.py``.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

MANIFEST = "MANIFEST.sha256"
# Made on the participant's laptop by the install script, or by this check: never listed.
_NOT_LISTED = {MANIFEST, ".venv", "__pycache__"}


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not _NOT_LISTED & set(p.relative_to(root).parts)
    )


def write_manifest(root: Path) -> Path:
    """List every file of the pack (``sha256  relative/path``, as ``sha256sum`` writes it)."""
    lines = [f"{file_hash(p)}  {p.relative_to(root).as_posix()}" for p in _files(root)]
    manifest = root / MANIFEST
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def verify_manifest(root: Path) -> list[str]:
    """What differs from the manifest, one line each; an empty list when the copy is intact.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("one"); _ = write_manifest(folder)
    >>> verify_manifest(folder)
    []
    >>> _ = (folder / "a.txt").write_text("two"); verify_manifest(folder)
    ['changed: a.txt']
    """
    root = Path(root)
    manifest = root / MANIFEST
    if not manifest.is_file():
        return [f"missing: {MANIFEST} (this folder was not made by 'uprkit pack --offline')"]
    listed = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            listed[name] = digest
    problems = []
    present = {p.relative_to(root).as_posix(): p for p in _files(root)}
    for name, digest in listed.items():
        if name not in present:
            problems.append(f"missing: {name}")
        elif file_hash(present[name]) != digest:
            problems.append(f"changed: {name}")
    problems += [f"added: {name}" for name in sorted(set(present) - set(listed))]
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    problems = verify_manifest(root)
    for line in problems:
        print(line)
    if problems:
        print(
            f"{len(problems)} problem(s): do not use this copy; make a new one from the original."
        )
        return 1
    print(f"OK: every file of {root} is as it was built.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

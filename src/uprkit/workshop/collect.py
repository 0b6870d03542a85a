"""Collect participants' files (a folder or a .zip, any layout) into the nbgrader course.

Files are matched to roster ids by the participant id or name in a file or folder name
(accents, Arabic script and macOS-decomposed names included). Nothing is ever dropped:
unmatched files go to ``quarantine/``, and a replaced submission moves to ``history/``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from uprkit.data.text import fold_accents
from uprkit.errors import InputFileError, WorkshopError
from uprkit.workshop.folder import TIMESTAMP_FORMAT, Workshop, check_assignment
from uprkit.workshop.roster import load_roster

__all__ = ["CollectResult", "collect_submissions", "read_timestamp", "normalise_name"]

_IGNORED = {".ipynb_checkpoints", "__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class CollectResult:
    """``matched``: participant_id → notebook files placed; ``unmatched``: quarantined files."""

    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    quarantine_dir: Path | None = None


def normalise_name(text: str) -> str:
    """Lower-case, accent-free, separator-free form used to compare names.

    >>> normalise_name("José_PÉREZ-lópez.ipynb") == normalise_name("jose perez lopez.ipynb")
    True
    >>> normalise_name("ليلى") == normalise_name(unicodedata.normalize("NFD", "ليلى"))
    True
    """
    return " ".join(re.split(r"[\W_]+", fold_accents(text))).strip()


def read_timestamp(folder: Path) -> dt.datetime | None:
    file = Path(folder) / "timestamp.txt"
    if not file.exists():
        return None
    return dt.datetime.strptime(file.read_text().strip(), TIMESTAMP_FORMAT).replace(tzinfo=dt.UTC)


def _fix_zip_name(info: zipfile.ZipInfo) -> str:
    # Zips made on Windows often store UTF-8 names without the UTF-8 flag; zipfile then
    # decodes them as cp437 and Arabic names turn into mojibake.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _extract_zip(path: Path, dest: Path) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputFileError(path, f"is not a readable .zip file ({exc})") from None
    with archive:
        for info in archive.infolist():
            name = _fix_zip_name(info)
            parts = [p for p in Path(name).parts if p not in ("", ".", "..", "/")]
            if info.is_dir() or not parts:
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
            stamp = dt.datetime(*info.date_time).timestamp()
            os.utime(target, (stamp, stamp))


def _participant_matchers(roster) -> list[tuple[str, re.Pattern, str]]:
    matchers = []
    for row in roster.itertuples(index=False):
        pid = row.participant_id
        id_pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(pid.casefold())}(?![A-Za-z0-9])")
        matchers.append((pid, id_pattern, normalise_name(row.name)))
    return matchers


def _match_component(component: str, matchers) -> list[str]:
    folded = unicodedata.normalize("NFC", component).casefold()
    by_id = [pid for pid, pattern, _ in matchers if pattern.search(folded)]
    if by_id:
        return by_id
    normal = f" {normalise_name(component)} "
    return [pid for pid, _, name in matchers if name and f" {name} " in normal]


def _owner(relative: Path, matchers) -> tuple[str | None, str]:
    """Participant a file belongs to: the deepest path component that names exactly one person."""
    for component in reversed(relative.parts):
        found = sorted(set(_match_component(component, matchers)))
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, f"{relative}: name matches several participants ({', '.join(found)})"
    return None, f"{relative}: no participant id or name in its file or folder names"


def _destination_name(files: list[Path], notebook_names: list[str], assignment: str):
    """Map a participant's notebooks to the assignment's notebook names (or explain why not)."""
    mapping: dict[Path, str] = {}
    notebooks = [f for f in files if f.suffix.lower() == ".ipynb"]
    for file in notebooks:
        stem = normalise_name(file.stem)
        hits = [n for n in notebook_names if f" {normalise_name(n)} " in f" {stem} "]
        if len(hits) == 1:
            mapping[file] = hits[0]
    rest = [f for f in notebooks if f not in mapping]
    if rest and len(notebook_names) == 1 and len(notebooks) == 1:
        mapping[rest[0]] = notebook_names[0]
        rest = []
    if len(set(mapping.values())) != len(mapping):
        return {}, f"several files for the same notebook of {assignment}"
    return mapping, "" if not rest else (
        f"cannot tell which notebook of {assignment} ({', '.join(notebook_names)}) these are: "
        + ", ".join(f.name for f in rest)
    )


def collect_submissions(ws: Workshop, assignment: str, path) -> CollectResult:
    """Copy participants' files into ``course/submitted/<id>/<assignment>/`` with a timestamp.

    Newest submission wins (by file time); the one it replaces moves to ``history/``. Files that
    match nobody are copied to ``quarantine/<assignment>/<collect time>/`` and listed.
    """
    check_assignment(ws, assignment)
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file or folder; pass the folder or .zip of submissions")
    roster = load_roster(ws.roster_path)
    matchers = _participant_matchers(roster)
    notebook_names = sorted(p.stem for p in ws.source_dir(assignment).glob("*.ipynb"))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    quarantine = ws.quarantine_dir / assignment / stamp

    with tempfile.TemporaryDirectory(prefix="uprkit-collect-") as tmp:
        if path.is_file():
            if path.suffix.lower() == ".zip":
                _extract_zip(path, Path(tmp))
                base = Path(tmp)
            else:
                base = path.parent
        else:
            base = path
        files = (
            [path]
            if path.is_file() and path.suffix.lower() != ".zip"
            else sorted(
                f
                for f in base.rglob("*")
                if f.is_file()
                and not (set(f.relative_to(base).parts) & _IGNORED)
                and f.name != "timestamp.txt"
            )
        )
        owners: dict[str, list[Path]] = {}
        unmatched: list[tuple[Path, str]] = []
        for file in files:
            relative = file.relative_to(base)
            owner, why = _owner(relative, matchers)
            if owner is None:
                unmatched.append((file, why))
            else:
                owners.setdefault(owner, []).append(file)

        matched: dict[str, tuple[str, ...]] = {}
        problems: list[str] = []
        for pid, owned in sorted(owners.items()):
            mapping, why = _destination_name(owned, notebook_names, assignment)
            if why:
                problems.append(f"{pid}: {why}")
            leftovers = [f for f in owned if f.suffix.lower() == ".ipynb" and f not in mapping]
            unmatched += [(f, f"{pid}: {why}") for f in leftovers]
            if not mapping:
                continue
            others = [f for f in owned if f.suffix.lower() != ".ipynb"]
            submitted_at = max(f.stat().st_mtime for f in mapping)
            submitted_at = dt.datetime.fromtimestamp(submitted_at, dt.UTC)
            placed = _place(ws, pid, assignment, mapping, others, submitted_at, problems)
            if placed:
                matched[pid] = placed

        for file, _why in unmatched:
            target = quarantine / file.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
        if unmatched:
            lines = [f"{file.relative_to(base)}\t{why}" for file, why in unmatched]
            (quarantine / "WHY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            problems += [f"not matched: {why}" for _, why in unmatched]
    return CollectResult(
        matched=matched,
        unmatched=tuple(str(f.relative_to(base)) for f, _ in unmatched),
        problems=tuple(problems),
        quarantine_dir=quarantine if unmatched else None,
    )


def _place(ws, pid, assignment, mapping, others, submitted_at, problems) -> tuple[str, ...]:
    dest = ws.submitted_dir(pid, assignment)
    previous = read_timestamp(dest) if dest.exists() else None
    label = submitted_at.strftime("%Y%m%dT%H%M%S%fZ")
    if previous is not None and submitted_at <= previous:
        # An older (or the same) file than the one already collected: keep it, but in history.
        keep = ws.history_dir / pid / assignment / f"{label}-older"
        _copy_into(keep, mapping, others, submitted_at)
        problems.append(
            f"{pid}: this file ({submitted_at:%Y-%m-%d %H:%M}) is not newer than the submission "
            f"already collected ({previous:%Y-%m-%d %H:%M}); kept in {keep}"
        )
        return ()
    if dest.exists():
        old_label = previous.strftime("%Y%m%dT%H%M%S%fZ") if previous else "unknown-time"
        archive = ws.history_dir / pid / assignment / old_label
        if archive.exists():
            raise WorkshopError(f"{archive} already exists; refusing to overwrite history")
        archive.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(dest), str(archive))
    _copy_into(dest, mapping, others, submitted_at)
    return tuple(sorted(f"{name}.ipynb" for name in mapping.values()))


def _copy_into(dest: Path, mapping, others, submitted_at) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for file, name in mapping.items():
        shutil.copy2(file, dest / f"{name}.ipynb")
    for file in others:
        shutil.copy2(file, dest / file.name)
    (dest / "timestamp.txt").write_text(submitted_at.strftime(TIMESTAMP_FORMAT) + "\n")

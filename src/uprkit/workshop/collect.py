"""Collect participants' files (a folder or a .zip, any layout) into the nbgrader course.

Files are matched to roster ids by the participant id or name in a file or folder name
(accents, Arabic script and macOS-decomposed names included; Windows zips with backslash paths
and UTF-8 names without the UTF-8 flag too). Each notebook is checked at the door
(:mod:`uprkit.workshop.intake`): a file that is not a valid notebook of the assignment is refused
with its reason and never displaces a valid earlier submission; extra copies of one file ("p1
copy.ipynb", "p1 (1).ipynb") are recognised, one is graded and the others listed. Nothing is
ever dropped: unmatched and refused files go to ``quarantine/``, copies not graded and a
replaced submission to ``history/``. What each participant's last collect found is kept in
``runs/collect/<assignment>.json`` for ``uprkit status``.
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
from uprkit.workshop.folder import (
    TIMESTAMP_FORMAT,
    Workshop,
    check_assignment,
)
from uprkit.workshop.intake import (
    MAX_NOTEBOOK_BYTES,
    Candidate,
    check_notebook,
    expected_cells,
    read_collect_records,
    strip_copy_marker,
    write_collect_records,
)
from uprkit.workshop.roster import load_roster

__all__ = [
    "CollectResult",
    "collect_submissions",
    "normalise_name",
    "read_collect_records",
    "read_timestamp",
]

_IGNORED = {".ipynb_checkpoints", "__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}
_MAX_ZIP_BYTES = 2 * 1024**3  # what a whole cohort's zip may unpack to


@dataclass(frozen=True)
class CollectResult:
    """``matched``: participant_id → notebook files placed; ``unmatched``: quarantined files
    (matched nobody, or refused); ``refused``/``copies``: participant_id → file names."""

    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    quarantine_dir: Path | None = None
    refused: dict[str, tuple[str, ...]] = field(default_factory=dict)
    copies: dict[str, tuple[str, ...]] = field(default_factory=dict)


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
    # decodes them as cp437 and Arabic names turn into mojibake. Some also store "\\" paths.
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _extract_zip(path: Path, dest: Path) -> list[str]:
    """Unpack ``path`` into ``dest``; what was left out and why (too large)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputFileError(path, f"is not a readable .zip file ({exc})") from None
    left_out, total = [], 0
    with archive:
        for info in archive.infolist():
            name = _fix_zip_name(info)
            parts = [p for p in Path(name).parts if p not in ("", ".", "..", "/")]
            if info.is_dir() or not parts:
                continue
            if info.file_size > MAX_NOTEBOOK_BYTES or total + info.file_size > _MAX_ZIP_BYTES:
                left_out.append(f"{name}: left in the zip, too large ({info.file_size} bytes)")
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as out:
                total += _copy_capped(src, out, MAX_NOTEBOOK_BYTES)
            stamp = dt.datetime(*info.date_time).timestamp()
            os.utime(target, (stamp, stamp))
    return left_out


def _copy_capped(src, out, cap: int) -> int:
    """Copy at most ``cap`` bytes (a zip's stated sizes can lie); the bytes copied."""
    data = src.read(cap + 1)
    out.write(data[:cap])
    return min(len(data), cap)


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


def _notebook_sets(ws: Workshop, assignment: str) -> dict[str, set[str]]:
    """Each notebook's graded cells as released (as in the source before the first release)."""
    release = ws.course_dir / "release" / assignment
    folder = release if any(release.glob("*.ipynb")) else ws.source_dir(assignment)
    return expected_cells({p.stem: p for p in folder.glob("*.ipynb")})


def _sort_candidates(owned: list[Path], base: Path, expected, assignment):
    """Each of a participant's notebooks checked and given its notebook of the assignment.

    Returns (notebook name -> candidates, refused candidates, unplaceable candidates, why)."""
    names = sorted(expected)
    found = []
    for file in owned:
        if file.suffix.lower() != ".ipynb":
            continue
        stem, is_copy = strip_copy_marker(file.stem)
        shown = str(file.relative_to(base))
        found.append(Candidate(file, shown, normalise_name(stem), is_copy, file.stat().st_mtime))
    by_name: dict[str, list[Candidate]] = {}
    unknown = []
    for cand in found:
        hits = [n for n in names if f" {normalise_name(n)} " in f" {cand.base} "]
        if len(hits) == 1:
            by_name.setdefault(hits[0], []).append(cand)
        elif len(names) == 1:
            unknown.append(cand)
        else:
            cand.why = f"cannot tell which notebook of {assignment} ({', '.join(names)}) it is"
    for cand in found:
        for name, group in by_name.items():
            if cand in group:
                cand.why = check_notebook(cand.path, expected[name], assignment, name)
    if unknown:  # one-notebook assignment: any file name will do, if it is one file (or copies)
        name = names[0]
        for cand in unknown:
            cand.why = check_notebook(cand.path, expected[name], assignment, name)
        named = {c.base for c in by_name.get(name, [])}
        valid_bases = {c.base for c in unknown if not c.why} | named
        if len(valid_bases) <= 1:
            by_name.setdefault(name, []).extend(unknown)
        else:
            for cand in unknown:
                if not cand.why:
                    cand.why = f"cannot tell which notebook of {assignment} ({name}) these are"
    refused = [c for c in found if c.why and not c.why.startswith("cannot tell")]
    unplaceable = [c for c in found if c.why.startswith("cannot tell")]
    placed = {n: [c for c in group if not c.why] for n, group in by_name.items()}
    return {n: g for n, g in placed.items() if g}, refused, unplaceable


def _choose(group: list[Candidate]) -> tuple[Candidate, list[Candidate]]:
    """The file graded among one notebook's valid files: the one named without a copy marker,
    else the newest copy (module docstring of ``uprkit.workshop.intake``)."""
    plain = [c for c in group if not c.is_copy]
    pool = plain or group
    chosen = max(pool, key=lambda c: (c.mtime, c.shown))
    return chosen, [c for c in group if c is not chosen]


def collect_submissions(ws: Workshop, assignment: str, path) -> CollectResult:
    """Copy participants' files into ``course/submitted/<id>/<assignment>/`` with a timestamp.

    Newest submission wins (by file time); the one it replaces moves to ``history/``. A file
    that is not a valid notebook of the assignment is refused with its reason (kept in
    ``quarantine/``) and never replaces an earlier submission; extra copies of one file are
    recognised, one graded (:mod:`uprkit.workshop.intake` says which) and the others listed
    and kept in ``history/``. Files that match nobody are copied to
    ``quarantine/<assignment>/<collect time>/`` and listed.
    """
    check_assignment(ws, assignment)
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file or folder; pass the folder or .zip of submissions")
    matchers = _participant_matchers(load_roster(ws.roster_path))
    expected = _notebook_sets(ws, assignment)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    quarantine = ws.quarantine_dir / assignment / stamp
    run = _Run(ws, assignment, expected, stamp)
    with tempfile.TemporaryDirectory(prefix="uprkit-collect-") as tmp:
        base, files = _incoming_files(path, Path(tmp), run.problems)
        owners: dict[str, list[Path]] = {}
        for file in files:
            owner, why = _owner(file.relative_to(base), matchers)
            if owner is None:
                run.unmatched.append((file, why))
            else:
                owners.setdefault(owner, []).append(file)
        for pid, owned in sorted(owners.items()):
            run.participant(pid, owned, base)
        _keep_unmatched(base, quarantine, run.unmatched)
        nobody = [why for _, why in run.unmatched if not why.startswith("!")]
        run.problems += [f"not matched: {why}" for why in nobody]
        write_collect_records(ws, assignment, run.records)
        shown = tuple(str(f.relative_to(base)) for f, _ in run.unmatched)
    return CollectResult(
        matched=run.matched,
        unmatched=shown,
        problems=tuple(run.problems),
        quarantine_dir=quarantine if run.unmatched else None,
        refused=run.refused,
        copies=run.copies,
    )


class _Run:
    """One collect: what it placed, refused, found copied or could not match."""

    def __init__(self, ws: Workshop, assignment: str, expected, stamp: str):
        self.ws, self.assignment, self.expected, self.stamp = ws, assignment, expected, stamp
        self.problems: list[str] = []
        self.unmatched: list[tuple[Path, str]] = []  # why starting "!" = refused or unplaceable
        self.matched: dict[str, tuple[str, ...]] = {}
        self.refused: dict[str, tuple[str, ...]] = {}
        self.copies: dict[str, tuple[str, ...]] = {}
        self.records: dict[str, dict] = {}

    def participant(self, pid: str, owned: list[Path], base: Path) -> None:
        ws, assignment = self.ws, self.assignment
        by_name, bad, unplaceable = _sort_candidates(owned, base, self.expected, assignment)
        for cand in unplaceable:
            self.problems.append(f"{pid}: {cand.shown}: {cand.why}")
            self.unmatched.append((cand.path, f"!{pid}: {cand.why}"))
        for cand in bad:
            self.problems.append(f"{pid}: {cand.shown} refused: {cand.why}")
            self.unmatched.append((cand.path, f"!{pid}: refused: {cand.why}"))
        record = {"collect": self.stamp, "refused": [c.why for c in bad], "copies": 0}
        self.records[pid] = record
        if bad:
            self.refused[pid] = tuple(c.shown for c in bad)
        missing = sorted(set(self.expected) - set(by_name))
        earlier = ws.submitted_dir(pid, assignment).exists()
        if (not by_name or (bad and missing)) and earlier:
            self.problems.append(f"{pid}: the submission collected before is kept as it was")
            record["kept_earlier"] = True
            return
        if not by_name:
            return
        mapping, extra = {}, []
        for name, group in sorted(by_name.items()):
            chosen, others = _choose(group)
            mapping[chosen.path] = name
            extra += others
            if others:
                self.problems.append(
                    f"{pid}: {len(group)} files for {name}.ipynb: graded {chosen.shown!r}; "
                    "copies kept in history, not graded: "
                    + ", ".join(repr(c.shown) for c in others)
                )
        record["copies"] = len(extra)
        if extra:
            self.copies[pid] = tuple(c.shown for c in extra)
            keep = ws.history_dir / pid / assignment / f"{self.stamp}-copies"
            keep.mkdir(parents=True, exist_ok=True)
            for cand in extra:
                shutil.copy2(cand.path, keep / cand.path.name)
        others = [f for f in owned if f.suffix.lower() != ".ipynb"]
        submitted_at = dt.datetime.fromtimestamp(max(f.stat().st_mtime for f in mapping), dt.UTC)
        placed = _place(ws, pid, assignment, mapping, others, submitted_at, self.problems)
        if placed:
            self.matched[pid] = placed
        else:
            record["not_newer"] = True


def _incoming_files(path: Path, tmp: Path, problems: list[str]) -> tuple[Path, list[Path]]:
    if path.is_file() and path.suffix.lower() != ".zip":
        return path.parent, [path]
    if path.is_file():
        problems += _extract_zip(path, tmp)
        base = tmp
    else:
        base = path
    files = sorted(
        f
        for f in base.rglob("*")
        if f.is_file()
        and not (set(f.relative_to(base).parts) & _IGNORED)
        and f.name != "timestamp.txt"
    )
    return base, files


def _keep_unmatched(base: Path, quarantine: Path, unmatched) -> None:
    for file, _why in unmatched:
        target = quarantine / file.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target, follow_symlinks=False)
    if unmatched:
        lines = [f"{file.relative_to(base)}\t{why.lstrip('!')}" for file, why in unmatched]
        (quarantine / "WHY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


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

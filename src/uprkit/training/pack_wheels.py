"""The wheels of an offline pack: fetched per target, checked per target, pinned by SHA-256.

For each target (:mod:`uprkit.training.wheel_targets`) pip downloads wheels only, into one shared
cache folder: a pure wheel (``py3-none-any``) is stored once, whatever the number of targets. The
versions are those of the environment that built the pack (tested here); where a pinned version
has no wheel for a target (``argon2-cffi-bindings`` 26.2 has none for Intel Macs) or needs a newer
Python than the target's x.y.0 (``soupsieve`` 4.1.3 needs 3.11.5; Debian 12 has 3.11.2), that
target gets the newest version that does, and the pack's ``targets.txt`` says so.

Then, offline, ``pip install --dry-run --no-index`` resolves the kit for every target from those
files (the resolution check); the files it chose go into the pack, and ``requirements.txt`` pins
each by version and by the SHA-256 of every file of that version (one per platform and Python),
with an environment marker when a version is for some targets only. A last ``--require-hashes``
dry run per target, from the pack's own wheelhouse, proves the file installs on each.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from uprkit.training import pack_manifest
from uprkit.training.wheel_targets import (
    Target,
    conflicting_pins,
    marker_for,
    missing_package,
    pip_error,
    run_pip,
)

_MAX_RELAXED = 8  # pins given up per target before the target is called unsupported


@dataclass(frozen=True)
class Resolved:
    """One wheel pip chose for a target."""

    name: str
    version: str
    path: Path


@dataclass
class TargetResult:
    """What became of one target: its wheels, the tested versions it could not use, or why not."""

    target: Target
    wheels: list[Resolved] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)
    problem: str | None = None
    from_cache: bool = False


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def download_target(
    target: Target, requirements: list[str], pins: list[str], cache: Path
) -> TargetResult:
    """Wheels for ``target`` into ``cache`` (once; a marker file remembers the outcome)."""
    marker = cache / f".target-{target.key}.json"
    if marker.exists():
        saved = json.loads(marker.read_text(encoding="utf-8"))
        return TargetResult(target, relaxed=saved["relaxed"], problem=saved["problem"],
                            from_cache=True)  # fmt: skip
    cache.mkdir(parents=True, exist_ok=True)
    relaxed: list[str] = []
    problem = None
    with tempfile.TemporaryDirectory(prefix="uprkit-req-") as tmp:
        req, cons = Path(tmp) / "requirements.txt", Path(tmp) / "constraints.txt"
        req.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        while True:
            kept = [p for p in pins if _canonical(p.split("==")[0]) not in relaxed]
            cons.write_text("\n".join(kept) + "\n", encoding="utf-8")
            done = run_pip(target, ["download", "--disable-pip-version-check",
                                    "--dest", str(cache), "-r", str(req), "-c", str(cons),
                                    *target.pip_options()])  # fmt: skip
            if done.returncode == 0:
                break
            output = done.stderr + done.stdout
            new = [_canonical(p) for p in conflicting_pins(output)]
            new = [p for p in new if p not in relaxed]
            if not new or len(relaxed) >= _MAX_RELAXED:
                problem = _describe_problem(target, output, done)
                break
            relaxed += new
    if problem and not problem.startswith("no wheel of "):
        return TargetResult(target, relaxed=relaxed, problem=problem)  # not remembered: retried
    marker.write_text(json.dumps({"relaxed": relaxed, "problem": problem}), encoding="utf-8")
    return TargetResult(target, relaxed=relaxed, problem=problem)


def _describe_problem(target: Target, output: str, done) -> str:
    package = missing_package(output)
    if package:
        return f"no wheel of {package} for {target.label}"
    return f"pip could not resolve the kit for {target.label}:\n{pip_error(done)}"


def resolve_target(
    target: Target, find_links: list[Path], requirement_args: list[str]
) -> tuple[list[Resolved], str | None]:
    """Offline dry run of ``pip install`` for ``target`` from ``find_links`` only.

    Returns the wheels pip would install, or ``([], problem)`` naming the package it lacks.
    pip's configuration files are ignored (``PIP_CONFIG_FILE=os.devnull``): a ``find-links``
    there would let the check pass with wheels the pack does not hold.
    """
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
    with tempfile.TemporaryDirectory(prefix="uprkit-resolve-") as tmp:
        report = Path(tmp) / "report.json"
        links = [arg for folder in find_links for arg in ("--find-links", str(folder))]
        done = run_pip(
            target,
            ["install", "--disable-pip-version-check", "--dry-run",
             "--ignore-installed", "--no-index", *links, "--report", str(report),
             *target.pip_options(), *requirement_args],
            env=env,
        )  # fmt: skip
        if done.returncode != 0:
            return [], _describe_problem(target, done.stderr + done.stdout, done)
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    wheels = [
        Resolved(
            name=_canonical(item["metadata"]["name"]),
            version=item["metadata"]["version"],
            path=Path(unquote(urlparse(item["download_info"]["url"]).path)),
        )
        for item in installs
    ]
    return sorted(wheels, key=lambda w: w.name), None


def requirement_lines(chosen: dict[Target, list[Resolved]], wheelhouse: Path) -> list[str]:
    """``name==version ; marker`` with the hash of each of its files in ``wheelhouse``.

    ``--require-hashes`` accepts a file when its SHA-256 is any of the requirement's: listing
    every platform's file of a version lets one requirements file serve every target.
    """
    pack = set(chosen)
    versions: dict[tuple[str, str], tuple[set[Target], set[str]]] = {}
    for target, wheels in chosen.items():
        for wheel in wheels:
            targets, files = versions.setdefault((wheel.name, wheel.version), (set(), set()))
            targets.add(target)
            files.add(wheel.path.name)
    lines = []
    for (name, version), (targets, files) in sorted(versions.items()):
        marker = marker_for(targets, pack)
        head = f"{name}=={version}" + (f" ; {marker}" if marker else "")
        hashes = sorted({pack_manifest.file_hash(wheelhouse / f) for f in files})
        lines.append(" \\\n    ".join([head, *(f"--hash=sha256:{h}" for h in hashes)]))
    return lines


def write_hashed_requirements(chosen: dict[Target, list[Resolved]], wheelhouse: Path) -> Path:
    """``wheelhouse/requirements.txt``: every wheel pinned by version and SHA-256.

    The install scripts use it with ``pip --require-hashes``: a wheel changed on the stick is
    refused by name, and nothing outside the list can be installed.
    """
    requirements = wheelhouse / "requirements.txt"
    text = "# Every wheel of this pack by SHA-256 (pip --require-hashes). Made by uprkit pack.\n"
    requirements.write_text(
        text + "\n".join(requirement_lines(chosen, wheelhouse)) + "\n", encoding="utf-8"
    )
    return requirements


def build_wheelhouse(
    targets: list[Target], requirements: list[str], pins: list[str], kit_wheel: Path,
    cache: Path, wheelhouse: Path,
) -> list[TargetResult]:  # fmt: skip
    """Fill ``wheelhouse`` with the wheels of every target that can be served, pin them, check.

    Returns one result per target; a target with a ``problem`` is left out of the pack (and
    named in its ``targets.txt``) instead of failing the whole pack.
    """
    wheelhouse.mkdir(parents=True, exist_ok=True)
    kit = f"{kit_wheel.name.split('-')[0]}=={kit_wheel.name.split('-')[1]}"
    results = []
    for target in targets:
        result = download_target(target, requirements, pins, cache)
        if result.problem is None:
            # the tested versions again (the cache may hold newer ones, fetched for other targets)
            kept = [p for p in pins if _canonical(p.split("==")[0]) not in result.relaxed]
            constraints = kit_wheel.parent / f"constraints-{target.key}.txt"
            constraints.write_text("\n".join(kept) + "\n", encoding="utf-8")
            wheels, result.problem = resolve_target(
                target, [cache, kit_wheel.parent], [kit, "-c", str(constraints)]
            )
            result.wheels = wheels
        results.append(result)
    chosen = {r.target: r.wheels for r in results if r.problem is None}
    for wheels in chosen.values():
        for wheel in wheels:
            if not (wheelhouse / wheel.path.name).exists():
                _link_or_copy(wheel.path, wheelhouse / wheel.path.name)
    requirements_file = write_hashed_requirements(chosen, wheelhouse)
    for result in results:  # the pack's own file, offline, hashes required: what participants run
        if result.problem is None:
            hashed = ["--require-hashes", "-r", str(requirements_file)]
            wheels, problem = resolve_target(result.target, [wheelhouse], hashed)
            if problem or {w.path.name for w in wheels} != {w.path.name for w in result.wheels}:
                result.problem = problem or "the hashed requirements chose other wheels"
    return results


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def targets_report(results: list[TargetResult], pins: list[str]) -> str:
    """The pack's ``targets.txt``: each target, installable or not, and why not, in words."""
    tested = {_canonical(p.split("==")[0]): p.split("==")[1] for p in pins if "==" in p}
    ok = [r for r in results if r.problem is None]
    lines = [
        "Computers and Pythons this pack installs on (checked offline, when it was built,",
        "with pip install --dry-run --no-index --require-hashes for each one).",
        "",
    ]
    for result in ok:
        lines.append(f"yes  {result.target.key:22} {result.target.label}")
        versions = {w.name: w.version for w in result.wheels}
        for name in result.relaxed:
            if name in versions and versions[name] != tested.get(name):
                lines.append(
                    f"     {'':22} {name} {versions[name]} here (the kit was tested with "
                    f"{tested.get(name, '?')}, which does not install on this one)"
                )
    for result in results:
        if result.problem is not None:
            lines.append(f"NO   {result.target.key:22} {result.target.label}")
            lines += [f"     {'':22} {line}" for line in result.problem.splitlines()]
    return "\n".join(lines) + "\n"

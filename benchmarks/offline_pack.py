"""Size and build time of the offline packs (issue 19): every target, and Windows + Python 3.12.

Three builds, each a whole cold process timed from outside, each with its own empty download
cache (pip's own HTTP cache is shared and warm for all three, so the network counts little):

* full: ``uprkit pack --offline DIR --no-handouts``: the participants' pack for every target
  (Windows x86_64, macOS arm64 and x86_64, Linux x86_64 and aarch64, CPython 3.11-3.13): one
  ``pip download`` per target, an offline resolution check and a ``--require-hashes`` check
  per target, the kit's wheel, the course, the manifest;
* narrow: the same with ``--platform win_amd64 --python 3.12``;
* baseline: a plain ``pip download -r DEPS --only-binary=:all: --platform win_amd64
  --python-version 3.12 --implementation cp --abi cp312 -d DIR`` of the kit's dependencies (no
  check, no hashes, no course; pip evaluates markers against this machine, so on Linux it
  misses the Windows-only dependencies: the count says how many).

Prints size (MB), wheel count and seconds of each, and the ratios against the baseline.
Exits 1 if a build fails or a listed target is not served.

Run:  PATH=.venv/bin:$PATH .venv/bin/python benchmarks/offline_pack.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import cold_run

KIT = Path(__file__).resolve().parents[1]
UPRKIT = [str(Path(sys.executable).parent / "uprkit")]


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def wheels(folder: Path) -> int:
    return len(list(folder.rglob("*.whl")))


def build(name: str, work: Path, extra: list[str]) -> tuple[float, Path]:
    pack = work / name
    command = [*UPRKIT, "pack", "--offline", str(pack), "--no-handouts"]
    command += ["--cache", str(work / f"cache-{name}"), *extra]
    seconds, done = cold_run(command)
    print(done.stdout.strip())
    if done.returncode != 0 or "NO (" in done.stdout:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{name} pack: failed or a target not served")
    return seconds, pack


def baseline(work: Path) -> tuple[float, Path]:
    sys.path.insert(0, str(KIT / "src"))
    from uprkit.training.offline_pack import read_dependencies

    requirements = work / "requirements.txt"
    requirements.write_text("\n".join(read_dependencies(KIT)) + "\n", encoding="utf-8")
    dest = work / "baseline"
    seconds, done = cold_run(
        [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
         "-r", str(requirements), "-d", str(dest), "--only-binary=:all:",
         "--platform", "win_amd64", "--python-version", "3.12", "--implementation", "cp",
         "--abi", "cp312"]
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"baseline pip download failed:\n{done.stderr[-2000:]}")
    return seconds, dest


def line(name: str, seconds: float, folder: Path, base: tuple[float, Path]) -> str:
    base_seconds, base_folder = base
    return (
        f"{name:9} {size_mb(folder):8.1f} MB {wheels(folder):5d} wheels {seconds:7.1f} s"
        f"   x{size_mb(folder) / size_mb(base_folder):5.2f} size"
        f"  x{seconds / base_seconds:5.2f} time  (vs baseline)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build here and keep the packs")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="uprkit-bench-pack-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    try:
        base = baseline(work)
        narrow_seconds, narrow = build("narrow", work, ["--platform=win_amd64", "--python=3.12"])
        full_seconds, full = build("full", work, [])
        print()
        print(f"baseline  {size_mb(base[1]):8.1f} MB {wheels(base[1]):5d} wheels "
              f"{base[0]:7.1f} s   plain pip download, win_amd64 cp312, no check")  # fmt: skip
        print(line("narrow", narrow_seconds, narrow / "wheelhouse", base))
        print(line("full", full_seconds, full / "wheelhouse", base))
        print(f"whole packs (course, data, scripts): narrow {size_mb(narrow):.1f} MB, "
              f"full {size_mb(full):.1f} MB")  # fmt: skip
        got = {p.name.split("-")[0].lower() for p in (narrow / "wheelhouse").glob("*.whl")}
        plain = {p.name.split("-")[0].lower() for p in base[1].glob("*.whl")}
        print(f"in the narrow pack, not in the plain download: {', '.join(sorted(got - plain))}")
        targets = (full / "targets.txt").read_text(encoding="utf-8")
        print(targets)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())

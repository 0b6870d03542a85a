#!/bin/sh
# Install uprkit from this folder only: no internet needed.
set -e
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
# Only the wheels listed with their SHA-256 in wheelhouse/requirements.txt: a changed one is refused.
.venv/bin/python -m pip install --no-index --find-links wheelhouse --require-hashes -r wheelhouse/requirements.txt || {
  echo "The installation stopped. If pip says a file does not match its hash, this copy of the"
  echo "folder was changed or damaged: copy it again from the original (check: python3 verify.py)."
  exit 1
}
# Not needed by the kit and slows every start by over a second (see the kit's engineering notes).
.venv/bin/python -m pip uninstall --quiet -y rfc3987-syntax || true
echo "Installed. Start the course with: .venv/bin/jupyter lab course/"

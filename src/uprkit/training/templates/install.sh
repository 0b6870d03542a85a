#!/bin/sh
# Install uprkit from this folder only: no internet needed.
set -e
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --no-index --find-links wheelhouse uprkit
# Not needed by the kit and slows every start by over a second (see the kit's engineering notes).
.venv/bin/python -m pip uninstall --quiet -y rfc3987-syntax || true
echo "Installed. Start the course with: .venv/bin/jupyter lab course/"

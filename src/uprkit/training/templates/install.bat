@echo off
rem Install uprkit from this folder only: no internet needed.
cd /d "%~dp0"
python -m venv .venv || exit /b 1
rem Only the wheels listed with their SHA-256 in wheelhouse\requirements.txt: a changed one is refused.
.venv\Scripts\python -m pip install --no-index --find-links wheelhouse --require-hashes -r wheelhouse\requirements.txt
if errorlevel 1 (
  echo The installation stopped. If pip says a file does not match its hash, this copy of the
  echo folder was changed or damaged: copy it again from the original, check with: python verify.py
  exit /b 1
)
.venv\Scripts\python -m pip uninstall --quiet -y rfc3987-syntax
echo Installed. Start the course with: .venv\Scripts\jupyter lab course\

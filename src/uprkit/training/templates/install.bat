@echo off
rem Install uprkit from this folder only: no internet needed.
cd /d "%~dp0"
python -m venv .venv || exit /b 1
.venv\Scripts\python -m pip install --no-index --find-links wheelhouse uprkit || exit /b 1
.venv\Scripts\python -m pip uninstall --quiet -y rfc3987-syntax
echo Installed. Start the course with: .venv\Scripts\jupyter lab course\

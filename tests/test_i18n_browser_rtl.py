"""The Arabic lesson in a real JupyterLab: markdown renders right to left, code stays left to right.

JupyterLab has no notebook-level direction setting (jupyterlab/jupyterlab#6113), but its HTML
sanitizer keeps ``dir`` and ``lang`` on any element, so ``<div dir="rtl" lang="ar">`` around a
markdown cell's content is the portable way. This test opens the built Arabic lesson 02 in
JupyterLab with Debian's Chromium and reads the computed direction of what is on screen.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from uprkit.i18n import build_localised_notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KIT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_arabic_markdown_is_right_to_left_in_jupyterlab(tmp_path):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (install Debian's chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; CI=true makes a missing browser a failure")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    lesson = "02-upr-cycle.ipynb"
    nbformat.write(build_localised_notebook(KIT_ROOT / "course" / lesson, "ar").notebook,
                   tmp_path / lesson)  # fmt: skip
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", UPRKIT_HOME=str(KIT_ROOT))
    for name in ("config", "runtime", "data"):
        (tmp_path / f"jupyter-{name}").mkdir()
        env[f"JUPYTER_{name.upper()}_DIR"] = str(tmp_path / f"jupyter-{name}")
    log_path = tmp_path / "jupyterlab.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
             f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
                    time.sleep(0.5)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                page = browser.new_page(viewport={"width": 1300, "height": 900})
                try:
                    page.goto(f"{base}/lab/tree/{lesson}?token={token}")
                    title = page.locator(".jp-RenderedMarkdown h1").first
                    expect(title).to_contain_text("دورة الاستعراض الدوري الشامل", timeout=90_000)
                    direction = "el => getComputedStyle(el).direction"
                    assert title.evaluate(direction) == "rtl"
                    # JupyterLab renders the cells in view (windowing): the first ones are enough.
                    assert page.locator(".jp-RenderedMarkdown div[dir='rtl']").count() >= 1
                    item = page.locator(".jp-RenderedMarkdown li").first
                    assert item.evaluate(direction) == "rtl"
                    # Paragraphs: JupyterLab aligns every p left unless told otherwise.
                    prose = page.locator(".jp-RenderedMarkdown p[dir='rtl']").first
                    assert prose.evaluate("el => getComputedStyle(el).textAlign") == "right"
                    page.screenshot(path=str(tmp_path / "arabic.png"))
                    code = page.locator(".jp-CodeCell .cm-content").first
                    assert code.evaluate(direction) == "ltr"
                finally:
                    browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

"""How fast the simulation widgets answer a click, measured without a browser.

Each interaction runs in **its own fresh Python process** (so no widget warms another's data
caches): the process imports the widget, shows it (what running the lesson cell does; timed
apart), then clicks through ``Button.click()``, which runs the same Python handler the kernel runs
when a participant clicks. Two figures per interaction:

* the **first click**, cold: what the participant meets first (lazy data loading, first imports);
* the **median of the later clicks**, each with different inputs (another seed, draft, actor,
  issue...), so no cached answer to the same input is timed.

Target: under 100 ms per interaction, for the first click and for the later ones; a miss of either
makes the exit status 1. The matplotlib figures are drawn only on demand ("Draw the figures",
"Draw the timeline") and are reported without the click target.

Baselines, measured in the same run the same way (own fresh process, first click apart): a
click on an ipywidgets ``Button`` with an empty handler, and a bare call of
``allocate_speaking_time(80)``. Every median is also shown as a multiple of the empty click's.

Run: ``.venv/bin/python benchmarks/widgets.py``
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

TARGET_MS = 100.0

DRAFTS = [
    "Ratify the Optional Protocol to the Convention against Torture by 2027.",
    "Adopt a law criminalising domestic violence before the next review.",
    "Establish a national preventive mechanism in line with OPCAT within two years.",
    "Take measures to improve access to education for girls in rural areas.",
    "Abolish the death penalty and commute all death sentences by 2026.",
    "Ensure that journalists can work without fear of reprisals.",
    "Allocate 5% of the national budget to primary health care by 2028.",
    "Consider ratifying the Convention on the Rights of Persons with Disabilities.",
]


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _clicks(button, setups) -> tuple[float, list[float]]:
    """Click once per setup (called before each click, untimed); (first ms, later ms)."""
    times = []
    for setup in setups:
        setup()
        times.append(_ms(button.click))
    return times[0], times[1:]


def scenario(name: str) -> dict:  # one branch per interaction, on purpose
    """Run one interaction in this (fresh) process; its timings."""
    started = time.perf_counter()
    import ipywidgets as widgets

    result: dict = {}
    if name == "baseline: empty button click":
        result["import_s"] = time.perf_counter() - started
        button = widgets.Button()
        button.on_click(lambda _b: None)
        first, later = _clicks(button, [lambda: None] * 200)
        return result | {"first_ms": first, "later_ms": later}
    if name == "baseline: bare call allocate_speaking_time(80)":
        from uprkit.simulations.dialogue.rules import allocate_speaking_time

        result["import_s"] = time.perf_counter() - started
        times = [_ms(lambda: allocate_speaking_time(80)) for _ in range(200)]
        return result | {"first_ms": times[0], "later_ms": times[1:]}

    # only the widget this interaction needs is imported, as in a lesson that shows one
    if name.startswith("dialogue"):
        from uprkit.widgets import dialogue as module

        options = {"state_under_review": "KEN", "registered": 80, "seed": 1, "answers_to_play": 50}
    elif name.startswith("workbench"):
        from uprkit.widgets import workbench as module

        options = {"state_under_review": "KEN"}
    elif name.startswith("stakeholders"):
        from uprkit.widgets import stakeholders as module

        options = {"state_under_review": "KEN"}
    else:
        from uprkit.widgets import treaty_reporting as module

        options = {"state": "KEN", "in_force": {"CRC": "1990-09-02", "CEDAW": "1984-04-08"}}
    result["import_s"] = time.perf_counter() - started
    shown = time.perf_counter()
    view = module.show(**options)
    result["show_s"] = time.perf_counter() - shown

    def seed(value):
        return lambda: setattr(view.seed_box, "value", value)

    if name == "dialogue: start (80 delegations)":
        first, later = _clicks(view.start_button, [seed(s) for s in range(1, 9)])
    elif name == "dialogue: answer one recommendation":
        view.start_button.click()
        buttons = view.answer_buttons[:-1] or view.answer_buttons  # not only "postpone"
        first, later = 0.0, []
        for number in range(8):
            ms = _ms(buttons[number % len(buttons)].click)
            first, later = (ms, later) if number == 0 else (first, [*later, ms])
    elif name == "dialogue: deliver a statement (+ report)":
        view.role.value = module.ROLE_RECOMMENDING_STATE

        def statement(number):
            def setup():  # a new dialogue each time: a participant delivers once per dialogue
                view.seed_box.value = number + 1
                view.start_button.click()
                view.statement.value = "We recommend that Kenya " + DRAFTS[number].lower()

            return setup

        first, later = _clicks(view.deliver_button, [statement(n) for n in range(len(DRAFTS))])
    elif name == "workbench: check a draft":

        def draft(text):
            return lambda: setattr(view.draft, "value", text)

        first, later = _clicks(view.check_button, [draft(d) for d in DRAFTS * 2])
    elif name == "stakeholders: update one actor (HTML grid)":
        actors = list(view.actor.options)

        def actor(number):
            def setup():
                view.actor.value = actors[number % len(actors)]
                view.power.value, view.interest.value = 1 + number % 5, 1 + (number * 2) % 5

            return setup

        first, later = _clicks(view.apply_button, [actor(n) for n in range(8)])
    elif name == "stakeholders: rank States to lobby":
        issues = [option for option in view.issue.options if option] or [view.issue.value]

        def issue(number):
            return lambda: setattr(view.issue, "value", issues[number % len(issues)])

        first, later = _clicks(view.shortlist_button, [issue(n) for n in range(8)])
    elif name == "treaty calendar: build (tables)":
        dates = ["1990-09-02", "1991-07-30", "1995-01-01", "2001-03-15", "2010-06-01"]

        def crc(date):
            return lambda: setattr(view.dates, "value", f"CRC={date}\nCEDAW=1984-04-08")

        first, later = _clicks(view.build_button, [crc(d) for d in dates + dates[:3]])
    elif name == "stakeholders: draw both figures (matplotlib)":
        first, later = _clicks(view.draw_button, [lambda: None] * 4)
    elif name == "treaty calendar: draw the timeline (matplotlib)":
        view.build_button.click()
        first, later = _clicks(view.draw_button, [lambda: None] * 4)
    else:
        raise SystemExit(f"unknown interaction {name!r}")
    result["error"] = view.status.value if "uprkit-error" in view.status.value else ""
    return result | {"first_ms": first, "later_ms": later}


BASELINES = ["baseline: empty button click", "baseline: bare call allocate_speaking_time(80)"]
CLICKS = [
    "dialogue: start (80 delegations)",
    "dialogue: answer one recommendation",
    "dialogue: deliver a statement (+ report)",
    "workbench: check a draft",
    "stakeholders: update one actor (HTML grid)",
    "stakeholders: rank States to lobby",
    "treaty calendar: build (tables)",
]
ON_DEMAND = [
    "stakeholders: draw both figures (matplotlib)",
    "treaty calendar: draw the timeline (matplotlib)",
]


def in_fresh_process(name: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", name], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"error": f"exit {done.returncode}: {done.stderr.strip()[-400:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(scenario(sys.argv[2])))
        return 0
    print(
        f"each interaction in its own fresh process; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores (a shared machine: first clicks are single samples)"
    )
    results = {name: in_fresh_process(name) for name in BASELINES + CLICKS + ON_DEMAND}
    failed = [name for name, r in results.items() if r.get("error")]
    for name in failed:
        print(f"FAILED: {name}: {results[name]['error']}")
    if failed:
        return 1
    empty = statistics.median(results[BASELINES[0]]["later_ms"])
    print(f"{'interaction':48} {'import+show s':>13} {'first ms':>9} {'later ms':>9} "
          f"{'x empty':>8} {'< 100 ms':>9}")  # fmt: skip
    slow = 0
    for name, r in results.items():
        later = statistics.median(r["later_ms"])
        setup = r.get("import_s", 0.0) + r.get("show_s", 0.0)
        if name in CLICKS:
            ok = r["first_ms"] < TARGET_MS and later < TARGET_MS
            slow += not ok
            verdict = "yes" if ok else "NO"
        else:
            verdict = "(n/a)"
        digits = 4 if name in BASELINES else 1
        print(f"{name:48} {setup:13.2f} {r['first_ms']:9.{digits}f} {later:9.{digits}f} "
              f"{later / empty:8.0f} {verdict:>9}")  # fmt: skip
    print(
        f"{slow} of {len(CLICKS)} interactions miss {TARGET_MS:.0f} ms on the first or later "
        f"clicks; baseline empty click median {empty:.4f} ms"
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())

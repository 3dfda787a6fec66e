"""One line per headline figure, that ``bench/summary.py`` (``make bench``) collects into a table.

Each benchmark prints its figures and setup for a person as it goes, and
calls ``result`` once per goal it measures. The machine-readable line starts
with ``BENCH-RESULT`` so the summary can find it among the rest.
"""

from __future__ import annotations

import json
import os


def machine_load() -> str:
    """The 1-minute load average: a figure from a busy machine is marked as such."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def result(figure: str, goal: str, measured: str, met: bool, setup: str = "") -> None:
    """Print one headline figure: what, the goal, what was measured, and whether it is met."""
    line = {
        "figure": figure,
        "goal": goal,
        "measured": measured,
        "met": bool(met),
        "setup": setup,
        "load": machine_load(),
    }
    print("BENCH-RESULT " + json.dumps(line, ensure_ascii=False), flush=True)

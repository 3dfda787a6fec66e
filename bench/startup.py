"""Benchmark: a newcomer's first start of ``--demo``, from a clean folder.

Measured through the program's real path (``main.main(["--demo", ...])``: the
window, the splash while the demo site is built, the login, the main window
with the real bus worker and simulator). Only the person is replaced: the
login answers as the demo cashier the moment it would be shown, and the event
loop stops once the grid is alive. Prints, in seconds since this script began
(Python and Qt imports included):

- first window (the splash) on screen,
- the login window,
- a living grid: the first meter shown online by this run's poller,
- all 87 answering meters shown online (90 minus the 3 dead ones).

Run: ``QT_QPA_PLATFORM=offscreen python bench/startup.py [RUNS]`` (each run a
fresh folder; the figures of every run are printed, then the median).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys, tempfile, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
marks = {}

def mark(name):
    marks.setdefault(name, time.perf_counter() - t0)

from PySide6.QtWidgets import QApplication, QWidget
import app.ui.shell.application as application
import app.ui.auth.login_dialog as login_module
import app.ui.shell.demo_splash as splash_module
from app.services.auth import AuthService

real_show = splash_module.DemoSplash.show
def show(self):
    real_show(self)
    mark("splash")
splash_module.DemoSplash.show = show

def login(*_a, **_k):
    mark("login")
    return AuthService().login("cashier", "cashier-demo-1")
login_module.login = login

real_make = application.make_application
def make():
    qapp = real_make()
    def exec_():
        window = next(w for w in qapp.topLevelWidgets() if type(w).__name__ == "MainWindow")
        model = window.model
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            qapp.processEvents()
            online = sum(1 for r in range(model.rowCount()) if model.record_at(r).online)
            if online:
                mark("grid")
            if online >= 87:
                mark("all")
                break
            time.sleep(0.01)
        window.close()
        return 0
    qapp.exec = exec_
    return qapp
application.make_application = make

import main
folder = tempfile.mkdtemp(prefix="pem-startup-")
code = main.main(["--demo", "--data-dir", folder + "/site", "--lang", "en"])
print(" ".join(f"{k}={v:.2f}" for k, v in marks.items()), flush=True)
sys.exit(code)
"""

NAMES = {
    "splash": "first window (splash)",
    "login": "login window",
    "grid": "living grid (first meter online)",
    "all": "all 87 answering meters online",
}


def one_run() -> dict[str, float]:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode != 0:
        raise SystemExit(f"run failed ({out.returncode}):\n{out.stderr[-3000:]}")
    line = out.stdout.strip().splitlines()[-1]
    marks = {k: float(v) for k, v in (p.split("=") for p in line.split())}
    marks["process"] = time.perf_counter() - t
    return marks


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    results = []
    for i in range(runs):
        marks = one_run()
        results.append(marks)
        print(f"run {i + 1}: " + ", ".join(f"{NAMES[k]} {marks[k]:.2f} s" for k in NAMES))
    print(f"median of {runs} runs from a clean folder (seconds since the process started):")
    for key, name in NAMES.items():
        print(f"  {name}: {statistics.median(r[key] for r in results):.2f} s")
    from bench.report import result

    setup = f"python main.py --demo on a clean folder, median of {runs} runs, Python and Qt start"
    first = statistics.median(r["splash"] for r in results)
    login = statistics.median(r["login"] for r in results)
    grid = statistics.median(r["grid"] for r in results)
    result("--demo: first window", "< 3 s", f"{first:.2f} s", first < 3, setup)
    result("--demo: login window (site built)", "< 5 s", f"{login:.2f} s", login < 5, setup)
    result("--demo: living grid", "(shown)", f"{grid:.2f} s", True, setup)
    print(f"(script start to first run: {time.perf_counter() - T0:.2f} s of this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

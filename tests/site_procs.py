"""A real site folder and the real ``main.py`` processes on it (simulator, collector, sell).

Used by the tests that must see what users see across processes: one owner
per bus, job rows, take-over, and sales killed at random moments. The
simulator runs as its own process with a state file, so the meters' purchase
count and balance can be read back independently of the program (``meter_state``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "admin-pass-1"


def main_py(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PEM_TEST_PAUSE")}
    full_env = {**inherited, "PEM_PASSWORD": PASSWORD, **(env or {})}
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        text=True,
        **kw,
    )


@dataclass
class RealSite:
    data_dir: Path
    sim: subprocess.Popen
    state_file: Path
    meter_number: str = "M001"
    collectors: int = 0

    def sell(self, amount: str, *extra: str, meter: str | None = None) -> subprocess.Popen:
        return main_py(
            "sell", "--data-dir", str(self.data_dir), "--meter", meter or self.meter_number,
            "--amount", amount, "--payment", "cash", "--operator", "admin", *extra,
        )  # fmt: skip

    def collector(self, every: float = 0.3, env: dict | None = None) -> subprocess.Popen:
        """A collector whose log goes to a file: an unread stderr pipe would stall it when full."""
        self.collectors += 1
        log = open(self.data_dir.parent / f"collector-{self.collectors}.err", "w")  # noqa: SIM115
        return main_py(
            "collector", "--data-dir", str(self.data_dir), "--status-every", str(every),
            env=env, stderr=log,
        )  # fmt: skip

    def meter_state(self, address: int = 1) -> dict:
        """Balance and purchase count as the simulated meter keeps them (its state file)."""
        doc = json.loads(self.state_file.read_text())
        return doc["meters"][str(address)]

    def stop(self) -> None:
        self.sim.send_signal(signal.SIGTERM)
        try:
            self.sim.wait(10)
        except subprocess.TimeoutExpired:
            self.sim.kill()


def wait_or_kill(proc: subprocess.Popen, timeout: float) -> int:
    """``proc``'s exit code; killed (and reaped) when it has not ended within ``timeout``."""
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(5)


def kill_all(procs: list[subprocess.Popen]) -> None:
    """Kill (and reap) whatever of ``procs`` still runs: a test's clean-up."""
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def read_line_with(proc: subprocess.Popen, text: str, timeout: float = 20.0) -> str:
    """The first stdout line of ``proc`` that contains ``text`` (reads line by line)."""
    import selectors

    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} in {seen!r}")


def start_simulator(
    tmp_path: Path, key: Path, meters: int = 1
) -> tuple[subprocess.Popen, str, Path]:
    """``main.py simulate`` for meters 1..``meters`` (no load, balance 0) on TCP with a state
    file."""
    sim_site = tmp_path / "sim-site.json"
    load = {"kind": "constant", "base_w": 0}
    sim_site.write_text(json.dumps([{"addresses": f"1-{meters}", "load": load, "balance": 0}]))
    state = tmp_path / "sim.state"
    sim = subprocess.Popen(
        [sys.executable, "main.py", "simulate", "--tcp", "0", "--state", str(state),
         "--key-file", str(key), "--site", str(sim_site), "--parity", "N", "--speed", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = sim.stdout.readline().strip()
    assert url.startswith("socket://"), sim.stderr.read()
    return sim, url, state


def make_site(
    tmp_path: Path, master_key: bytes, meters: int = 1, db_url: str | None = None
) -> RealSite:
    """Database, key, an admin, one bus on a simulator process, opened meters M001.. (balance
    0). ``db_url``: the site's database on that PostgreSQL server (``database.url``)."""
    from app.models import Building, Bus, Meter, close_database
    from app.paths import SitePaths
    from app.serial_io.simulator.site_file import default_serial
    from app.services import accounts
    from app.services.auth import AuthService
    from app.services.new_site import create_site
    from app.services.permissions import Actor, Role
    from app.services.site import Site

    data = tmp_path / "site"
    data.mkdir()
    key = data / "master.key"
    key.write_text(master_key.hex() + "\n")
    sim, url, state = start_simulator(tmp_path, key, meters)
    paths = SitePaths(data, db_url=db_url)
    create_site(paths)  # keeps the key written above (the simulator was started with it)
    AuthService().create_first_admin("admin", PASSWORD)
    bus = Bus.create(name="bus1", port=url, parity="N", building=Building.create(name="B"))
    ids = [
        Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=default_serial(a)).id
        for a in range(1, meters + 1)
    ]
    close_database()
    site = Site(paths).open().start(poll=False, role="cli", serve=True)
    try:
        for n, meter_id in enumerate(ids, 1):
            _tenant, outcome = accounts.open_account(
                site.worker_for,
                Actor(1, "admin", Role.ADMIN),
                accounts.TenantInfo(f"Kill Shop {n}"),
                [meter_id],
                timeout=20,
            )
            assert outcome[meter_id] is None, outcome
    finally:
        site.stop()
    return RealSite(data, sim, state)

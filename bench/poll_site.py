"""A real site for the poll benchmark: database, opened accounts, simulators in other processes.

``build_site`` makes a site the way an installer would (``create_site``), with
``buses`` buses of ``meters`` meters each, and opens accounts on a share of them
through the real services against an in-process simulator of each bus (so the
ledger, the purchase counts and the meters agree, and the contact check does
its real work on every answer). The simulators' state is saved; ``Simulators``
then serves every bus from ``python main.py simulate --tcp PORT`` processes
(paced or not), which load that state, so the polling process's CPU is its own.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-admin-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class BenchBus:
    bus_id: int
    seed: int  # the simulator's --seed: meter serials PEM{seed:03d}{address:06d}
    port: int
    meters: int
    state: Path


def build_site(
    data_dir: Path, buses: int, meters: int, opened_share: float, db_url: str | None = None
) -> list[BenchBus]:
    """Create the site in ``data_dir`` (closed again on return); one BenchBus per bus.

    ``db_url``: the site's database on a PostgreSQL server (``init-site --db URL``).
    """
    from app.models import Building, Bus, Meter, Operator, close_database
    from app.paths import SitePaths
    from app.serial_io.events import MeterRef
    from app.serial_io.loopback import LoopbackBus
    from app.serial_io.simulator import SimBus, make_default_meters
    from app.serial_io.worker import BusWorker
    from app.services import accounts
    from app.services.auth import AuthService
    from app.services.new_site import create_site
    from app.services.site import bus_config
    from app.services.tenants import TenantInfo, create_tenant

    paths = SitePaths(data_dir, db_url=db_url)
    master = create_site(paths, durable=False).master_key
    auth = AuthService()
    admin = auth.create_first_admin("admin", PASSWORD, "bench")
    Operator.update(must_change_password=False).execute()
    tenant = create_tenant(admin, TenantInfo(name="bench tenant"), pin_hash="")
    building = Building.create(name="bench", address="")
    out: list[BenchBus] = []
    for index in range(1, buses + 1):
        port = free_port()
        bus = Bus.create(
            name=f"Bus {index}", building=building, port=f"socket://127.0.0.1:{port}",
            parity="N", baud=9600,
        )  # fmt: skip  # turnaround_ms: the model's default (50 ms), as a real site has
        sims = make_default_meters(list(range(1, meters + 1)), seed=index, opened=False)
        for sim in sims:
            ident = sim.identity
            Meter.create(
                number=f"B{index:02d}M{sim.address:03d}", bus=bus, address=sim.address,
                building=building, serial=ident.serial, model=ident.model,
                phases=ident.phases, firmware=ident.firmware, ct_ratio=ident.ct_ratio,
                pt_ratio=ident.pt_ratio,
            )  # fmt: skip
        state = data_dir / "sim" / f"bus{index}.state.json"
        sim_bus = SimBus(sims, master, state_file=state)
        refs = [MeterRef(m.id, m.address, m.serial) for m in Meter.select().where(Meter.bus == bus)]
        worker = BusWorker(
            bus_config(bus), refs, master, bus_factory=lambda _c, s=sim_bus: LoopbackBus(s)
        )
        worker.start()
        try:
            step = max(1, round(1 / opened_share)) if opened_share > 0 else 0
            futures = [
                accounts.submit_open_meter(
                    worker, admin, tenant.id, ref.meter_id, first_sale_fen=5000 + ref.address
                )
                for i, ref in enumerate(refs)
                if step and i % step == 0
            ]
            for future in futures:
                future.result(60)
        finally:
            worker.stop()
        sim_bus.save_state()
        out.append(BenchBus(bus.id, index, port, meters, state))
    close_database()
    shape = {
        "buses": buses,
        "meters": meters,
        "list": [vars(b) | {"state": str(b.state)} for b in out],
    }
    (data_dir / "bench.json").write_text(json.dumps(shape))
    return out


def reuse_site(data_dir: Path, buses: int, meters: int) -> list[BenchBus] | None:
    """The buses of a site ``build_site`` made in ``data_dir`` with this shape, else None."""
    try:
        shape = json.loads((data_dir / "bench.json").read_text())
    except (OSError, ValueError):
        return None
    if (shape["buses"], shape["meters"]) != (buses, meters):
        raise SystemExit(f"{data_dir} holds a bench site of another shape: use another folder")
    return [BenchBus(**(b | {"state": Path(b["state"])})) for b in shape["list"]]


def execute_on_site(data_dir: Path, sql: str, rows: list[tuple]) -> None:
    """Run ``sql`` (``?`` placeholders) once per row on the site's database, file or server."""
    from app.paths import SitePaths

    database = SitePaths(data_dir).database
    if isinstance(database, str):  # a PostgreSQL URL (the folder's database.url)
        import psycopg

        with psycopg.connect(database) as con, con.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)
        return
    import sqlite3

    with sqlite3.connect(database) as con:
        con.executemany(sql, rows)


class Simulators:
    """``python main.py simulate --tcp PORT`` per bus, each its own process."""

    def __init__(
        self, data_dir: Path, buses: list[BenchBus], pace: bool, turnaround_ms: float
    ) -> None:
        key = data_dir / "master.key"
        self.procs: list[subprocess.Popen] = []
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        for b in buses:
            cmd = [
                sys.executable, str(ROOT / "main.py"), "simulate", "--tcp", "0",
                "--baud", "9600", "--parity", "N", "--turnaround", str(turnaround_ms),
                "--meters", f"1-{b.meters}", "--seed", str(b.seed), "--key-file", str(key),
                "--state", str(b.state), "--save-every", "600",
            ]  # fmt: skip
            if pace:
                cmd.append("--pace")
            self.procs.append(
                subprocess.Popen(
                    cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
                )
            )
        # Each simulator takes a free port itself (a port picked when the site was built
        # may be taken by now) and prints it; the site's bus rows are pointed at it.
        urls = {}
        for b, proc in zip(buses, self.procs, strict=True):
            url = proc.stdout.readline().decode(errors="replace").strip()
            if not url.startswith("socket://"):
                self.stop()
                raise RuntimeError(f"the simulator of bus {b.bus_id} did not start")
            urls[b.bus_id] = url
        execute_on_site(
            data_dir, "UPDATE bus SET port = ? WHERE id = ?", [(u, i) for i, u in urls.items()]
        )

    def cpu_s(self) -> float:
        """User + system CPU of the simulator processes so far (Linux /proc)."""
        total = 0
        for proc in self.procs:
            try:
                fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        deadline = time.monotonic() + 10
        for proc in self.procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

"""The mobile site under 200 tenants refreshing their page every 2 s (issue #15).

    .venv/bin/python bench/portal.py [--tenants 200] [--every-s 2] [--load-s 40]
                                     [--buses 5] [--meters 200] [--unpaced]

Setup, three kinds of process as on a site:
- the site: ``--buses`` x ``--meters`` meters (1,000) made by ``bench/poll_site.build_site``
  (every meter opened through the real services against in-process simulators),
  then one tenant per meter (same PIN hash, so no 1,000 scrypt runs); each bus is a
  ``main.py simulate --tcp`` process paced at 9600 baud (20 ms turnaround);
- this process is the collection service: it owns and polls every bus (``Site`` with
  role collector), so each bus's cycle time is read from its scheduler;
- the real ``main.py portal`` (uvicorn) reading the same store;
- a client process: ``--tenants`` tenants, each signed in through ``POST /login`` (a real
  ``TenantSession``, its own address through ``X-Forwarded-For`` as behind the site's
  reverse proxy), then each fetching its page every ``--every-s`` (random phase; half
  of them ``/home``, half ``/meter/<id>`` with the 30-day chart), httpx async.
Figures: p50 / p99 page time (goal p99 < 200 ms) and the bus cycle time (median of
all buses' completed cycles) before and during the load (goal: within 10%).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.poll_site import Simulators, build_site, free_port, reuse_site  # noqa: E402
from bench.report import machine_load, result  # noqa: E402

PIN = "2468"


# ---- the client process ------------------------------------------------------------------
async def _tenant(i: int, base: str, account: str, meter_id: int, args, out: list) -> None:
    import httpx

    addr = f"10.{1 + i // 250}.{i % 250}.1"
    page = "/home" if i % 2 == 0 else f"/meter/{meter_id}"
    headers = {"X-Forwarded-For": addr}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        login = await client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
        form = {"account": account, "pin": PIN, "csrf": csrf}
        signed = await client.post("/login", data=form)
        if signed.status_code != 303 or signed.headers["location"] != "/home":
            raise RuntimeError(f"tenant {account}: sign-in {signed.status_code}")
        out.append(("signed", 0.0, 0))
        await _start.wait()
        await asyncio.sleep(random.random() * args.every_s)
        begun = time.monotonic()
        end = begun + args.seconds
        while time.monotonic() < end:
            t = time.monotonic()
            try:
                response = await client.get(page)
                code = response.status_code
            except httpx.TransportError:  # e.g. a kept-alive connection the server just closed
                code = -1
            took = time.monotonic() - t
            ok = code == 200
            first = t < begun + args.every_s  # each tenant's first page: nothing kept yet
            row = (page.split("/")[1], took, 0 if ok else code, first, t)
            out.append(row)
            await asyncio.sleep(max(0.0, args.every_s - (time.monotonic() - t)))


_start: asyncio.Event


async def _clients(args) -> None:
    global _start
    _start = asyncio.Event()
    plan = json.loads(Path(args.plan).read_text())
    out: list = []
    tasks = [
        asyncio.create_task(_tenant(i, args.clients, acct, mid, args, out))
        for i, (acct, mid) in enumerate(plan)
    ]
    while sum(1 for o in out if o[0] == "signed") < len(plan):
        if any(t.done() and t.exception() for t in tasks):
            raise next(t.exception() for t in tasks if t.done() and t.exception())
        await asyncio.sleep(0.2)
    print("SIGNED-IN", flush=True)
    _start.set()
    await asyncio.gather(*tasks)
    rows = [o for o in out if o[0] != "signed"]
    print("CLIENT-RESULT " + json.dumps(rows), flush=True)


# ---- the bench process ---------------------------------------------------------------------
def _tenants(data_dir: Path, n: int) -> list[tuple[str, int]]:
    """One tenant per meter (bulk rows sharing one PIN hash); the first n as (account, meter)."""
    from app.models import Account, Tenant, close_database, db, open_database
    from app.services.auth_passwords import hash_password

    open_database(data_dir / "site.db")
    pin_hash = hash_password(PIN)
    accounts = list(Account.select(Account.id, Account.meter).order_by(Account.id))
    with db.atomic():
        rows = [
            {"account_no": f"T{a.id:05d}", "name": f"商户 {a.id}", "shop": f"{a.id}号铺",
             "pin_hash": pin_hash}
            for a in accounts
        ]  # fmt: skip
        for k in range(0, len(rows), 400):
            Tenant.insert_many(rows[k : k + 400]).execute()
        ids = {t.account_no: t.id for t in Tenant.select(Tenant.id, Tenant.account_no)}
        for a in accounts:
            Account.update(tenant=ids[f"T{a.id:05d}"]).where(Account.id == a.id).execute()
    plan = [(f"T{a.id:05d}", a.meter_id) for a in accounts]
    close_database()
    step = max(1, len(plan) // n)
    return plan[::step][:n]


class Cycles:
    """Each bus's completed poll cycles, sampled from its scheduler."""

    def __init__(self, site) -> None:
        self.workers = site.owned_workers()
        self.seen = {b: w.scheduler.cycles for b, w in self.workers.items()}

    def sample(self, seconds: float) -> list[float]:
        out: list[float] = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(0.25)
            for b, w in self.workers.items():
                if w.scheduler.cycles != self.seen[b]:
                    self.seen[b] = w.scheduler.cycles
                    out.append(w.scheduler.last_cycle_s)
        return out


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def bench(args) -> int:
    from app.paths import SitePaths
    from app.services.site import open_site

    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="pem-portal-bench-"))
    n_meters = args.buses * args.meters
    t = time.monotonic()
    buses = reuse_site(data_dir, args.buses, args.meters)  # a --data-dir of an earlier run
    if buses is None or not (data_dir / "plan.json").exists():
        buses = build_site(data_dir, args.buses, args.meters, 1.0)
        plan = _tenants(data_dir, args.tenants)
    else:
        plan = json.loads((data_dir / "plan.json").read_text())[: args.tenants]
    print(f"site: {n_meters} meters on {args.buses} buses, {n_meters} tenants, "
          f"made in {time.monotonic() - t:.0f} s ({data_dir})", flush=True)  # fmt: skip
    if not (data_dir / "plan.json").exists():
        (data_dir / "plan.json").write_text(json.dumps(plan))
    sims = Simulators(data_dir, buses, pace=not args.unpaced, turnaround_ms=20)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    site = portal = clients = None
    try:
        site = open_site(SitePaths(data_dir), poll=True, role="collector")
        cycles = Cycles(site)
        port = free_port()
        portal = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "portal",
             "--listen", f"127.0.0.1:{port}"],
            stdout=subprocess.PIPE, stderr=(data_dir / "portal.err").open("w"), env=env, cwd=ROOT,
            text=True,
        )  # fmt: skip
        print(portal.stdout.readline().strip(), flush=True)
        cycles.sample(args.warm_s)  # the first cycle starts cold (connecting, first readings)
        before = cycles.sample(args.load_s)
        load_before = machine_load()
        clients = subprocess.Popen(
            [sys.executable, __file__, "--clients", f"http://127.0.0.1:{port}",
             "--plan", str(data_dir / "plan.json"), "--seconds", str(args.load_s),
             "--every-s", str(args.every_s)],
            stdout=subprocess.PIPE, env=env, cwd=ROOT, text=True,
        )  # fmt: skip
        line = clients.stdout.readline().strip()
        if line != "SIGNED-IN":
            raise RuntimeError(f"the clients did not sign in: {line!r}")
        print(f"{len(plan)} tenants signed in; loading for {args.load_s:.0f} s", flush=True)
        cpu_before, clients_before = _cpu_s(portal.pid), _cpu_s(clients.pid)
        during = cycles.sample(args.load_s)
        portal_cpu = _cpu_s(portal.pid) - cpu_before
        clients_cpu = _cpu_s(clients.pid) - clients_before
        load_during = machine_load()
        rows = []
        for line in clients.stdout:
            if line.startswith("CLIENT-RESULT "):
                rows = json.loads(line.split(" ", 1)[1])
        clients.wait(60)
    finally:
        for proc in (clients, portal):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(20)
        if site is not None:
            site.stop()
        sims.stop()
    (data_dir / "pages.json").write_text(json.dumps(rows))  # (page, s, failed, first, at)
    times = [r[1] for r in rows]
    bad = [r for r in rows if r[2]]
    if not times or not before or not during:
        print(f"no figures: {len(times)} pages, {len(before)}/{len(during)} cycles")
        return 1
    p50, p99 = _pct(times, 0.5) * 1000, _pct(times, 0.99) * 1000
    by_page = {
        page: (_pct([r[1] for r in rows if r[0] == page], 0.5) * 1000,
               _pct([r[1] for r in rows if r[0] == page], 0.99) * 1000)
        for page in sorted({r[0] for r in rows})
    }  # fmt: skip
    setup = (
        f"{n_meters} meters on {args.buses} simulated buses "
        f"({'unpaced' if args.unpaced else 'paced 9600'}) polled by this process as the collector, "
        f"main.py portal (uvicorn), {len(plan)} tenants every {args.every_s:g} s for "
        f"{args.load_s:.0f} s, {os.cpu_count()} cores, load {load_before} -> {load_during}"
    )
    print(f"setup: {setup}")
    print(f"pages: {len(times)} ({len(times) / args.load_s:.0f}/s), {len(bad)} not 200/OK; "
          f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {max(times) * 1000:.0f} ms")  # fmt: skip
    for page, (a, b) in by_page.items():
        print(f"  /{page}: p50 {a:.0f} ms, p99 {b:.0f} ms")
    print(f"  the portal process: {portal_cpu:.1f} CPU s in {args.load_s:.0f} s "
          f"({portal_cpu / args.load_s:.0%} of a core, {portal_cpu / len(times) * 1000:.1f} ms "
          f"a page); the clients' process {clients_cpu / args.load_s:.0%} of a core")  # fmt: skip
    t0 = min(r[4] for r in rows)
    steady = [r[1] for r in rows if r[4] - t0 > 10]  # after the cold start (nothing kept yet)
    steady_p99 = _pct(steady, 0.99) * 1000 if steady else float("nan")
    print(f"  after the first 10 s: p50 {_pct(steady, 0.5) * 1000:.0f} ms, p99 {steady_p99:.0f} ms")
    later = [r[1] for r in rows if not r[3]]
    print(f"  after each tenant's first page (the chart and rates kept): p50 "
          f"{_pct(later, 0.5) * 1000:.0f} ms, p99 {_pct(later, 0.99) * 1000:.0f} ms")  # fmt: skip
    med_b, med_d = statistics.median(before), statistics.median(during)
    print(f"bus cycle: median {med_b:.2f} s before ({len(before)} cycles, worst {max(before):.2f}),"
          f" {med_d:.2f} s during ({len(during)}, worst {max(during):.2f})")  # fmt: skip
    result(
        "portal page time", "p99 < 200 ms",
        f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, after the first 10 s p99 {steady_p99:.0f} ms "
        f"({len(times)} pages, {len(bad)} failed; "
        f"{portal_cpu / len(times) * 1000:.1f} CPU ms a page)",
        p99 < 200 and not bad, setup,
    )  # fmt: skip
    result(
        "bus cycle under portal load", "within 10% of the cycle before",
        f"median {med_b:.2f} s before, {med_d:.2f} s during",
        med_d <= med_b * 1.10, setup,
    )  # fmt: skip
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tenants", type=int, default=200)
    ap.add_argument("--every-s", type=float, default=2.0)
    ap.add_argument("--load-s", type=float, default=40.0)
    ap.add_argument("--warm-s", type=float, default=15.0)
    ap.add_argument("--buses", type=int, default=5)
    ap.add_argument("--meters", type=int, default=200)
    ap.add_argument("--unpaced", action="store_true")
    ap.add_argument("--data-dir")
    ap.add_argument("--clients", help=argparse.SUPPRESS)  # the client process: the portal's URL
    ap.add_argument("--plan", help=argparse.SUPPRESS)
    ap.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.clients:
        asyncio.run(_clients(args))
        return 0
    return bench(args)


if __name__ == "__main__":
    raise SystemExit(main())

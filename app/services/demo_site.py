"""The demo site: one building, 90 meters on one simulated bus, tenants on 60.

Everything a newcomer should see is made through the real services against
the real simulator (in-process, through RTU framing): accounts are opened and
credit is sold with protected commands, so the ledger, the purchase counts and
the meters agree from the first poll, and ``verify`` is clean.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from app import settings
from app.models import Building, Bus, Meter, Operator, close_database, db
from app.paths import SitePaths
from app.serial_io.events import MeterRef
from app.serial_io.loopback import LoopbackBus
from app.services import accounts
from app.services.auth import AuthService
from app.services.auth_passwords import hash_password
from app.services.chain_rekey import open_chains
from app.services.demo_sim import SimConfig, build_sim_bus
from app.services.new_site import create_site, remove_database_files
from app.services.permissions import Role
from app.services.tenants import create_tenant

log = logging.getLogger(__name__)

METERS = 90
TENANTS = 60
DEAD = (23, 57, 81)  # dead meters the technician can look for
SEED = 7
SPEED = 30.0  # a demo day in under an hour
HISTORY_DAYS = 2
DEMO_OPERATORS = (
    ("admin", "管理员", Role.ADMIN, "admin-demo-1"),
    ("cashier", "收银员", Role.CASHIER, "cashier-demo-1"),
    ("maint", "维护员", Role.MAINTENANCE, "maint-demo-1"),
)


def demo_logins() -> str:
    """The demo operators' logins, as printed for a newcomer (demo sites only)."""
    return "demo logins: " + ", ".join(f"{login} / {pw}" for login, _n, _r, pw in DEMO_OPERATORS)


_SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
_SHOPS = ("面馆", "服装", "超市", "茶庄", "书店", "花店", "药房", "眼镜", "鞋业", "烘焙",
          "数码", "美发", "文具", "水果", "咖啡")  # fmt: skip


def free_tcp_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


Progress = Callable[[str, int, int], None]  # (stage, done, total); stages listed in STAGES
STAGES = ("site", "history", "operators", "accounts", "done")


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default: nobody is watching."""


def create_demo_site(
    paths: SitePaths, transport: str = "tcp", history: bool = True, progress: Progress | None = None
) -> None:
    """Create the demo site in ``paths`` (an existing database is refused).

    ``progress(stage, done, total)`` is called from this thread as the work goes
    on (the window's splash shows it; it must not call Qt itself).
    """
    progress = progress or _no_progress
    t0 = time.monotonic()
    progress("site", 0, 1)
    master = create_site(paths, durable=False).master_key
    open_chains(master, paths.key_file)
    try:
        settings.put("site.name", "演示商场 Demo Mall")
        bus = _topology(paths, transport)
        sim_config = SimConfig.load(paths.data_dir / bus.sim_state)
        sim_bus = build_sim_bus(sim_config, master, paths.sim_dir)
        # Nothing to survive while the site is being built (a failed build is deleted):
        # the meters' state is written once at the end, not before every answer.
        state_file, sim_bus.state_file = sim_bus.state_file, None
        if history:
            progress("history", 0, 1)
            _history(sim_bus)
        progress("operators", 0, 1)
        _operators_and_accounts(bus, sim_bus, master, progress)
        sim_bus.state_file = state_file
        sim_bus.save_state()
    except BaseException:
        close_database()
        remove_database_files(paths.db)
        raise
    close_database()
    progress("done", 1, 1)
    log.info("demo site created in %s (%.1f s)", paths.data_dir, time.monotonic() - t0)


def _topology(paths: SitePaths, transport: str) -> Bus:
    building = Building.create(name="演示商场 Demo Mall", address="1 Demo Road")
    rel = "simulator/bus1.json"
    SimConfig(
        addresses=f"1-{METERS}",
        seed=SEED,
        state_file="bus1.state.json",
        faults="dead=" + ",".join(map(str, DEAD)),
        speed=SPEED,
    ).save(paths.data_dir / rel)
    if transport == "tcp":
        port, parity = f"socket://127.0.0.1:{free_tcp_port()}", "N"
    else:  # pseudo-terminals refuse even parity: a pty carries no parity bits anyway
        port, parity = str(paths.sim_dir / "bus1.tty"), "N"
    bus = Bus.create(
        name="Bus 1", building=building, port=port, parity=parity, simulated=True,
        sim_state=rel, turnaround_ms=20,
    )  # fmt: skip
    from app.serial_io.simulator import make_default_meters

    for sim in make_default_meters(list(range(1, METERS + 1)), SEED, opened=False):
        ident = sim.identity
        floor, room = divmod(sim.address - 1, 30)
        Meter.create(
            number=f"M{sim.address:03d}", bus=bus, address=sim.address, building=building,
            location=f"{floor + 1}F-{room + 1:02d}", serial=ident.serial, model=ident.model,
            phases=ident.phases, firmware=ident.firmware, ct_ratio=ident.ct_ratio,
            pt_ratio=ident.pt_ratio,
        )  # fmt: skip
    return bus


def _history(sim_bus) -> None:
    """Two days of half-hourly readings, taken from the simulated meters' own status.

    The meters are advanced through the simulator's clock exactly as the poller
    would see them; reading their status directly (not through RTU framing) keeps
    a newcomer's first start short (issue #8).
    """
    now = sim_bus.now()
    meters = {m.address: m.id for m in Meter.select(Meter.id, Meter.address)}
    alive = [(a, meters[a], sim_bus.meter(a)) for a in sorted(meters) if a not in DEAD]
    step = 1800
    start = now - HISTORY_DAYS * 86400
    rows = []
    for t in range(int(start) - int(start) % step, int(now), step):
        sim_bus.clock.set(t)
        taken = dt.datetime.fromtimestamp(t, dt.UTC).replace(tzinfo=None)
        for _address, meter_id, meter in alive:
            meter.advance(t)
            s = meter.status()
            rows.append(dict(
                meter=meter_id, taken_at=taken, energy_total=s.energy_total,
                energy_sharp=s.energy_sharp, energy_peak=s.energy_peak,
                energy_flat=s.energy_flat, energy_valley=s.energy_valley, balance=s.balance,
                purchase_count=s.purchase_count, power=s.power, relay_open=s.relay_open,
            ))  # fmt: skip
    sim_bus.clock.set(now)
    columns = list(rows[0]) if rows else []
    sql = (
        f"INSERT INTO reading ({', '.join(c if c != 'meter' else 'meter_id' for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    with db.atomic():
        db.cursor().executemany(sql, [[_sql_value(r[c]) for c in columns] for r in rows])


def _sql_value(value):
    """A reading's value as SQLite stores it through peewee (datetimes as their text)."""
    return str(value) if isinstance(value, dt.datetime) else value


def _operators_and_accounts(bus: Bus, sim_bus, master: bytes, progress: Progress) -> None:
    from app.errors import QT_TRANSLATE_NOOP, ConfigError
    from app.serial_io.worker import BusWorker
    from app.services.site import bus_config

    auth = AuthService()
    admin = None
    for login, name, role, password in DEMO_OPERATORS:
        if role is Role.ADMIN:
            admin = auth.create_first_admin(login, password, name)
        else:
            auth.create_operator(admin, login, name, role, password)
    # demo operators keep their printed passwords (a real site forces a change)
    Operator.update(must_change_password=False).execute()
    cashier = auth.login("cashier", "cashier-demo-1")

    faults, sim_bus.faults = sim_bus.faults, type(sim_bus.faults)()  # all alive while opening
    refs = [MeterRef(m.id, m.address, m.serial) for m in Meter.select().order_by(Meter.address)]
    worker = BusWorker(bus_config(bus), refs, master, bus_factory=lambda _c: LoopbackBus(sim_bus))
    worker.start()
    try:
        rng = random.Random(SEED)
        tenant_meters = sorted(rng.sample(refs, TENANTS), key=lambda r: r.address)
        plans = []
        for i, ref in enumerate(tenant_meters):
            name = _SURNAMES[i % len(_SURNAMES)] + "记" + _SHOPS[i % len(_SHOPS)]
            info = accounts.TenantInfo(
                name=name, shop=f"{ref.address:03d}号铺", phone=f"1380000{i:04d}",
                pin=f"{1000 + i}", account_no=f"{i + 1:06d}",
            )  # fmt: skip
            payment = rng.choice(("cash", "wechat", "alipay", "card"))
            plans.append((ref, info, _demo_credit(rng, i), payment))
        # Each kiosk PIN is hashed with the operators' slow KDF: hash them on every core
        # at once (scrypt releases the GIL) while this thread writes each tenant as its
        # hash arrives and the bus worker opens the meters already written.
        futures = []
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            hashes = pool.map(lambda plan: hash_password(plan[1].pin), plans)
            for (ref, info, first, pay), pin_hash in zip(plans, hashes, strict=True):
                tenant = create_tenant(cashier, info, pin_hash)
                futures.append(
                    accounts.submit_open_meter(
                        worker,
                        cashier,
                        tenant.id,
                        ref.meter_id,
                        first_sale_fen=first,
                        payment_method=pay,
                    )
                )
        for done, (future, (ref, _info, _first, _pay)) in enumerate(
            zip(futures, plans, strict=True), 1
        ):
            progress("accounts", done, len(plans))
            try:
                future.result(30)
            except Exception as exc:
                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "demo: opening meter {meter_id} failed: {reason}"),
                    meter_id=ref.meter_id,
                    reason=exc,
                ) from exc
    finally:
        worker.stop()
        sim_bus.faults = faults


def _demo_credit(rng: random.Random, i: int) -> int:
    """Balances that show every colour: normal, alarm 1, alarm 2, arrears."""
    kind = i % 10
    if kind == 0:
        return 0  # arrears: opened without credit
    if kind == 1:
        return rng.randrange(600, 1900)  # alarm 1 (threshold 20.00)
    if kind == 2:
        return rng.randrange(100, 480)  # alarm 2 (threshold 5.00)
    return rng.randrange(100, 800) * 100

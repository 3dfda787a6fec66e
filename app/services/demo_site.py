"""The demo site: one building, two simulated buses like the reference site's, tenants on 60.

Bus 1 is an Acrel line (9600 8N1): DDSY1352 single-phase meters, a few
DTSY1352 three-phase ones, one ADF400L of 12 circuits (each circuit a meter)
and three ADL400 metering-only meters. Bus 2 (9600 8E1) carries meters of our
default profile. Meter numbers run M001-M088 (the ADF400L's circuits are
M065-01 to M065-12); M023, M057 and M081 are dead for the technician to find.

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
from app.models import Building, Bus, Meter, Operator, close_database, db, dialect
from app.paths import SitePaths
from app.serial_io.loopback import LoopbackBus
from app.serial_io.profiles import get_profile
from app.serial_io.site_keys import load_site_keys
from app.services import accounts, demo_modem, kiosk_exit
from app.services.auth import AuthService
from app.services.auth_passwords import hash_password
from app.services.chain_rekey import open_chains
from app.services.demo_sim import SimConfig, build_sim_bus, family_meters
from app.services.new_site import create_site, remove_husk
from app.services.payments import demo_pay
from app.services.permissions import Role
from app.services.tenants import create_tenant

log = logging.getLogger(__name__)

# (bus name, parity, first meter number, families on the bus, dead addresses)
BUSES = (
    ("Bus 1 (Acrel)", "N", 1, (
        {"profile": "acrel-ddsy1352", "addresses": "1-56", "phases": 1},
        {"profile": "acrel-ddsy1352", "addresses": "57-64", "phases": 3},
        {"profile": "acrel-adf400l", "addresses": "65", "phases": 3},
        {"profile": "acrel-adl400", "addresses": "66-68", "phases": 3},
    ), (23, 57)),
    ("Bus 2", "E", 69, ({"profile": "default", "addresses": "1-20"},), (13,)),
)  # fmt: skip
ADF_CIRCUITS = 12
METERS = 64 + ADF_CIRCUITS + 3 + 20
TENANTS = 60
DEAD = ("M023", "M057", "M081")  # meter numbers the technician can look for
SEED = 7
SPEED = 30.0  # a demo day in under an hour
HISTORY_DAYS = 2
DEMO_OPERATORS = (
    ("admin", "管理员", Role.ADMIN, "admin-demo-1"),
    ("cashier", "收银员", Role.CASHIER, "cashier-demo-1"),
    ("maint", "维护员", Role.MAINTENANCE, "maint-demo-1"),
)


DEMO_KIOSK_EXIT_PIN = "246810"  # what staff type to leave the demo's query kiosk


def demo_logins() -> str:
    """The demo operators' logins, as printed for a newcomer (demo sites only)."""
    return "demo logins: " + ", ".join(f"{login} / {pw}" for login, _n, _r, pw in DEMO_OPERATORS)


def _tenant_login(i: int) -> tuple[str, str]:
    """The demo's i-th tenant's account number and kiosk / mobile-site PIN."""
    return f"{i + 1:06d}", f"{1000 + i}"


def demo_tenant_banner(data_dir) -> str:
    """A demo tenant's login and the commands of the tenants' faces (issue #15)."""
    account, pin = _tenant_login(0)
    return (
        f"demo tenant: account {account} / PIN {pin}\n"
        f"  query kiosk:  python main.py --data-dir {data_dir} kiosk"
        f" (staff exit PIN {DEMO_KIOSK_EXIT_PIN})\n"
        f"  mobile site:  python main.py --data-dir {data_dir} portal --listen 127.0.0.1:8080"
        " (then http://127.0.0.1:8080/)"
    )


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
    create_site(paths, durable=False)
    keys = load_site_keys(paths.key_file, create_vendor=True)
    open_chains(keys.master, paths.key_file)
    try:
        settings.put("site.name", "演示商场 Demo Mall")
        settings.put("site.phone", "0755-8888-6666")  # the tenants' SMS end with it
        demo_modem.configure(paths, free_tcp_port())
        demo_pay.configure(paths, free_tcp_port(), free_tcp_port())
        buses = _topology(paths, transport)
        sims = {}
        for bus in buses:
            sim_config = SimConfig.load(paths.data_dir / bus.sim_state)
            sim_bus = build_sim_bus(sim_config, keys, paths.sim_dir)
            # Nothing to survive while the site is being built (a failed build is deleted):
            # the meters' state is written once at the end, not before every answer.
            sims[bus.id] = (sim_bus, sim_bus.state_file)
            sim_bus.state_file = None
        if history:
            progress("history", 0, 1)
            for bus in buses:
                _history(bus, sims[bus.id][0])
        progress("operators", 0, 1)
        _operators_and_accounts(buses, {b: s for b, (s, _f) in sims.items()}, keys, progress)
        for sim_bus, state_file in sims.values():
            sim_bus.state_file = state_file
            sim_bus.save_state()
    except BaseException:
        close_database()
        remove_husk(paths)
        raise
    close_database()
    progress("done", 1, 1)
    log.info("demo site created in %s (%.1f s)", paths.data_dir, time.monotonic() - t0)


def _topology(paths: SitePaths, transport: str) -> list[Bus]:
    building = Building.create(name="演示商场 Demo Mall", address="1 Demo Road")
    buses = []
    for n, (name, parity, first_number, families, dead) in enumerate(BUSES, 1):
        rel = f"simulator/bus{n}.json"
        config = SimConfig(
            addresses="", seed=SEED + n - 1, state_file=f"bus{n}.state.json",
            faults="dead=" + ",".join(map(str, dead)), speed=SPEED, families=families,
        )  # fmt: skip
        config.save(paths.data_dir / rel)
        if transport == "tcp":
            port = f"socket://127.0.0.1:{free_tcp_port()}"
        else:  # pseudo-terminals refuse even parity: a pty carries no parity bits anyway
            port, parity = str(paths.sim_dir / f"bus{n}.tty"), "N"
        bus = Bus.create(
            name=name, building=building, port=port, parity=parity, simulated=True,
            sim_state=rel, turnaround_ms=20,
        )  # fmt: skip
        number = first_number
        for group in families:
            for sim in family_meters(group, config.seed):
                floor, room = divmod(number - 1, 30)
                where = f"{floor + 1}F-{room + 1:02d}"
                ident = sim.identity
                common = dict(
                    bus=bus, address=sim.address, building=building, location=where,
                    serial=ident.serial, model=ident.model, phases=ident.phases,
                    firmware=ident.firmware, ct_ratio=ident.ct_ratio, pt_ratio=ident.pt_ratio,
                    profile=group["profile"],
                )  # fmt: skip
                circuits = getattr(sim, "circuits", None)
                if circuits:
                    for c in range(1, len(circuits) + 1):
                        Meter.create(number=f"M{number:03d}-{c:02d}", circuit=c, **common)
                else:
                    Meter.create(number=f"M{number:03d}", **common)
                number += 1
        buses.append(bus)
    return buses


def sim_meter_of(sim_bus, meter: Meter):
    """The simulated meter (or circuit) behind a meter row."""
    if meter.circuit:
        return sim_bus.meter(meter.address, meter.circuit)
    return sim_bus.meter(meter.address)


def _history(bus: Bus, sim_bus) -> None:
    """Two days of half-hourly readings, taken from the simulated meters' own status.

    The meters are advanced through the simulator's clock exactly as the poller
    would see them; reading their status directly (not through RTU framing) keeps
    a newcomer's first start short (issue #8).
    """
    now = sim_bus.now()
    dead = set(sim_bus.faults.dead)
    alive = [
        (m.id, sim_meter_of(sim_bus, m))
        for m in Meter.select().where(Meter.bus == bus).order_by(Meter.id)
        if m.address not in dead
    ]
    step = 1800
    start = now - HISTORY_DAYS * 86400
    rows = []
    for t in range(int(start) - int(start) % step, int(now), step):
        sim_bus.clock.set(t)
        taken = dt.datetime.fromtimestamp(t, dt.UTC).replace(tzinfo=None)
        for meter_id, meter in alive:
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
        dialect.executemany(sql, [[_sql_value(r[c]) for c in columns] for r in rows])


def _sql_value(value):
    """A reading's value as SQLite stores it through peewee (datetimes as their text)."""
    return str(value) if isinstance(value, dt.datetime) else value


def _operators_and_accounts(buses: list[Bus], sims: dict, keys, progress: Progress) -> None:
    from app.errors import QT_TRANSLATE_NOOP, ConfigError
    from app.serial_io.worker import BusWorker
    from app.services.site import Site, bus_config

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
    kiosk_exit.set_exit_pin(admin, DEMO_KIOSK_EXIT_PIN)  # else the kiosk refuses to start

    workers, saved_faults = {}, {}
    for bus in buses:
        sim_bus = sims[bus.id]
        saved_faults[bus.id], sim_bus.faults = sim_bus.faults, type(sim_bus.faults)()  # all alive
        workers[bus.id] = BusWorker(
            bus_config(bus),
            Site.meter_refs(bus.id),
            keys,
            poll=False,
            bus_factory=lambda _c, s=sim_bus: LoopbackBus(s),
        )  # fmt: skip  (jobs only: an idle loopback bus would poll flat out)
        workers[bus.id].start()
    try:
        rng = random.Random(SEED)
        prepaid = [m for m in Meter.select().order_by(Meter.id) if get_profile(m.profile).prepaid]
        tenant_meters = sorted(rng.sample(prepaid, TENANTS), key=lambda m: m.id)
        plans = []
        for i, meter in enumerate(tenant_meters):
            name = _SURNAMES[i % len(_SURNAMES)] + "记" + _SHOPS[i % len(_SHOPS)]
            info = accounts.TenantInfo(
                name=name, shop=f"{meter.number[1:]}号铺", phone=f"1380000{i:04d}",
                pin=_tenant_login(i)[1], account_no=_tenant_login(i)[0],
            )  # fmt: skip
            payment = rng.choice(("cash", "wechat", "alipay", "card"))
            plans.append((meter, info, _demo_credit(rng, i), payment))
        # Each kiosk PIN is hashed with the operators' slow KDF: hash them on every core
        # at once (scrypt releases the GIL) while this thread writes each tenant as its
        # hash arrives and the bus workers open the meters already written.
        futures = []
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            hashes = pool.map(lambda plan: hash_password(plan[1].pin), plans)
            for (meter, info, first, pay), pin_hash in zip(plans, hashes, strict=True):
                tenant = create_tenant(cashier, info, pin_hash)
                futures.append(
                    accounts.submit_open_meter(
                        workers[meter.bus_id],
                        cashier,
                        tenant.id,
                        meter.id,
                        first_sale_fen=first,
                        payment_method=pay,
                    )
                )
        for done, (future, (meter, _info, _first, _pay)) in enumerate(
            zip(futures, plans, strict=True), 1
        ):
            progress("accounts", done, len(plans))
            try:
                future.result(30)
            except Exception as exc:
                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "demo: opening meter {meter_id} failed: {reason}"),
                    meter_id=meter.id,
                    reason=exc,
                ) from exc
    finally:
        for bus in buses:
            workers[bus.id].stop()
            sims[bus.id].faults = saved_faults[bus.id]


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

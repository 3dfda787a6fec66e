"""The demo site: every colour shows, ledger and meters agree, state survives restarts,
and a second process on the same site shares the simulated bus instead of fighting for it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.models import Account, Bus, Meter, close_database, open_database
from app.paths import SitePaths
from app.serial_io.loopback import LoopbackBus
from app.serial_io.profiles import DEFAULT
from app.serial_io.security import load_or_create_master_key
from app.services.demo_sim import SimConfig, build_sim_bus
from app.services.demo_site import DEAD, METERS, TENANTS, create_demo_site
from app.services.meter_state import GridState, classify

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One demo site for the session (tcp transport, no history); tests copy it."""
    folder = tmp_path_factory.mktemp("demo-template")
    create_demo_site(SitePaths(folder), transport="tcp", history=False)
    return folder


@pytest.fixture
def demo(demo_template, tmp_path) -> SitePaths:
    folder = tmp_path / "site"
    shutil.copytree(demo_template, folder)
    return SitePaths(folder)


def sim_statuses(paths: SitePaths) -> dict[int, object]:
    """Every meter's status straight from the simulator's saved state (no port)."""
    bus = Bus.get()
    config = SimConfig.load(paths.data_dir / bus.sim_state)
    sim = build_sim_bus(config, load_or_create_master_key(paths.key_file), paths.sim_dir)
    assert sim.faults.dead == set(DEAD)
    sim.faults.dead.clear()  # read the dead ones too: their money must agree as well
    link = LoopbackBus(sim)
    return {a: DEFAULT.read_status(link, a) for a in sim.meters}


def test_demo_site_shows_every_colour_and_agrees_with_its_ledger(demo):
    from app.services import ledger, ledger_verify

    open_database(demo.db)
    try:
        assert Meter.select().count() == METERS
        assert Account.select().where(Account.closed_at.is_null()).count() == TENANTS
        statuses = sim_statuses(demo)
        states = set()
        for meter in Meter.select():
            has_account = Account.active_for(meter.id) is not None
            online = meter.address not in DEAD
            s = statuses[meter.address]
            states.add(classify(has_account, online, s, meter.alarm1, meter.alarm2))
            if has_account:  # the meter's purchase count is the ledger's
                assert s.purchase_count == ledger.expected_purchase_count(meter.id)
                assert s.prepaid_mode
        # waiting: before the first poll; metering: classify is asked as for a prepaid meter
        assert states == set(GridState) - {GridState.WAITING, GridState.METERING}
        assert ledger_verify.verify_ledger().problems == []
    finally:
        close_database()


def test_init_demo_refuses_a_folder_with_a_site(demo):
    out = run_main("init-demo", "--data-dir", str(demo.data_dir))
    assert out.returncode == 2 and "already exists" in out.stderr


def run_main(*argv: str, timeout: float = 60, env: dict | None = None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env,
    )  # fmt: skip


def test_second_process_uses_the_bus_served_by_the_first(demo):
    """The site's first opener serves the simulated bus; `read` in another process connects."""
    from app.services.site import Site

    site = Site(demo).open().start(poll=False)
    try:
        port = Bus.get().port
        assert port.startswith("socket://127.0.0.1:")
        out = run_main("read", "--port", port, "--address", "1")
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["serial"] == Meter.get(Meter.address == 1).serial
        assert isinstance(data["purchase_count"], int)
    finally:
        site.stop()


def test_credit_survives_a_restart_of_the_site(demo):
    from app.services import billing
    from app.services.auth import AuthService
    from app.services.site import Site

    site = Site(demo).open().start(poll=False)
    try:
        cashier = AuthService().login("cashier", "cashier-demo-1")
        account = next(
            a for a in Account.select().order_by(Account.id) if a.meter.address not in DEAD
        )
        meter_id = account.meter_id
        result = billing.sell(site.worker_for(meter_id), cashier, meter_id, 12345, "cash", 30)
        assert result.state == "confirmed"
        count_after = result.purchase_count
    finally:
        site.stop()
    close_database()
    site = Site(demo).open().start(poll=False)
    try:
        ref = next(r for r in site.meter_refs(Bus.get().id) if r.meter_id == meter_id)
        status = site.worker_for(meter_id).submit(lambda link: link.read_status(ref)).result(30)
        assert status.purchase_count == count_after
        assert status.balance >= result.balance_after - 500  # a little energy used since
    finally:
        site.stop()


def test_verify_on_the_demo_site_is_clean_and_names_the_meters_it_could_not_reach(demo):
    open_database(demo.db)
    try:  # only opened meters are checked against the ledger
        dead_opened = sum(
            Account.active_for(m.id) is not None for m in Meter.select() if m.address in DEAD
        )
    finally:
        close_database()
    assert dead_opened >= 1
    out = run_main("verify", "--data-dir", str(demo.data_dir), timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Ledger: " in out.stdout and "intact" in out.stdout
    assert f"{dead_opened} meter(s) could not be checked" in out.stdout  # not a bare "clean"


def test_the_demo_bus_reports_how_much_faster_its_time_runs(tmp_path):
    from app.paths import SitePaths
    from app.services.demo_site import SPEED, create_demo_site
    from app.services.site import Site

    paths = SitePaths(tmp_path / "demo")
    create_demo_site(paths, history=False)
    site = Site(paths).open()
    try:
        [bus] = site.bus_configs()
        assert bus.time_speed == SPEED == 30.0
    finally:
        close_database()

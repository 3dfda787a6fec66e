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
from app.serial_io.events import MeterRef
from app.serial_io.loopback import LoopbackBus
from app.serial_io.profiles import get_profile
from app.serial_io.site_keys import load_site_keys
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
    """Every meter's status (by meter id) straight from the simulators' saved state (no port),
    read through each meter's own profile."""
    keys = load_site_keys(paths.key_file)
    out = {}
    for bus in Bus.select():
        config = SimConfig.load(paths.data_dir / bus.sim_state)
        sim = build_sim_bus(config, keys, paths.sim_dir)
        dead = {m.address for m in Meter.select().where(Meter.bus == bus) if m.number in DEAD}
        assert sim.faults.dead == dead
        sim.faults.dead.clear()  # read the dead ones too: their money must agree as well
        link = LoopbackBus(sim)
        for m in Meter.select().where(Meter.bus == bus):
            ref = MeterRef(m.id, m.address, m.serial, m.profile, m.circuit)
            out[m.id] = get_profile(m.profile).read_status(link, ref)
    return out


def test_demo_site_shows_every_colour_and_agrees_with_its_ledger(demo):
    from app.services import ledger, ledger_verify

    open_database(demo.db)
    try:
        assert Meter.select().count() == METERS
        assert Account.select().where(Account.closed_at.is_null()).count() == TENANTS
        families = {m.profile for m in Meter.select()}
        assert families == {"default", "acrel-ddsy1352", "acrel-adf400l", "acrel-adl400"}
        statuses = sim_statuses(demo)
        states = set()
        for meter in Meter.select():
            has_account = Account.active_for(meter.id) is not None
            online = meter.number not in DEAD
            s = statuses[meter.id]
            prepaid = get_profile(meter.profile).prepaid
            states.add(classify(has_account, online, s, meter.alarm1, meter.alarm2, prepaid))
            if has_account:  # the meter's purchase count is the ledger's
                assert prepaid and s.prepaid_mode
                assert s.purchase_count == ledger.expected_purchase_count(meter.id)
        assert states == set(GridState) - {GridState.WAITING}  # waiting: before the first poll
        opened = {a.meter.profile for a in Account.select()}
        assert {"default", "acrel-ddsy1352", "acrel-adf400l"} <= opened
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
    """The site's first opener serves the simulated buses; `read` in another process connects,
    tells each meter's family from its model code and prints the same keys for both."""
    from app.services.site import Site

    site = Site(demo).open().start(poll=False)
    try:
        outputs = {}
        for bus in Bus.select():
            assert bus.port.startswith("socket://127.0.0.1:")
            out = run_main("read", "--port", bus.port, "--address", "1")
            assert out.returncode == 0, out.stderr
            data = json.loads(out.stdout)
            meter = Meter.get((Meter.bus == bus) & (Meter.address == 1))
            assert data["serial"] == meter.serial and data["profile"] == meter.profile
            assert isinstance(data["purchase_count"], int)
            outputs[meter.profile] = data
        assert set(outputs) == {"acrel-ddsy1352", "default"}
        assert set(outputs["acrel-ddsy1352"]) == set(outputs["default"])
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
            a for a in Account.select().order_by(Account.id) if a.meter.number not in DEAD
        )
        meter_id = account.meter_id
        bus_id = account.meter.bus_id
        result = billing.sell(site.worker_for(meter_id), cashier, meter_id, 12345, "cash", 30)
        assert result.state == "confirmed"
        count_after = result.purchase_count
    finally:
        site.stop()
    close_database()
    site = Site(demo).open().start(poll=False)
    try:
        ref = next(r for r in site.meter_refs(bus_id) if r.meter_id == meter_id)
        status = site.worker_for(meter_id).submit(lambda link: link.read_status(ref)).result(30)
        assert status.purchase_count == count_after
        assert status.balance >= result.balance_after - 500  # a little energy used since
    finally:
        site.stop()


def test_verify_on_the_demo_site_is_clean_and_names_the_meters_it_could_not_reach(demo):
    open_database(demo.db)
    try:  # only opened meters are checked against the ledger
        dead_opened = sum(
            Account.active_for(m.id) is not None for m in Meter.select() if m.number in DEAD
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
        speeds = [bus.time_speed for bus in site.bus_configs()]
        assert speeds == [SPEED, SPEED] and SPEED == 30.0
    finally:
        close_database()


def test_the_demo_kiosk_has_an_exit_pin_and_the_banner_prints_it(demo):
    """Else ``python main.py kiosk`` refuses on the demo (no way out has been set)."""
    from app.services import kiosk_exit
    from app.services.demo_site import DEMO_KIOSK_EXIT_PIN, demo_tenant_banner

    open_database(demo.db)
    try:
        assert kiosk_exit.exit_pin_set()
        guard = kiosk_exit.ExitGuard()
        assert not guard.check("000000") and guard.check(DEMO_KIOSK_EXIT_PIN)
    finally:
        close_database()
    assert f"exit PIN {DEMO_KIOSK_EXIT_PIN}" in demo_tenant_banner(demo.data_dir)

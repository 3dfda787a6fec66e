"""Every family end to end through the real services and the simulator's personalities.

One bus with our default meter, an Acrel DDSY1352 and DTSY1352, two circuits
of an ADF400L and an ADL400. Opening an account (which downloads the alarm
thresholds, verified by reading them back), a sale, a refund, a trip and a
close run through ``accounts``, ``billing`` and ``remote_control`` exactly as
the GUI calls them; the simulator's own state is the judge, and ``verify`` is
clean afterwards. The metering-only meter is refused everything before any
frame or ledger entry.
"""

from __future__ import annotations

import pytest

from app.errors import CannotDo
from app.models import Building, Bus, LedgerEntry, Meter
from app.serial_io.commands import RelayCommand
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import MeterIdentity
from app.serial_io.profiles import get_profile
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities import adf400l, adl400, ddsy1352
from app.serial_io.site_keys import SiteKeys
from app.services import accounts, billing, ledger_verify
from app.services.accounts import TenantInfo
from app.services.remote_control import submit_relay
from tests.billing_helpers import (
    ADMIN,
    CASHIER,
    MAINTENANCE,
    BillingEnv,
    FakeLink,
    FakeWorker,
    SimRegisterBus,
)

ACREL_KEY = bytes(range(16, 32))
QUIET = LoadProfile(kind="constant", base_w=0)

# (meter number, profile, address, circuit)
METERS = (
    ("D1", "default", 1, 0),
    ("A2", "acrel-ddsy1352", 2, 0),
    ("A3", "acrel-ddsy1352", 3, 0),  # a DTSY1352: three-phase
    ("F4-1", "acrel-adf400l", 4, 1),
    ("F4-7", "acrel-adf400l", 4, 7),
    ("L5", "acrel-adl400", 5, 0),
)
PREPAID = [m for m in METERS if m[1] != "acrel-adl400"]


@pytest.fixture
def env(database, master_key):
    keys = SiteKeys(master_key, {"acrel": ACREL_KEY})
    sims = [
        SimMeter(1, MeterIdentity("SIM000000001"), load=QUIET, prepaid_mode=False),
        ddsy1352.make_meter(2, "000000000002", phases=1, load=QUIET),
        ddsy1352.make_meter(3, "000000000003", phases=3, load=QUIET),
        adf400l.make_device(4, "000000000004", circuits=12, loads=[QUIET] * 12),
        adl400.make_meter(5, "000000000005", load=LoadProfile(kind="constant", base_w=800)),
    ]
    sim = SimBus(sims, keys, speed=0, start_time=1_700_000_000)
    building = Building.create(name="Tower A")
    bus_row = Bus.create(name="bus1", port="sim://bus1", parity="N", building=building)
    refs, ids = {}, {}
    for number, profile, address, circuit in METERS:
        serial = "SIM000000001" if profile == "default" else f"{address:012d}"
        m = Meter.create(
            number=number, bus=bus_row, address=address, circuit=circuit, profile=profile,
            serial=serial,
        )  # fmt: skip
        refs[m.id] = MeterRef(m.id, address, serial, profile, circuit)
        ids[number] = m.id
    bus = SimRegisterBus(sim)
    worker = FakeWorker(FakeLink(bus, refs, keys))
    env = BillingEnv(sim, bus, worker, list(ids.values()), master_key, refs)
    env.ids = ids
    return env


def _sim(env, number: str) -> SimMeter:
    _n, _p, address, circuit = next(m for m in METERS if m[0] == number)
    return env.sim.meter(address, circuit) if circuit else env.sim.meter(address)


@pytest.mark.parametrize("number", [m[0] for m in PREPAID])
def test_open_sell_refund_trip_close_on_every_prepaid_family(env, number):
    m = env.ids[number]
    meter = _sim(env, number)
    Meter.update(alarm1=3000, alarm2=800).where(Meter.id == m).execute()
    _tenant, outcomes = accounts.open_account(
        env.worker_for, ADMIN, TenantInfo("Shop " + number), [m], first_sale_fen=5000
    )
    assert not isinstance(outcomes[m], Exception), outcomes[m]
    assert (meter.params.alarm1, meter.params.alarm2) == (3000, 800)  # downloaded, read back
    count = meter.purchase_count
    assert meter.balance == 5000

    sale = billing.sell(env.worker, CASHIER, m, 2500, "cash")
    assert sale.ok and sale.state == "confirmed"
    assert (meter.balance, meter.purchase_count) == (7500, count + 1)

    refund = billing.refund(env.worker, CASHIER, m, 1000, "cash")
    assert refund.ok and refund.state == "confirmed"
    assert (meter.balance, meter.purchase_count) == (6500, count + 2)

    after = submit_relay(env.worker, MAINTENANCE, m, RelayCommand.TRIP).result()
    assert after.relay_open and meter.relay_open
    after = submit_relay(env.worker, MAINTENANCE, m, RelayCommand.CLOSE).result()
    assert not after.relay_open and not meter.relay_open

    assert ledger_verify.verify_ledger().problems == []
    entries = LedgerEntry.select().where(LedgerEntry.meter == m)
    assert sorted(e.state for e in entries) == ["confirmed"] * 4  # open, first sale, sale, refund


def test_a_circuit_is_credited_alone(env):
    m = env.ids["F4-7"]
    others = [env.sim.meter(4, c).balance for c in range(1, 13) if c != 7]
    accounts.open_account(env.worker_for, ADMIN, TenantInfo("Circuit 7"), [m], first_sale_fen=900)
    assert env.sim.meter(4, 7).balance == 900
    assert [env.sim.meter(4, c).balance for c in range(1, 13) if c != 7] == others


def test_the_metering_only_meter_is_refused_everything_before_any_frame(env):
    m = env.ids["L5"]
    writes = env.bus.writes
    _t, outcomes = accounts.open_account(env.worker_for, ADMIN, TenantInfo("Meter room"), [m])
    assert isinstance(outcomes[m], CannotDo)
    with pytest.raises(CannotDo):
        submit_relay(env.worker, MAINTENANCE, m, RelayCommand.TRIP).result()
    assert env.bus.writes == writes
    assert LedgerEntry.select().where(LedgerEntry.meter == m).count() == 0
    status = get_profile("acrel-adl400").read_status(env.bus, env.refs[m])
    assert status.power > 0 and not status.prepaid_mode  # it still measures


@pytest.mark.parametrize("number", ["A2", "F4-1"])
def test_an_acrel_meter_with_an_earlier_purchase_count_opens_with_a_clean_verify(env, number):
    """Acrel meters have no protocol-level opening: the count is not reset, so the
    ledger must count on from the count the meter had when the account was opened."""
    m = env.ids[number]
    meter = _sim(env, number)
    meter.purchase_count = 7  # a previous tenant's purchases (balance refunded to 0)
    _tenant, outcomes = accounts.open_account(
        env.worker_for, ADMIN, TenantInfo("Shop " + number), [m], first_sale_fen=5000
    )
    assert not isinstance(outcomes[m], Exception), outcomes[m]
    assert (meter.balance, meter.purchase_count) == (5000, 8)
    assert billing.sell(env.worker, CASHIER, m, 2500, "cash").state == "confirmed"
    status = get_profile(env.refs[m].profile).read_status(env.bus, env.refs[m])
    assert status.purchase_count == 9
    assert ledger_verify.meter_differences(m, status) == []


@pytest.mark.parametrize("number", ["A2", "F4-1"])
def test_a_refund_above_the_money_the_acrel_meter_holds_fails_cleanly(env, number):
    """The Acrel refund writes absolute money from the prepaid block it reads in the job;
    when the meter spent below the amount since the status read, the refund is refused
    with a sentence and its ledger entry is settled failed, not left pending."""
    from app.errors import PemError
    from app.serial_io.profiles import acrel_frames

    m = env.ids[number]
    meter = _sim(env, number)
    accounts.open_account(env.worker_for, ADMIN, TenantInfo("Shop"), [m], first_sale_fen=5000)
    bus, read = env.bus, env.bus.read_registers

    def spend_before_params(address, start, count):
        if count == acrel_frames.PARAMS_COUNT and meter.balance == 5000:
            meter.balance = 4999  # one fen of energy between the two reads
        return read(address, start, count)

    bus.read_registers = spend_before_params
    with pytest.raises(PemError):
        billing.refund(env.worker, CASHIER, m, 5000, "cash")
    assert (meter.balance, meter.purchase_count) == (4999, 1)
    states = [e.state for e in LedgerEntry.select().where(LedgerEntry.meter == m)]
    assert states == ["confirmed", "confirmed", "failed"]

"""Captured protected frames replayed at the simulated meters (issue #6, finding 2).

A tap on the line records every frame the application writes, as an attacker
with a probe on the RS485 pair would; the frames are then written again
straight to the simulator, outside the application and its ledger.
"""

from __future__ import annotations

import time

import pytest

from app.errors import NO_ANSWER, MeterOffline
from app.models import LedgerEntry
from app.serial_io import security
from app.serial_io.commands import TIME_WINDOW_S, Command, Result
from app.serial_io.profiles import COMMAND_ADDRESS
from app.serial_io.simulator import rtu
from app.services import accounts, billing, ledger, ledger_verify
from app.services.accounts import TenantInfo
from tests.billing_helpers import CASHIER, make_env


class Tap:
    """Records each command frame written on the bus; ``hold`` keeps the next one back."""

    def __init__(self, bus) -> None:
        self.frames: list[tuple[int, list[int]]] = []
        self.hold = 0
        self._write = bus.write_registers
        bus.write_registers = self.write_registers

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        if start == COMMAND_ADDRESS:
            self.frames.append((address, list(values)))
            if self.hold:  # the frame never reaches the meter: the sale sees silence
                self.hold -= 1
                raise MeterOffline(NO_ANSWER, address)
        self._write(address, start, values)

    def decoded(self, env, meter_id: int) -> list[security.CommandFrame]:
        ref = env.refs[meter_id]
        keys = security.derive_meter_keys(env.master, ref.serial)
        return [
            security.decode_frame(keys, security.registers_to_frame(regs), ref.serial)
            for address, regs in self.frames
            if address == ref.address
        ]


def inject(env, address: int, regs: list[int]) -> bytes | None:
    """Write a captured frame straight to the simulated meter, as an attacker would."""
    return env.sim.handle(rtu.write_request(address, COMMAND_ADDRESS, regs))


@pytest.fixture
def env(database, master_key):
    return make_env(master_key, n_meters=2)


def test_recharge_frame_from_before_a_reopening_is_refused(env):
    """The finding: close + re-open reset the purchase count to 0, and the captured
    recharge (count 1) credited the meter again with no ledger entry."""
    m1 = env.meter_ids[0]
    tap = Tap(env.bus)
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("First"), [m1], first_sale_fen=500)
    address, recharge = tap.frames[-1]  # the first sale's frame, as it went on the line
    assert accounts.close_account(env.worker, CASHIER, m1).ok
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("Second"), [m1])
    meter = env.sim_meter(m1)
    assert (meter.balance, meter.purchase_count) == (0, 0)

    answer = inject(env, address, recharge)

    assert answer is not None and answer[1] & 0x80  # Modbus exception: refused
    assert meter.last_result == Result.BAD_COUNTER
    assert (meter.balance, meter.purchase_count, meter.total_purchased) == (0, 0, 500)
    assert ledger.net_credit_since_open(m1) == 0
    assert ledger.expected_purchase_count(m1) == meter.purchase_count


def test_a_sale_frame_kept_back_is_refused_once_the_window_has_passed(env):
    """A frame stopped on its way (the sale fails) and delivered later must not credit."""
    m1 = env.meter_ids[0]
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("Shop"), [m1])
    tap = Tap(env.bus)
    tap.hold = 1
    result = billing.sell(env.worker, CASHIER, m1, 500, "cash")
    assert result.state == "failed"
    address, held = tap.frames[-1]
    env.sim.clock.advance(TIME_WINDOW_S + 1)

    answer = inject(env, address, held)

    meter = env.sim_meter(m1)
    assert answer is not None and answer[1] & 0x80
    assert meter.last_result == Result.STALE_TIME
    assert (meter.balance, meter.purchase_count) == (0, 0)


def test_every_frame_carries_the_meters_epoch_and_clock(env):
    """Open, sale, refund, correction, close, re-open and replacement, end to end: each
    frame carries the epoch the meter holds (the next one for opening) and the meter's
    own clock, which here is years away from the PC's (a frozen simulator clock)."""
    m1, m2 = env.meter_ids
    tap = Tap(env.bus)
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("A"), [m1], first_sale_fen=900)
    sale = billing.sell(env.worker, CASHIER, m1, 400, "cash")
    assert billing.refund(env.worker, CASHIER, m1, 100, "cash").ok
    assert billing.correct(env.worker, CASHIER, sale.entry_id, reason="typo").ok
    assert accounts.close_account(env.worker, CASHIER, m1).ok
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("B"), [m1], first_sale_fen=300)
    out, into = accounts.replace_meter(env.worker_for, CASHIER, m1, m2)
    assert out.ok and into.ok and env.status(m2).balance == 300
    frames = tap.decoded(env, m1)
    codes = [Command(f.code) for f in frames]
    assert codes.count(Command.OPEN_ACCOUNT) == 2
    assert {Command.RECHARGE, Command.REFUND, Command.TRIP, Command.PREPAID_ON} <= set(codes)
    epochs = [f.epoch for f in frames]
    first_open, second_open = (i for i, c in enumerate(codes) if c is Command.OPEN_ACCOUNT)
    assert set(epochs[first_open:second_open]) == {1} and set(epochs[second_open:]) == {2}
    assert env.status(m1).account_epoch == 2 and env.status(m2).account_epoch == 1
    clock = env.status(m1).clock
    assert all(abs(f.timestamp - clock) <= TIME_WINDOW_S for f in frames)
    assert LedgerEntry.select().where(LedgerEntry.state != "confirmed").count() == 0
    assert ledger_verify.verify_ledger().problems == []


def test_frames_agree_with_a_fast_simulator_clock_over_a_real_worker(database, master_key):
    """``simulate --speed``: the meters' clocks run 120x and started months away from
    the PC's; frames stamped with the meter clock of the same job's status read are
    still inside the window, through the real bus worker and a pty."""
    from app.models import Building, Bus, Meter
    from app.serial_io.events import BusConfig, MeterRef
    from app.serial_io.worker import BusWorker
    from tests.sim_helpers import START, running_pty_sim

    with running_pty_sim(master_key, n=1, speed=120.0, start_time=START) as sim:
        building = Building.create(name="B1")
        bus = Bus.create(name="bus1", building=building, port=sim.port, parity="N")
        serial = sim.bus.meter(1).identity.serial
        meter = Meter.create(number="M001", bus=bus, address=1, serial=serial)
        sim.bus.meter(1).balance = 0
        worker = BusWorker(
            BusConfig(1, "bus1", sim.port, parity="N", turnaround_ms=0),
            [MeterRef(meter.id, 1, serial)],
            master_key,
        )
        worker.start()
        try:
            _t, outcomes = accounts.open_account(
                lambda _id: worker, CASHIER, TenantInfo("Fast"), [meter.id],
                first_sale_fen=700, timeout=10,
            )  # fmt: skip
            assert outcomes[meter.id].ok
            assert billing.sell(worker, CASHIER, meter.id, 300, "cash", timeout=10).ok
            assert accounts.close_account(worker, CASHIER, meter.id, timeout=10).ok
        finally:
            worker.stop()
        with sim.bus.lock:
            m = sim.bus.meter(1)
            assert (m.account_epoch, m.purchase_count, m.balance) == (1, 3, 0)
            assert abs(m.clock() - time.time()) > 30 * 86400  # nowhere near the PC's time

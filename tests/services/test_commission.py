"""Commissioning through a real bus worker on the in-process simulator.

The meter row starts without identity and with its own alarm thresholds; after
commissioning the row holds what the meter says it is, the meter holds the
thresholds (read back), its clock is set, and the system log has one row.
"""

from __future__ import annotations

import json
import time

import pytest

from app.errors import PermissionDenied
from app.models import Bus, Meter, SystemLog
from app.serial_io.events import BusConfig
from app.serial_io.loopback import LoopbackBus
from app.serial_io.simulator import default_serial
from app.serial_io.worker import BusWorker
from app.services import jobs
from app.services.commission import (
    CLOCK,
    FAILED,
    IDENTITY,
    OK,
    PARAMS,
    READ_BACK,
    RECORD,
    SKIPPED,
    submit_commission,
)
from tests.billing_helpers import CASHIER, MAINTENANCE
from tests.sim_helpers import make_sim_bus

MASTER = bytes(range(32))


@pytest.fixture
def env(database):
    sim = make_sim_bus(MASTER, addresses=[3])
    bus = Bus.create(name="bus1", port="/dev/ttyUSB0", parity="N")
    meter = Meter.create(number="M003", bus=bus, address=3, alarm1=3000, alarm2=800, phases=1)
    config = BusConfig(bus.id, "bus1", "loop://", parity="N")
    worker = BusWorker(config, [], MASTER, bus_factory=lambda c: LoopbackBus(sim), poll=False)
    worker.start()
    yield sim, meter, worker
    worker.stop()


def test_commission_records_identity_sets_clock_and_downloads_alarms(env):
    sim, meter, worker = env
    assert abs(sim.meter(3).clock() - time.time()) > 3600  # the simulator starts in 2026
    result = submit_commission(worker, MAINTENANCE, meter.id).result(timeout=10)
    assert [(s.step, s.outcome) for s in result.steps] == [
        (IDENTITY, OK), (CLOCK, OK), (PARAMS, OK), (READ_BACK, OK), (RECORD, OK),
    ]  # fmt: skip
    assert result.ok
    row = Meter.get_by_id(meter.id)
    assert (row.serial, row.profile, row.model) == (default_serial(3), "default", 1)
    params = sim.meter(3).params
    assert (params.alarm1, params.alarm2) == (3000, 800)
    assert abs(sim.meter(3).clock() - time.time()) < 5
    logged = SystemLog.select().where(SystemLog.action == "meter.commission").get()
    assert logged.result == "ok"
    assert default_serial(3) in json.loads(logged.detail)["params"]["serial"]


def test_a_silent_meter_fails_identity_and_skips_the_rest(env):
    sim, meter, worker = env
    sim.faults.dead.add(3)
    result = submit_commission(worker, MAINTENANCE, meter.id).result(timeout=10)
    outcomes = {s.step: s.outcome for s in result.steps}
    assert outcomes[IDENTITY] == FAILED
    assert {outcomes[s] for s in (CLOCK, PARAMS, READ_BACK, RECORD)} == {SKIPPED}
    assert Meter.get_by_id(meter.id).serial == ""
    logged = SystemLog.select().where(SystemLog.action == "meter.commission").get()
    assert logged.result == "problems"


def test_commission_result_crosses_a_process_as_json(env):
    _, meter, worker = env
    result = submit_commission(worker, MAINTENANCE, meter.id).result(timeout=10)
    data = json.loads(json.dumps(jobs.encode_result("commission", result)))
    assert jobs.decode_result("commission", data) == result


def test_a_cashier_may_not_commission(env):
    _, meter, worker = env
    with pytest.raises(PermissionDenied):
        submit_commission(worker, CASHIER, meter.id)

"""The real bus worker against the real simulator over a pty and TCP (unpaced, few meters)."""

from __future__ import annotations

import threading

import pytest

from app.models import Building, Bus, Meter, MeterState, Reading
from app.serial_io.events import BusConfig, BusState, MeterRef, PollSettings
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import PollStore, load_status
from app.serial_io.simulator import TcpServer
from app.serial_io.worker import BusWorker
from tests.sim_helpers import running_pty_sim, running_tcp_sim
from tests.waiting import wait_for

SETTINGS = PollSettings(
    offline_after=3, reading_interval_s=3600, retry_base_s=0.1, retry_max_s=0.3, state_flush_s=0.05
)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.meters = []
        self.buses = []

    def meter_updated(self, update):
        with self.lock:
            self.meters.append(update)

    def bus_updated(self, update):
        with self.lock:
            self.buses.append(update)


def truth(sim, address: int) -> MeterStatus:
    with sim.bus.lock:
        return sim.bus.meter(address).status()


def seed_site(port: str, n: int, sim) -> list[MeterRef]:
    building = Building.create(name="B1")
    bus = Bus.create(name="bus1", building=building, port=port, parity="N")
    refs = []
    for a in range(1, n + 1):
        serial = sim.bus.meter(a).identity.serial
        meter = Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=serial)
        refs.append(MeterRef(meter.id, a, serial))
    return refs


def start_worker(sim, refs, master_key, store=None, **settings):
    rec = Recorder()
    config = BusConfig(1, "bus1", sim.port, parity="N", turnaround_ms=0)
    worker = BusWorker(
        config,
        refs,
        master_key,
        listener=rec,
        settings=PollSettings(**{**SETTINGS.__dict__, **settings}),
        store=store,
    )
    worker.PORT_RETRY_S = 0.1
    worker.start()
    return worker, rec


def check_statuses_true(rec, valid: dict[int, list[MeterStatus]], refs) -> None:
    """Every status the worker reported came from a real answer of that meter."""
    by_id = {r.meter_id: r.address for r in refs}
    with rec.lock:
        for update in rec.meters:
            if update.status is not None:
                assert update.status in valid[by_id[update.meter_id]], update


def test_all_meters_polled_and_stored(database, master_key):
    with running_pty_sim(master_key, n=4) as sim:
        refs = seed_site(sim.port, 4, sim)
        worker, rec = start_worker(sim, refs, master_key, store=PollStore())
        try:
            wait_for(lambda: any(b.cycle_s for b in rec.buses))
            wait_for(lambda: MeterState.select().where(MeterState.status_json != "").count() == 4)
            wait_for(lambda: Reading.select().count() == 4)
        finally:
            worker.stop()
        for ref in refs:
            row = MeterState.get(MeterState.meter == ref.meter_id)
            assert row.online and row.answers >= 1 and row.timeouts == 0
            assert load_status(row.status_json) == truth(sim, ref.address)
            reading = Reading.get(Reading.meter == ref.meter_id)
            assert reading.balance == truth(sim, ref.address).balance
        assert rec.buses[-1].state is BusState.STOPPED


FAULTS = {
    "lost": ("lost", 1.0),
    "crc": ("crc", 1.0),
    "late": ("late", 1.0),
    "garbage": ("garbage", 1.0),
}


@pytest.mark.parametrize("kind", ["dead", "lost", "crc", "late", "garbage", "reboot"])
def test_faults_offline_and_back_nothing_wrong_stored(database, master_key, kind):
    with running_pty_sim(master_key, n=3) as sim:
        refs = seed_site(sim.port, 3, sim)
        valid = {a: [truth(sim, a)] for a in (1, 2, 3)}
        worker, rec = start_worker(sim, refs, master_key, store=PollStore())
        target = refs[1]  # address 2: the meter that the per-address faults hit
        try:
            wait_for(lambda: all(worker.is_online(r.meter_id) for r in refs))
            faults = sim.bus.faults
            if kind == "dead":
                faults.dead.add(2)
            elif kind == "reboot":
                faults.reboot = {2: 1000.0}
                faults.reboot_silent_s = 50.0
                answers = worker.stats(target.meter_id).answers
                wait_for(lambda: worker.stats(target.meter_id).answers > answers + 1)
                with sim.bus.lock:  # to just after the next period start: reboot, silent 50 s
                    sim.bus.clock.advance(1000.0 - sim.bus.now() % 1000.0 + 1.0)
                    sim.bus.advance_all()
                valid = {a: [*valid[a], truth(sim, a)] for a in valid}
            else:
                name, value = FAULTS[kind]
                if kind == "late":
                    faults.late_ms = 200
                setattr(faults, name, value)
            wait_for(lambda: not worker.is_online(target.meter_id))
            stats = worker.stats(target.meter_id)
            assert stats.consecutive_misses >= 3
            # The fault goes away: the meter comes back by itself (back-off retry).
            if kind == "dead":
                faults.dead.clear()
            elif kind == "reboot":
                with sim.bus.lock:
                    sim.bus.clock.advance(60.0)
                    sim.bus.advance_all()
                valid = {a: [*valid[a], truth(sim, a)] for a in valid}
            else:
                setattr(faults, FAULTS[kind][0], 0.0)
            wait_for(lambda: all(worker.is_online(r.meter_id) for r in refs))
            check_statuses_true(rec, valid, refs)
            worker.submit(lambda link: None).result(5)  # one more turn, then flush
            wait_for(lambda: worker.store.pending == 0)
            assert worker.is_alive()
        finally:
            worker.stop()
        for ref in refs:
            row = MeterState.get(MeterState.meter == ref.meter_id)
            assert load_status(row.status_json) in valid[ref.address]
        if kind in ("crc", "garbage"):
            assert worker.stats(target.meter_id).crc_errors >= 1
        if kind in ("dead", "lost", "late", "reboot"):
            assert worker.stats(target.meter_id).timeouts >= 3


def test_job_reads_status_through_link_and_updates_stats(master_key):
    with running_pty_sim(master_key, n=2) as sim:
        refs = [MeterRef(10 + a, a, sim.bus.meter(a).identity.serial) for a in (1, 2)]
        worker, _rec = start_worker(sim, refs, master_key)
        try:

            def job(link):
                ref = link.meter(12)
                ident = link.profile(ref).read_identity(link.bus, ref.address)
                return ident.serial, link.read_status(ref)

            serial, status = worker.submit(job).result(5)
            assert serial == sim.bus.meter(2).identity.serial
            assert status == truth(sim, 2)
            assert worker.stats(12).answers >= 1
        finally:
            worker.stop()


def test_gateway_connection_drop_reconnects(master_key):
    with running_tcp_sim(master_key, n=2) as sim:
        refs = [MeterRef(a, a, sim.bus.meter(a).identity.serial) for a in (1, 2)]
        worker, rec = start_worker(sim, refs, master_key)
        port = sim.server.port
        try:
            wait_for(lambda: worker.is_online(1) and worker.is_online(2))
            sim.server.stop()
            wait_for(lambda: worker.state is BusState.PORT_ERROR)
            assert not worker.is_online(1)
            with rec.lock:
                message = next(b.message for b in rec.buses if b.state is BusState.PORT_ERROR)
            assert message and "Traceback" not in message.text()
            server = TcpServer(sim.bus, port=port)
            server.start()
            try:
                wait_for(lambda: worker.is_online(1) and worker.is_online(2))
                assert worker.state is BusState.RUNNING
            finally:
                worker.stop()
                server.stop()
        finally:
            worker.stop()


def test_missing_device_and_even_parity_on_pty_are_port_errors(master_key):
    rec = Recorder()
    worker = BusWorker(
        BusConfig(1, "none", "/dev/does-not-exist-pem", parity="N"),
        [MeterRef(1, 1, "X")],
        master_key,
        listener=rec,
    )
    worker.start()
    try:
        wait_for(lambda: worker.state is BusState.PORT_ERROR)
    finally:
        worker.stop()
    message = next(b.message for b in rec.buses if b.state is BusState.PORT_ERROR)
    assert message.text() == (
        "cannot open /dev/does-not-exist-pem at 9600 8N1: No such file or directory"
    )
    with running_pty_sim(master_key, n=1) as sim:
        rec = Recorder()
        worker = BusWorker(
            BusConfig(1, "pty", sim.port, parity="E"), [MeterRef(1, 1, "X")], master_key, rec
        )
        worker.start()
        try:
            wait_for(lambda: worker.state is BusState.PORT_ERROR)
        finally:
            worker.stop()
        message = next(b.message for b in rec.buses if b.state is BusState.PORT_ERROR)
        assert "refuses the settings 9600 8E1" in message.text()

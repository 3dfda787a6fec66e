"""BusWorker with a fake RegisterBus: priorities, stop, listener and job failures."""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError

import pytest

from app.errors import NO_ANSWER, BadFrame, MeterException, MeterOffline, PortError
from app.serial_io.events import BusConfig, BusState, MeterRef, PollSettings, Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles import DEFAULT
from app.serial_io.worker import BusWorker
from tests.waiting import wait_for

CONFIG = BusConfig(1, "fake", "/dev/fake", parity="N")
FAST = PollSettings(offline_after=3, retry_base_s=60, retry_max_s=60, state_flush_s=0.05)


class FakeBus:
    """Meters by address; ``faults[address]`` is an exception to raise instead of answering."""

    def __init__(self, addresses=(1, 2, 3)) -> None:
        self.statuses = {a: MeterStatus(balance=100 * a, purchase_count=a) for a in addresses}
        self.faults: dict[int, Exception] = {}
        self.log: list[tuple[str, int]] = []
        self.hook = None  # called with (op, address) before answering
        self.closed = False
        self.open_error: Exception | None = None
        self.lock = threading.Lock()

    def open(self) -> None:
        if self.open_error is not None:
            raise self.open_error

    def close(self) -> None:
        self.closed = True

    def read_registers(self, address, start, count):
        with self.lock:
            self.log.append(("read", address))
        if self.hook:
            self.hook("read", address)
        if address in self.faults:
            raise self.faults[address]
        if address not in self.statuses:
            raise MeterOffline(NO_ANSWER, address)
        return DEFAULT.encode_status(self.statuses[address])

    def write_registers(self, address, start, values):
        self.log.append(("write", address))


class Recorder:
    def __init__(self) -> None:
        self.meters = []
        self.buses = []

    def meter_updated(self, update):
        self.meters.append(update)

    def bus_updated(self, update):
        self.buses.append(update)


def refs(n=3):
    return [MeterRef(100 + a, a, f"SN{a:010d}") for a in range(1, n + 1)]


@pytest.fixture
def make_worker(master_key):
    workers = []

    def make(bus=None, meters=None, listener=None, settings=FAST, **kw):
        bus = bus or FakeBus()
        worker = BusWorker(
            CONFIG,
            refs() if meters is None else meters,
            master_key,
            listener=listener,
            settings=settings,
            bus_factory=lambda config: bus,
            **kw,
        )
        workers.append(worker)
        return worker, bus

    yield make
    for worker in workers:
        worker.stop()


def test_polls_every_meter_and_reports_cycles(make_worker):
    rec = Recorder()
    worker, _bus = make_worker(listener=rec)
    worker.start()
    wait_for(lambda: any(b.cycle_s is not None for b in rec.buses))
    assert {u.meter_id for u in rec.meters} == {101, 102, 103}
    assert worker.is_online(102)
    assert worker.last_status(102).balance == 200
    stats = worker.stats(102)
    assert stats.answers >= 1 and stats.timeouts == 0
    assert rec.buses[0].state is BusState.CONNECTING
    running = next(b for b in rec.buses if b.cycle_s is not None)
    assert running.state is BusState.RUNNING and running.online == 3


def test_operator_job_jumps_ahead_of_remaining_polls(make_worker):
    bus = FakeBus(addresses=range(1, 7))
    worker, _ = make_worker(bus=bus, meters=refs(6))
    polling = threading.Event()
    release = threading.Event()

    def hook(op, address):
        if op == "read" and address == 2 and not polling.is_set():
            polling.set()
            release.wait(5)

    bus.hook = hook
    worker.start()
    assert polling.wait(5)
    batch = worker.submit(lambda link: bus.log.append(("batch", 0)), Priority.BATCH)
    operator = worker.submit(lambda link: bus.log.append(("operator", 0)), Priority.OPERATOR)
    release.set()
    operator.result(5)
    batch.result(5)
    first = bus.log[:5]
    assert first == [("read", 1), ("read", 2), ("operator", 0), ("batch", 0), ("read", 3)]


def test_jobs_of_one_priority_run_in_order_and_get_results(make_worker):
    worker, _bus = make_worker(meters=[])
    worker.start()
    futures = [worker.submit(lambda link, i=i: i * 10, Priority.BATCH) for i in range(5)]
    assert [f.result(5) for f in futures] == [0, 10, 20, 30, 40]


def test_job_uses_link_and_failures_go_to_the_future(make_worker):
    rec = Recorder()
    worker, bus = make_worker(listener=rec)
    bus.faults[3] = MeterOffline(NO_ANSWER, 3)
    worker.start()

    def read_two(link):
        ref = link.meter(102)
        assert link.profile(ref) is DEFAULT
        assert link.keys(ref) is link.keys(ref)
        return link.read_status(ref).balance

    assert worker.submit(read_two).result(5) == 200
    with pytest.raises(MeterOffline):
        worker.submit(lambda link: link.read_status(link.meter(103))).result(5)
    with pytest.raises(ZeroDivisionError):
        worker.submit(lambda link: 1 / 0).result(5)
    with pytest.raises(Exception, match="not on bus"):
        worker.submit(lambda link: link.meter(999)).result(5)
    # The worker is alive and still polling after a job's bug.
    assert worker.submit(lambda link: "alive").result(5) == "alive"
    assert worker.is_alive()


def test_link_is_only_valid_in_the_worker_thread(make_worker):
    worker, _ = make_worker()
    worker.start()
    link = worker.submit(lambda link: link).result(5)
    with pytest.raises(RuntimeError):
        link.read_status(link.meter(101))


def test_poll_now_returns_the_update(make_worker):
    worker, bus = make_worker()
    bus.faults[1] = BadFrame("damaged", 1)
    worker.start()
    ok = worker.poll_now(102).result(5)
    assert ok.online and ok.status.balance == 200 and ok.error is None
    bad = worker.poll_now(101).result(5)
    assert bad.status is None and "damaged" in bad.error.text()
    assert worker.stats(101).crc_errors >= 1


def test_faults_count_in_stats_and_meter_goes_offline_and_back(make_worker):
    rec = Recorder()
    worker, bus = make_worker(listener=rec)
    bus.faults[1] = MeterOffline(NO_ANSWER, 1)
    bus.faults[2] = MeterException("exception 4", 4, 2)
    worker.start()
    wait_for(lambda: worker.stats(101).timeouts >= 3 and worker.stats(102).exceptions >= 3)
    assert not worker.is_online(101) and not worker.is_online(102)
    assert worker.stats(101).consecutive_misses >= 3
    assert worker.last_status(101) is None
    assert all(u.status is None for u in rec.meters if u.meter_id in (101, 102))
    # Meter 1 answers again: a poll now brings it back at once.
    del bus.faults[1]
    update = worker.poll_now(101).result(5)
    assert update.online and worker.is_online(101)
    assert worker.stats(101).consecutive_misses == 0


@pytest.mark.allow_log_warnings
def test_listener_exceptions_do_not_kill_the_worker(make_worker, caplog):
    class Exploding(Recorder):
        def meter_updated(self, update):
            super().meter_updated(update)
            raise RuntimeError("listener bug")

    rec = Exploding()
    worker, _ = make_worker(listener=rec)
    worker.start()
    wait_for(lambda: len(rec.meters) >= 6)
    assert worker.is_alive()
    assert "listener bug" in caplog.text


def test_stop_is_clean_and_cancels_pending_jobs(make_worker):
    rec = Recorder()
    worker, bus = make_worker(listener=rec)
    started = threading.Event()
    release = threading.Event()

    def long_job(link):
        started.set()
        release.wait(5)
        return "done"

    worker.start()
    running = worker.submit(long_job)
    assert started.wait(5)
    queued = [worker.submit(lambda link: "never") for _ in range(3)]
    threading.Timer(0.05, release.set).start()
    worker.stop(timeout=5)
    assert not worker.is_alive()
    assert running.result(1) == "done"
    for future in queued:
        with pytest.raises(CancelledError):
            future.result(1)
    assert bus.closed
    assert rec.buses[-1].state is BusState.STOPPED
    late = worker.submit(lambda link: "too late")
    assert late.cancelled()


def test_port_error_is_reported_and_retried(make_worker):
    rec = Recorder()
    bus = FakeBus()
    bus.open_error = PortError("cannot open /dev/fake: No such file or directory")
    worker, _ = make_worker(bus=bus, listener=rec)
    worker.PORT_RETRY_S = 0.05
    worker.start()
    wait_for(lambda: any(b.state is BusState.PORT_ERROR for b in rec.buses))
    error = next(b for b in rec.buses if b.state is BusState.PORT_ERROR)
    assert error.message.text() == "cannot open /dev/fake: No such file or directory"
    # Jobs get the port error at once instead of hanging.
    with pytest.raises(PortError):
        worker.submit(lambda link: link.bus).result(5)
    bus.open_error = None
    wait_for(lambda: worker.is_online(101))
    assert worker.state is BusState.RUNNING


def test_port_lost_while_polling_marks_meters_offline_then_recovers(make_worker):
    rec = Recorder()
    worker, bus = make_worker(listener=rec)
    worker.PORT_RETRY_S = 0.05
    worker.start()
    wait_for(lambda: worker.is_online(101) and worker.is_online(103))

    def gateway_drops(op, address):
        if address == 2:
            bus.open_error = PortError("cannot open /dev/fake: Connection refused")
            raise PortError("lost /dev/fake: Broken pipe", 2)

    bus.hook = gateway_drops
    wait_for(lambda: not worker.is_online(101))
    assert any(
        u.error and u.error.text().startswith("lost /dev/fake")
        for u in rec.meters
        if u.meter_id == 101
    )
    assert worker.stats(101).timeouts == 0  # a dead port is not the meter's fault
    assert worker.state is BusState.PORT_ERROR
    bus.hook = None
    bus.open_error = None
    wait_for(lambda: worker.is_online(101) and worker.is_online(102))


def test_set_meters_changes_what_is_polled(make_worker):
    bus = FakeBus(addresses=(1, 2, 3, 4))
    worker, _ = make_worker(bus=bus, meters=refs(2))
    worker.start()
    wait_for(lambda: worker.is_online(102))
    worker.set_meters([MeterRef(104, 4, "SN4")])
    wait_for(lambda: worker.is_online(104))
    with bus.lock:
        bus.log.clear()
    wait_for(lambda: len(bus.log) >= 5)
    with bus.lock:
        assert {a for _, a in bus.log} == {4}


@pytest.mark.allow_log_warnings  # the refusal is logged as a warning, as it should be
def test_a_worker_whose_lease_is_gone_refuses_jobs_and_sends_nothing():
    """Issue #6: a process that lost the bus's lease (stalled past it) must not send commands."""
    from app.errors import NotBusOwner

    owned = {"yes": False}
    sent = []
    worker = BusWorker(
        BusConfig(1, "b", "loopback"), [], b"k" * 32, poll=False, fence=lambda: owned["yes"]
    )
    worker.start()
    try:
        with pytest.raises(NotBusOwner):
            worker.submit(lambda link: sent.append(1)).result(5)
        owned["yes"] = True
        worker.submit(lambda link: sent.append(2)).result(5)
    finally:
        worker.stop()
    assert sent == [2]


@pytest.mark.allow_log_warnings
def test_an_answer_that_does_not_decode_is_said_as_such_not_as_offline(make_worker, caplog):
    """A profile's decoding bug must not pass for a dead meter (issue #10)."""
    from app.serial_io.worker import UNDECODABLE

    class Undecodable(FakeBus):
        def read_registers(self, address, start, count):
            regs = super().read_registers(address, start, count)
            return regs[:-1] if address == 2 else regs  # one register short: ValueError

    recorder = Recorder()
    worker, _bus = make_worker(Undecodable(), listener=recorder)
    worker.start()
    wait_for(lambda: sum(u.meter_id == 102 for u in recorder.meters) >= 2, timeout=5)
    bad = [u for u in recorder.meters if u.meter_id == 102]
    assert all(u.status is None and u.error.template == UNDECODABLE for u in bad)
    assert bad[0].error.params["profile"] == "default"
    stats = worker.stats(102)
    assert stats.timeouts == 0 and stats.crc_errors >= 2  # not counted as silence
    tracebacks = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert len(tracebacks) == 1  # logged once, with its traceback


def test_new_offline_limit_reaches_a_running_worker_without_a_restart(make_worker):
    """Saving "offline after" in the settings: the running worker uses it from the next miss."""
    slow = PollSettings(offline_after=20, retry_base_s=60, retry_max_s=60, state_flush_s=0.05)
    bus = FakeBus(addresses=(1, 2))  # meter 103 (address 3) never answers
    misses, release = [], threading.Event()

    def hook(op, address):
        if op == "read" and address == 3:
            misses.append(address)
            if len(misses) == 3:
                release.wait(5)  # the third miss is on the wire while the settings change

    bus.hook = hook
    worker, _ = make_worker(bus=bus, settings=slow)
    worker.start()
    wait_for(lambda: len(misses) == 3)
    assert worker.scheduler.retry_in(103) is None  # two misses of twenty: polled in turn
    worker.set_settings(FAST)  # offline after 3
    release.set()
    wait_for(lambda: worker.scheduler.retry_in(103) is not None)
    assert worker.settings is FAST and worker.is_alive()
    assert worker.scheduler.retry_in(103) > 30  # backing off, not polled in turn
    tried = len(misses)
    answered = sum(1 for entry in list(bus.log) if entry == ("read", 1))
    wait_for(lambda: sum(1 for entry in list(bus.log) if entry == ("read", 1)) >= answered + 5)
    assert len(misses) == tried < 20  # offline long before twenty misses


class EngineStore:
    """A poll store whose observer is a real alarm engine (what ``Site`` gives a worker)."""

    def __init__(self, meter_ids) -> None:
        from app.services.alarm_engine import AlarmEngine, MeterContext

        self.engine = AlarmEngine(clear_margin=0, offline_polls=3)
        for meter_id in meter_ids:
            self.engine.set_context(meter_id, MeterContext(1000, 500, True))
        self.started: list[tuple[int, str]] = []
        self.lock = threading.Lock()

    def open(self) -> None: ...
    def flush(self) -> int:
        return 0

    def close(self) -> None: ...
    def add_reading(self, *args) -> None: ...

    def record(self, update) -> None:
        with self.lock:
            self.started += [(c.meter_id, c.kind) for c in self.engine.observe(update) if c.start]


def test_a_port_that_never_opens_raises_an_offline_alarm_for_every_meter(make_worker):
    """A whole bus down (gateway unplugged) is every meter offline: the alarm engine is
    told at each retry, not once, so it reaches ``alarm.offline_polls`` misses."""
    bus = FakeBus()
    bus.open_error = PortError("cannot open /dev/fake: No such file or directory")
    store = EngineStore([101, 102, 103])
    worker, _ = make_worker(bus=bus, store=store)
    worker.PORT_RETRY_S = 0.05
    worker.start()
    wait_for(lambda: len(store.started) == 3)
    assert sorted(store.started) == [(m, "offline") for m in (101, 102, 103)]


def test_a_port_lost_while_polling_raises_offline_alarms(make_worker):
    bus = FakeBus()
    store = EngineStore([101, 102, 103])
    worker, _ = make_worker(bus=bus, store=store)
    worker.PORT_RETRY_S = 0.05
    worker.start()
    wait_for(lambda: worker.is_online(103))
    bus.open_error = PortError("cannot open /dev/fake: Connection refused")
    bus.faults = {a: PortError("lost /dev/fake: Broken pipe", a) for a in (1, 2, 3)}
    wait_for(lambda: len(store.started) == 3)
    assert {m for m, _k in store.started} == {101, 102, 103}

"""qt_bridge: worker updates and job results arrive on the GUI thread as signals."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest

from app.serial_io.events import BusConfig, BusState, MeterRef, PollSettings
from app.serial_io.worker import BusWorker
from app.ui.support.qt_bridge import BusSignals, deliver
from tests.serial_io.test_worker import FakeBus

CONFIG = BusConfig(1, "qt", "/dev/fake", parity="N")


@pytest.fixture
def worker_with_signals(qapp, master_key):
    signals = BusSignals()
    bus = FakeBus()
    worker = BusWorker(
        CONFIG,
        [MeterRef(a, a, f"SN{a}") for a in (1, 2, 3)],
        master_key,
        listener=signals,
        settings=PollSettings(state_flush_s=0.05),
        bus_factory=lambda config: bus,
    )
    yield worker, signals
    worker.stop()


def test_signals_arrive_in_the_gui_thread(qtbot, worker_with_signals):
    worker, signals = worker_with_signals
    gui = threading.current_thread()
    seen = []
    signals.meterUpdated.connect(lambda u: seen.append((u, threading.current_thread())))
    with qtbot.waitSignal(signals.busUpdated, timeout=5000, check_params_cb=lambda b: b.cycle_s):
        worker.start()
    qtbot.waitUntil(lambda: {u.meter_id for u, _ in seen} == {1, 2, 3}, timeout=5000)
    assert all(thread is gui for _, thread in seen)
    assert seen[0][0].status is not None


def test_deliver_calls_back_on_the_gui_thread(qtbot, worker_with_signals):
    worker, _ = worker_with_signals
    worker.start()
    gui = threading.current_thread()
    got = []

    def job(link):
        return threading.current_thread().name

    deliver(worker.submit(job), lambda f: got.append((f.result(), threading.current_thread())))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    name, thread = got[0]
    assert name == worker.name and thread is gui


def test_deliver_of_a_failed_or_already_done_future_still_queues(qtbot, qapp):
    done: Future = Future()
    done.set_exception(ValueError("refused"))
    got = []
    deliver(done, lambda f: got.append(type(f.exception())))
    assert got == []  # never called inside deliver()
    qtbot.waitUntil(lambda: got == [ValueError], timeout=2000)


def test_stopped_state_is_signalled(qtbot, worker_with_signals):
    worker, signals = worker_with_signals
    worker.start()
    qtbot.waitUntil(lambda: worker.is_online(1), timeout=5000)
    with qtbot.waitSignal(
        signals.busUpdated, timeout=5000, check_params_cb=lambda b: b.state is BusState.STOPPED
    ):
        worker.stop()


def test_worker_threads_only_queue_and_the_gui_emits_the_newest(qtbot, qapp):
    from app.serial_io.events import MeterUpdate
    from app.serial_io.meter_data import CommStats

    signals = BusSignals()
    seen = []
    signals.meterUpdated.connect(
        lambda u: seen.append((u.meter_id, u.at, threading.current_thread()))
    )

    def report():
        for at in (1.0, 2.0, 3.0):
            signals.meter_updated(MeterUpdate(1, 7, 7, True, None, CommStats(), at))
        signals.meter_updated(MeterUpdate(1, 8, 8, True, None, CommStats(), 1.5))

    t = threading.Thread(target=report)
    t.start()
    t.join()
    assert seen == []  # nothing emitted from the reporting thread
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=2000)
    gui = threading.current_thread()
    assert [(m, at) for m, at, _ in seen] == [(7, 3.0), (8, 1.5)]  # newest per meter
    assert all(thread is gui for _, _, thread in seen)


def test_worker_drops_its_listener_when_stopped(worker_with_signals):
    worker, _signals = worker_with_signals
    worker.start()
    worker.stop()
    assert worker.listener is None  # a QObject is never freed from a worker thread

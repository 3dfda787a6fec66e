"""Job rows and leases on the PostgreSQL server (several PCs, issue #17).

Claims lock rows, not the site (``FOR UPDATE SKIP LOCKED``); the owner and the
submitter are woken by LISTEN/NOTIFY, and a listener whose connection is cut
listens again; leases use the server's clock and wait for a lease of another host.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import Future

import psycopg
import pytest

from app.models import Building, Bus, BusJob, BusLease, JobState, pg, site
from app.models.base import db
from app.serial_io.events import Priority
from app.services import bus_jobs, bus_lease, job_wakeup
from app.services.job_kinds import read_balance_job

pytestmark = pytest.mark.parametrize("database", ["postgresql"], indirect=True)


@pytest.fixture
def bus(database):
    return Bus.create(name="b1", port="socket://x:1", building=Building.create(name="B"))


def _submit(bus_id: int, n: int = 1) -> list[int]:
    return [
        bus_jobs.submit_row(bus_id, read_balance_job(7), Priority.OPERATOR, "read", 60)
        for _ in range(n)
    ]


def test_a_claim_skips_a_row_another_claimer_holds_and_never_waits_for_the_write_lock(bus):
    first, second = _submit(bus.id, 2)
    with psycopg.connect(db.obj.database, autocommit=False) as other:
        other.execute("SELECT id FROM bus_job WHERE id = %s FOR UPDATE", (first,))
        pg_lock = "SELECT pg_advisory_xact_lock(%s)"
        other.execute(pg_lock, (pg.WRITE_LOCK_KEY,))  # a cashier's sale in its transaction
        started = time.monotonic()
        rows = bus_jobs._claim([bus.id])
        assert time.monotonic() - started < 1.0
        assert [r.id for r in rows] == [second]
    assert [r.id for r in bus_jobs._claim([bus.id])] == [first]  # released: now it is claimed


def test_two_claimers_never_take_one_row(bus):
    ids = set(_submit(bus.id, 120))
    claimed: list[list[int]] = [[], []]
    barrier = threading.Barrier(2)

    def claimer(mine: list[int]) -> None:
        barrier.wait()
        for _ in range(200):
            mine.extend(r.id for r in bus_jobs._claim([bus.id]))
        db.close()

    threads = [threading.Thread(target=claimer, args=(c,)) for c in claimed]
    adder = threading.Thread(target=lambda: (ids.update(_submit(bus.id, 80)), db.close()))
    for t in [*threads, adder]:
        t.start()
    for t in [*threads, adder]:
        t.join(60)
    a, b = claimed
    assert not set(a) & set(b)
    assert len(a) == len(set(a)) and len(b) == len(set(b))  # none twice by one claimer
    assert len(a) + len(b) >= 120  # the rows queued before they began were all claimed
    rest = list(BusJob.select().where(BusJob.state == JobState.QUEUED))
    assert set(a) | set(b) | {r.id for r in rest} == ids


def _listening() -> job_wakeup.Listener:
    found = job_wakeup.listener()
    assert found.connected.wait(10)
    return found


def test_a_row_wakes_the_owner_and_its_finish_wakes_the_submitter_at_once(bus):
    _listening()
    queued, finished = threading.Event(), threading.Event()
    assert job_wakeup.subscribe(job_wakeup.QUEUED, queued) == job_wakeup.FALLBACK_S
    job_wakeup.subscribe(job_wakeup.FINISHED, finished)
    watcher = bus_jobs.JobWatcher()
    watcher.start()
    try:
        [job_id] = _submit(bus.id)
        assert queued.wait(0.8) and not finished.is_set()
        future: Future = Future()
        watcher.watch(job_id, future)
        time.sleep(0.1)  # the watcher has looked once and waits now
        started = time.monotonic()
        from tests.services.test_bus_jobs import InlineWorker

        assert bus_jobs.claim_and_run({bus.id: InlineWorker(balance=55)}) == 1
        assert future.result(timeout=5) == 55
        assert time.monotonic() - started < 0.8  # notified: not the fallback poll of 1 s
    finally:
        watcher.stop()


@pytest.mark.allow_log_warnings
def test_a_listener_whose_connection_is_cut_listens_again(bus, caplog):
    listener = _listening()
    queued = threading.Event()
    job_wakeup.subscribe(job_wakeup.QUEUED, queued)
    with psycopg.connect(db.obj.database, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN%%'"
        )
    deadline = time.monotonic() + 10
    while listener.connected.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connected.wait(10) and listener.is_alive()
    queued.clear()
    _submit(bus.id)
    assert queued.wait(1.0)
    assert "job wake-ups: connection lost" in caplog.text


def test_a_lease_of_another_host_is_taken_only_when_expired_by_the_server_clock(bus, monkeypatch):
    now = pg.server_now(db.obj)
    BusLease.create(
        bus=bus.id,
        owner="other-pc:4000000:abcd",  # no such pid here: says nothing of another PC
        kind="collector",
        acquired_at=now,
        expires_at=now + dt.timedelta(seconds=30),
    )
    # This PC's clock is an hour ahead: the server's clock still says the lease lives.
    monkeypatch.setattr(site, "utcnow", lambda: now + dt.timedelta(hours=1))
    assert not bus_lease.try_acquire(bus.id, "collector")
    assert bus_lease.holder(bus.id).owner == "other-pc:4000000:abcd"
    BusLease.update(expires_at=now - dt.timedelta(seconds=1)).execute()
    assert bus_lease.try_acquire(bus.id, "collector")
    assert BusLease.get().owner == bus_lease.OWNER

"""PollStore: batched MeterState rows, readings, only valid statuses stored."""

from __future__ import annotations

import threading

import pytest

from app.messages import Message
from app.models import Building, Bus, Meter, MeterState, Reading, db
from app.serial_io.events import MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus
from app.serial_io.poll_store import PollStore, load_status, utc_naive

BOTH_DATABASES = True

AT = 1_767_225_600.0


def make_meters(n=2) -> list[int]:
    bus = Bus.create(name="b", building=Building.create(name="B"), port="/dev/x")
    return [Meter.create(number=f"M{i}", bus=bus, address=i).id for i in range(1, n + 1)]


def update(meter_id, status=None, online=True, at=AT, **stats) -> MeterUpdate:
    return MeterUpdate(1, meter_id, meter_id, online, status, CommStats(**stats), at)


def test_batches_state_and_keeps_last_valid_status(database):
    m1, m2 = make_meters()
    store = PollStore()
    store.open()
    good = MeterStatus(balance=1234, purchase_count=3, relay_open=True)
    store.record(update(m1, good, answers=1))
    store.record(
        update(m1, None, online=True, at=AT + 5, answers=1, timeouts=1, last_error=Message("x"))
    )
    store.record(update(m2, None, online=False, timeouts=3))
    assert MeterState.select().count() == 0  # nothing until the flush
    assert store.flush() == 2
    row1 = MeterState.get_by_id(m1)
    assert load_status(row1.status_json) == good
    assert row1.updated_at == utc_naive(AT)  # the time of the valid answer, not of the miss
    assert (row1.answers, row1.timeouts) == (1, 1)
    assert Message.from_json(row1.last_error) == Message("x")
    row2 = MeterState.get_by_id(m2)
    assert row2.status_json == "" and not row2.online and row2.timeouts == 3
    # A later miss keeps the stored status; only online and the counters change.
    store.record(update(m1, None, online=False, answers=1, timeouts=4))
    store.flush()
    row1 = MeterState.get_by_id(m1)
    assert load_status(row1.status_json) == good and not row1.online and row1.timeouts == 4
    assert store.flush() == 0


def test_readings_written_with_the_batch(database):
    (m1,) = make_meters(1)
    store = PollStore()
    store.open()
    status = MeterStatus(energy_total=12345, energy_valley=45, balance=-20, power=800)
    store.add_reading(m1, status, AT)
    store.record(update(m1, status))
    assert store.flush() == 2
    reading = Reading.get()
    assert (reading.energy_total, reading.energy_valley, reading.balance) == (12345, 45, -20)
    assert reading.taken_at == utc_naive(AT) and reading.power == 800
    assert store.readings_written == 1


def test_a_deleted_meter_does_not_lose_the_others_rows(database):
    m1, m2 = make_meters()
    store = PollStore()
    store.open()
    store.record(update(m1, MeterStatus(balance=1)))
    store.record(update(m2, MeterStatus(balance=2)))
    store.add_reading(m2, MeterStatus(balance=2), AT)
    Meter.delete_by_id(m1)
    store.flush()
    assert [r.meter_id for r in MeterState.select()] == [m2]
    assert Reading.select().count() == 1


def test_works_from_another_thread_with_its_own_connection(database):
    (m1,) = make_meters(1)
    store = PollStore()
    errors = []

    def worker():
        try:
            store.open()
            store.record(update(m1, MeterStatus(balance=77)))
            store.flush()
            store.close()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert not errors
    assert load_status(MeterState.get_by_id(m1).status_json).balance == 77
    assert not db.is_closed()  # the main thread's connection is untouched


def test_opens_the_database_from_a_path(tmp_path):
    from app.models import close_database, open_database

    path = tmp_path / "site.db"
    open_database(path, create=True)
    (m1,) = make_meters(1)
    close_database()
    try:
        store = PollStore(path)
        store.open()
        store.record(update(m1, MeterStatus(balance=5)))
        store.flush()
        other = PollStore(tmp_path / "other.db")
        with pytest.raises(Exception, match="another database"):
            other.open()
    finally:
        close_database()


def test_load_status_of_bad_rows():
    assert load_status("") is None
    assert load_status("{not json") is None
    assert load_status('{"unknown_field": 1}') is None


def test_a_failed_poll_stores_its_message_and_it_loads_back_the_same(database, master_key):
    """The worker's error reaches the MeterState row as data, not as an English sentence."""
    from app.errors import DAMAGED_ANSWER_DETAIL, BadFrame
    from app.serial_io.events import BusConfig, MeterRef, PollSettings
    from app.serial_io.worker import BusWorker
    from tests.serial_io.test_worker import FakeBus

    m1, _ = make_meters()
    bus = FakeBus(addresses=(1,))
    bus.faults[1] = BadFrame(DAMAGED_ANSWER_DETAIL, 1, detail="CRC")
    worker = BusWorker(
        BusConfig(1, "b", "/dev/x", parity="N"),
        [MeterRef(m1, 1, "SN1")],
        master_key,
        settings=PollSettings(retry_base_s=60, retry_max_s=60, state_flush_s=0.05),
        bus_factory=lambda config: bus,
        store=PollStore(),
    )
    worker.start()
    try:
        update = worker.poll_now(m1).result(5)
    finally:
        worker.stop()
    expected = Message(DAMAGED_ANSWER_DETAIL, {"address": "1", "detail": "CRC"})
    assert update.error == expected and update.stats.last_error == expected
    row = MeterState.get_by_id(m1)
    assert Message.from_json(row.last_error) == expected
    assert Message.from_json(row.last_error).text() == "damaged answer from meter 1: CRC"


def test_an_old_plain_text_last_error_still_loads(database):
    (m1,) = make_meters(1)
    MeterState.create(meter=m1, online=False, last_error="meter 1 did not answer")
    stored = MeterState.get_by_id(m1).last_error
    assert Message.from_json(stored) == Message("meter 1 did not answer")
    assert Message.from_json(stored).text() == "meter 1 did not answer"


_TXN = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class _CountingCursor:
    def __init__(self, cursor, calls: list) -> None:
        self._cursor, self._calls = cursor, calls

    def execute(self, sql, *args):
        if not sql.startswith(_TXN):
            self._calls.append(sql)
        return self._cursor.execute(sql, *args)

    def executemany(self, sql, *args):
        self._calls.append(sql)
        return self._cursor.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def test_a_flush_is_a_few_statements_not_one_a_meter(database, monkeypatch):
    """Fifty meters' states go in batched statements (issue #9: 0.3 ms a row through the ORM)."""
    ids = make_meters(50)
    store = PollStore()
    store.open()
    for i, meter_id in enumerate(ids):
        status = MeterStatus(balance=i) if i % 2 else None
        store.record(update(meter_id, status, answers=i))
    calls: list[str] = []
    database = db.obj  # the proxy refuses attributes
    execute_sql, cursor = database.execute_sql, database.cursor

    def counted_sql(sql, params=None, *args, **kwargs):
        if not sql.startswith(_TXN):
            calls.append(sql)
        return execute_sql(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counted_sql)
    monkeypatch.setattr(database, "cursor", lambda *a, **k: _CountingCursor(cursor(*a, **k), calls))
    assert store.flush() == 50
    assert len(calls) <= 2, calls  # with a status and without; it was one statement a row
    assert MeterState.select().count() == 50
    assert load_status(MeterState.get_by_id(ids[1]).status_json) == MeterStatus(balance=1)
    row0 = MeterState.get_by_id(ids[0])
    assert row0.status_json == "" and row0.updated_at is None and row0.answers == 0

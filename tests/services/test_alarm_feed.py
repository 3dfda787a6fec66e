"""The alarm engine in the real poll path: a real BusWorker over the simulator (loopback),
its PollStore with the AlarmFeed, alarm rows appearing and ending, written at the flush."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.models.alarms import Alarm, AlarmKind, Level
from app.serial_io.events import BusConfig, MeterUpdate, PollSettings
from app.serial_io.meter_data import CommStats, MeterStatus
from app.serial_io.poll_store import PollStore
from app.serial_io.worker import BusWorker
from app.services import alarm_store
from app.services.alarm_feed import AlarmFeed
from app.services.contact_checks import ContactChecks
from tests.billing_helpers import make_env, open_meter
from tests.waiting import wait_for

BOTH_DATABASES = True

FAST = PollSettings(
    offline_after=2, reading_interval_s=3600, retry_base_s=0.05, retry_max_s=0.05,
    state_flush_s=0.05,
)  # fmt: skip


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    open_meter(env, env.meter_ids[0], first_sale_fen=5000)
    return env


def start(env) -> BusWorker:
    worker = BusWorker(
        BusConfig(1, "bus1", "loopback", parity="N"),
        list(env.refs.values()),
        env.master,
        settings=FAST,
        store=PollStore(observer=AlarmFeed()),
        bus_factory=lambda _c: env.bus,
        contact=ContactChecks(),
    )
    worker.start()
    return worker


def rows(meter_id, kind):
    return list(Alarm.select().where((Alarm.meter == meter_id) & (Alarm.kind == kind)))


def set_sim(env, meter_id, **values):
    with env.sim.lock:
        meter = env.sim_meter(meter_id)
        for name, value in values.items():
            setattr(meter, name, value)


@pytest.mark.allow_log_warnings
def test_balance_and_offline_alarms_appear_and_end_through_the_bus_worker(env):
    settings.put("alarm.offline_polls", 2)
    m1, m2 = env.meter_ids
    worker = start(env)
    try:
        wait_for(lambda: worker.last_status(m1) is not None, what="first poll")
        set_sim(env, m1, balance=1500)  # below alarm 1 (2000)
        wait_for(lambda: rows(m1, AlarmKind.ALARM1), what="alarm 1 row")
        (alarm,) = rows(m1, AlarmKind.ALARM1)
        assert alarm.ended_at is None and alarm.level == Level.WARNING
        assert alarm.value == 1500 and alarm.sms_state == alarm_store.SMS_WANTED
        set_sim(env, m1, balance=2200)  # above the threshold, within the margin (500)
        polls = worker.stats(m1).answers
        wait_for(lambda: worker.stats(m1).answers > polls + 3)
        assert rows(m1, AlarmKind.ALARM1)[0].ended_at is None
        set_sim(env, m1, balance=9000)
        wait_for(lambda: rows(m1, AlarmKind.ALARM1)[0].ended_at is not None, what="cleared")
        assert len(rows(m1, AlarmKind.ALARM1)) == 1

        env.bus.offline = True
        wait_for(lambda: rows(m1, AlarmKind.OFFLINE), what="offline alarm")
        env.bus.offline = False
        wait_for(lambda: rows(m1, AlarmKind.OFFLINE)[0].ended_at is not None, what="back")
        assert len(rows(m1, AlarmKind.OFFLINE)) == 1
    finally:
        worker.stop()
    assert not rows(m2, AlarmKind.ARREARS)  # unopened at balance 0: no balance alarm
    assert Alarm.select().where(Alarm.sms_state == alarm_store.SMS_WANTED).count() == 1


def test_a_recorded_arrears_is_written_at_the_flush_not_at_each_poll(database):
    env = make_env(b"k" * 32, n_meters=1)
    open_meter(env, env.meter_ids[0])
    (m1,) = env.meter_ids
    store = PollStore(observer=AlarmFeed())
    store.open()
    status = MeterStatus(balance=-10)
    for i in range(20):
        store.record(MeterUpdate(1, m1, 1, True, status, CommStats(answers=i), 1000.0 + i))
    store.flush()  # the first flush reads the meter's context and judges its last update
    assert [(a.kind, a.sms_state) for a in Alarm.select()] == [(AlarmKind.ARREARS, "wanted")]
    for _ in range(20):
        store.record(MeterUpdate(1, m1, 1, True, MeterStatus(balance=8000), CommStats(), 2000.0))
    assert alarm_store.open_alarm(m1, AlarmKind.ARREARS) is not None  # not before the flush
    store.flush()
    assert alarm_store.open_alarm(m1, AlarmKind.ARREARS) is None
    assert Alarm.select().count() == 1


def test_a_restarted_feed_carries_on_with_the_open_alarm(database):
    env = make_env(b"k" * 32, n_meters=1)
    open_meter(env, env.meter_ids[0])
    (m1,) = env.meter_ids
    alarm_store.raise_alarm(m1, AlarmKind.ALARM1, Level.WARNING, value=1900, sms=True)
    Alarm.update(sms_state=alarm_store.SMS_QUEUED).execute()  # the SMS side took it
    store = PollStore(observer=AlarmFeed())
    store.open()
    # 2100: above alarm 1 but within the margin; a fresh engine must not end it
    store.record(MeterUpdate(1, m1, 1, True, MeterStatus(balance=2100), CommStats(), 5.0))
    store.flush()
    store.record(MeterUpdate(1, m1, 1, True, MeterStatus(balance=1000), CommStats(), 6.0))
    store.flush()
    assert [(a.kind, a.ended_at, a.sms_state) for a in Alarm.select()] == [
        (AlarmKind.ALARM1, None, alarm_store.SMS_QUEUED)
    ]


def test_a_failed_flush_keeps_the_alarm_for_the_next(database, monkeypatch):
    env = make_env(b"k" * 32, n_meters=1)
    open_meter(env, env.meter_ids[0])
    (m1,) = env.meter_ids
    feed = AlarmFeed()
    store = PollStore(observer=feed)
    store.open()
    store.record(MeterUpdate(1, m1, 1, True, MeterStatus(balance=-1), CommStats(), 5.0))
    real = feed.write

    def broken(batch, each=False):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(feed, "write", broken)
    with pytest.raises(RuntimeError):
        store.flush()
    assert Alarm.select().count() == 0
    monkeypatch.setattr(feed, "write", real)
    store.record(MeterUpdate(1, m1, 1, True, MeterStatus(balance=-1), CommStats(), 6.0))
    store.flush()
    assert [a.kind for a in Alarm.select()] == [AlarmKind.ARREARS]


def test_a_batch_of_changes_keeps_the_one_open_alarm_rule(database, master_key):
    """apply_changes: a raise of an open kind does nothing, an alarm raised and ended in one
    batch is kept as ended, a raise after that starts a new one; one insert for the lot."""
    env = make_env(master_key, n_meters=2)
    m1, m2 = env.meter_ids
    t = [dt.datetime(2026, 3, 1, 10, i) for i in range(6)]
    alarm_store.raise_alarm(m1, "offline", 2, at=t[0])
    alarm_store.apply_changes(
        [
            (m1, "offline", True, t[1], 2, None, False),  # already open: nothing
            (m2, "alarm1", True, t[1], 1, 1500, True),
            (m2, "alarm1", False, t[2], 1, None, False),  # ended within the batch
            (m2, "alarm1", True, t[3], 1, 1400, True),  # a new episode
            (m1, "offline", False, t[4], 2, None, False),
            (m1, "cover_open", False, t[5], 1, None, False),  # not open: nothing
        ]
    )
    rows = [
        (a.meter_id, a.kind, a.started_at, a.ended_at, a.value, a.sms_state)
        for a in Alarm.select().order_by(Alarm.meter, Alarm.started_at)
    ]
    assert rows == [
        (m1, "offline", t[0], t[4], None, "none"),
        (m2, "alarm1", t[1], t[2], 1500, "wanted"),
        (m2, "alarm1", t[3], None, 1400, "wanted"),
    ]

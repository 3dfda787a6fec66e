"""Issue #13, SMS side: one SMS per alarm level entered, an outbox that survives a restart,
quiet hours, the daily cap per number, back-off and giving up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from app import settings
from app.messages import Message
from app.models import MeterState, Tenant
from app.models.alarms import Alarm, AlarmKind, Level, SmsMessage, SmsState
from app.models.site import utcnow
from app.services import alarm_store, sms_outbox
from tests.billing_helpers import make_env, open_meter, store_state

BOTH_DATABASES = True

PHONE = "13912345678"
# 2026-03-02 in Shanghai (UTC+8): local 10:00 is 02:00 UTC
MORNING = dt.datetime(2026, 3, 2, 2, 0)
NIGHT = dt.datetime(2026, 3, 2, 15, 0)  # local 23:00


@pytest.fixture
def env(database, master_key, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    env = make_env(master_key, n_meters=2, balances={1: 0, 2: 0})
    tenant, _ = open_meter(env, env.meter_ids[0], name="Zhang San Store", first_sale_fen=1500)
    Tenant.update(phone=PHONE).where(Tenant.id == tenant.id).execute()
    status = env.status(env.meter_ids[0])
    store_state(
        env.meter_ids[0], json.dumps(dataclasses.asdict(status)), updated_at=utcnow(), online=True
    )
    env.tenant_id = tenant.id
    return env


def _raise(env, kind, level, value, at, meter=None):
    alarm, _new = alarm_store.raise_alarm(
        meter or env.meter_ids[0], kind, level, value=value, sms=True, at=at
    )
    return alarm


def _drain(now):
    """Send everything due now; returns the messages sent, in order."""
    sent = []
    while (message := sms_outbox.next_due(now)) is not None:
        sms_outbox.mark_sent(message.id, now)
        sent.append(message)
    return sent


def test_one_sms_per_alarm_level_entered_not_per_poll(env):
    at = MORNING
    _raise(env, AlarmKind.ALARM1, Level.WARNING, 1500, at)
    assert sms_outbox.dispatch_wanted(at) == 1
    for _poll in range(5):  # the engine raising the same level again: the open alarm, no SMS
        _raise(env, AlarmKind.ALARM1, Level.WARNING, 1400, at)
        assert sms_outbox.dispatch_wanted(at) == 0
    _raise(env, AlarmKind.ALARM2, Level.SERIOUS, 400, at)
    _raise(env, AlarmKind.ARREARS, Level.CRITICAL, -100, at)
    assert sms_outbox.dispatch_wanted(at) == 2
    messages = list(SmsMessage.select().order_by(SmsMessage.id))
    assert [m.kind for m in messages] == ["alarm1", "alarm2", "arrears"]
    assert all(m.phone == PHONE and m.tenant_id == env.tenant_id for m in messages)
    assert "15.00" in messages[0].body and "M001" in messages[0].body
    assert "-1.00" in messages[2].body
    assert {a.sms_state for a in Alarm.select()} == {alarm_store.SMS_QUEUED}
    assert [m.kind for m in _drain(at)] == ["alarm1", "alarm2", "arrears"]


def test_no_phone_or_sms_off_skips_the_alarm(env):
    _raise(env, AlarmKind.ALARM1, Level.WARNING, 1500, MORNING, meter=env.meter_ids[1])  # no tenant
    settings.put("sms.enabled", False)
    _raise(env, AlarmKind.ALARM2, Level.SERIOUS, 400, MORNING)
    assert sms_outbox.dispatch_wanted(MORNING) == 0
    assert {a.sms_state for a in Alarm.select()} == {alarm_store.SMS_SKIPPED}
    assert SmsMessage.select().count() == 0


def test_restart_with_queued_and_sending_messages(env):
    for kind, level in ((AlarmKind.ALARM1, 1), (AlarmKind.ALARM2, 2)):
        _raise(env, kind, level, 300, MORNING)
    sms_outbox.dispatch_wanted(MORNING)
    caught = sms_outbox.next_due(MORNING)  # the process dies while the modem sends this one
    assert caught.state == SmsState.SENDING and caught.attempts == 1
    assert sms_outbox.next_due(MORNING).kind == "alarm2"  # also caught sending
    # restart: nothing is lost, nothing stays "sending"
    assert sms_outbox.recover_sending() == 2
    assert {m.state for m in SmsMessage.select()} == {SmsState.QUEUED}
    assert [m.kind for m in _drain(MORNING)] == ["alarm1", "alarm2"]
    assert {m.state for m in SmsMessage.select()} == {SmsState.SENT}


def test_quiet_hours_hold_alarms_until_they_end(env):
    settings.put("sms.quiet_start", "22:00")
    settings.put("sms.quiet_end", "08:00")
    _raise(env, AlarmKind.ALARM1, Level.WARNING, 1500, NIGHT)
    sms_outbox.dispatch_wanted(NIGHT)
    assert sms_outbox.next_due(NIGHT) is None
    assert sms_outbox.next_due(NIGHT + dt.timedelta(hours=8, minutes=59)) is None  # 07:59
    assert sms_outbox.quiet_until(NIGHT) == dt.datetime(2026, 3, 3, 0, 0)  # 08:00 local
    assert [m.kind for m in _drain(dt.datetime(2026, 3, 3, 0, 0))] == ["alarm1"]


def test_an_alarm_sms_held_overnight_says_the_balance_of_the_morning(env):
    settings.put("sms.language", "en")
    _raise(env, AlarmKind.ALARM1, Level.WARNING, 1500, NIGHT)
    sms_outbox.dispatch_wanted(NIGHT)
    assert "15.00" in SmsMessage.get().body
    status = dataclasses.replace(env.status(env.meter_ids[0]), balance=900)
    MeterState.update(status_json=json.dumps(dataclasses.asdict(status))).where(
        MeterState.meter == env.meter_ids[0]
    ).execute()  # the shop used power overnight
    (sent,) = _drain(dt.datetime(2026, 3, 3, 0, 0))
    assert "9.00" in sent.body and "15.00" not in sent.body
    assert SmsMessage.get_by_id(sent.id).body == sent.body  # the record says what went


def test_an_alarm_over_before_its_quiet_hours_end_is_not_sent(env):
    _raise(env, AlarmKind.ALARM1, Level.WARNING, 1500, NIGHT)
    sms_outbox.dispatch_wanted(NIGHT)
    alarm_store.clear_alarm(env.meter_ids[0], AlarmKind.ALARM1, at=NIGHT + dt.timedelta(hours=2))
    assert _drain(dt.datetime(2026, 3, 3, 0, 0)) == []
    message = SmsMessage.get()
    assert message.state == SmsState.FAILED
    assert Message.from_json(message.error).text() == sms_outbox.ALARM_OVER


def test_daily_cap_per_number_waits_for_the_next_day(env):
    settings.put("sms.daily_cap", 2)
    for i in range(3):
        sms_outbox.queue(PHONE, f"note {i}", AlarmKind.ALARM1, at=MORNING)
    sms_outbox.queue("13800000000", "other phone", AlarmKind.ALARM1, at=MORNING)
    sent = _drain(MORNING)
    assert [m.body for m in sent] == ["note 0", "note 1", "other phone"]
    held = SmsMessage.get(SmsMessage.body == "note 2")
    assert held.state == SmsState.QUEUED
    assert held.next_try_at == dt.datetime(2026, 3, 2, 16, 0)  # local midnight
    assert _drain(dt.datetime(2026, 3, 2, 15, 59)) == []
    assert [m.body for m in _drain(dt.datetime(2026, 3, 3, 0, 0))] == ["note 2"]


def test_failed_send_backs_off_then_gives_up(env):
    settings.put("sms.retry_base_s", 60)
    settings.put("sms.max_attempts", 3)
    sms_outbox.queue(PHONE, "hello", AlarmKind.ALARM1, at=MORNING)
    at = MORNING
    waits = []
    for _try in range(3):
        message = sms_outbox.next_due(at)
        assert message is not None
        state = sms_outbox.mark_failed(message.id, Message("+CMS ERROR 500"), at=at)
        row = SmsMessage.get_by_id(message.id)
        if state == SmsState.QUEUED:
            waits.append((row.next_try_at - at).total_seconds())
            assert sms_outbox.next_due(at) is None  # not before next_try_at
            at = row.next_try_at
    assert waits == [60, 120]
    assert state == SmsState.FAILED and row.attempts == 3
    assert Message.from_json(row.error).text() == "gave up after 3 tries: +CMS ERROR 500"
    assert sms_outbox.next_due(at + dt.timedelta(days=1)) is None


def test_a_permanent_failure_gives_up_at_once(env):
    sms_outbox.queue(PHONE, "hello", AlarmKind.ALARM1, at=MORNING)
    message = sms_outbox.next_due(MORNING)
    assert sms_outbox.mark_failed(message.id, Message("bad number"), permanent=True) == "failed"


def test_a_send_the_modem_failed_is_put_back_without_a_try_counted(env):
    settings.put("sms.max_attempts", 2)
    sms_outbox.queue(PHONE, "arrears", AlarmKind.ARREARS, at=MORNING)
    for _outage in range(5):  # a modem losing its network again and again
        message = sms_outbox.next_due(MORNING)
        assert message is not None
        sms_outbox.put_back(message.id, Message("no network"), at=MORNING)
    row = SmsMessage.get_by_id(message.id)
    assert row.state == SmsState.QUEUED and row.attempts == 0
    assert Message.from_json(row.error).text() == "no network"
    assert [m.body for m in _drain(MORNING)] == ["arrears"]

"""Issue #13 end to end: an alarm a tenant must hear of reaches the tenant's phone through the
real outbox, the real modem worker and the simulated modem, in Chinese (UCS2), once; and a
tenant who texts "余额" from the number on the account gets the balance back.

Nothing here is a fake: ``SmsService`` runs with ``sms_outbox`` and ``sms_inbox`` against
the database, the driver talks AT/PDU over TCP to ``SimModem``.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from app import settings
from app.models import SmsMessage, Tenant
from app.models.alarms import Alarm, AlarmKind, Level, SmsState
from app.models.site import utcnow
from app.serial_io.simulator.modem import ModemServer, SimModem
from app.services import alarm_store
from app.services.sms_service import SmsService
from tests.billing_helpers import make_env, open_meter, store_state
from tests.waiting import wait_for

PHONE = "13912345678"
FAST = {"retry_s": 0.2, "idle_s": 0.05, "status_every_s": 0.3}


@pytest.fixture
def site_with_modem(database, master_key):
    env = make_env(master_key, n_meters=1)
    tenant, _ = open_meter(env, env.meter_ids[0], name="张三百货", first_sale_fen=1500)
    Tenant.update(phone=PHONE).where(Tenant.id == tenant.id).execute()
    status = env.status(env.meter_ids[0])
    store_state(
        env.meter_ids[0], json.dumps(dataclasses.asdict(status)), updated_at=utcnow(), online=True
    )
    settings.put("sms.quiet_start", "00:00")  # no quiet hours: the test runs at any hour
    settings.put("sms.quiet_end", "00:00")
    modem = SimModem()
    with ModemServer(modem) as server:
        settings.put("modem.port", server.url)
        service = SmsService("gui", worker_options=FAST).start()
        try:
            yield env, modem
        finally:
            service.stop()


def test_an_alarm_reaches_the_tenants_phone_once_in_chinese(site_with_modem):
    env, modem = site_with_modem
    meter_id = env.meter_ids[0]
    alarm, new = alarm_store.raise_alarm(
        meter_id, AlarmKind.ALARM1, Level.WARNING, value=1500, sms=True
    )
    assert new
    alarm_store.raise_alarm(meter_id, AlarmKind.ALARM1, Level.WARNING, value=1400, sms=True)
    wait_for(lambda: len(modem.received) >= 1, 20, "the SMS at the phone")
    got = modem.received[0]
    assert got["to"].endswith(PHONE)
    assert "张三百货" in got["text"] and "15.00" in got["text"]  # UCS2 came through whole
    message = wait_for(
        lambda: SmsMessage.get_or_none(
            (SmsMessage.alarm == alarm.id) & (SmsMessage.state == SmsState.SENT)
        ),
        10,
        "the outbox row marked sent",
    )
    assert message.body == got["text"]
    assert Alarm.get_by_id(alarm.id).sms_state == "queued"
    assert len(modem.received) == 1  # the repeated raise made no second SMS


def test_a_balance_query_texted_to_the_modem_is_answered(site_with_modem):
    _env, modem = site_with_modem
    modem.deliver("+86" + PHONE, "余额")
    wait_for(lambda: modem.received, 20, "the reply at the phone")
    reply = modem.received[0]
    assert reply["to"].endswith(PHONE) and "余额15.00元" in reply["text"]
    incoming = SmsMessage.get(SmsMessage.direction == "in")
    assert incoming.state == SmsState.ANSWERED and incoming.body == "余额"


def test_an_unknown_number_gets_nothing(site_with_modem):
    _env, modem = site_with_modem
    modem.deliver("+8613700000000", "余额")
    wait_for(
        lambda: SmsMessage.get_or_none(
            (SmsMessage.direction == "in") & (SmsMessage.state == SmsState.IGNORED)
        ),
        20,
        "the incoming message handled",
    )
    assert modem.received == []

"""The SMS service: the modem lease, its status JSON, the site's MODEM alarm, start(site)."""

from __future__ import annotations

import datetime as dt
import json
import time
from types import SimpleNamespace

import pytest

from app import settings
from app.models import ServiceLease
from app.models.alarms import Alarm, AlarmKind
from app.models.site import utcnow
from app.serial_io.simulator.modem import ModemServer, SimModem
from app.services import alarm_store, service_lease, sms_service
from app.services.sms_service import LEASE, SmsService
from tests.serial_io.modem_fakes import ListOutbox
from tests.waiting import wait_for

FAST = {"retry_s": 0.2, "idle_s": 0.05, "status_every_s": 0.3}


@pytest.fixture
def sim(database):
    modem = SimModem()
    with ModemServer(modem) as server:
        settings.put("modem.port", server.url)
        yield modem, server


def service(outbox=None, inbox=None) -> SmsService:
    return SmsService(
        "gui",
        outbox_factory=lambda: outbox or ListOutbox(),
        inbox=inbox or (lambda phone, text, at: None),
        worker_options=FAST,
    )


def modem_alarm():
    return alarm_store.open_alarm(None, AlarmKind.MODEM)


def test_start_without_a_modem_port_runs_nothing(database):
    assert sms_service.start(SimpleNamespace(role="gui", paths=None)) is None


def test_the_holder_writes_the_modem_status_into_its_lease(sim):
    modem, _server = sim
    outbox = ListOutbox([("+8613800138000", "电费余额不足")])
    svc = service(outbox).start()
    try:
        wait_for(lambda: outbox.states() == ["sent"], 10, "sent")
        status = wait_for(
            lambda: (s := sms_service.modem_status()) and s.get("sent") == 1 and s, 10, "status"
        )
    finally:
        svc.stop()
    assert status["state"] == "ok" and status["bars"] == 4 and status["registration"] == "home"
    assert modem.received[0]["text"] == "电费余额不足"
    assert service_lease.holder(LEASE) is None  # released on stop
    assert sms_service.modem_status() is None


def test_another_live_holder_keeps_the_modem_until_its_lease_lapses(sim):
    _modem, _server = sim
    ServiceLease.create(
        name=LEASE, owner="elsewhere:1:x", kind="collector",
        expires_at=utcnow() + dt.timedelta(seconds=1.5), status_json="",
    )  # fmt: skip
    svc = service().start()
    try:
        time.sleep(0.5)
        assert svc.worker is None  # the other process has it
        wait_for(lambda: svc.worker is not None, 10, "the take-over")
        wait_for(lambda: (sms_service.modem_status() or {}).get("state") == "ok", 10, "ok")
    finally:
        svc.stop()
    assert service_lease.holder(LEASE) is None  # released on stop


def test_a_modem_fault_raises_the_site_alarm_and_clearing_it_ends_it(sim):
    modem, _server = sim
    modem.faults.add("no_sim")
    svc = service().start()
    try:
        alarm = wait_for(modem_alarm, 10, "the MODEM alarm")
        status = json.loads(ServiceLease.get(ServiceLease.name == LEASE).status_json)
        assert status["state"] == "no_sim" and status["bars"] == 0
        modem.faults.clear()
        wait_for(lambda: modem_alarm() is None, 10, "the alarm cleared")
    finally:
        svc.stop()
    ended = Alarm.get_by_id(alarm.id)
    assert ended.meter is None and ended.level == 2 and ended.ended_at is not None
    assert "no SIM card" in ended.detail


@pytest.mark.allow_log_warnings
def test_a_modem_alarm_the_database_refused_once_is_raised_at_the_next_status(sim, monkeypatch):
    """Only a change of state raised or cleared the alarm: a busy database at that one
    moment left a modem without a SIM with no alarm for as long as it stayed so."""
    modem, _server = sim
    modem.faults.add("no_sim")
    real, calls = sms_service.keep_alarm, []

    def busy_once(status, at=None):
        calls.append(status["state"])
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        real(status, at)

    monkeypatch.setattr(sms_service, "keep_alarm", busy_once)
    svc = service().start()
    try:
        wait_for(modem_alarm, 10, "the MODEM alarm after the refusal")
    finally:
        svc.stop()

"""A stand-in tenant service for the mobile site's tests: two tenants, one meter each.

It keeps the service's contract (tenant_access / tenant_view / tenant_control
signatures, "not found" for another tenant's meter, a lock after five wrong
PINs, futures for switches) so the portal's own guards are tested apart from
the service's rules, which the service's tests cover.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from concurrent.futures import Future

from app.errors import PemError
from app.messages import Message
from app.services import tenant_access, tenant_control, tenant_view
from app.services.credit_forecast import Forecast
from app.services.tenant_access import TenantActor
from app.services.tenant_view import DayUsage, MeterView, MonthUsage, RechargeRow, ServiceState

EVIL_NAME = '<script>alert("x")</script>王记'
ALICE = TenantActor(1, "000001", "张记面馆")
MALLORY = TenantActor(2, "000002", EVIL_NAME)


class FakeTenants:
    def __init__(self) -> None:
        self.pins = {"000001": "1000", "000002": "2000"}
        self.actors = {"000001": ALICE, "000002": MALLORY}
        self.meter_of = {1: 11, 2: 22}
        self.relay_open = {11: False, 22: False}
        self.failures: dict[str, int] = {}
        self.sources: list[str] = []
        self.sessions: dict[str, TenantActor] = {}
        self.live = True
        self.switch_delay = 0.0
        self.forecast = Forecast(9.6, None)
        self.lock = threading.Lock()

    def install(self, monkeypatch) -> FakeTenants:
        for module, names in (
            (tenant_access, ("sign_in", "change_pin", "start_session", "session_tenant")),
            (tenant_access, ("end_session",)),
            (tenant_view, ("my_meters", "daily_usage", "monthly_totals", "recharges")),
            (tenant_view, ("sms_record", "service_state", "usage")),
            (tenant_control, ("refresh_balance", "switch_off", "switch_on")),
        ):
            for name in names:
                monkeypatch.setattr(module, name, getattr(self, name))
        return self

    # ---- access
    def sign_in(self, identifier, pin, source, now=None):
        self.sources.append(source)
        with self.lock:
            if self.failures.get(identifier, 0) >= 5:
                raise PemError("Too many wrong PINs: try again in {minutes} minutes", minutes=5)
            if self.pins.get(identifier) != pin:
                self.failures[identifier] = self.failures.get(identifier, 0) + 1
                raise PemError("Wrong account or PIN")
            self.failures.pop(identifier, None)
        return self.actors[identifier]

    def change_pin(self, who, old_pin, new_pin):
        if self.pins[who.account_no] != old_pin:
            raise PemError("Wrong account or PIN")
        self.pins[who.account_no] = new_pin
        for token in [t for t, a in self.sessions.items() if a == who]:
            del self.sessions[token]

    def start_session(self, who, source):
        token = secrets.token_urlsafe(32)
        self.sessions[token] = who
        return token

    def session_tenant(self, token, now=None):
        return self.sessions.get(token)

    def end_session(self, token):
        self.sessions.pop(token, None)

    # ---- views
    def _mine(self, who, meter_id):
        if self.meter_of.get(who.tenant_id) != meter_id:
            raise PemError("No such meter")
        return meter_id

    def my_meters(self, who, use_rates=None, state=None):
        meter_id = self.meter_of[who.tenant_id]
        off = self.relay_open[meter_id]
        return [
            MeterView(
                meter_id=meter_id,
                number=f"M{meter_id:03d}",
                location=f"{meter_id}号铺 <b>bold</b>",
                prepaid=True,
                balance=12345 if meter_id == 11 else 999,
                balance_at=dt.datetime(2026, 12, 1, 8, 30),
                online=True,
                relay_open=off,
                forecast=self.forecast,
                can_switch_off=not off,
                can_switch_on=off,
                switch_note=None,
            )
        ]

    def daily_usage(self, who, meter_id, days=30):
        self._mine(who, meter_id)
        start = dt.date(2026, 11, 2)
        return [
            DayUsage(start + dt.timedelta(days=i), None if i == 7 else 800 + 37 * (i % 9),
                     None if i == 7 else 640 + 30 * (i % 9), i != 7)
            for i in range(days)
        ]  # fmt: skip

    def usage(self, who, meter_id, days=30, months=12):
        return self.daily_usage(who, meter_id, days), self.monthly_totals(who, meter_id, months)

    def monthly_totals(self, who, meter_id, months=12):
        self._mine(who, meter_id)
        return [MonthUsage(dt.date(2026, 11, 1), 25_000, 20_000, 1),
                MonthUsage(dt.date(2026, 12, 1), 1_000, 800, 0)]  # fmt: skip

    def recharges(self, who, limit=50):
        number = f"M{self.meter_of[who.tenant_id]:03d}"
        return [RechargeRow(dt.datetime(2026, 11, 20, 2, 0), number, 20_000, "sale", "R-1")]

    def sms_record(self, who, limit=50):
        return []

    def service_state(self):
        if self.live:
            return ServiceState(True, None)
        return ServiceState(False, Message("read only: the collection service is not running"))

    # ---- control
    def _done_later(self, change) -> Future:
        future: Future = Future()

        def finish():
            if not future.set_running_or_notify_cancel():
                return  # cancelled before it ran, as a job row nobody started
            change()
            future.set_result(None)

        threading.Timer(self.switch_delay, finish).start()
        return future

    def refresh_balance(self, who, meter_id, site):
        self._mine(who, meter_id)
        return self._done_later(lambda: None)

    def switch_off(self, who, meter_id, site):
        self._mine(who, meter_id)
        return self._done_later(lambda: self.relay_open.__setitem__(meter_id, True))

    def switch_on(self, who, meter_id, site):
        self._mine(who, meter_id)
        return self._done_later(lambda: self.relay_open.__setitem__(meter_id, False))

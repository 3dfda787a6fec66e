"""A provider double for the order and crediting tests: it says what the test makes it say."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

from app import settings
from app.models import Tenant
from app.services.payments import registry
from app.services.payments.provider import (
    Checkout,
    ForgedNotice,
    Notice,
    QueryResult,
    RefundResult,
    Reply,
)
from tests.billing_helpers import make_env, open_meter


class DoubleProvider:
    """Notices are JSON {"order_no", "amount", "paid", "txn"} with header "sig: good"."""

    def __init__(self, name: str = "wechat") -> None:
        self.name = name
        self.checkouts: list[str] = []
        self.paid: dict[str, int] = {}  # order_no -> amount (what a query says)
        self.closed: list[str] = []
        self.refunds: list[tuple[str, str, int]] = []
        self.refund_ok = True

    def checkout(self, order_no, amount, subject, notify_url, channel) -> Checkout:
        self.checkouts.append(order_no)
        return Checkout(qr=f"weixin://pay/{order_no}")

    def verify_notice(self, headers, body) -> Notice:
        if headers.get("sig") != "good":
            raise ForgedNotice("bad signature")
        d = json.loads(body)
        return Notice(d["order_no"], d["amount"], d.get("paid", True), d.get("txn", "T1"), None)

    def reply(self, ok: bool) -> Reply:
        return Reply(200 if ok else 500, b'{"code":"SUCCESS"}' if ok else b'{"code":"FAIL"}')

    def query(self, order_no) -> QueryResult:
        if order_no in self.closed:
            return QueryResult("closed", None, "", None)
        if order_no in self.paid:
            return QueryResult("paid", self.paid[order_no], "TQ", dt.datetime(2026, 1, 1))
        return QueryResult("unpaid", None, "", None)

    def close(self, order_no) -> None:
        self.closed.append(order_no)

    def refund(self, order_no, refund_no, amount, total, reason) -> RefundResult:
        self.refunds.append((order_no, refund_no, amount))
        return RefundResult(
            self.refund_ok, "RT1" if self.refund_ok else "", "" if self.refund_ok else "no"
        )

    def statement(self, day):
        return []


def notice(order_no: str, amount: int, paid: bool = True, sig: str = "good"):
    body = json.dumps({"order_no": order_no, "amount": amount, "paid": paid}).encode()
    return {"sig": sig}, body


def pay_env(master: bytes, phone: str = "13800138000"):
    """Two meters, the first with an open account of a tenant with a mobile; online purchase on."""
    env = make_env(master)
    tenant, _ = open_meter(env, env.meter_ids[0])
    Tenant.update(phone=phone).where(Tenant.id == tenant.id).execute()
    settings.put("pay.enabled", True)
    provider = DoubleProvider()
    registry.install("wechat", provider)
    site = SimpleNamespace(role="gui", worker_for=env.worker_for)
    return SimpleNamespace(
        env=env, tenant=tenant, meter=env.meter_ids[0], provider=provider, site=site
    )

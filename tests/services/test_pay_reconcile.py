"""Reconciliation: every kind of mismatch between a provider's statement, our orders and sales."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import PermissionDenied
from app.models.payments import OrderState, PayEvent, PayOrder
from app.models.site import utcnow
from app.services.payments import orders, reconcile, registry
from app.services.payments.pay_service import PayService
from app.services.payments.provider import ProviderError, StatementRow
from app.services.permissions import Actor, Role
from tests.billing_helpers import ADMIN, CASHIER
from tests.pay_helpers import notice, pay_env

BOTH_DATABASES = True


@pytest.fixture
def pay(database, master_key):
    p = pay_env(master_key)
    yield p
    registry.install("wechat", None)


def today() -> dt.date:
    return (utcnow() + reconcile.PROVIDER_UTC_OFFSET).date()


def credited(pay, amount: int) -> PayOrder:
    order = orders.place_order(pay.tenant.id, pay.meter, amount, "wechat", "phone")
    orders.on_notice("wechat", *notice(order.order_no, amount))
    service = PayService(pay.site)
    for _ in range(3):
        service.tick()
    order = PayOrder.get_by_id(order.id)
    assert order.state == OrderState.CREDITED
    return order


def pay_row(order_no: str, amount: int) -> StatementRow:
    return StatementRow(order_no, f"T-{order_no}", "pay", amount, utcnow())


def refund_row(order_no: str, amount: int, refund_no: str) -> StatementRow:
    return StatementRow(order_no, f"R-{refund_no}", "refund", amount, utcnow(), refund_no)


def kinds(found) -> set[tuple[str, str]]:
    return {(m.kind, m.order_no) for m in found}


def test_a_clean_day_has_no_mismatch(pay):
    good = credited(pay, 5000)
    refunded = orders.place_order(pay.tenant.id, pay.meter, 2000, "wechat", "phone")
    orders.set_fields(refunded.id, OrderState.ALL, state=OrderState.REFUNDED)
    rows = [
        pay_row(good.order_no, 5000),
        pay_row(refunded.order_no, 2000),
        refund_row(refunded.order_no, 2000, "RF1"),
    ]
    assert reconcile.compare("wechat", today(), rows) == []


def test_every_kind_of_mismatch(pay):
    good = credited(pay, 5000)
    not_paid = credited(pay, 3000)  # credited, the provider does not list it
    short = credited(pay, 4000)  # credited 40.00, the provider says 39.00
    twice = credited(pay, 2000)  # credited, then refunded twice
    waiting = orders.place_order(pay.tenant.id, pay.meter, 6000, "wechat", "phone")
    rows = [
        pay_row(good.order_no, 5000),
        pay_row(short.order_no, 3900),
        pay_row(twice.order_no, 2000),
        refund_row(twice.order_no, 2000, "RF1"),
        refund_row(twice.order_no, 2000, "RF2"),
        pay_row(waiting.order_no, 6000),  # paid there, never credited here
        pay_row("P20260101000000X", 1000),  # not our order at all
    ]
    found = reconcile.compare("wechat", today(), rows)
    assert kinds(found) == {
        (reconcile.CREDITED_NOT_PAID, not_paid.order_no),
        (reconcile.AMOUNT_DIFFERS, short.order_no),
        (reconcile.REFUNDED_TWICE, twice.order_no),
        (reconcile.REFUNDED_CREDITED, twice.order_no),
        (reconcile.PAID_NOT_CREDITED, waiting.order_no),
        (reconcile.PAID_NOT_CREDITED, "P20260101000000X"),
    }
    by = {(m.kind, m.order_no): m for m in found}
    differs = by[(reconcile.AMOUNT_DIFFERS, short.order_no)]
    assert (differs.ours, differs.theirs, differs.state) == (4000, 3900, OrderState.CREDITED)
    assert differs.entry_id == short.entry_id
    assert by[(reconcile.REFUNDED_TWICE, twice.order_no)].theirs == 4000
    assert by[(reconcile.PAID_NOT_CREDITED, "P20260101000000X")].state == ""
    assert by[(reconcile.CREDITED_NOT_PAID, not_paid.order_no)].theirs is None


def test_paid_yesterday_credited_today_is_left_to_yesterday(pay):
    late = credited(pay, 5000)
    start, _end = reconcile.day_span(today())
    PayOrder.update(paid_at=start - dt.timedelta(seconds=2)).where(PayOrder.id == late.id).execute()
    assert reconcile.compare("wechat", today(), []) == []
    yesterday = today() - dt.timedelta(days=1)
    assert kinds(reconcile.compare("wechat", yesterday, [])) == {
        (reconcile.CREDITED_NOT_PAID, late.order_no)
    }


def test_run_reads_each_statement_keeps_it_and_says_which_failed(pay):
    order = credited(pay, 5000)

    def statement(name, day):
        if name == "alipay":
            raise ProviderError("timed out")
        return [pay_row(order.order_no, 4000)]

    with pytest.raises(PermissionDenied):
        reconcile.run(Actor(9, "tech", Role.MAINTENANCE), today(), ["wechat"], statement)
    report = reconcile.run(ADMIN, today(), ["wechat", "alipay"], statement)
    assert kinds(report.mismatches) == {(reconcile.AMOUNT_DIFFERS, order.order_no)}
    assert report.paid["wechat"] == (1, 4000) and "alipay" in report.failed
    events = list(PayEvent.select().where(PayEvent.kind == "statement").order_by(PayEvent.id))
    assert [(e.provider, e.verified) for e in events] == [("wechat", True), ("alipay", False)]


def test_run_with_the_registered_provider(pay):
    order = credited(pay, 5000)
    pay.provider.statement = lambda day: [pay_row(order.order_no, 5000)]
    report = reconcile.run(CASHIER, today(), ["wechat"])
    assert report.mismatches == [] and report.paid["wechat"] == (1, 5000)


def test_the_report_as_a_workbook(pay, tmp_path):
    from openpyxl import load_workbook

    from app.services.payments.reconcile_export import export_report

    order = credited(pay, 5000)
    report = reconcile.run(ADMIN, today(), ["wechat"], lambda n, d: [pay_row(order.order_no, 4990)])
    report.failed["alipay"] = reconcile.Message(
        reconcile.NOT_READ, {"provider": "alipay", "reason": "x"}
    )
    path = tmp_path / "rec.xlsx"
    assert export_report(ADMIN, path, report) == 1
    sheet = load_workbook(path).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    flat = [str(v) for row in values for v in row]
    assert "wechat: 1 payments 49.90, 0 refunds 0.00" in flat
    assert any("alipay statement could not be read" in v for v in flat)
    assert values[-1][:5] == ["wechat", order.order_no, "amount differs", 50, 49.9]

"""Online orders: creating, notices (duplicate, late, out of order, forged, amount), query/close."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.errors import ValidationError
from app.models.payments import OrderState, PayEvent, PayOrder
from app.models.site import utcnow
from app.services.payments import orders, registry
from tests.pay_helpers import notice, pay_env

BOTH_DATABASES = True


@pytest.fixture
def pay(database, master_key):
    p = pay_env(master_key)
    yield p
    registry.install("wechat", None)


def place(pay, amount=5000):
    return orders.place_order(pay.tenant.id, pay.meter, amount, "wechat", "kiosk")


def events(order):
    return [
        e.outcome for e in PayEvent.select().where(PayEvent.order == order.id).order_by(PayEvent.id)
    ]


def test_order_written_before_the_provider_is_asked_then_paying(pay):
    order = orders.create_order(pay.tenant.id, pay.meter, 5000, "wechat", "phone")
    assert PayOrder.get_by_id(order.id).state == OrderState.CREATED
    assert pay.provider.checkouts == []
    order = orders.start_checkout(order)
    assert order.state == OrderState.PAYING and order.checkout.startswith("weixin://")
    assert pay.provider.checkouts == [order.order_no] and len(order.order_no) <= 32
    assert order.next_check_at > utcnow()


def test_orders_refused(pay):
    other = pay.env.meter_ids[1]
    with pytest.raises(ValidationError, match="no open account of yours"):
        orders.create_order(pay.tenant.id, other, 5000, "wechat", "kiosk")
    with pytest.raises(ValidationError, match="smallest"):
        place(pay, 999)
    with pytest.raises(ValidationError, match="largest"):
        place(pay, 100_001)
    settings.put("pay.providers", "alipay")
    with pytest.raises(ValidationError, match="not offered"):
        place(pay)
    settings.put("pay.enabled", False)
    with pytest.raises(ValidationError, match="not enabled"):
        place(pay)
    assert not PayOrder.select().exists()


def test_presets_within_limits(pay):
    settings.put("pay.presets", "500, 5000,x,200000,10000")
    assert orders.presets() == [5000, 10000]


def test_notice_pays_once_duplicates_change_nothing(pay):
    order = place(pay)
    reply = orders.on_notice("wechat", *notice(order.order_no, 5000))
    assert reply.status == 200
    paid = PayOrder.get_by_id(order.id)
    assert (paid.state, paid.paid_amount, paid.provider_txn) == (OrderState.PAID, 5000, "T1")
    for _ in range(2):
        assert orders.on_notice("wechat", *notice(order.order_no, 5000)).status == 200
    assert events(order) == ["paid", "duplicate", "duplicate"]
    assert PayOrder.get_by_id(order.id).paid_at == paid.paid_at


@pytest.mark.allow_log_warnings
def test_forged_and_unknown_notices_change_nothing_and_fail(pay):
    order = place(pay)
    assert orders.on_notice("wechat", *notice(order.order_no, 5000, sig="bad")).status == 500
    assert orders.on_notice("wechat", *notice("PEMnotyet", 5000)).status == 500
    assert PayOrder.get_by_id(order.id).state == OrderState.PAYING
    outcomes = [e.outcome for e in PayEvent.select().order_by(PayEvent.id)]
    assert outcomes == ["forged", "unknown_order"]
    assert [e.verified for e in PayEvent.select().order_by(PayEvent.id)] == [False, True]


def test_notice_for_another_provider_does_not_match(pay):
    order = place(pay)
    from tests.pay_helpers import DoubleProvider

    registry.install("alipay", DoubleProvider("alipay"))
    try:
        assert orders.on_notice("alipay", *notice(order.order_no, 5000)).status == 500
    finally:
        registry.install("alipay", None)
    assert PayOrder.get_by_id(order.id).state == OrderState.PAYING


def test_amount_differs_is_refunded_never_credited(pay):
    order = place(pay)
    assert orders.on_notice("wechat", *notice(order.order_no, 4999)).status == 200
    bad = PayOrder.get_by_id(order.id)
    assert (bad.state, bad.paid_amount) == (OrderState.REFUND_PENDING, 4999)
    assert "49.99" in bad.reason and "50.00" in bad.reason
    orders.on_notice("wechat", *notice(order.order_no, 5000))  # then the right one: too late
    assert PayOrder.get_by_id(order.id).state == OrderState.REFUND_PENDING


def test_not_paid_notice_changes_nothing(pay):
    order = place(pay)
    orders.on_notice("wechat", *notice(order.order_no, 5000, paid=False))
    assert PayOrder.get_by_id(order.id).state == OrderState.PAYING
    assert events(order) == ["not_paid"]


def test_query_finds_the_payment_then_the_late_notice_is_a_duplicate(pay):
    order = place(pay)
    pay.provider.paid[order.order_no] = 5000
    assert orders.unpaid_step(PayOrder.get_by_id(order.id)) == "paid"
    assert PayOrder.get_by_id(order.id).state == OrderState.PAID
    orders.on_notice("wechat", *notice(order.order_no, 5000))
    assert events(order) == ["paid", "duplicate"]


def test_unpaid_asked_again_later_then_closed_when_old(pay):
    order = place(pay)
    assert orders.unpaid_step(PayOrder.get_by_id(order.id)) == "unpaid"
    fresh = PayOrder.get_by_id(order.id)
    assert fresh.state == OrderState.PAYING and fresh.next_check_at > utcnow()
    old = utcnow() - dt.timedelta(seconds=settings.get("pay.close_after_s") + 1)
    PayOrder.update(created_at=old).where(PayOrder.id == order.id).execute()
    assert orders.unpaid_step(PayOrder.get_by_id(order.id)) == "closed"
    assert PayOrder.get_by_id(order.id).state == OrderState.CLOSED
    assert pay.provider.closed == [order.order_no]
    # paid at the provider after all (a race with the close): the money is taken
    orders.on_notice("wechat", *notice(order.order_no, 5000))
    assert PayOrder.get_by_id(order.id).state == OrderState.PAID

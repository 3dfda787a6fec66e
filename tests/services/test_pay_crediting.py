"""Crediting a paid order exactly once, or refunding it: duplicates, restarts, offline, closed."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.models import Account, LedgerEntry, SmsMessage
from app.models.payments import OrderState, PayEvent, PayOrder
from app.models.site import utcnow
from app.services import ledger
from app.services.ledger_verify import verify_ledger
from app.services.payments import crediting, orders, registry
from app.services.payments.pay_service import PayService
from tests.pay_helpers import notice, pay_env

BOTH_DATABASES = True


@pytest.fixture
def pay(database, master_key):
    p = pay_env(master_key)
    yield p
    registry.install("wechat", None)


def paid_order(pay, amount=5000) -> PayOrder:
    order = orders.place_order(pay.tenant.id, pay.meter, amount, "wechat", "phone")
    orders.on_notice("wechat", *notice(order.order_no, amount))
    return PayOrder.get_by_id(order.id)


def sales(order_no: str) -> list[LedgerEntry]:
    return list(LedgerEntry.select().where(LedgerEntry.reason == order_no))


def run(service: PayService, ticks: int = 3) -> PayOrder:
    for _ in range(ticks):
        service.tick()


def test_paid_order_credited_once_through_the_sale_path(pay):
    order = paid_order(pay)
    service = PayService(pay.site)
    run(service)
    done = PayOrder.get_by_id(order.id)
    assert done.state == OrderState.CREDITED and done.credited_at is not None
    (entry,) = sales(order.order_no)
    assert done.entry_id == entry.id
    assert (entry.state, entry.amount_fen, entry.payment_method) == ("confirmed", 5000, "wechat")
    assert entry.operator_name == "online" and entry.kind == "sale"
    assert pay.env.status(pay.meter).balance == 5000
    (sms,) = SmsMessage.select()
    assert order.order_no in sms.body and sms.phone.endswith("13800138000")
    # duplicates after the credit: nothing more
    orders.on_notice("wechat", *notice(order.order_no, 5000))
    run(service)
    assert len(sales(order.order_no)) == 1 and SmsMessage.select().count() == 1
    assert pay.env.status(pay.meter).balance == 5000
    assert verify_ledger().problems == []


def test_job_run_twice_credits_once(pay):
    order = paid_order(pay)
    crediting.credit_step(PayOrder.get_by_id(order.id), pay.site)  # submitted (and run)
    again = crediting.credit_job(order.id)(pay.env.worker.link)  # a job row run a second time
    assert len(sales(order.order_no)) == 1 and again.entry_id == sales(order.order_no)[0].id
    assert pay.env.status(pay.meter).balance == 5000


def test_restart_after_the_sale_follows_the_entry_by_its_reason(pay):
    order = paid_order(pay)
    # the process died after the sale was confirmed, before the order heard of it
    PayOrder.update(state=OrderState.CREDITING).where(PayOrder.id == order.id).execute()
    crediting.credit_job(order.id)(pay.env.worker.link)
    assert PayOrder.get_by_id(order.id).state == OrderState.CREDITING
    run(PayService(pay.site))
    assert PayOrder.get_by_id(order.id).state == OrderState.CREDITED
    assert len(sales(order.order_no)) == 1 and pay.env.status(pay.meter).balance == 5000


def test_restart_with_the_answer_lost_settles_then_credits(pay):
    order = paid_order(pay)
    PayOrder.update(state=OrderState.CREDITING).where(PayOrder.id == order.id).execute()
    pay.env.bus.lose_reads_after_write = 1  # the meter took it, the read-back is lost
    crediting.credit_job(order.id)(pay.env.worker.link)
    (entry,) = sales(order.order_no)
    assert entry.state == "uncertain"
    service = PayService(pay.site)
    run(service, 1)  # follows the entry: settles it from a fresh read
    assert LedgerEntry.get_by_id(entry.id).state == "confirmed"
    PayOrder.update(next_check_at=utcnow()).where(PayOrder.id == order.id).execute()
    run(service, 1)
    assert PayOrder.get_by_id(order.id).state == OrderState.CREDITED
    assert len(sales(order.order_no)) == 1 and pay.env.status(pay.meter).balance == 5000


def test_offline_meter_stays_crediting_then_refunded_after_the_deadline(pay):
    order = paid_order(pay)
    pay.env.bus.offline = True
    service = PayService(pay.site)
    run(service)
    waiting = PayOrder.get_by_id(order.id)
    assert waiting.state == OrderState.CREDITING and waiting.attempts >= 1
    assert waiting.next_check_at > utcnow() and sales(order.order_no) == []
    # past the deadline the bus owner refuses; after the grace the payment service refunds
    late = utcnow() - dt.timedelta(seconds=settings.get("pay.credit_deadline_s")) - crediting.GRACE
    PayOrder.update(paid_at=late, next_check_at=utcnow()).where(PayOrder.id == order.id).execute()
    pay.env.bus.offline = False
    with pytest.raises(Exception, match="not credited within"):
        crediting.credit_job(order.id)(pay.env.worker.link)
    run(service)
    done = PayOrder.get_by_id(order.id)
    assert done.state == OrderState.REFUNDED and done.refund_no
    assert pay.provider.refunds == [(order.order_no, done.refund_no, 5000)]
    assert sales(order.order_no) == [] and pay.env.status(pay.meter).balance == 0
    assert SmsMessage.select().count() == 0


def test_closed_account_is_refunded(pay):
    order = paid_order(pay)
    Account.update(closed_at=utcnow()).where(Account.meter == pay.meter).execute()
    run(PayService(pay.site))
    assert PayOrder.get_by_id(order.id).state == OrderState.REFUNDED
    assert sales(order.order_no) == [] and len(pay.provider.refunds) == 1


def test_refused_refund_stays_pending_and_is_asked_again_with_the_same_number(pay):
    order = orders.place_order(pay.tenant.id, pay.meter, 5000, "wechat", "phone")
    orders.on_notice("wechat", *notice(order.order_no, 4000))  # amount differs
    pay.provider.refund_ok = False
    service = PayService(pay.site)
    run(service)
    assert PayOrder.get_by_id(order.id).state == OrderState.REFUND_PENDING
    pay.provider.refund_ok = True
    PayOrder.update(next_check_at=utcnow()).where(PayOrder.id == order.id).execute()
    run(service)
    assert PayOrder.get_by_id(order.id).state == OrderState.REFUNDED
    numbers = {r[1] for r in pay.provider.refunds}
    assert len(pay.provider.refunds) == 2 and len(numbers) == 1
    assert {r[2] for r in pay.provider.refunds} == {4000}
    outcomes = [e.outcome for e in PayEvent.select().where(PayEvent.kind == "refund")]
    assert outcomes == ["refund_refused", "refunded"]
    assert ledger.unsettled() == []


def test_service_holds_the_pay_lease(pay):
    from app.services import service_lease

    assert PayService(pay.site).tick() == 0
    assert service_lease.holder("pay") is not None

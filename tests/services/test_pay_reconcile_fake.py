"""Reconciliation against the WeChat Pay fake's own statement, through the client built from the
stored credentials: a lost notification, a changed amount, an order the provider does not know,
two refunds of a credited order."""

from __future__ import annotations

import datetime as dt
import urllib.request
from types import SimpleNamespace

import pytest

from app import settings
from app.models.payments import OrderState, PayOrder
from app.services.payments import credentials, orders, reconcile, registry
from app.services.payments.amounts import BEIJING
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.payments.pay_service import PayService
from app.services.payments.wechat import WechatPayClient
from tests.billing_helpers import ADMIN
from tests.pay_helpers import pay_env
from tests.services.pay_fake_helpers import NoticeInbox


@pytest.fixture
def shop(database, master_key, tmp_path):
    fake = WechatFake().start()
    inbox = NoticeInbox()
    env = pay_env(master_key)
    registry.install("wechat", None)  # not the double: the client from the credentials
    (tmp_path / "wechat.json").write_text(__import__("json").dumps(fake.credentials()))
    key_file = tmp_path / "master.key"
    assert credentials.store_fake(ADMIN, master_key, key_file, tmp_path) == ["wechat"]
    settings.put("pay.notify_base", inbox.url.rsplit("/", 1)[0])
    yield SimpleNamespace(fake=fake, inbox=inbox, env=env)
    registry.set_credentials_loader(None)
    inbox.close()
    fake.stop()


def paid_at_fake(shop, amount: int) -> PayOrder:
    order = orders.place_order(shop.env.tenant.id, shop.env.meter, amount, "wechat", "kiosk")
    with urllib.request.urlopen(order.checkout, data=b"") as page:  # the fake's "Pay" button
        page.read()
    return order


def take_notices(shop, count: int) -> None:
    for headers, body in shop.inbox.wait(count)[-count:]:
        orders.on_notice("wechat", headers, body)


def credit_all(shop) -> None:
    service = PayService(shop.env.site)
    for _ in range(3):
        service.tick()


def test_mismatches_from_the_fakes_statement(shop):
    assert isinstance(registry.provider("wechat"), WechatPayClient)
    good = paid_at_fake(shop, 5000)
    differs = paid_at_fake(shop, 3000)
    unknown_there = paid_at_fake(shop, 2000)
    twice = paid_at_fake(shop, 1000)
    take_notices(shop, 4)
    credit_all(shop)
    for order in (good, differs, unknown_there, twice):
        assert PayOrder.get_by_id(order.id).state == OrderState.CREDITED
    shop.fake.fail("lost")
    lost = paid_at_fake(shop, 4000)  # paid there, the notification never comes
    client = registry.provider("wechat")
    # we refund an order whole, once: two refund numbers at the provider is refunded twice
    assert client.refund(twice.order_no, "RF1", 500, 1000, "test").ok
    assert client.refund(twice.order_no, "RF2", 500, 1000, "test").ok
    with shop.fake.lock:
        shop.fake.orders[differs.order_no].amount = 2900
        shop.fake.orders.pop(unknown_there.order_no)
    day = dt.datetime.now(BEIJING).date()
    report = reconcile.run(ADMIN, day, ["wechat"])
    assert report.failed == {}
    found = {(m.kind, m.order_no) for m in report.mismatches}
    expected = {
        (reconcile.PAID_NOT_CREDITED, lost.order_no),
        (reconcile.AMOUNT_DIFFERS, differs.order_no),
        (reconcile.CREDITED_NOT_PAID, unknown_there.order_no),
        (reconcile.REFUNDED_CREDITED, twice.order_no),
        (reconcile.REFUNDED_TWICE, twice.order_no),
    }
    assert found == expected

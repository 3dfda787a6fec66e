"""The WeChat Pay client against the local fake of WeChat Pay API v3 (issue #16)."""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.request

import pytest

from app.services.payments.amounts import BEIJING
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.payments.provider import ForgedNotice, ProviderError
from app.services.payments.wechat import WechatPayClient
from tests.services.pay_fake_helpers import NoticeInbox


@pytest.fixture(scope="module")
def fake():
    fake = WechatFake().start()
    yield fake
    fake.stop()


@pytest.fixture
def inbox():
    inbox = NoticeInbox()
    yield inbox
    inbox.close()


@pytest.fixture
def client(fake):
    return WechatPayClient(**fake.credentials())


def paid(fake, client, inbox, order_no, amount=1234):
    checkout = client.checkout(order_no, amount, "Electricity 101", inbox.url, "kiosk")
    with urllib.request.urlopen(checkout.qr, data=b"") as page:  # the "Pay" button
        assert "Paid" in page.read().decode()
    return checkout


def test_a_good_notice_is_read(fake, client, inbox):
    checkout = paid(fake, client, inbox, "P0001", 1234)
    assert checkout.qr.startswith(fake.base_url + "/pay/")
    [(headers, body)] = inbox.wait(1)
    notice = client.verify_notice(headers, body)
    assert (notice.order_no, notice.amount, notice.paid) == ("P0001", 1234, True)
    assert notice.provider_txn == fake.orders["P0001"].txn
    assert abs(notice.paid_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(
        seconds=5
    )
    assert client.reply(True).status == 200 and client.reply(False).status >= 400


def test_a_forged_or_tampered_notice_is_refused(fake, client, inbox):
    fake.fail("forged")
    paid(fake, client, inbox, "P0002", 500)
    [(headers, body)] = inbox.wait(1)
    with pytest.raises(ForgedNotice):
        client.verify_notice(headers, body)
    fake.notify("P0002")  # the provider's retry, signed properly this time
    good_headers, good_body = inbox.wait(2)[1]
    assert client.verify_notice(good_headers, good_body).amount == 500
    tampered = json.loads(good_body)
    tampered["resource"]["ciphertext"] = tampered["resource"]["ciphertext"][::-1]
    with pytest.raises(ForgedNotice):
        client.verify_notice(good_headers, json.dumps(tampered).encode())
    stale = dict(good_headers, **{"Wechatpay-Timestamp": str(int(time.time()) - 3600)})
    with pytest.raises(ForgedNotice):  # the signature covers the timestamp: it fails too
        client.verify_notice(stale, good_body)


def test_duplicate_lost_and_late_notices(fake, client, inbox):
    fake.fail("duplicate")
    paid(fake, client, inbox, "P0003")
    assert len(inbox.wait(2)) == 2
    fake.fail("lost")
    paid(fake, client, inbox, "P0004")
    time.sleep(0.3)
    assert len(inbox.received) == 2  # nothing came; the query finds it
    assert client.query("P0004").state == "paid"
    fake.late_s = 0.5
    request = urllib.request.Request(f"{fake.base_url}/fake/fail?kind=late", method="POST")
    urllib.request.urlopen(request).close()  # as the demo or a browser test asks for it
    paid(fake, client, inbox, "P0005")
    time.sleep(0.25)
    assert len(inbox.received) == 2  # not yet
    assert client.verify_notice(*inbox.wait(3)[2]).order_no == "P0005"


def test_query_close_and_unknown(fake, client, inbox):
    client.checkout("P0010", 800, "x", inbox.url, "phone")
    result = client.query("P0010")
    assert (result.state, result.amount, result.provider_txn) == ("unpaid", 800, "")
    client.close("P0010")
    assert client.query("P0010").state == "closed"
    assert client.query("NOPE").state == "unknown"
    paid(fake, client, inbox, "P0011", 900)
    result = client.query("P0011")
    assert (result.state, result.amount) == ("paid", 900) and result.provider_txn
    with pytest.raises(ProviderError) as raised:  # a paid order cannot be closed
        client.close("P0011")
    assert raised.value.permanent


def test_refund_and_its_errors(fake, client, inbox):
    paid(fake, client, inbox, "P0020", 1000)
    fake.fail("refund_error")
    refused = client.refund("P0020", "R0020", 1000, 1000, "meter offline")
    assert not refused.ok and "NOT_ENOUGH" in refused.reason
    done = client.refund("P0020", "R0020", 1000, 1000, "meter offline")
    assert done.ok and done.refund_txn
    again = client.refund("P0020", "R0020", 1000, 1000, "meter offline")
    assert again.refund_txn == done.refund_txn  # the same request: the same refund, once
    assert not client.refund("P0020", "R0021", 1, 1000, "twice").ok  # more than was paid
    assert client.query("P0020").state == "refunded"


def test_statement_lists_payments_and_refunds(fake, client, inbox):
    paid(fake, client, inbox, "P0030", 4321)
    assert client.refund("P0030", "R0030", 4321, 4321, "closed account").ok
    rows = client.statement(dt.datetime.now(BEIJING).date())
    mine = [(r.order_no, r.kind, r.amount, r.refund_no) for r in rows if r.order_no == "P0030"]
    assert mine == [("P0030", "pay", 4321, ""), ("P0030", "refund", 4321, "R0030")]
    assert all(r.provider_txn for r in rows if r.kind == "pay")
    assert client.statement(dt.date(2001, 1, 1)) == []


def test_a_request_not_signed_by_the_merchant_is_refused(fake):
    other = WechatFake()  # its merchant key is not the one this fake knows
    credentials = dict(fake.credentials(), private_key=other.merchant.private_pem)
    with pytest.raises(ProviderError):
        WechatPayClient(**credentials).checkout("P0040", 100, "x", "http://127.0.0.1:9/", "kiosk")


def test_a_down_provider_is_a_retryable_error(fake, client):
    fake.fail("down")
    with pytest.raises(ProviderError) as raised:
        client.query("P0001")
    assert not raised.value.permanent


def test_a_fake_keeps_its_keys_across_restarts(tmp_path, inbox):
    first = WechatFake().keep_identity(tmp_path / "keys.json").start()
    credentials = first.credentials()
    first.stop()
    again = WechatFake().keep_identity(tmp_path / "keys.json").start()
    try:
        client = WechatPayClient(**dict(credentials, base_url=again.base_url))
        assert client.checkout("K1", 100, "x", inbox.url, "kiosk").qr  # both signatures verify
        assert again.apiv3_key == first.apiv3_key and again.platform == first.platform
    finally:
        again.stop()

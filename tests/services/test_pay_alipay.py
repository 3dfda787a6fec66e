"""The Alipay client against the local fake of Alipay's gateway (issue #16)."""

from __future__ import annotations

import datetime as dt
import urllib.request
from urllib.parse import parse_qsl, urlencode

import pytest

from app.services.payments.alipay import AlipayClient
from app.services.payments.amounts import BEIJING
from app.services.payments.fakes.alipay_fake import AlipayFake
from app.services.payments.provider import ForgedNotice, ProviderError
from tests.services.pay_fake_helpers import NoticeInbox


@pytest.fixture(scope="module")
def fake():
    fake = AlipayFake().start()
    yield fake
    fake.stop()


@pytest.fixture
def inbox():
    inbox = NoticeInbox()
    yield inbox
    inbox.close()


@pytest.fixture
def client(fake):
    return AlipayClient(**fake.credentials())


def paid(client, inbox, order_no, amount=1234):
    checkout = client.checkout(order_no, amount, "Electricity 101", inbox.url, "kiosk")
    with urllib.request.urlopen(checkout.qr, data=b"") as page:  # the "Pay" button
        assert "Paid" in page.read().decode()
    return checkout


def test_a_good_notice_is_read(fake, client, inbox):
    paid(client, inbox, "A0001", 1234)
    [(headers, body)] = inbox.wait(1)
    notice = client.verify_notice(headers, body)
    assert (notice.order_no, notice.amount, notice.paid) == ("A0001", 1234, True)
    assert notice.provider_txn == fake.orders["A0001"].txn
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(notice.paid_at - now) < dt.timedelta(seconds=5)
    assert client.reply(True).body == b"success" and client.reply(False).body == b"fail"


def test_forged_tampered_or_foreign_notices_are_refused(fake, client, inbox):
    fake.fail("forged")
    paid(client, inbox, "A0002", 500)
    [(headers, body)] = inbox.wait(1)
    with pytest.raises(ForgedNotice):
        client.verify_notice(headers, body)
    fake.notify("A0002")
    good = inbox.wait(2)[1][1]
    assert client.verify_notice({}, good).amount == 500
    params = dict(parse_qsl(good.decode()))
    with pytest.raises(ForgedNotice):  # the amount changed after signing
        client.verify_notice({}, urlencode(dict(params, total_amount="5000.00")).encode())
    with pytest.raises(ForgedNotice):  # no signature at all
        client.verify_notice(
            {}, urlencode({k: v for k, v in params.items() if k != "sign"}).encode()
        )
    # a notice truly signed by Alipay but for another app is not ours
    foreign = AlipayClient(**dict(fake.credentials(), appid="2021999999999999"))
    with pytest.raises(ForgedNotice):
        foreign.verify_notice({}, good)


def test_duplicate_and_lost_notices(fake, client, inbox):
    fake.fail("duplicate")
    paid(client, inbox, "A0003")
    assert len(inbox.wait(2)) == 2
    fake.fail("lost")
    paid(client, inbox, "A0004")
    assert client.query("A0004").state == "paid"
    assert len(inbox.received) == 2


def test_phone_page_query_and_close(fake, client, inbox):
    checkout = client.checkout("A0010", 800, "x", inbox.url, "phone")
    assert checkout.url.startswith(fake.base_url + "/gateway.do?")
    with urllib.request.urlopen(checkout.url) as page:  # the signed link lands on the pay page
        assert 'id="pay"' in page.read().decode()
    result = client.query("A0010")
    assert (result.state, result.amount) == ("unpaid", 800)
    client.close("A0010")
    assert client.query("A0010").state == "closed"
    assert client.query("NOPE").state == "unknown"
    client.close("NOPE")  # never scanned: nothing to close, no error
    paid(client, inbox, "A0011", 900)
    result = client.query("A0011")
    assert (result.state, result.amount) == ("paid", 900) and result.provider_txn
    with pytest.raises(ProviderError) as raised:
        client.close("A0011")
    assert raised.value.permanent


def test_refund_and_its_errors(fake, client, inbox):
    paid(client, inbox, "A0020", 1000)
    fake.fail("refund_error")
    refused = client.refund("A0020", "R0020", 1000, 1000, "meter offline")
    assert not refused.ok and "SELLER_BALANCE_NOT_ENOUGH" in refused.reason
    done = client.refund("A0020", "R0020", 1000, 1000, "meter offline")
    assert done.ok
    assert client.refund("A0020", "R0020", 1000, 1000, "meter offline").ok  # same request again
    assert fake.orders["A0020"].refunded == 1000  # refunded once
    assert not client.refund("A0020", "R0021", 1, 1000, "twice").ok
    assert client.query("A0020").state == "closed"


def test_statement_lists_payments_and_refunds(fake, client, inbox):
    paid(client, inbox, "A0030", 4321)
    assert client.refund("A0030", "R0030", 4321, 4321, "closed account").ok
    rows = client.statement(dt.datetime.now(BEIJING).date())
    mine = [(r.order_no, r.kind, r.amount, r.refund_no) for r in rows if r.order_no == "A0030"]
    assert mine == [("A0030", "pay", 4321, ""), ("A0030", "refund", 4321, "R0030")]
    assert all(r.provider_txn and r.at for r in rows)
    assert client.statement(dt.date(2001, 1, 1)) == []


def test_a_request_not_signed_by_the_app_is_refused(fake):
    other = AlipayFake()
    credentials = dict(fake.credentials(), app_private_key=other.app.private_pem)
    with pytest.raises(ProviderError) as raised:
        AlipayClient(**credentials).query("A0001")
    assert raised.value.permanent


def test_an_answer_not_signed_by_alipay_is_refused(fake):
    other = AlipayFake()
    credentials = dict(fake.credentials(), alipay_public_key=other.alipay.public_pem)
    with pytest.raises(ProviderError):
        AlipayClient(**credentials).query("A0001")


def test_a_down_provider_is_a_retryable_error(fake, client):
    fake.fail("down")
    with pytest.raises(ProviderError) as raised:
        client.query("A0001")
    assert not raised.value.permanent

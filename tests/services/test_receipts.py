"""Receipt text: numbering, the lines every layout prints, both languages (no Qt)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from app.services.receipts import (
    KIND_TITLES,
    KINDS,
    LABELS,
    PAYMENT_METHODS,
    ZH_CN,
    ReceiptData,
    local_time,
    receipt_for_entry,
    receipt_lines,
    receipt_number,
)

AT = datetime(2026, 11, 24, 14, 5, 9)


def sale(**kw) -> ReceiptData:
    values = dict(
        site_name="Riverside Mall",
        receipt_no="20261124-0000123",
        kind="sale",
        at=AT,
        tenant_name="张三便利店",
        account_no="A-0042",
        meter_no="M057",
        amount_fen=100507,
        balance_after_fen=2345678,
        purchase_count=12,
        operator="cashier1",
        payment_method="wechat",
    )
    values.update(kw)
    return ReceiptData(**values)


def test_receipt_number_is_the_ledger_scheme():
    from app.services import ledger

    assert receipt_number(123, AT) == "20261124-0000123"
    assert receipt_number(12_345_678, AT) == "20261124-12345678"
    for eid in (1, 123, 9_999_999, 10_000_000):
        assert receipt_number(eid, AT) == ledger.receipt_number(eid, AT)
    with pytest.raises(ValueError):
        receipt_number(-1, AT)


def test_lines_zh_hold_every_fact():
    text = receipt_lines(sale(), "zh_CN")
    plain = text.plain()
    assert text.title == "售电收据"
    assert text.copy_mark == ""
    for needle in (
        "Riverside Mall",
        "20261124-0000123",
        "2026-11-24 14:05:09",
        "张三便利店",
        "A-0042",
        "M057",
        "微信支付",
        "购电金额: 1,005.07 元",
        "壹仟零伍元零柒分",
        "剩余金额: 23,456.78 元",
        "购电次数: 12",
        "操作员: cashier1",
    ):
        assert needle in plain, needle
    assert "COPY" not in plain


def test_lines_en_and_copy():
    text = receipt_lines(sale(copy=True), "en")
    plain = text.plain()
    assert text.title == "Electricity sale receipt"
    assert text.copy_mark == "COPY"
    assert "Amount paid: CNY 1,005.07" in plain
    assert "one thousand five yuan and seven fen" in plain
    assert "Payment method: WeChat Pay" in plain
    assert "Balance after: CNY 23,456.78" in plain
    assert "Purchase count: 12" in plain
    assert receipt_lines(sale(copy=True), "zh_CN").copy_mark == "副本 COPY"


def test_optional_lines_left_out():
    text = receipt_lines(
        sale(kind="close", balance_after_fen=None, purchase_count=None, payment_method=""), "en"
    )
    keys = [line.key for line in text.lines]
    assert "balance_after" not in keys
    assert "purchase_count" not in keys
    assert "payment_method" not in keys
    assert "reference" not in keys
    assert text.title == "Account closing receipt"


def test_correction_names_the_sale_it_reverses_and_prints_magnitude():
    data = sale(kind="correction", amount_fen=-10000, reference="20261120-0000007", notes="typo")
    text = receipt_lines(data, "zh_CN")
    plain = text.plain()
    assert text.title == "冲正凭证"
    assert "冲正金额: 100.00 元" in plain
    assert "壹佰元整" in plain and "负" not in plain
    assert "原收据编号: 20261120-0000007" in plain
    assert "备注: typo" in plain


def test_every_kind_and_label_has_chinese():
    sources = list(KIND_TITLES.values()) + list(LABELS.values()) + list(PAYMENT_METHODS.values())
    missing = [s for s in sources if s not in ZH_CN]
    assert not missing
    for kind in KINDS:
        assert receipt_lines(sale(kind=kind), "zh_CN").title == ZH_CN[KIND_TITLES[kind]]


def test_unknown_payment_method_printed_as_is():
    plain = receipt_lines(sale(payment_method="voucher"), "zh_CN").plain()
    assert "支付方式: voucher" in plain


def test_bad_data_refused():
    with pytest.raises(ValueError):
        sale(kind="gift")
    with pytest.raises(TypeError):
        sale(amount_fen=10.5)


def test_receipts_and_money_import_no_qt():
    code = (
        "import sys, app.services.receipts, app.services.money; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_receipt_for_entry():
    created = datetime(2026, 11, 24, 6, 5, 9)  # naive UTC as the ledger stores it
    original = SimpleNamespace(id=7, receipt_no="", created_at=created)
    entry = SimpleNamespace(
        id=123,
        kind="correction",
        created_at=created,
        receipt_no="",
        tenant=SimpleNamespace(name="Shop 12", account_no="A-0012"),
        meter=SimpleNamespace(number="M012"),
        amount_fen=5000,
        balance_after=700,
        transitions=[
            SimpleNamespace(id=2, purchase_count=9),
            SimpleNamespace(id=1, purchase_count=None),
        ],
        expected_count=None,
        operator_name="alice",
        payment_method="cash",
        reverses=original,
        reason="wrong meter",
    )
    data = receipt_for_entry(entry, "Site", copy=True)
    local = created.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert data.at == local == local_time(created)
    assert data.receipt_no == receipt_number(123, created) == "20261124-0000123"
    assert data.reference == receipt_number(7, created)
    assert (data.tenant_name, data.account_no, data.meter_no) == ("Shop 12", "A-0012", "M012")
    assert data.purchase_count == 9
    assert data.copy and data.notes == "wrong meter"
    assert data.balance_after_fen == 700


def test_receipt_for_entry_falls_back_to_expected_count():
    entry = SimpleNamespace(
        id=5,
        kind="sale",
        created_at=datetime(2026, 1, 1),
        receipt_no="R-KEPT",
        tenant=None,
        meter=SimpleNamespace(number="M1"),
        amount_fen=100,
        balance_after=None,
        transitions=[],
        expected_count=0,  # wrapped from 65535
        operator_name="bob",
        payment_method="alipay",
        reverses=None,
        reason="",
    )
    data = receipt_for_entry(entry, "Site")
    assert data.purchase_count == 0
    assert data.receipt_no == "R-KEPT"
    assert data.tenant_name == "" and data.reference == ""


def test_receipt_for_real_ledger_entries(database):
    from app import settings
    from app.models import Account, Bus, Meter, Tenant
    from app.models.ledger import EntryKind, EntryState
    from app.services import ledger

    settings.put("site.name", "东方商场")
    bus = Bus.create(name="Bus 1", port="/dev/ttyUSB0")
    meter = Meter.create(number="M057", bus=bus, address=57)
    tenant = Tenant.create(account_no="A-0042", name="张三便利店")
    account = Account.create(tenant=tenant, meter=meter)
    sale = ledger.append_entry(
        EntryKind.SALE,
        meter.id,
        10050,
        account_id=account.id,
        tenant_id=tenant.id,
        payment_method="wechat",
        operator_name="cashier1",
        count_before=65535,
        expected_count=0,
        balance_before=100,
    )
    ledger.transition(sale.id, EntryState.CONFIRMED, balance_after=10150, purchase_count=0)
    fix = ledger.append_entry(
        EntryKind.CORRECTION,
        meter.id,
        10050,
        account_id=account.id,
        tenant_id=tenant.id,
        operator_name="admin",
        reverses_id=sale.id,
        reason="wrong meter",
        state=EntryState.CONFIRMED,
        balance_after=100,
    )
    data = receipt_for_entry(ledger.LedgerEntry.get_by_id(sale.id))
    assert data.site_name == "东方商场"
    assert data.receipt_no == sale.receipt_no
    assert (data.kind, data.amount_fen, data.balance_after_fen) == ("sale", 10050, 10150)
    assert data.purchase_count == 0  # wrapped from 65535
    assert (data.tenant_name, data.account_no, data.meter_no) == ("张三便利店", "A-0042", "M057")
    plain = receipt_lines(receipt_for_entry(fix, copy=True), "zh_CN").plain()
    assert f"原收据编号: {sale.receipt_no}" in plain
    assert "冲正金额: 100.50 元" in plain and "壹佰元伍角" in plain
    assert "副本" in plain and "备注: wrong meter" in plain


def test_the_sites_header_and_phone_from_the_settings_are_on_the_receipt(database):
    """Issue #11: the receipt header and phone number of the site settings are printed."""
    from app import settings
    from app.models import Bus, Meter
    from app.models.ledger import EntryKind
    from app.services import ledger

    settings.put("site.name", "东方商场")
    settings.put("receipt.header", "物业管理处 收费窗口")
    settings.put("site.phone", "0571-8888 1234")
    meter = Meter.create(number="M1", bus=Bus.create(name="Bus 1", port="/dev/ttyUSB0"), address=1)
    entry = ledger.append_entry(EntryKind.SALE, meter.id, 100, operator_name="c", balance_before=0)
    data = receipt_for_entry(ledger.LedgerEntry.get_by_id(entry.id))
    assert (data.header, data.phone) == ("物业管理处 收费窗口", "0571-8888 1234")
    zh = receipt_lines(data, "zh_CN").plain().splitlines()
    assert zh[:4] == ["东方商场", "物业管理处 收费窗口", "电话: 0571-8888 1234", "售电收据"]
    assert "Phone: 0571-8888 1234" in receipt_lines(data, "en").plain()


def test_no_header_or_phone_set_prints_no_empty_lines():
    plain = receipt_lines(sale(), "en").plain().splitlines()
    assert plain[1] == "Electricity sale receipt"
    assert "Phone" not in "\n".join(plain)

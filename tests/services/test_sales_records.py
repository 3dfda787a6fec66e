"""Read-only queries of the cashier's windows: paging, filters, reversible sales, tenants."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import billing
from app.services.permissions import SYSTEM
from app.services.sales_records import (
    RecordFilter,
    count_records,
    fetch_records,
    meter_summary,
    opened_meters,
    operator_names,
    receipt_data,
    record,
    reversible_sales,
    tenant_meters,
    tenant_rows,
    unopened_meters,
)
from tests.billing_helpers import CASHIER, make_env, open_meter

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=3)
    open_meter(env, env.meter_ids[0], name="Zhang San Store", first_sale_fen=1000)
    open_meter(env, env.meter_ids[1], name="Li Si Tea", first_sale_fen=2000)
    return env


def test_keyset_pages_cover_every_entry_once(env):
    m = env.meter_ids[0]
    for fen in range(1, 8):
        billing.sell(env.worker, CASHIER, m, fen, "cash")
    everything = fetch_records(SYSTEM, RecordFilter(), limit=1000)
    pages, before = [], None
    while True:
        page = fetch_records(SYSTEM, RecordFilter(), before_id=before, limit=4)
        if not page:
            break
        pages += page
        before = page[-1].entry_id
    assert [r.entry_id for r in pages] == [r.entry_id for r in everything]
    assert len(everything) == count_records(SYSTEM, RecordFilter()) == 11


def test_filters(env):
    m1, m2 = env.meter_ids[:2]
    billing.refund(env.worker, CASHIER, m1, 300, reason="left early")
    assert {r.kind for r in fetch_records(SYSTEM, RecordFilter(kinds=("refund",)))} == {"refund"}
    assert count_records(SYSTEM, RecordFilter(operator="cashier1")) == 1
    assert operator_names(
        SYSTEM,
    ) == ["admin", "cashier1"]
    assert {r.meter_no for r in fetch_records(SYSTEM, RecordFilter(text="li si"))} == {"M002"}
    assert count_records(SYSTEM, RecordFilter(text="li si")) == 2
    assert count_records(SYSTEM, RecordFilter(text="left early")) == 1
    assert count_records(SYSTEM, RecordFilter(meter_id=m2)) == 2
    today = dt.date.today()
    assert count_records(SYSTEM, RecordFilter(date_from=today, date_to=today)) == 5
    tomorrow = today + dt.timedelta(days=1)
    assert count_records(SYSTEM, RecordFilter(date_from=tomorrow)) == 0
    refund = fetch_records(SYSTEM, RecordFilter(kinds=("refund",)))[0]
    assert (refund.signed_fen, refund.balance_after, refund.tenant_name) == (
        -300,
        700,
        "Zhang San Store",
    )


def test_reversible_sales_and_receipts(env):
    m = env.meter_ids[0]
    sale = billing.sell(env.worker, CASHIER, m, 500, "wechat")
    assert reversible_sales(SYSTEM, m)[0].entry_id == sale.entry_id
    fix = billing.correct(env.worker, CASHIER, sale.entry_id, "typo")
    assert sale.entry_id not in [r.entry_id for r in reversible_sales(SYSTEM, m)]
    assert record(SYSTEM, sale.entry_id).reversed
    data = receipt_data(SYSTEM, fix.entry_id, copy=True)
    assert data.copy and data.kind == "correction" and data.reference == sale.receipt_no
    assert reversible_sales(SYSTEM, env.meter_ids[2]) == []


def test_meters_and_tenants(env):
    m1, m2, m3 = env.meter_ids
    assert [s.meter_id for s in unopened_meters()] == [m3]
    assert [s.meter_id for s in opened_meters()] == [m1, m2]
    summary = meter_summary(m1)
    assert summary.opened and summary.tenant_name == "Zhang San Store"
    assert summary.balance is None  # never polled: no last known balance
    rows = tenant_rows(
        SYSTEM,
    )
    assert [(r.name, r.meters, r.closed) for r in rows] == [
        ("Zhang San Store", "M001", False),
        ("Li Si Tea", "M002", False),
    ]
    assert [m.number for m in tenant_meters(SYSTEM, rows[1].tenant_id)] == ["M002"]

"""The grid's starting rows: one query joining meter, bus, building, tenant and state."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.messages import Message
from app.models import Account, Building, Bus, Meter, MeterState, Tenant
from app.serial_io.meter_data import MeterStatus
from app.services.grid_data import GridRow, load_grid_rows, natural_key

BOTH_DATABASES = True


@pytest.fixture
def site(database):
    b = Building.create(name="Mall A")
    bus1 = Bus.create(name="Bus 1", port="/dev/ttyUSB0", building=b)
    bus2 = Bus.create(name="Bus 2", port="socket://10.0.0.5:4001")
    m10 = Meter.create(number="M10", bus=bus1, address=10, building=b, location="2F-11")
    m2 = Meter.create(number="M2", bus=bus1, address=2, building=b, location="1F-03")
    m3 = Meter.create(number="M3", bus=bus2, address=3, serial="000000000003", phases=3)
    Meter.create(number="M4", bus=bus2, address=4, enabled=False)
    alice = Tenant.create(account_no="A001", name="Alice Tea")
    bob = Tenant.create(account_no="A002", name="Bob Shoes")
    # Bob's account on M2 was closed; Alice holds M2 now, and M10 is hers as well.
    Account.create(tenant=bob, meter=m2, closed_at=dt.datetime(2024, 1, 1))
    Account.create(tenant=alice, meter=m2, tariff="flat")
    Account.create(tenant=alice, meter=m10)
    status = MeterStatus(balance=12345, energy_total=678, purchase_count=3, relay_open=True)
    MeterState.create(
        meter=m2,
        online=True,
        status_json=json.dumps(status.to_dict()),
        updated_at=dt.datetime(2024, 5, 1, 8, 0, 0),
        answers=40,
        timeouts=2,
        crc_errors=1,
        exceptions=0,
        last_response_ms=31.5,
        last_error="timeout",
    )
    MeterState.create(meter=m3, online=False, status_json="{not json")
    return {"m2": m2, "m3": m3, "m10": m10, "bus1": bus1, "bus2": bus2}


@pytest.mark.allow_log_warnings
def test_rows_join_everything_in_operator_order(site):
    rows = load_grid_rows()
    assert [r.number for r in rows] == ["M2", "M3", "M10"]  # natural order, M4 disabled
    m2, m3, m10 = rows
    assert isinstance(m2, GridRow)
    assert (m2.bus_id, m2.bus_name, m2.building, m2.location, m2.address) == (
        site["bus1"].id,
        "Bus 1",
        "Mall A",
        "1F-03",
        2,
    )
    assert m2.tenant == "Alice Tea"  # the active account, not Bob's closed one
    assert m2.tariff == "flat"
    assert m2.status == MeterStatus(
        balance=12345, energy_total=678, purchase_count=3, relay_open=True
    )
    assert m2.online is True
    assert m2.updated_at == dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC).timestamp()
    assert (m2.stats.answers, m2.stats.timeouts, m2.stats.crc_errors) == (40, 2, 1)
    assert m2.stats.last_response_ms == 31.5
    assert m2.stats.last_error == Message("timeout")  # an old plain-text row: as itself
    assert (m2.alarm1, m2.alarm2) == (2000, 500)

    assert m3.tenant is None and m3.building is None
    assert m3.status is None  # unreadable JSON is not a crash
    assert m3.online is False
    assert (m3.serial, m3.phases) == ("000000000003", 3)

    assert m10.status is None and m10.online is False and m10.updated_at is None
    assert m10.stats.answers == 0


@pytest.mark.allow_log_warnings
def test_unreadable_status_is_logged(site, caplog):
    load_grid_rows()
    records = [r for r in caplog.records if r.name == "app.services.grid_data"]
    assert len(records) == 1 and "M3" in records[0].getMessage()


def test_unknown_status_fields_are_ignored(database):
    bus = Bus.create(name="B", port="p")
    m = Meter.create(number="X1", bus=bus, address=1)
    data = MeterStatus(balance=-50).to_dict() | {"from_the_future": 1}
    MeterState.create(meter=m, online=True, status_json=json.dumps(data))
    (row,) = load_grid_rows()
    assert row.status.balance == -50


def test_empty_site(database):
    assert load_grid_rows() == []


def test_natural_key():
    assert sorted(["M10", "m2", "M1", "3F-12", "3F-2"], key=natural_key) == [
        "3F-2",
        "3F-12",
        "M1",
        "m2",
        "M10",
    ]

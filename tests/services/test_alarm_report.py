"""The alarm report service: filters, rows, durations, who acknowledged, the SMS of an alarm;
and the .xlsx report opened again with openpyxl and checked cell by cell."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.errors import PemError, PermissionDenied, ValidationError
from app.messages import Message
from app.models import SystemLog
from app.models.alarms import Alarm, AlarmKind, Level
from app.services import alarm_report, alarm_store, permissions
from app.services.alarm_export import export_alarms
from app.services.alarm_report import CURRENT, PAST, AlarmFilter, acknowledge, fetch_alarms
from app.services.permissions import Role
from tests.alarm_helpers import make_alarm_site, utc_of_local
from tests.billing_helpers import CASHIER, MAINTENANCE

BOTH_DATABASES = True

NOW = utc_of_local(dt.datetime(2026, 3, 6, 12, 0))


@pytest.fixture
def site(database):
    return make_alarm_site()


def ids(rows) -> list[int]:
    return [r.alarm_id for r in rows]


def test_rows_carry_meter_tenant_times_duration_ack_and_sms(site):
    rows = {r.alarm_id: r for r in fetch_alarms(CASHIER, AlarmFilter(), now=NOW)}
    arrears = rows[site.alarms["m1_arrears"]]
    assert (arrears.meter_no, arrears.building) == ("M001", "东区")
    assert (arrears.tenant_name, arrears.account_no) == ("张记面馆", "A001")
    assert arrears.started_at == dt.datetime(2026, 3, 1, 8, 0)  # local, as on screen
    assert arrears.ended_at == dt.datetime(2026, 3, 1, 10, 30)
    assert arrears.duration == dt.timedelta(hours=2, minutes=30)
    assert (arrears.kind, arrears.level, arrears.value) == ("arrears", Level.CRITICAL, -120)
    assert (arrears.sms_state, arrears.sms_at) == ("sent", dt.datetime(2026, 3, 1, 8, 1))
    assert not arrears.current and not arrears.acknowledged
    open_one = rows[site.alarms["m1_alarm1"]]
    assert open_one.current and open_one.ended_at is None
    assert open_one.duration == NOW - utc_of_local(dt.datetime(2026, 3, 3, 9, 0))  # until now
    assert open_one.sms_state == "wanted"  # the SMS side owes it a message
    offline = rows[site.alarms["m2_offline"]]
    assert (offline.acked_by, offline.ack_note) == ("cashier1", "line fixed")
    assert offline.acked_at == dt.datetime(2026, 3, 2, 13, 0) and offline.sms_state == ""
    assert rows[site.alarms["m3_overload"]].tenant_name == ""  # nobody holds M003
    modem = rows[site.alarms["modem"]]
    assert (modem.meter_id, modem.meter_no, modem.building) == (None, "", "")
    assert ids(rows.values()) == sorted(ids(rows.values()), reverse=True)  # newest first


def test_filters_by_kind_level_building_acknowledged_state_and_period(site):
    a = site.alarms

    def pick(**kw) -> set[int]:
        return set(ids(fetch_alarms(CASHIER, AlarmFilter(**kw), now=NOW)))

    assert pick(kinds=("arrears", "alarm1")) == {a["m1_arrears"], a["m1_alarm1"]}
    assert pick(levels=(Level.CRITICAL,)) == {a["m1_arrears"], a["m2_cover"]}
    assert pick(building_id=site.buildings["West"]) == {a["m3_overload"]}
    assert pick(acknowledged=True) == {a["m2_offline"]}
    assert a["m2_offline"] not in pick(acknowledged=False) and len(pick(acknowledged=False)) == 5
    assert pick(state=CURRENT) == {a["m1_alarm1"], a["m2_cover"], a["modem"]}
    assert pick(state=PAST) == {a["m1_arrears"], a["m2_offline"], a["m3_overload"]}
    # active at some time of 03-02: the offline episode; 03-03 onwards: also the open ones
    day2 = dt.date(2026, 3, 2)
    assert pick(date_from=day2, date_to=day2) == {a["m2_offline"]}
    day5 = dt.date(2026, 3, 5)
    assert pick(date_from=day5, date_to=day5) == {
        a["m1_alarm1"], a["m2_cover"], a["m3_overload"], a["modem"]
    }  # fmt: skip
    assert pick(date_to=dt.date(2026, 3, 1)) == {a["m1_arrears"]}
    assert alarm_report.count_alarms(CASHIER, AlarmFilter(state=CURRENT, levels=(3,))) == 1
    with pytest.raises(ValidationError, match=r"ends \(2026-03-01\) before it starts"):
        fetch_alarms(CASHIER, AlarmFilter(date_from=day2, date_to=dt.date(2026, 3, 1)))


def test_keyset_pages_walk_every_alarm_once(site):
    first = fetch_alarms(CASHIER, AlarmFilter(), limit=4)
    rest = fetch_alarms(CASHIER, AlarmFilter(), before_id=first[-1].alarm_id, limit=4)
    assert len(first) == 4 and len(rest) == 2
    assert sorted(ids(first + rest)) == sorted(site.alarms.values())


def test_acknowledge_many_with_a_note_once_and_logged(site):
    a = site.alarms
    targets = [a["m1_alarm1"], a["m2_cover"], a["m2_offline"]]  # the last one is acked already
    assert acknowledge(MAINTENANCE, targets, "  checked on site  ") == 2
    assert alarm_report.unacknowledged(CASHIER) == 3
    rows = {r.alarm_id: r for r in fetch_alarms(CASHIER, AlarmFilter(acknowledged=True))}
    assert set(rows) == set(targets)
    assert (
        rows[a["m2_cover"]].acked_by == "fixer"
        and rows[a["m2_cover"]].ack_note == "checked on site"
    )
    assert rows[a["m2_offline"]].acked_by == "cashier1"  # the first acknowledgement stays
    entry = SystemLog.select().order_by(SystemLog.id.desc()).first()
    assert entry.action == "alarm.acknowledge" and entry.operator_name == "fixer"
    assert Message.from_json(entry.target).text() == "2 alarms"
    assert Message.from_json(entry.detail).text() == (
        f"alarms {a['m1_alarm1']}, {a['m2_cover']}: checked on site"
    )
    assert acknowledge(MAINTENANCE, targets, "again") == 0  # nothing left: nothing logged
    assert SystemLog.select().count() == 1
    with pytest.raises(ValidationError, match="longer than 200"):
        acknowledge(CASHIER, [a["m1_arrears"]], "x" * 201)
    assert Alarm.get_by_id(a["m1_arrears"]).acked_at is None


def test_every_call_checks_the_alarms_permission(site, monkeypatch):
    without = dict(permissions.ROLE_PERMISSIONS)
    without[Role.MAINTENANCE] = without[Role.MAINTENANCE] - {permissions.Permission.ALARMS}
    monkeypatch.setattr(permissions, "ROLE_PERMISSIONS", without)
    calls = (
        lambda: fetch_alarms(MAINTENANCE, AlarmFilter()),
        lambda: alarm_report.count_alarms(MAINTENANCE, AlarmFilter()),
        lambda: alarm_report.buildings(MAINTENANCE),
        lambda: alarm_report.unacknowledged(MAINTENANCE),
        lambda: acknowledge(MAINTENANCE, [site.alarms["m2_cover"]]),
        lambda: export_alarms(MAINTENANCE, "/nonexistent/x.xlsx", AlarmFilter()),
    )
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert Alarm.get_by_id(site.alarms["m2_cover"]).acked_at is None


def test_the_tenant_is_who_held_the_meter_when_the_alarm_started(site):
    from app.models import Account, Tenant

    old = Account.get(Account.meter == site.meters["M002"])
    old.closed_at = utc_of_local(dt.datetime(2026, 3, 3))
    old.save()
    wang = Tenant.create(account_no="A003", name="Wang")
    Account.create(tenant=wang, meter=site.meters["M002"], opened_at=old.closed_at)
    rows = {r.alarm_id: r for r in fetch_alarms(CASHIER, AlarmFilter())}
    assert rows[site.alarms["m2_offline"]].tenant_name == "Li"  # 03-02: Li's
    assert rows[site.alarms["m2_cover"]].tenant_name == "Wang"  # 03-04: Wang's


def test_the_workbook_cell_by_cell(site, tmp_path):
    out = tmp_path / "alarms.xlsx"
    flt = AlarmFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 2))
    stamp = dt.datetime(2026, 3, 6, 12, 0)
    assert export_alarms(CASHIER, out, flt, now=stamp) == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Alarm report" and ws["A1"].font.bold
    assert (ws["A2"].value, ws["B2"].value) == ("Exported", stamp)
    assert (ws["C2"].value, ws["D2"].value) == ("Operator", "cashier1")  # who exported it
    assert (ws["A3"].value, ws["B3"].value) == ("Period", "2026-03-01 – 2026-03-02")
    assert (ws["A4"].value, ws["B4"].value) == ("Filters", "none")
    header = [c.value for c in ws[6]]
    assert header == [
        "Meter", "Building", "Tenant", "Account no.", "Kind", "Level", "Start", "End",
        "Duration", "Balance at start (yuan)", "Detail", "Acknowledged by", "Acknowledged at",
        "Note", "SMS", "SMS sent at",
    ]  # fmt: skip
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == "A6:P8"
    offline = {h: c for h, c in zip(header, ws[7], strict=True)}  # newest first
    arrears = {h: c for h, c in zip(header, ws[8], strict=True)}
    assert offline["Meter"].value == "M002" and offline["Kind"].value == "Offline"
    assert offline["Level"].value == "Serious" and offline["Tenant"].value == "Li"
    assert offline["Acknowledged by"].value == "cashier1" and offline["Note"].value == "line fixed"
    assert offline["Acknowledged at"].value == dt.datetime(2026, 3, 2, 13, 0)
    assert offline["Balance at start (yuan)"].value is None and offline["SMS"].value is None
    assert arrears["Meter"].value == "M001" and arrears["Building"].value == "东区"
    assert arrears["Tenant"].value == "张记面馆" and arrears["Account no."].value == "A001"
    assert arrears["Kind"].value == "Arrears" and arrears["Level"].value == "Critical"
    assert arrears["Start"].value == dt.datetime(2026, 3, 1, 8, 0)
    assert arrears["Start"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert arrears["End"].value == dt.datetime(2026, 3, 1, 10, 30)
    assert arrears["Duration"].value == dt.timedelta(hours=2, minutes=30)
    assert arrears["Duration"].number_format == "[h]:mm:ss"
    money = arrears["Balance at start (yuan)"]
    assert money.value == -1.2 and money.number_format == "#,##0.00"
    assert arrears["SMS"].value == "sent"
    assert arrears["SMS sent at"].value == dt.datetime(2026, 3, 1, 8, 1)
    assert arrears["Acknowledged by"].value is None


def test_the_workbook_names_its_filters_translated_and_an_open_alarm(site, tmp_path):
    zh = {"Alarm report": "报警报表", "Alarm 1": "报警1", "still open": "未结束", "Warning": "提示",
          "building {name}": "楼栋 {name}", "not acknowledged": "未确认"}  # fmt: skip
    out = tmp_path / "zh.xlsx"
    flt = AlarmFilter(kinds=(AlarmKind.ALARM1,), building_id=site.buildings["东区"],
                      acknowledged=False)  # fmt: skip
    n = export_alarms(CASHIER, out, flt, building="东区", translate=lambda s: zh.get(s, s))
    assert n == 1
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "报警报表" and ws["B3"].value == "all alarms"
    assert ws["B4"].value == "报警1, 楼栋 东区, 未确认"
    row = [c.value for c in ws[7]]
    assert row[4:6] == ["报警1", "提示"] and row[7] == "未结束"
    assert isinstance(row[8], dt.timedelta) and row[8] > dt.timedelta(days=1)


def test_an_unwritable_path_is_said(site, tmp_path):
    with pytest.raises(PemError, match="cannot write"):
        export_alarms(CASHIER, tmp_path / "no" / "such" / "x.xlsx", AlarmFilter())


def test_the_store_keeps_one_open_alarm_a_kind(site):
    again, new = alarm_store.raise_alarm(site.meters["M002"], AlarmKind.COVER_OPEN, Level.CRITICAL)
    assert not new and again.id == site.alarms["m2_cover"]
    assert alarm_report.count_alarms(CASHIER, AlarmFilter(state=CURRENT)) == 3

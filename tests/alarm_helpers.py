"""A small site with alarms in it, made through ``alarm_store`` (the one writer of alarm rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.models import Account, Building, Bus, Meter, Tenant
from app.models.alarms import AlarmKind, Level, SmsMessage
from app.services import alarm_store


def utc_of_local(local: dt.datetime) -> dt.datetime:
    """A local wall-clock time as the naive UTC the database holds."""
    return local.astimezone().astimezone(dt.UTC).replace(tzinfo=None)


@dataclass
class AlarmSite:
    meters: dict[str, int]  # number -> id
    buildings: dict[str, int]  # name -> id
    alarms: dict[str, int]  # a name of the test's -> alarm id


def make_alarm_site() -> AlarmSite:
    """Two buildings; M001 (张记面馆), M002 (Li), M003 (nobody); six alarms on 2026-03-01..05.

    - m1_arrears: M001 arrears 03-01 08:00 local, ended 03-01 10:30, SMS sent 08:01
    - m1_alarm1: M001 alarm 1 03-03 09:00, still open, SMS wanted
    - m2_offline: M002 offline 03-02 12:00, ended 03-02 12:45, acknowledged by "cashier1"
    - m2_cover: M002 cover open 03-04 07:00, still open
    - m3_overload: M003 overload 03-05 18:00, ended 03-05 18:10
    - modem: the site's modem 03-04 23:00, still open
    """
    east = Building.create(name="东区")
    west = Building.create(name="West")
    bus = Bus.create(name="bus1", port="sim://1", parity="N")
    m1 = Meter.create(number="M001", bus=bus, address=1, serial="S1", building=east)
    m2 = Meter.create(number="M002", bus=bus, address=2, serial="S2", building=east)
    m3 = Meter.create(number="M003", bus=bus, address=3, serial="S3", building=west)
    zhang = Tenant.create(account_no="A001", name="张记面馆", phone="13800138000")
    li = Tenant.create(account_no="A002", name="Li")
    Account.create(tenant=zhang, meter=m1, opened_at=utc_of_local(dt.datetime(2026, 1, 1)))
    Account.create(tenant=li, meter=m2, opened_at=utc_of_local(dt.datetime(2026, 1, 1)))

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return utc_of_local(dt.datetime(2026, 3, day, hour, minute))

    alarms = {}
    a, _ = alarm_store.raise_alarm(m1.id, AlarmKind.ARREARS, Level.CRITICAL, value=-120,
                                   sms=True, at=at(1, 8))  # fmt: skip
    alarm_store.clear_alarm(m1.id, AlarmKind.ARREARS, at=at(1, 10, 30))
    SmsMessage.create(direction="out", phone="13800138000", body="欠费", kind="arrears",
                      state="sent", tenant=zhang, meter=m1, alarm=a.id, created_at=at(1, 8),
                      sent_at=at(1, 8, 1))  # fmt: skip
    alarms["m1_arrears"] = a.id
    a, _ = alarm_store.raise_alarm(m1.id, AlarmKind.ALARM1, Level.WARNING, value=1500, sms=True,
                                   at=at(3, 9))  # fmt: skip
    alarms["m1_alarm1"] = a.id
    a, _ = alarm_store.raise_alarm(m2.id, AlarmKind.OFFLINE, Level.SERIOUS, at=at(2, 12))
    alarm_store.clear_alarm(m2.id, AlarmKind.OFFLINE, at=at(2, 12, 45))
    alarm_store.acknowledge([a.id], "cashier1", "line fixed", at=at(2, 13))
    alarms["m2_offline"] = a.id
    a, _ = alarm_store.raise_alarm(m2.id, AlarmKind.COVER_OPEN, Level.CRITICAL, at=at(4, 7))
    alarms["m2_cover"] = a.id
    a, _ = alarm_store.raise_alarm(m3.id, AlarmKind.OVERLOAD, Level.SERIOUS, at=at(5, 18))
    alarm_store.clear_alarm(m3.id, AlarmKind.OVERLOAD, at=at(5, 18, 10))
    alarms["m3_overload"] = a.id
    a, _ = alarm_store.raise_alarm(None, AlarmKind.MODEM, Level.SERIOUS, at=at(4, 23))
    alarms["modem"] = a.id
    return AlarmSite(
        meters={"M001": m1.id, "M002": m2.id, "M003": m3.id},
        buildings={"东区": east.id, "West": west.id},
        alarms=alarms,
    )

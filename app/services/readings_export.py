"""Meter reading exports: every meter's current state, or the readings stored over a period.

``export_readings`` (issue #12): the grid's view of each meter now.
``export_period_readings`` (issue #14): the raw readings of a period of days.
Both go through ``xlsx_export.write_xlsx``.

What the grid shows, as of the last answers stored (``MeterState``), with the
tenant, the colour state, the last contact and whether the meter's parameters
are in sync with the database (``ParamSync.in_sync``; "unknown" when the
program never compared them). openpyxl's write-only mode keeps a site of
thousands of meters small in memory. Title, time and the filters used on top,
a frozen header with an autofilter, number formats for money and energy, and
column widths that fit Chinese text (a CJK character is two columns wide).

Headers and words are marked ``QT_TRANSLATE_NOOP("ReadingsExport", ...)``; the
window passes a translator, the command line writes English. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.models import Building, Meter, ParamSync, Reading
from app.services.grid_data import GridRow, load_grid_rows, natural_key
from app.services.meter_profiles import profile_named
from app.services.meter_state import classify
from app.services.permissions import Actor, Permission, require
from app.services.reading_store import rows_between
from app.services.receipts import local_time
from app.services.reports.period import BAD_PERIOD, day_start_utc
from app.services.xlsx_export import (
    ENERGY,
    FIRST_HEADER_ROW,
    MONEY,
    WHEN,
    Column,
    Heading,
    Progress,
    Translate,
    english,
    period_note,
    write_xlsx,
)

CONTEXT = "ReadingsExport"

TITLE = QT_TRANSLATE_NOOP("ReadingsExport", "Meter readings")
FILTER = QT_TRANSLATE_NOOP("ReadingsExport", "Filter")
ALL_METERS = QT_TRANSLATE_NOOP("ReadingsExport", "all meters")
YES = QT_TRANSLATE_NOOP("ReadingsExport", "yes")
NO = QT_TRANSLATE_NOOP("ReadingsExport", "no")
UNKNOWN = QT_TRANSLATE_NOOP("ReadingsExport", "unknown")
STATES = {
    "unopened": QT_TRANSLATE_NOOP("ReadingsExport", "not opened"),
    "normal": QT_TRANSLATE_NOOP("ReadingsExport", "normal"),
    "alarm1": QT_TRANSLATE_NOOP("ReadingsExport", "alarm 1"),
    "alarm2": QT_TRANSLATE_NOOP("ReadingsExport", "alarm 2"),
    "arrears": QT_TRANSLATE_NOOP("ReadingsExport", "arrears"),
    "offline": QT_TRANSLATE_NOOP("ReadingsExport", "offline"),
    "waiting": QT_TRANSLATE_NOOP("ReadingsExport", "waiting"),
    "metering": QT_TRANSLATE_NOOP("ReadingsExport", "metering only"),
}

ONE_DECIMAL = "0.0"
TWO_DECIMALS = "0.00"


@dataclass(frozen=True)
class Field:
    """A column of the current-state sheet: its marked header, its value, its kind."""

    header: str  # marked
    value: Callable[[GridRow, dict], object]
    number_format: str | None = None
    divisor: int = 1


def _st(field: str):
    def get(row: GridRow, _extra: dict):
        return None if row.status is None else getattr(row.status, field)

    return get


def _flag(field: str):
    def get(row: GridRow, extra: dict):
        if row.status is None:
            return None
        return extra["tr"](YES if getattr(row.status, field) else NO)

    return get


FIELDS = (
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Meter"), lambda r, _e: r.number),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Building"), lambda r, _e: r.building or ""),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Bus"), lambda r, _e: r.bus_name),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Address"), lambda r, _e: r.address),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Location"), lambda r, _e: r.location or ""),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Tenant"), lambda r, _e: r.tenant or ""),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "State"), lambda r, e: e["state"]),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Last contact"), lambda r, e: e["at"], WHEN),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Balance (yuan)"), _st("balance"), MONEY, 100),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Energy (kWh)"), _st("energy_total"), ENERGY, 100),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Purchases"), _st("purchase_count")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Power (W)"), _st("power")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Voltage A (V)"), _st("voltage_a"), ONE_DECIMAL, 10),
    Field(
        QT_TRANSLATE_NOOP("ReadingsExport", "Current A (A)"), _st("current_a"), TWO_DECIMALS, 100
    ),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Relay open"), _flag("relay_open")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Prepaid mode"), _flag("prepaid_mode")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Keep power"), _flag("keep_power")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Forced trip"), _flag("forced_trip")),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Tariff"), lambda r, _e: r.tariff),
    Field(QT_TRANSLATE_NOOP("ReadingsExport", "Parameters in sync"), lambda r, e: e["sync"]),
)
HEADER_ROW = FIRST_HEADER_ROW + 1  # one note: the filter


def _when(unix: float | None) -> dt.datetime | None:
    if unix is None:
        return None
    return dt.datetime.fromtimestamp(unix).replace(microsecond=0)  # local time, as on screen


def export_readings(
    actor: Actor,
    path: Path | str,
    rows: list[GridRow] | None = None,
    filter_text: str = "",
    translate: Translate = english,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write ``rows`` (default: every enabled meter) to ``path``; how many meters."""
    require(actor, Permission.VIEW)
    rows = load_grid_rows() if rows is None else rows
    sync = {p.meter_id: p.in_sync for p in ParamSync.select(ParamSync.meter, ParamSync.in_sync)}

    def tr(text: str) -> str:
        return translate(CONTEXT, text)

    def body():
        for row in rows:
            prepaid = profile_named(row.profile).prepaid
            state = classify(row.tenant is not None, row.online, row.status, row.alarm1,
                             row.alarm2, prepaid)  # fmt: skip
            in_sync = sync.get(row.meter_id)
            extra = {
                "tr": tr,
                "state": tr(STATES[state.value]),
                "at": _when(row.updated_at),
                "sync": tr(UNKNOWN if in_sync is None else YES if in_sync else NO),
            }
            yield [f.value(row, extra) for f in FIELDS]

    columns = [Column(tr(f.header), f.number_format, f.divisor) for f in FIELDS]
    heading = Heading(tr(TITLE), [(tr(FILTER), filter_text or tr(ALL_METERS))], actor.name, now)
    return write_xlsx(path, heading, columns, body(), len(rows), progress, cancelled, translate)


PERIOD_TITLE = QT_TRANSLATE_NOOP("ReadingsExport", "Stored readings")
PERIOD_FIELDS = (
    (QT_TRANSLATE_NOOP("ReadingsExport", "Meter"), None, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Building"), None, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Location"), None, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Read at"), WHEN, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Energy (kWh)"), ENERGY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Sharp (kWh)"), ENERGY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Peak (kWh)"), ENERGY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Flat (kWh)"), ENERGY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Valley (kWh)"), ENERGY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Balance (yuan)"), MONEY, 100),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Purchases"), None, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Power (W)"), None, 1),
    (QT_TRANSLATE_NOOP("ReadingsExport", "Relay open"), None, 1),
)


def export_period_readings(
    actor: Actor,
    path: Path | str,
    first: dt.date,
    last: dt.date,
    translate: Translate = english,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Every stored reading taken on the local days ``first`` to ``last``; how many.

    Meter by meter in meter order (``reading_store``, so archived readings come
    too), each meter's readings by time: one meter's readings in memory at a time.
    """
    require(actor, Permission.VIEW)
    if last < first:
        raise PemError(BAD_PERIOD, to=f"{last:%Y-%m-%d}", start=f"{first:%Y-%m-%d}")
    start, end = day_start_utc(first), day_start_utc(last + dt.timedelta(days=1))

    def tr(text: str) -> str:
        return translate(CONTEXT, text)

    yes, no = tr(YES), tr(NO)
    meters = sorted(
        Meter.select(Meter.id, Meter.number, Meter.location, Building.name)
        .join(Building, JOIN.LEFT_OUTER)
        .tuples(),
        key=lambda m: natural_key(m[1]),
    )

    def body():
        for meter_id, number, location, building in meters:
            for r in rows_between([meter_id], start, end):
                yield (number, building or "", location or "", local_time(r.taken_at),
                       r.energy_total, r.energy_sharp, r.energy_peak, r.energy_flat,
                       r.energy_valley, r.balance, r.purchase_count, r.power,
                       yes if r.relay_open else no)  # fmt: skip

    total = Reading.select().where((Reading.taken_at >= start) & (Reading.taken_at < end)).count()
    columns = [Column(tr(h), f, d) for h, f, d in PERIOD_FIELDS]
    heading = Heading(tr(PERIOD_TITLE), [period_note(first, last, translate)], actor.name, now)
    return write_xlsx(path, heading, columns, body(), total, progress, cancelled, translate)

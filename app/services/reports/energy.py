"""The energy report: energy and cost per meter, tenant, building or bus, by rate, for a period
as one total or by day or month, ranked, beside the same period one month earlier.

Figures come from ``DailyTotal`` rows (``daily_totals.rollup`` makes them; the
window and the command line run it first), so every meter counts, metering-only
ones included. Nothing is invented for a gap: a meter-day without a row is
counted as ``missing`` and one whose readings left part of the day uncovered
as ``incomplete``; the energy shown is only what was measured.

A meter's day belongs to the tenant whose account held the meter that day (the
latest opened when two did, as on a replacement day); a meter replaced by
another gives its tenant both meters' energy, each on its own days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import SQL, fn

from app.errors import QT_TRANSLATE_NOOP
from app.models import Account, Building, Bus, DailyTotal, Meter, Tenant, dialect
from app.services.permissions import Actor, Permission, require
from app.services.reports.period import Period, local_day

METER, TENANT, BUILDING, BUS = "meter", "tenant", "building", "bus"
GROUPINGS = (METER, TENANT, BUILDING, BUS)
GROUPING_TITLES = {
    METER: QT_TRANSLATE_NOOP("Reports", "Meter"),
    TENANT: QT_TRANSLATE_NOOP("Reports", "Tenant"),
    BUILDING: QT_TRANSLATE_NOOP("Reports", "Building"),
    BUS: QT_TRANSLATE_NOOP("Reports", "Bus"),
}
TOTAL, DAILY, MONTHLY = "total", "day", "month"
STEPS = (TOTAL, DAILY, MONTHLY)
STEP_TITLES = {
    TOTAL: QT_TRANSLATE_NOOP("Reports", "Whole period"),
    DAILY: QT_TRANSLATE_NOOP("Reports", "By day"),
    MONTHLY: QT_TRANSLATE_NOOP("Reports", "By month"),
}
NONE = 0  # the key of "no tenant / no building"
FIGURES = ("total", "sharp", "peak", "flat", "valley", "cost", "no_cost", "days", "incomplete",
           "resets")  # fmt: skip


@dataclass
class EnergyRow:
    key: int
    label: str
    bucket: str = ""  # "" (whole period), "YYYY-MM-DD" or "YYYY-MM"
    total: int = 0  # 0.01 kWh
    sharp: int = 0
    peak: int = 0
    flat: int = 0
    valley: int = 0
    cost: int = 0  # fen, of the days whose cost is known
    no_cost: int = 0  # meter-days without a tariff (cost unknown)
    days: int = 0  # meter-days with figures
    incomplete: int = 0  # of them, days with a gap in the readings
    resets: int = 0  # of them, days whose counter went back
    missing: int = 0  # meter-days of the period with no readings at all
    meter_ids: set[int] = field(default_factory=set)
    rank: int = 0  # 1 = the largest consumer (whole-period reports)
    previous: int | None = None  # energy of the same period one month earlier
    previous_cost: int | None = None

    def add(self, values: tuple) -> None:
        for name, value in zip(FIGURES, values, strict=True):
            setattr(self, name, getattr(self, name) + (value or 0))

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.total - self.previous

    @property
    def change_percent(self) -> float | None:
        if not self.previous:
            return None
        return 100.0 * (self.total - self.previous) / self.previous


@dataclass
class EnergyReport:
    period: Period
    grouping: str
    step: str
    rows: list[EnergyRow]
    total: EnergyRow
    compared: Period | None  # the period of ``previous`` (None: not compared)


def _bucket(step: str):
    if step == DAILY:
        return dialect.date_text(DailyTotal.day)
    if step == MONTHLY:
        return dialect.date_text(DailyTotal.day, month=True)
    return SQL("''")


def _sums(period: Period, step: str, meter_ids: list[int] | None = None):
    """(meter, bucket, figures...) of the period's daily totals."""
    q = DailyTotal.select(
        DailyTotal.meter,
        _bucket(step).alias("bucket"),
        fn.SUM(DailyTotal.energy_total),
        fn.SUM(DailyTotal.energy_sharp),
        fn.SUM(DailyTotal.energy_peak),
        fn.SUM(DailyTotal.energy_flat),
        fn.SUM(DailyTotal.energy_valley),
        fn.SUM(DailyTotal.cost),
        dialect.count_true(DailyTotal.cost.is_null()),
        fn.COUNT(DailyTotal.id),
        dialect.count_true(~DailyTotal.complete),
        dialect.count_true(DailyTotal.reset),
    ).where((DailyTotal.day >= period.first) & (DailyTotal.day <= period.last))
    if meter_ids is not None:
        q = q.where(DailyTotal.meter.in_(meter_ids))
    return q.group_by(SQL("1, 2")).tuples()


def _buckets(period: Period, step: str) -> list[tuple[str, dt.date, dt.date]]:
    out, day = [], period.first
    while day <= period.last:
        if step == DAILY:
            end = day
        elif step == MONTHLY:
            nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            end = min(period.last, nxt - dt.timedelta(days=1))
        else:
            end = period.last
        label = "" if step == TOTAL else day.isoformat()[: 7 if step == MONTHLY else 10]
        out.append((label, day, end))
        day = end + dt.timedelta(days=1)
    return out


class _Accounts:
    """Which tenant held each meter on a day (the latest opened account that covered it)."""

    def __init__(self) -> None:
        self.by_meter: dict[int, list[tuple[dt.date, dt.date | None, int]]] = {}
        for a in Account.select().order_by(Account.opened_at, Account.id):
            closed = local_day(a.closed_at) if a.closed_at else None
            self.by_meter.setdefault(a.meter_id, []).append(
                (local_day(a.opened_at), closed, a.tenant_id)
            )

    def tenant_on(self, meter_id: int, day: dt.date) -> int:
        found = NONE
        for opened, closed, tenant in self.by_meter.get(meter_id, ()):
            if opened <= day and (closed is None or day <= closed):
                found = tenant
        return found

    def constant(self, meter_id: int, period: Period) -> bool:
        """True when one tenant (or none) held the meter on every day of the period."""
        for opened, closed, _tenant in self.by_meter.get(meter_id, ()):
            if period.first < opened <= period.last:
                return False
            if closed is not None and period.first <= closed < period.last:
                return False
        return True


def _labels(grouping: str) -> dict[int, str]:
    if grouping == METER:
        return dict(Meter.select(Meter.id, Meter.number).tuples())
    if grouping == BUILDING:
        return dict(Building.select(Building.id, Building.name).tuples())
    if grouping == BUS:
        return dict(Bus.select(Bus.id, Bus.name).tuples())
    return {t.id: f"{t.name} ({t.account_no})" for t in Tenant.select()}


def energy_report(
    actor: Actor, period: Period, grouping: str = METER, step: str = TOTAL, compare: bool = True
) -> EnergyReport:
    """The period's energy by ``grouping`` and ``step``; ``compare`` (whole period only): beside
    the same period one month earlier."""
    require(actor, Permission.REPORTS)
    report = _report(period, grouping, step)
    if compare and step == TOTAL:
        before = _report(period.month_before(), grouping, step)
        previous = {r.key: r for r in before.rows}
        for row in report.rows:
            old = previous.get(row.key)
            row.previous = old.total if old else 0
            row.previous_cost = old.cost if old else 0
        report.total.previous, report.total.previous_cost = before.total.total, before.total.cost
        report.compared = before.period
    return report


def _report(period: Period, grouping: str, step: str) -> EnergyReport:
    meters = {
        m.id: m for m in Meter.select(Meter.id, Meter.building, Meter.bus, Meter.enabled,
                                      Meter.created_at)
    }  # fmt: skip
    accounts = _Accounts() if grouping == TENANT else None
    rows: dict[tuple[str, int], EnergyRow] = {}
    labels = _labels(grouping)
    total = EnergyRow(NONE, "")

    def row_for(bucket: str, meter_id: int, day: dt.date | None) -> EnergyRow:
        m = meters[meter_id]
        if grouping == METER:
            key = meter_id
        elif grouping == BUILDING:
            key = m.building_id or NONE
        elif grouping == BUS:
            key = m.bus_id
        else:
            key = accounts.tenant_on(meter_id, day or period.first)
        row = rows.get((bucket, key))
        if row is None:
            row = rows[(bucket, key)] = EnergyRow(key, labels.get(key, ""), bucket)
        row.meter_ids.add(meter_id)
        return row

    changing = []
    if accounts is not None:
        changing = [m for m in meters if not accounts.constant(m, period)]
    skip = set(changing)
    seen: dict[tuple[int, str], int] = {}
    for meter_id, bucket, *values in _sums(period, step):
        seen[(meter_id, bucket)] = values[7]
        if meter_id in skip:
            continue
        row_for(bucket, meter_id, None).add(tuple(values))
        total.add(tuple(values))
    if changing:  # tenant changed within the period: day by day
        for meter_id, day, *values in _sums(period, DAILY, changing):
            d = dt.date.fromisoformat(day)
            bucket = "" if step == TOTAL else day[: 7 if step == MONTHLY else 10]
            row_for(bucket, meter_id, d).add(tuple(values))
            total.add(tuple(values))
    _count_missing(period, step, meters, seen, row_for, total)
    ordered = sorted(rows.values(), key=lambda r: (r.bucket, -r.total, r.label))
    if step == TOTAL:
        for rank, row in enumerate(ordered, 1):
            row.rank = rank
    return EnergyReport(period, grouping, step, ordered, total, None)


def _count_missing(period: Period, step: str, meters: dict, seen: dict, row_for, total) -> None:
    """Meter-days without a row, for enabled meters that existed and days that are over."""
    yesterday = dt.date.today() - dt.timedelta(days=1)
    buckets = _buckets(period, step)
    for meter_id, m in meters.items():
        if not m.enabled:
            continue
        born = local_day(m.created_at)
        for label, first, last in buckets:
            first, last = max(first, born), min(last, yesterday)
            gap = (last - first).days + 1 - seen.get((meter_id, label), 0)
            if gap > 0:
                row_for(label, meter_id, first).missing += gap
                total.missing += gap


@dataclass(frozen=True)
class DayRow:
    meter_no: str
    day: dt.date
    total: int
    sharp: int
    peak: int
    flat: int
    valley: int
    cost: int | None
    readings: int
    complete: bool
    reset: bool


def energy_days(actor: Actor, period: Period, meter_ids: list[int]) -> list[DayRow]:
    """The daily totals behind a figure (the drill-down), by meter then day."""
    require(actor, Permission.REPORTS)
    q = (
        DailyTotal.select(DailyTotal, Meter.number)
        .join(Meter)
        .where(
            DailyTotal.meter.in_(meter_ids)
            & (DailyTotal.day >= period.first)
            & (DailyTotal.day <= period.last)
        )
        .order_by(Meter.number, DailyTotal.day)
    )
    return [
        DayRow(d.meter.number, d.day, d.energy_total, d.energy_sharp, d.energy_peak,
               d.energy_flat, d.energy_valley, d.cost, d.readings, d.complete, d.reset)
        for d in q
    ]  # fmt: skip

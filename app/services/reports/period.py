"""Report periods: the site PC's local calendar days, as the naive UTC the database keeps."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, ValidationError

BAD_PERIOD = QT_TRANSLATE_NOOP("Errors", "the period ends ({to}) before it starts ({start})")


def day_start_utc(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day`` as naive UTC."""
    local = dt.datetime.combine(day, dt.time.min).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def local_day(utc_naive: dt.datetime) -> dt.date:
    """The local calendar day a naive UTC time falls on."""
    return utc_naive.replace(tzinfo=dt.UTC).astimezone().date()


def to_local(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def months_back(day: dt.date, months: int = 1) -> dt.date:
    """The same day ``months`` earlier, clamped to that month's last day (31 March -> 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """Local days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date
    exact: tuple[dt.datetime, dt.datetime] | None = None  # a shift: cut at these UTC times

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(
                BAD_PERIOD, to=self.last.isoformat(), start=self.first.isoformat()
            )

    @classmethod
    def cut(cls, start: dt.datetime, end: dt.datetime) -> Period:
        """From one naive UTC time to another (a cashier's shift), not whole local days."""
        return cls(local_day(start), local_day(end - dt.timedelta(microseconds=1)), (start, end))

    @property
    def start_utc(self) -> dt.datetime:
        return self.exact[0] if self.exact else day_start_utc(self.first)

    @property
    def end_utc(self) -> dt.datetime:
        return self.exact[1] if self.exact else day_start_utc(self.last + dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def month_before(self) -> Period:
        """The same period one month earlier (the comparison the energy report shows)."""
        return Period(months_back(self.first), months_back(self.last))

    def text(self) -> str:
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

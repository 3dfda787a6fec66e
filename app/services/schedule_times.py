"""When a schedule runs: its forms, their checks, and the due times they make (no Qt, no database).

A schedule's times are local wall-clock times of the site (an operator says
"every Friday at 18:00", never a UTC instant); the database stores the due
instant as naive UTC like every other time. Local time is ``local_zone()``:
the zone named by ``TZ`` or the machine's /etc/localtime as a ``zoneinfo``
zone, so a daily 08:00 stays 08:00 across a DST change (a wall time the
spring change skips runs at the same instant one hour later on the clock; a
wall time the autumn change repeats runs once, the first time). Where no zone
database is found (Windows without tzdata) it is the machine's current UTC
offset: exact for China, which has no DST.

Forms (``When.kind``):

- ``once``: at a local date-time;
- ``daily``: at HH:MM;
- ``weekly``: on chosen weekdays (0 Monday .. 6 Sunday) at HH:MM;
- ``monthly``: on day 1..28 of each month at HH:MM;
- ``window``: from <weekday HH:MM> to <weekday HH:MM> every week, plus whole
  holiday dates; the union of these spans is "inside". The start command runs
  where an inside span begins, the end command where it ends (a holiday next to
  the weekend makes one span: no off-and-on again at midnight).

Every recurring form may be limited to dates ``first``..``last`` (local dates;
a window span counts by the date it begins).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import QT_TRANSLATE_NOOP, InvalidField

ONCE, DAILY, WEEKLY, MONTHLY, WINDOW = "once", "daily", "weekly", "monthly", "window"
KINDS = (ONCE, DAILY, WEEKLY, MONTHLY, WINDOW)
START, END, RUN = "start", "end", "run"  # what a due time does: a window's two edges, or run
WEEK_MINUTES = 7 * 24 * 60
LAST_MONTH_DAY = 28  # every month has it

_DAY = dt.timedelta(days=1)
# How far back and ahead a due time is looked for: a window or a week repeats within 8
# days, a month within 31 (a chain of holidays is found whole: every holiday is listed).
_REACH = {ONCE: 0, DAILY: 2, WEEKLY: 8, MONTHLY: 32, WINDOW: 9}
_HORIZON_DAYS = 800  # a recurring form limited by ``first`` may start this far ahead


def local_zone() -> dt.tzinfo:
    """The site's local time zone (see the module docstring for which)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        target = str(Path("/etc/localtime").resolve())
        name = target.partition("zoneinfo/")[2]
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.datetime.now().astimezone().tzinfo or dt.UTC


def to_utc(local: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A local wall time to the naive UTC instant the database stores."""
    return local.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def to_local(utc: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class Due:
    """One due time: ``at`` naive UTC; ``edge`` START / END of a window, else RUN."""

    at: dt.datetime
    edge: str = RUN


@dataclass(frozen=True)
class When:
    kind: str
    at: dt.datetime | None = None  # once: local
    time: dt.time = dt.time(0, 0)  # daily, weekly, monthly
    days: tuple[int, ...] = ()  # weekly: 0 Monday .. 6 Sunday
    day: int = 1  # monthly
    start: tuple[int, dt.time] = (4, dt.time(18, 0))  # window: weekday, time
    end: tuple[int, dt.time] = (0, dt.time(8, 0))
    holidays: tuple[dt.date, ...] = ()
    end_command: str = ""  # window: what runs where a span ends
    first: dt.date | None = None
    last: dt.date | None = None
    extra: dict = field(default_factory=dict, compare=False)  # unknown keys kept as they are

    # ---- JSON (Schedule.when_json) ----
    def to_json(self) -> str:
        out: dict = {"kind": self.kind}
        if self.kind == ONCE:
            out["at"] = self.at.strftime("%Y-%m-%dT%H:%M") if self.at else ""
        elif self.kind == WINDOW:
            out["start"] = [self.start[0], _hhmm(self.start[1])]
            out["end"] = [self.end[0], _hhmm(self.end[1])]
            out["holidays"] = [d.isoformat() for d in sorted(set(self.holidays))]
            out["end_command"] = self.end_command
        else:
            out["time"] = _hhmm(self.time)
            if self.kind == WEEKLY:
                out["days"] = sorted(set(self.days))
            if self.kind == MONTHLY:
                out["day"] = self.day
        if self.first:
            out["first"] = self.first.isoformat()
        if self.last:
            out["last"] = self.last.isoformat()
        return json.dumps(out, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> When:
        """Parse and check; a form that does not hold is refused naming what is wrong."""
        try:
            raw = json.loads(text)
        except ValueError:
            raw = None
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            raise InvalidField("when", UNKNOWN_FORM)
        kind = raw["kind"]
        when = cls(kind)
        if kind == ONCE:
            when = replace(when, at=parse_datetime(str(raw.get("at", ""))))
        elif kind == WINDOW:
            when = replace(
                when,
                start=_weekday_time(raw.get("start"), "start"),
                end=_weekday_time(raw.get("end"), "end"),
                holidays=tuple(parse_date(str(d), "holidays") for d in raw.get("holidays", [])),
                end_command=str(raw.get("end_command", "")),
            )
        else:
            when = replace(when, time=parse_time(str(raw.get("time", ""))))
            if kind == WEEKLY:
                when = replace(when, days=tuple(_weekday(d) for d in raw.get("days", [])))
            if kind == MONTHLY:
                when = replace(when, day=_int(raw.get("day"), "day"))
        first, last = raw.get("first"), raw.get("last")
        when = replace(
            when,
            first=parse_date(str(first), "first") if first else None,
            last=parse_date(str(last), "last") if last else None,
        )
        when.check()
        return when

    def check(self) -> None:
        """The rules every form holds; ``schedules.validate`` adds the commands and meters."""
        if self.kind not in KINDS:
            raise InvalidField("when", UNKNOWN_FORM)
        if self.kind == ONCE and self.at is None:
            raise InvalidField("at", BAD_DATETIME, text="")
        if self.kind == WEEKLY and not self.days:
            raise InvalidField("days", NO_WEEKDAY)
        if self.kind == MONTHLY and not 1 <= self.day <= LAST_MONTH_DAY:
            raise InvalidField("day", BAD_MONTH_DAY, day=self.day, last=LAST_MONTH_DAY)
        if self.kind == WINDOW and self.window_minutes() == 0:
            raise InvalidField("end", EMPTY_WINDOW, start=self.edge_text(self.start))
        if self.first and self.last and self.last < self.first:
            raise InvalidField(
                "last", ENDS_BEFORE_START, last=self.last.isoformat(), first=self.first.isoformat()
            )

    # ---- the window ----
    def window_minutes(self) -> int:
        """How long each weekly span lasts; it may run over the week's end (Fri to Mon)."""
        return (_week_minute(self.end) - _week_minute(self.start)) % WEEK_MINUTES

    @staticmethod
    def edge_text(edge: tuple[int, dt.time]) -> str:
        return f"{WEEKDAY_NAMES[edge[0]]} {_hhmm(edge[1])}"

    def _in_range(self, local_date: dt.date) -> bool:
        return (self.first is None or local_date >= self.first) and (
            self.last is None or local_date <= self.last
        )


# ---- due times ----
def dues(when: When, lo: dt.datetime, hi: dt.datetime, zone: dt.tzinfo) -> list[Due]:
    """Every due time in (lo, hi] (naive UTC), ascending."""
    if when.kind == ONCE:
        at = to_utc(when.at, zone) if when.at else None
        return [Due(at)] if at is not None and lo < at <= hi else []
    if when.kind == WINDOW:
        return [d for d in _window_edges(when, lo, hi, zone) if lo < d.at <= hi]
    first_day = to_local(lo, zone).date() - _DAY
    last_day = to_local(hi, zone).date() + _DAY
    out = []
    day = first_day
    while day <= last_day:
        if when._in_range(day) and _runs_on(when, day):
            at = to_utc(dt.datetime.combine(day, when.time), zone)
            if lo < at <= hi:
                out.append(Due(at))
        day += _DAY
    return out


def next_due(when: When, after: dt.datetime, zone: dt.tzinfo) -> Due | None:
    """The first due time strictly after ``after``; None when the schedule has no more."""
    if when.kind == ONCE:
        found = dues(when, after, dt.datetime.max - _DAY, zone)
        return found[0] if found else None
    step = dt.timedelta(days=max(_REACH[when.kind], 1) * 2)
    lo = after
    limit = after + dt.timedelta(days=_HORIZON_DAYS)
    if when.first is not None:  # jump to the schedule's first day
        lo = max(lo, to_utc(dt.datetime.combine(when.first, dt.time()), zone) - 2 * _DAY)
        limit = max(limit, lo + dt.timedelta(days=_HORIZON_DAYS))
    while lo < limit:
        if when.last is not None and to_local(lo, zone).date() > when.last + 8 * _DAY:
            return None
        found = [d for d in dues(when, lo, lo + step, zone) if d.at > after]
        if found:
            return found[0]
        lo += step
    return None


def latest_due(when: When, now: dt.datetime, zone: dt.tzinfo) -> Due | None:
    """The last due time at or before ``now`` within the form's reach (a window's last edge
    says the state that should hold now); None when there is none that recent."""
    if when.kind == ONCE:
        found = dues(when, dt.datetime.min + _DAY, now, zone)
        return found[-1] if found else None
    reach = _REACH[when.kind]
    while True:
        found = dues(when, now - dt.timedelta(days=reach), now, zone)
        # a window inside a run of holidays longer than its reach: look further back
        if found or when.kind != WINDOW or reach > len(when.holidays) + 2 * _REACH[WINDOW]:
            return found[-1] if found else None
        reach *= 2


def upcoming(when: When, after: dt.datetime, zone: dt.tzinfo, count: int = 5) -> list[Due]:
    """The next ``count`` due times after ``after`` (what the editor shows)."""
    out: list[Due] = []
    while len(out) < count:
        due = next_due(when, after, zone)
        if due is None:
            break
        out.append(due)
        after = due.at
    return out


def _runs_on(when: When, day: dt.date) -> bool:
    if when.kind == WEEKLY:
        return day.weekday() in when.days
    if when.kind == MONTHLY:
        return day.day == when.day
    return True


def _window_spans(
    when: When, lo: dt.datetime, hi: dt.datetime, zone: dt.tzinfo
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """The weekly spans near (lo, hi] and every holiday, as (start, end) naive UTC."""
    length = dt.timedelta(minutes=when.window_minutes())
    first_day = to_local(lo, zone).date() - 9 * _DAY
    monday = first_day - first_day.weekday() * _DAY
    last_day = to_local(hi, zone).date() + 9 * _DAY
    while monday <= last_day:
        day = monday + when.start[0] * _DAY
        if when._in_range(day):
            start = dt.datetime.combine(day, when.start[1])
            yield to_utc(start, zone), to_utc(start + length, zone)
        monday += 7 * _DAY
    for day in when.holidays:
        if when._in_range(day):
            start = dt.datetime.combine(day, dt.time())
            yield to_utc(start, zone), to_utc(start + _DAY, zone)


def _window_edges(when: When, lo: dt.datetime, hi: dt.datetime, zone: dt.tzinfo) -> list[Due]:
    """The edges of the union of the spans: where "inside" begins and ends."""
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(_window_spans(when, lo, hi, zone)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    edges = []
    for start, end in merged:
        edges += [Due(start, START), Due(end, END)]
    return edges


# ---- parsing ----
UNKNOWN_FORM = QT_TRANSLATE_NOOP("Errors", "When: not a form of schedule this program knows")
BAD_TIME = QT_TRANSLATE_NOOP("Errors", "Time: {text} is not a time of day (HH:MM)")
BAD_DATETIME = QT_TRANSLATE_NOOP("Errors", "Time: {text} is not a date and time (YYYY-MM-DD HH:MM)")
BAD_DATE = QT_TRANSLATE_NOOP("Errors", "Date: {text} is not a date (YYYY-MM-DD)")
BAD_WEEKDAY = QT_TRANSLATE_NOOP("Errors", "Days: {text} is not a weekday (0 Monday to 6 Sunday)")
NO_WEEKDAY = QT_TRANSLATE_NOOP("Errors", "Days: choose at least one weekday")
BAD_MONTH_DAY = QT_TRANSLATE_NOOP(
    "Errors", "Day: the day of the month must be 1 to {last}, not {day}"
)
EMPTY_WINDOW = QT_TRANSLATE_NOOP(
    "Errors", "End: the window ends where it starts ({start}); it would never be inside"
)
ENDS_BEFORE_START = QT_TRANSLATE_NOOP(
    "Errors", "Last day: the schedule ends ({last}) before it starts ({first})"
)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _hhmm(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def parse_time(text: str) -> dt.time:
    try:
        hours, minutes = text.strip().split(":")
        if len(minutes) != 2:
            raise ValueError
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise InvalidField("time", BAD_TIME, text=text) from None


def parse_datetime(text: str) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        raise InvalidField("at", BAD_DATETIME, text=text) from None
    return at.replace(tzinfo=None, second=0, microsecond=0)


def parse_date(text: str, name: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidField(name, BAD_DATE, text=text) from None


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField(name, BAD_MONTH_DAY, day=value, last=LAST_MONTH_DAY)
    return value


def _weekday(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise InvalidField("days", BAD_WEEKDAY, text=value)
    return value


def _weekday_time(value: object, name: str) -> tuple[int, dt.time]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise InvalidField(name, BAD_TIME, text=value)
    return _weekday(value[0]), parse_time(str(value[1]))


def _week_minute(edge: tuple[int, dt.time]) -> int:
    return edge[0] * 1440 + edge[1].hour * 60 + edge[1].minute

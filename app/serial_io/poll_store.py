"""Poll results into the database, from the bus worker's own thread.

A 256-meter bus answers several times a second; one transaction per answer
would keep SQLite busy and fight the cashier's ledger writes for the lock.
So the live status of each meter (``MeterState``, one row per meter) is kept
in memory and written in one short transaction every ``state_flush_s``,
together with the ``Reading`` rows the scheduler said were due. Only statuses
that came from a valid answer are ever stored; a miss updates the online flag
and the statistics, never the last status.

An ``observer`` (the alarm feed, issue #13) sees every outcome in ``record``
and writes what it made of them inside the same flush transaction, so alarms
cost no transaction of their own either.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import peewee

from app.messages import Message
from app.serial_io.events import MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus

log = logging.getLogger(__name__)


def utc_naive(at: float) -> dt.datetime:
    """time.time() as the naive UTC datetime the models store."""
    return dt.datetime.fromtimestamp(at, dt.UTC).replace(tzinfo=None)


class PollObserver(Protocol):
    """Sees every poll outcome in the worker thread; writes within the store's flush."""

    def observe(self, update: MeterUpdate) -> None: ...

    def take(self) -> list:
        """What to write at this flush (may read the database; runs outside the transaction)."""
        ...

    def write(self, batch: list, each: bool = False) -> None:
        """Write ``batch`` in the open transaction (``each``: one savepoint per item)."""
        ...

    def give_back(self, batch: list) -> None:
        """The flush failed: ``batch`` is written at the next one."""
        ...


@dataclass
class _Pending:
    online: bool
    stats: CommStats
    status: MeterStatus | None = None  # last valid status since the previous flush
    status_at: float = 0.0


class PollStore:
    """Buffered writer of MeterState and Reading rows.

    ``source`` is the database file (the shared ``db`` proxy is opened on it if
    nothing opened it yet), a callable run in the worker thread that opens the
    database the models are bound to, or None when the application already
    opened it. Every method except the constructor runs in the worker thread;
    peewee gives that thread its own SQLite connection.
    """

    def __init__(
        self,
        source: str | Path | Callable[[], object] | None = None,
        observer: PollObserver | None = None,
    ) -> None:
        self._source = source
        self.observer = observer
        self._states: dict[int, _Pending] = {}
        self._readings: list[dict] = []
        self.rows_written = 0
        self.readings_written = 0

    def open(self) -> None:
        from app.models import db, open_database

        if callable(self._source):
            self._source()
        elif self._source is not None:
            path = str(Path(self._source))
            if db.obj is None:
                open_database(path)
            elif getattr(db.obj, "database", None) != path:
                from app.errors import QT_TRANSLATE_NOOP, ConfigError

                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "another database is open, not {path}"), path=path
                )
        db.connect(reuse_if_open=True)

    def record(self, update: MeterUpdate) -> None:
        """Remember one poll outcome; written at the next ``flush``."""
        pending = self._states.get(update.meter_id)
        if pending is None:
            pending = self._states[update.meter_id] = _Pending(update.online, update.stats)
        pending.online, pending.stats = update.online, update.stats
        if update.status is not None:
            pending.status, pending.status_at = update.status, update.at
        if self.observer is not None:
            self.observer.observe(update)

    def add_reading(self, meter_id: int, status: MeterStatus, at: float) -> None:
        self._readings.append(
            {
                "meter": meter_id,
                "taken_at": utc_naive(at),
                "energy_total": status.energy_total,
                "energy_sharp": status.energy_sharp,
                "energy_peak": status.energy_peak,
                "energy_flat": status.energy_flat,
                "energy_valley": status.energy_valley,
                "balance": status.balance,
                "purchase_count": status.purchase_count,
                "power": status.power,
                "relay_open": status.relay_open,
            }
        )

    @property
    def pending(self) -> int:
        return len(self._states) + len(self._readings)

    def flush(self) -> int:
        """Write everything buffered in one transaction; returns the rows written."""
        if not self._states and not self._readings:
            return 0
        from app.models import db

        states, self._states = self._states, {}
        readings, self._readings = self._readings, []
        observer = self.observer
        batch = []
        try:
            batch = observer.take() if observer is not None else []
            with db.atomic():
                self._write(states, readings)
                if batch:
                    observer.write(batch)
        except peewee.IntegrityError:  # (dialect.executemany raises peewee's)
            # A meter was deleted while it was being polled: write the rest row by row.
            log.info("poll store: a meter disappeared, writing rows one by one")
            self._write_each(states, readings)
            if batch:
                observer.write(batch, each=True)
        except Exception:
            # Database busy or gone: keep the rows for the next flush (newer states win).
            states.update(self._states)
            self._states = states
            self._readings = readings + self._readings
            if batch:
                observer.give_back(batch)
            raise
        written = len(states) + len(readings)
        self.rows_written += len(states)
        self.readings_written += len(readings)
        return written

    def _write(self, states: dict[int, _Pending], readings: list[dict]) -> None:
        """Two upserts and one insert, each one ``executemany`` for all rows.

        Through the ORM every row was its own statement built in Python (some
        0.3 ms a row: over a millisecond a poll on a paced line, issue #9).
        A row without a new valid status leaves the stored status alone.
        """
        from app.models import MeterState, Reading, dialect

        with_status, without = [], []
        for meter_id, p in states.items():
            stats = p.stats
            row = (
                meter_id,
                p.online,
                stats.answers,
                stats.timeouts,
                stats.crc_errors,
                stats.exceptions,
                stats.last_response_ms,
                dump_error(stats.last_error, MeterState.last_error.max_length),
            )
            if p.status is None:
                without.append(row)
            else:
                status_json = json.dumps(p.status.to_dict(), sort_keys=True)
                with_status.append((*row, status_json, str(utc_naive(p.status_at))))
        if with_status:
            dialect.executemany(_upsert(_COUNTERS + _STATUS), with_status)
        if without:
            dialect.executemany(_upsert(_COUNTERS), without)
        if readings:
            Reading.insert_many(readings).execute()

    def _write_each(self, states: dict[int, _Pending], readings: list[dict]) -> None:
        from app.models import db

        for meter_id, p in states.items():
            try:
                with db.atomic():
                    self._write({meter_id: p}, [])
            except peewee.IntegrityError:
                log.debug("poll store: meter %s is gone", meter_id)
        for reading in readings:
            try:
                with db.atomic():
                    self._write({}, [reading])
            except peewee.IntegrityError:
                log.debug("poll store: meter %s is gone", reading["meter"])

    def close(self) -> None:
        from app.models import db

        if db.obj is not None and not db.is_closed():
            db.close()


_COUNTERS = (
    "online", "answers", "timeouts", "crc_errors", "exceptions", "last_response_ms", "last_error"
)  # fmt: skip
_STATUS = ("status_json", "updated_at")


@functools.cache
def _upsert(columns: tuple[str, ...]) -> str:
    """INSERT of meter_id and ``columns``, updating just those columns when the row exists.

    A new row without a status gets the model's defaults for it ('' and NULL).
    """
    from app.models import MeterState

    names = ("meter_id", *columns)
    update = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return (
        f"INSERT INTO {MeterState._meta.table_name} ({', '.join(names)}"
        + ("" if "status_json" in columns else ", status_json")
        + f") VALUES ({', '.join('?' for _ in names)}"
        + ("" if "status_json" in columns else ", ''")
        + f") ON CONFLICT (meter_id) DO UPDATE SET {update}"
    )


def store_status(meter_id: int, status: MeterStatus, at: float) -> None:
    """Write one meter's status read back by a job (a relay command's confirming read) now,
    in the caller's transaction, so the next page shows it without waiting for a flush."""
    from app.models import MeterState

    values = {
        MeterState.online: True,
        MeterState.status_json: json.dumps(status.to_dict(), sort_keys=True),
        MeterState.updated_at: utc_naive(at),
    }
    MeterState.insert({MeterState.meter: meter_id, **values}).on_conflict(
        conflict_target=[MeterState.meter], update=values
    ).execute()


def dump_error(message: Message | None, max_len: int) -> str:
    """The last error as the column keeps it: the message's JSON, cut to fit (empty: none).

    ``Message.from_json`` reads it back; an old plain-text row loads as itself.
    """
    return message.to_json(max_len) if message else ""


def load_status(status_json: str) -> MeterStatus | None:
    """A stored status back as a MeterStatus (None for an empty or foreign row)."""
    if not status_json:
        return None
    try:
        return MeterStatus(**json.loads(status_json))
    except (TypeError, ValueError):
        return None

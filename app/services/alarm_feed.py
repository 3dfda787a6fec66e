"""The alarm engine in the poll path: a ``PollObserver`` of one bus worker's ``PollStore``.

Every poll outcome goes through ``AlarmEngine.observe`` in the worker's thread;
the changes it decides wait in memory and are written through ``alarm_store``
inside the poll store's flush transaction (every ``state_flush_s``), never one
transaction per poll. What the engine needs from the database (thresholds,
whether an account is open, parameter sync, which alarms are open already) is
read at a flush: for meters polled for the first time at once, for all of them
again every ``CONTEXT_S`` (an account opened or thresholds downloaded meanwhile).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import peewee

from app import settings
from app.models import Account, Meter, ParamSync, db
from app.models.alarms import Alarm
from app.serial_io.events import MeterUpdate
from app.serial_io.poll_store import utc_naive
from app.services import alarm_store
from app.services.alarm_engine import LEVEL_OF_KIND, AlarmEngine, Change, MeterContext
from app.services.meter_profiles import profile_named

log = logging.getLogger(__name__)

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def load_contexts(meter_ids: list[int]) -> dict[int, MeterContext]:
    """Thresholds, open account and parameter sync of the given meters (three small queries)."""
    out: dict[int, MeterContext] = {}
    for ids in _chunks(meter_ids):
        opened = {
            m for (m,) in Account.select(Account.meter)
            .where(Account.meter.in_(ids) & Account.closed_at.is_null()).tuples()
        }  # fmt: skip
        unsynced = {
            m for (m,) in ParamSync.select(ParamSync.meter)
            .where(ParamSync.meter.in_(ids) & (ParamSync.in_sync == False)).tuples()  # noqa: E712
        }  # fmt: skip
        rows = Meter.select(Meter.id, Meter.alarm1, Meter.alarm2, Meter.profile)
        for meter_id, alarm1, alarm2, profile in rows.where(Meter.id.in_(ids)).tuples():
            holds_money = profile_named(profile).prepaid
            out[meter_id] = MeterContext(
                alarm1, alarm2, holds_money and meter_id in opened, meter_id not in unsynced
            )
    return out


def open_kinds(meter_ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for ids in _chunks(meter_ids):
        q = Alarm.select(Alarm.meter, Alarm.kind).where(
            Alarm.meter.in_(ids) & Alarm.ended_at.is_null()
        )
        for meter_id, kind in q.tuples():
            out.setdefault(meter_id, set()).add(kind)
    return out


def write_change(change: Change) -> None:
    """One engine change through ``alarm_store`` (the one writer of alarm rows)."""
    at = utc_naive(change.at)
    if change.start:
        alarm_store.raise_alarm(
            change.meter_id,
            change.kind,
            LEVEL_OF_KIND[change.kind],
            value=change.value,
            sms=change.sms,
            at=at,
        )
    else:
        alarm_store.clear_alarm(change.meter_id, change.kind, at=at)


class AlarmFeed:
    """Given to a ``PollStore`` as its observer (one per bus worker, used by its thread only)."""

    CONTEXT_S = 30.0

    def __init__(
        self,
        engine: AlarmEngine | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # made now with the declared defaults; the site's values are read at the first flush
        self.engine = engine or AlarmEngine(
            settings.option("alarm.clear_margin_fen").default,
            settings.option("alarm.offline_polls").default,
        )
        self._clock = clock
        self._changes: list[Change] = []
        self._context_at = 0.0
        self.changes_written = 0

    # ---- PollObserver ----
    def observe(self, update: MeterUpdate) -> None:
        changes = self.engine.observe(update)
        if changes:
            self._changes.extend(changes)

    def take(self) -> list[Change]:
        self._refresh_context()
        changes, self._changes = self._changes, []
        return changes

    def write(self, batch: list[Change], each: bool = False) -> None:
        for change in batch:
            if not each:
                write_change(change)
                continue
            try:
                with db.atomic():
                    write_change(change)
            except peewee.IntegrityError:
                log.debug("alarm feed: meter %s is gone", change.meter_id)
        self.changes_written += len(batch)

    def give_back(self, batch: list[Change]) -> None:
        self._changes = batch + self._changes

    # ---- context ----
    def _refresh_context(self) -> None:
        engine = self.engine
        now = self._clock()
        if now >= self._context_at:
            self._context_at = now + self.CONTEXT_S
            engine.clear_margin = settings.get("alarm.clear_margin_fen")
            engine.offline_polls = settings.get("alarm.offline_polls")
            ids = sorted(set(engine.known()) | set(engine.needs_context()))
        else:
            ids = sorted(engine.needs_context())
        if not ids:
            return
        contexts = load_contexts(ids)
        known = set(engine.known())
        new = [m for m in ids if m in contexts and m not in known]
        seeds = open_kinds(new) if new else {}
        for meter_id in ids:
            ctx = contexts.get(meter_id)
            if ctx is None:  # deleted meanwhile
                engine.forget(meter_id)
                continue
            self._changes.extend(engine.set_context(meter_id, ctx, seeds.get(meter_id, ())))

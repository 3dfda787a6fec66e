"""Runs due schedules: exactly once across processes, and catches up on what was missed.

Every process that serves the site (the window, ``main.py collector``) runs
one ``ScheduleRunner`` thread, which looks every few seconds for enabled
schedules whose ``next_run_at`` has come. A due run is claimed by moving
``next_run_at`` on, ``UPDATE ... WHERE next_run_at = <the due time>``, in one
write transaction with the batch it makes: of two processes only one moves
it, the other changes nothing and sends nothing. A claim whose batch fails to
start stays claimed and is logged as failed (it is not retried every tick).

A run found more than ``LATE`` after its due time was missed (the program was
off, the PC asleep) and is caught up once, whatever number of times it was due
meanwhile, with a system-log row saying so:

- a window sends the command of the state that should hold now (the program
  was off over Friday 18:00: on Saturday "keep power on" is sent once; off over
  the whole weekend: "restore prepaid" is sent once);
- a once-run always runs;
- a daily, weekly or monthly run runs if its latest due time is within
  ``CATCH_UP_LIMIT`` (12 h: the 08:00 command still makes sense at 19:00, not
  the next morning), else it is skipped and the log row says it was too old.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP
from app.models.control import Batch, Schedule
from app.models.site import utcnow
from app.services.audit import error_param, log_action, log_message
from app.services.ledger import write_txn
from app.services.permissions import SYSTEM, Actor
from app.services.schedule_times import END, ONCE, WINDOW, When, latest_due, local_zone, next_due
from app.services.schedules import SCHEDULE_TARGET, resolve_meters

log = logging.getLogger(__name__)

TICK_S = 5.0
LATE = dt.timedelta(seconds=90)  # later than this after its due time: a missed run
CATCH_UP_LIMIT = dt.timedelta(hours=12)

RAN = QT_TRANSLATE_NOOP("SystemLog", "{command} on {count} meter(s): batch {batch}")
CAUGHT_UP = QT_TRANSLATE_NOOP(
    "SystemLog",
    "missed run at {due} caught up at {now}: {command} on {count} meter(s), batch {batch}",
)
SKIPPED = QT_TRANSLATE_NOOP(
    "SystemLog", "missed run at {due} skipped at {now}: older than {hours} h, nothing sent"
)
NO_METERS_NOW = QT_TRANSLATE_NOOP(
    "SystemLog", "run at {due}: the selection holds no meters now, nothing sent"
)
FAILED = QT_TRANSLATE_NOOP("SystemLog", "run at {due} of {command} failed: {error}")

StartBatch = Callable[[Actor, str, list[int], dict], int]


def _start_batch(actor: Actor, command: str, meter_ids: list[int], args: dict) -> int:
    """The batch service (imported when first due: schedules work without it until then)."""
    from app.services import batches

    return batches.start(actor, command, meter_ids, args)


@dataclass(frozen=True)
class Outcome:
    """What one due schedule came to in this process (tests and the log read it)."""

    schedule_id: int
    action: str  # schedule.run / schedule.catch_up / schedule.skip / schedule.failed
    command: str = ""
    batch_id: int | None = None
    meter_ids: tuple[int, ...] = ()


class ScheduleRunner:
    """``clock`` gives naive UTC now; ``start_batch`` is ``batches.start`` unless given."""

    def __init__(
        self,
        start_batch: StartBatch | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        zone: dt.tzinfo | None = None,
        tick_s: float = TICK_S,
    ) -> None:
        self._start_batch = start_batch or _start_batch
        self._clock = clock
        self._zone = zone or local_zone()
        self._tick_s = tick_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- the thread ----
    def start(self) -> ScheduleRunner:
        from app.models.db import in_own_connection

        self._thread = threading.Thread(
            target=in_own_connection, args=(self._loop,), name="schedules", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():  # the first tick at once: catch up at start
            try:
                self.tick()
            except Exception:  # a bad tick (database busy) must not end the schedules
                log.exception("schedules: a check for due runs failed; trying again")
            self._stop.wait(self._tick_s)

    # ---- one look ----
    def tick(self) -> list[Outcome]:
        """Run every schedule due now (those another process claims first are left to it)."""
        now = self._clock()
        due_ids = [
            s.id
            for s in Schedule.select(Schedule.id)
            .where(
                Schedule.enabled
                & Schedule.next_run_at.is_null(False)
                & (Schedule.next_run_at <= now)
            )
            .order_by(Schedule.next_run_at)
        ]
        out = []
        for schedule_id in due_ids:
            if self._stop.is_set():
                break
            outcome = self._run_due(schedule_id, now)
            if outcome is not None:
                out.append(outcome)
        return out

    def _run_due(self, schedule_id: int, now: dt.datetime) -> Outcome | None:
        """Claim and run one due schedule; None when it is not due (any more) for this process.

        The row is read again inside the write transaction: another process may have
        claimed it since the list was read, and then it is due later, not now.
        """
        with write_txn():
            row = Schedule.get_or_none(Schedule.id == schedule_id)
            if row is None or not row.enabled or row.next_run_at is None or row.next_run_at > now:
                return None
            due_at = row.next_run_at
            when = When.from_json(row.when_json)
            command, args = row.command, json.loads(row.args_json or "{}")
            late = now - due_at > LATE
            skip = False
            if when.kind == WINDOW:  # the state that should hold now
                state = latest_due(when, now, self._zone)
                if state is not None and state.edge == END:
                    command, args = when.end_command, {}
            elif when.kind != ONCE:
                latest = latest_due(when, now, self._zone)
                skip = late and (latest is None or now - latest.at > CATCH_UP_LIMIT)
            following = next_due(when, now, self._zone)
            claimed = (
                Schedule.update(
                    next_run_at=following.at if following else None,
                    last_run_at=row.last_run_at if skip else now,
                )
                .where((Schedule.id == schedule_id) & (Schedule.next_run_at == due_at))
                .execute()
            )
            if claimed != 1:  # cannot happen under the write lock; never run twice if it does
                return None
            target = log_message(SCHEDULE_TARGET, name=row.name)
            if skip:
                detail = log_message(
                    SKIPPED,
                    due=self._local(due_at),
                    now=self._local(now),
                    hours=int(CATCH_UP_LIMIT.total_seconds() // 3600),
                )
                log_action(SYSTEM, "schedule.skip", target, "ok", detail)
                return Outcome(schedule_id, "schedule.skip")
            return self._run(row, target, command, args, due_at, now, late)

    def _run(self, row, target, command, args, due_at, now, late) -> Outcome:
        """Inside the claim's transaction: the batch, its schedule, the log row."""
        meter_ids = resolve_meters(json.loads(row.meters_json))
        if not meter_ids:
            detail = log_message(NO_METERS_NOW, due=self._local(due_at))
            log_action(SYSTEM, "schedule.run", target, "failed", detail)
            return Outcome(row.id, "schedule.failed", command)
        try:
            with write_txn():  # a savepoint: a batch that fails to start leaves the claim
                batch_id = self._start_batch(SYSTEM, command, meter_ids, args)
                Batch.update(schedule_id=row.id).where(Batch.id == batch_id).execute()
        except Exception as exc:
            log.exception("schedule %s: the batch did not start", row.name)
            detail = log_message(
                FAILED, due=self._local(due_at), command=command, error=error_param(exc)
            )
            log_action(SYSTEM, "schedule.run", target, "failed", detail)
            return Outcome(row.id, "schedule.failed", command)
        action = "schedule.catch_up" if late else "schedule.run"
        params = {"command": command, "count": len(meter_ids), "batch": batch_id}
        if late:
            detail = log_message(CAUGHT_UP, due=self._local(due_at), now=self._local(now), **params)
        else:
            detail = log_message(RAN, **params)
        log_action(SYSTEM, action, target, "ok", detail)
        return Outcome(row.id, action, command, batch_id, tuple(meter_ids))

    def _local(self, utc: dt.datetime) -> str:
        from app.services.schedule_times import to_local

        return to_local(utc, self._zone).strftime("%Y-%m-%d %H:%M")

"""Job rows: how a process without a bus's port has the bus owner run a meter operation.

The submitting side (``RemoteBus``) writes a ``BusJob`` row and gets a
``Future``; a ``JobWatcher`` thread resolves it when the row is finished. The
owning side (``claim_and_run``, driven by the site's supervisor) claims queued
rows of the buses it owns, runs each in the bus worker's priority queue like a
job of its own, writes the ledger entry id into the row as soon as a money job
has one, and stores the result or the refusal. On SQLite the owner notices new
rows by polling the table every ``JOB_POLL_S``. On PostgreSQL (several PCs)
the insert and the finish of a row notify (``job_wakeup``), so owner and
submitter wake at once and poll only every ``job_wakeup.FALLBACK_S``, and
the owner claims with ``FOR UPDATE SKIP LOCKED``: two collectors never take
one row, and a claim never waits for the site's write lock.

Exactly-once is untouched: the owner runs the very same money job a local
sale runs (pending entry first, count + 1 in the frame, read-back), so a row
can at worst be run once; a row the owner had started when it stopped is
marked *lost* and its entry settles from the meter's purchase count.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from concurrent.futures import Future

from app.errors import QT_TRANSLATE_NOOP, ConfigError, PemError, PermissionDenied
from app.models import BusJob, JobState, MeterState, Operator, dialect
from app.models.base import db
from app.models.bus_control import FINISHED
from app.models.site import site_now, utcnow
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import load_status
from app.services import job_wakeup, jobs
from app.services.bus_lease import OWNER
from app.services.ledger import ORIGIN, write_txn
from app.services.permissions import Actor, Role

log = logging.getLogger(__name__)

JOB_POLL_S = 0.03  # how often the owner looks for new rows, and submitters for answers
START_WITHIN_S = 60.0  # a row no owner has started by then is cancelled: nothing was done

NOT_STARTED = QT_TRANSLATE_NOOP(
    "Errors", "no process served the bus in time: the operation was not started, nothing was done"
)
OWNER_STOPPED = QT_TRANSLATE_NOOP(
    "Errors",
    "the process serving the bus stopped during the operation; "
    "entry {entry} settles from the meter's purchase count",
)
OWNER_STOPPED_NO_ENTRY = QT_TRANSLATE_NOOP(
    "Errors", "the process serving the bus stopped during the operation; no money moved"
)
NEEDS_OWNER = QT_TRANSLATE_NOOP(
    "Errors", "this operation must run in the process that serves the bus"
)


class JobNotRun(PemError):
    """The row was withdrawn or expired before any owner started it: nothing happened."""


class JobLost(PemError):
    """The owner stopped while running the row; ``entry_id`` (if any) settles from the meter."""

    entry_id: int | None = None


# ---- the submitting side -----------------------------------------------------------------
def submit_row(
    bus_id: int, job: jobs.Job, priority: Priority, label: str, start_within_s: float
) -> int:
    now = site_now()  # start_by is judged by the owner, maybe on another PC's clock
    with db.atomic():  # the owner's wake-up goes with the row (PostgreSQL), never before it
        row = BusJob.create(
            bus=bus_id,
            kind=job.kind,
            args_json=json.dumps(job.args, ensure_ascii=False),
            priority=int(priority),
            label=label[:255],
            state=JobState.QUEUED,
            origin=ORIGIN,
            created_at=now,
            start_by=now + dt.timedelta(seconds=start_within_s),
        )
        job_wakeup.notify(job_wakeup.QUEUED, bus_id)
    return row.id


def withdraw(job_id: int) -> bool:
    """Cancel a row nobody has started yet; False once an owner runs (or ran) it."""
    with write_txn():
        n = (
            BusJob.update(state=JobState.CANCELLED, finished_at=utcnow())
            .where((BusJob.id == job_id) & (BusJob.state == JobState.QUEUED))
            .execute()
        )
    return n == 1


def job_row(job_id: int) -> BusJob | None:
    return BusJob.get_or_none(BusJob.id == job_id)


def _resolve(row: BusJob, future: Future) -> None:
    if row.state == JobState.DONE:
        future.set_result(jobs.decode_result(row.kind, json.loads(row.result_json or "null")))
    elif row.state == JobState.FAILED:
        future.set_exception(jobs.decode_error(json.loads(row.error_json)))
    elif row.state == JobState.LOST:
        if row.entry_id is None:
            exc = JobLost(OWNER_STOPPED_NO_ENTRY)
        else:
            exc = JobLost(OWNER_STOPPED, entry=row.entry_id)
        exc.entry_id = row.entry_id
        future.set_exception(exc)
    else:
        future.set_exception(JobNotRun(NOT_STARTED))


class JobWatcher(threading.Thread):
    """Resolves the futures of this process's rows when their owner has finished them."""

    def __init__(self) -> None:
        super().__init__(name="job-watcher", daemon=True)
        self._futures: dict[int, Future] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def watch(self, job_id: int, future: Future) -> None:
        with self._lock:
            self._futures[job_id] = future
        self._wake.set()

    def run(self) -> None:
        # PostgreSQL: a row's finish notifies; look at once then, else every FALLBACK_S.
        fallback = job_wakeup.subscribe(job_wakeup.FINISHED, self._wake)
        while not self._stopping.is_set():
            self._wake.clear()  # before the read: a finish notified during it wakes the wait
            with self._lock:
                ids = list(self._futures)
            if not ids:
                self._wake.wait(1.0)
                continue
            try:
                rows = list(BusJob.select().where(BusJob.id.in_(ids) & BusJob.state.in_(FINISHED)))
            except Exception:  # database busy: try again on the next round
                log.debug("job watcher: database busy", exc_info=True)
                rows = []
            for row in rows:
                with self._lock:
                    future = self._futures.pop(row.id, None)
                if future is not None and not future.done():
                    _resolve(row, future)
            if fallback is None:
                self._stopping.wait(JOB_POLL_S)
            else:
                self._wake.wait(fallback)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        with self._lock:
            futures, self._futures = self._futures, {}
        for future in futures.values():
            future.cancel()


class RemoteBus:
    """A bus another process owns: ``submit`` writes a job row; live state comes from the store."""

    def __init__(self, bus_id: int, watcher: JobWatcher) -> None:
        self.bus_id = bus_id
        self._watcher = watcher
        self.start_within_s = START_WITHIN_S

    def submit(self, fn, priority: Priority = Priority.OPERATOR, label: str = "") -> Future:
        if not isinstance(fn, jobs.Job):
            raise ConfigError(NEEDS_OWNER)
        job_id = submit_row(self.bus_id, fn, priority, label, self.start_within_s)
        future: Future = Future()
        future.job_id = job_id  # type: ignore[attr-defined]
        self._watcher.watch(job_id, future)
        return future

    def poll_now(self, meter_id: int) -> Future:
        from app.services.job_kinds import poll_job

        return self.submit(poll_job(meter_id), Priority.OPERATOR, "poll now")

    def last_status(self, meter_id: int) -> MeterStatus | None:
        row = MeterState.get_or_none(MeterState.meter == meter_id)
        return load_status(row.status_json) if row else None

    def is_online(self, meter_id: int) -> bool:
        row = MeterState.get_or_none(MeterState.meter == meter_id)
        return bool(row and row.online)

    def stop(self, timeout: float = 0.0) -> None:
        """Nothing to stop: the owner keeps the bus."""


# ---- the owning side ---------------------------------------------------------------------
def current_actor(actor: Actor) -> Actor:
    """The actor with the role the operators table gives it now (the system stays itself)."""
    if actor.operator_id is None:
        return actor
    op = Operator.get_or_none(Operator.id == actor.operator_id)
    if op is None or not op.active:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("Errors", "operator {name} may no longer do this"), name=actor.name
        )
    return Actor(op.id, op.login, Role(op.role))


def _with_current_actors(args: dict) -> dict:
    out = {}
    for key, value in args.items():
        decoded = jobs.decode_value(value)
        out[key] = (
            jobs.encode_value(current_actor(decoded)) if isinstance(decoded, Actor) else value
        )
    return out


def mark_lost(bus_ids: list[int]) -> int:
    """Rows another owner was running when it stopped: they can never finish now."""
    if not bus_ids:
        return 0
    with write_txn():
        n = (
            BusJob.update(state=JobState.LOST, finished_at=utcnow())
            .where(
                BusJob.bus.in_(bus_ids)
                & (BusJob.state == JobState.RUNNING)
                & (BusJob.owner != OWNER)
            )
            .execute()
        )
        if n:
            job_wakeup.notify(job_wakeup.FINISHED)
    return n


def _any_queued(bus_ids: list[int]) -> bool:
    """Is a row of these buses queued? Plain SQL: through the ORM this read, made
    every ``JOB_POLL_S``, cost 0.2 ms, more than a poll's own work (issue #9)."""
    marks = ", ".join("?" * len(bus_ids))
    sql = f"SELECT 1 FROM {BusJob._meta.table_name} WHERE state = ? AND bus_id IN ({marks}) LIMIT 1"
    return dialect.execute(sql, [JobState.QUEUED, *bus_ids]).fetchone() is not None


def _claim(bus_ids: list[int]) -> list[BusJob]:
    """Expire rows past their start-by time, then claim what is queued, most urgent first.

    Called every ``JOB_POLL_S`` (or when notified): a plain read first, so that an
    idle owner never takes the database's write lock from a cashier's ledger write.
    On PostgreSQL the claim locks its rows only (``FOR UPDATE SKIP LOCKED``): a row
    another claimer holds is skipped, and the site's write lock is not taken.
    """
    if not _any_queued(bus_ids):
        return []
    now = site_now()
    on_pg = dialect.is_postgresql()
    with db.atomic() if on_pg else write_txn():
        queued = BusJob.select().where(BusJob.bus.in_(bus_ids) & (BusJob.state == JobState.QUEUED))
        if on_pg:
            queued = queued.for_update(skip_locked=True)
        rows, expired = [], []
        for row in queued.order_by(BusJob.priority, BusJob.id):
            (expired if row.start_by < now else rows).append(row)
        if expired:
            BusJob.update(state=JobState.CANCELLED, finished_at=now).where(
                BusJob.id.in_([r.id for r in expired])
            ).execute()
            job_wakeup.notify(job_wakeup.FINISHED)
        if rows:
            BusJob.update(state=JobState.RUNNING, owner=OWNER, started_at=now).where(
                BusJob.id.in_([r.id for r in rows])
            ).execute()
    return rows


def _finish(job_id: int, kind: str, future: Future) -> None:
    """Store a finished row's outcome (runs in the bus worker thread)."""
    update: dict = {BusJob.finished_at: utcnow()}
    if future.cancelled():  # the worker stopped before it began: the next owner takes it
        update = {BusJob.state: JobState.QUEUED, BusJob.owner: "", BusJob.started_at: None}
    elif future.exception() is not None:
        exc = future.exception()
        update[BusJob.state] = JobState.FAILED
        update[BusJob.error_json] = json.dumps(jobs.encode_error(exc), ensure_ascii=False)
    else:
        try:
            data = jobs.encode_result(kind, future.result())
            update[BusJob.result_json] = json.dumps(data, ensure_ascii=False)
            update[BusJob.state] = JobState.DONE
        except Exception as exc:  # a result that does not encode is a bug: say so to the caller
            log.exception("job %d: result of %s does not encode", job_id, kind)
            update[BusJob.state] = JobState.FAILED
            update[BusJob.error_json] = json.dumps(jobs.encode_error(exc))
    try:
        with write_txn():
            BusJob.update(update).where(BusJob.id == job_id).execute()
            job_wakeup.notify(job_wakeup.QUEUED if future.cancelled() else job_wakeup.FINISHED)
    except Exception:
        log.exception("job %d: its outcome could not be stored", job_id)


def _note_entry(job_id: int):
    def note(entry_id: int) -> None:
        with write_txn():
            BusJob.update(entry_id=entry_id).where(BusJob.id == job_id).execute()

    return note


def claim_and_run(workers: dict[int, object]) -> int:
    """Claim queued rows of the buses in ``workers`` (bus id -> BusWorker) and queue them there."""
    if not workers:
        return 0
    rows = _claim(list(workers))
    for row in rows:
        job = jobs.Job(row.kind, json.loads(row.args_json))

        def run(link, job=job, job_id=row.id):
            checked = jobs.Job(job.kind, _with_current_actors(job.args))
            with jobs.running_with(_note_entry(job_id)):
                return checked(link)

        future = workers[row.bus_id].submit(run, Priority(row.priority), row.label or row.kind)
        future.add_done_callback(lambda f, job_id=row.id, kind=row.kind: _finish(job_id, kind, f))
    return len(rows)

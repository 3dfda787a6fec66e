"""Night jobs: archiving old readings and the daily backup (issue #14).

One process on the site runs them: the one holding the ``ServiceLease``
"night" (a window or the collector; ``Site.start`` starts this in both). Every
``RENEW_S`` the lease is renewed and, once the local hour has reached
``archive.start_hour`` (resp. ``backup.hour``) on a day the job has not run
yet, the job runs on a thread of its own. A run missed while the program was
off is made when it next runs that day. What each job last did is kept in the
lease's ``status_json`` (``last_runs``) and in the system log.

The archiver is asked to stop between days (``stop()``, and when the lease is
lost) and goes on at its next run; a backup, one SQLite snapshot, finishes
first (it is seconds). A failed backup or archive run is logged, raises the
site-wide ``AlarmKind.BACKUP`` alarm, and is tried again the next day (the
operator can back up at once from the Maintenance menu); the alarm ends once
neither job's last run failed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from app import settings
from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models.alarms import AlarmKind, Level
from app.models.db import in_own_connection
from app.models.dialect import is_postgresql
from app.models.site import utcnow
from app.services import alarm_store, service_lease
from app.services.bus_lease import RENEW_S
from app.services.permissions import SYSTEM
from app.services.schedule_times import local_zone, to_local

log = logging.getLogger(__name__)

LEASE = "night"
ARCHIVE, BACKUP = "archive", "backup"


def rollup_totals(until_day: dt.date) -> None:
    """The daily totals up to ``until_day``: only days that have one may be archived."""
    from app.services import daily_totals

    daily_totals.rollup(until_day)


def due_jobs(now: dt.datetime, status: dict, zone: dt.tzinfo) -> list[str]:
    """The jobs due at ``now`` (UTC) given what ran already (``status``)."""
    local = to_local(now, zone)
    today = local.date().isoformat()
    due = []
    for job, hour_key in ((ARCHIVE, "archive.start_hour"), (BACKUP, "backup.hour")):
        if job == BACKUP and is_postgresql():
            continue  # the server's database is backed up with its own tools (pg_dump)
        if local.hour >= settings.get(hour_key) and status.get(job, {}).get("day") != today:
            due.append(job)
    return due


def last_runs() -> dict:
    """{"archive": {...}, "backup": {...}}: what each job did last (empty when never)."""
    return service_lease.status(LEASE)


class NightJobs:
    def __init__(self, site, tick_s: float = RENEW_S, zone: dt.tzinfo | None = None) -> None:
        self.site = site
        self.tick_s = tick_s
        self.zone = zone or local_zone()
        self._stop = threading.Event()
        self._job: threading.Thread | None = None
        self._thread = threading.Thread(target=self._loop, name="pem-night", daemon=True)

    def start(self) -> NightJobs:
        self._thread.start()
        return self

    def stop(self, timeout: float = 120.0) -> None:
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout)
        if self._job is not None:
            self._job.join(timeout)
        try:
            in_own_connection(service_lease.release, LEASE)
        except Exception:  # the lease lapses by itself
            log.exception("night jobs: releasing the lease failed")

    def _loop(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                in_own_connection(self.tick)
            except Exception:
                log.exception("night jobs: a tick failed")

    def tick(self, now: dt.datetime | None = None) -> list[str]:
        """Renew the lease; start the due jobs when none is running. Returns the started ones."""
        now = now or utcnow()
        if not service_lease.try_acquire(LEASE, self.site.role, now):
            return []
        if self._job is not None and self._job.is_alive():
            return []
        jobs = due_jobs(now, last_runs(), self.zone)
        if jobs:
            self._job = threading.Thread(
                target=in_own_connection, args=(self.run_jobs, jobs), name="pem-night-job"
            )
            self._job.start()
        return jobs

    def run_jobs(self, jobs: list[str]) -> None:
        for job in jobs:
            if self._stop.is_set():
                return
            try:
                (self.run_archive if job == ARCHIVE else self.run_backup)()
            except Exception as exc:
                log.exception("night jobs: %s failed", job)
                if job == ARCHIVE:
                    self._archive_failed(exc)

    def _still_ours(self) -> bool:
        return not self._stop.is_set() and service_lease.try_acquire(LEASE, self.site.role)

    def run_archive(self) -> None:
        from app.services.archive.mover import archive_readings
        from app.services.audit import log_action, log_message

        now = utcnow()
        run = archive_readings(
            self.site.paths,
            now,
            settings.get("archive.keep_days"),
            before_move=rollup_totals,
            should_stop=lambda: not self._still_ours(),
            zone=self.zone,
        )
        day = to_local(now, self.zone).date().isoformat()
        record = {"at": now.isoformat(), "moved": run.moved, "days": run.days, "ok": True}
        record["day"] = "" if run.stopped else day  # stopped: run again at the next tick
        self._record(ARCHIVE, record)
        detail = log_message(
            QT_TRANSLATE_NOOP("SystemLog", "{moved} readings of {days} days before {cutoff}"),
            moved=run.moved,
            days=run.days,
            cutoff=run.cutoff.isoformat(),
        )
        log_action(SYSTEM, "archive.run", "", "ok", detail)
        self._succeeded(ARCHIVE)

    def _archive_failed(self, exc: Exception) -> None:
        from app.services.audit import error_param, log_action, log_message

        now = utcnow()
        day = to_local(now, self.zone).date().isoformat()
        error = Message.of(exc)
        self._record(ARCHIVE, {"at": now.isoformat(), "day": day, "ok": False,
                               "error": error.to_json()})  # fmt: skip
        detail = log_message(QT_TRANSLATE_NOOP("SystemLog", "{error}"), error=error_param(exc))
        log_action(SYSTEM, "archive.run", "", "failed", detail)
        self._failed(error)

    def run_backup(self) -> None:
        from app.errors import PemError
        from app.services.audit import error_param, log_action, log_message
        from app.services.backup import daily_backup

        now = utcnow()
        day = to_local(now, self.zone).date().isoformat()
        record: dict = {"at": now.isoformat(), "day": day}
        try:
            info = daily_backup(self.site.paths)
        except PemError as exc:
            self._record(BACKUP, {**record, "ok": False, "error": Message.of(exc).to_json()})
            log.error("daily backup failed: %s", exc)
            detail = log_message(QT_TRANSLATE_NOOP("SystemLog", "{error}"), error=error_param(exc))
            log_action(SYSTEM, "backup.made", "", "failed", detail)
            self._failed(Message.of(exc))
            return
        self._record(BACKUP, {**record, "ok": True, "path": str(info.path), "size": info.size})
        target = log_message(
            QT_TRANSLATE_NOOP("SystemLog", "backup {folder}"), folder=str(info.path)
        )
        log_action(SYSTEM, "backup.made", target)
        self._succeeded(BACKUP)

    @staticmethod
    def _failed(error: Message) -> None:
        """A job failed: the site's BACKUP alarm (one open at a time; a second failure keeps it)."""
        alarm_store.raise_alarm(None, AlarmKind.BACKUP, Level.SERIOUS, detail=error)

    @staticmethod
    def _succeeded(job: str) -> None:
        """A good run ends the BACKUP alarm unless the other job's last run failed."""
        other = BACKUP if job == ARCHIVE else ARCHIVE
        if last_runs().get(other, {}).get("ok", True):
            alarm_store.clear_alarm(None, AlarmKind.BACKUP)

    def _record(self, job: str, record: dict) -> None:
        service_lease.update_status(LEASE, **{job: record})


def start(site) -> NightJobs:
    return NightJobs(site).start()

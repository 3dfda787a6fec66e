"""Night jobs: due at their hours once a day, one process on the site, last runs recorded."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from app import settings
from app.models import ServiceLease, SystemLog
from app.paths import SitePaths
from app.services import night_jobs, service_lease
from app.services.backup import list_backups


def test_jobs_are_due_from_their_hour_and_once_a_day(database):
    settings.put("archive.start_hour", 2)
    settings.put("backup.hour", 3)
    utc = dt.UTC
    at = lambda h: dt.datetime(2024, 5, 1, h, 30)  # noqa: E731 (the zone is UTC here)
    assert night_jobs.due_jobs(at(1), {}, utc) == []
    assert night_jobs.due_jobs(at(2), {}, utc) == ["archive"]
    assert night_jobs.due_jobs(at(9), {}, utc) == ["archive", "backup"]  # missed: made up
    done = {"archive": {"day": "2024-05-01"}, "backup": {"day": "2024-04-30"}}
    assert night_jobs.due_jobs(at(9), done, utc) == ["backup"]


def test_a_tick_runs_the_due_jobs_and_records_them(database, tmp_path):
    settings.put("archive.start_hour", 0)
    settings.put("backup.hour", 0)
    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    jobs = night_jobs.NightJobs(site, zone=dt.UTC)
    assert jobs.tick() == ["archive", "backup"]
    jobs._job.join(30)
    runs = night_jobs.last_runs()
    assert runs["archive"]["ok"] and runs["archive"]["moved"] == 0
    assert runs["backup"]["ok"] and list_backups(tmp_path / "backups")
    assert jobs.tick() == []  # done for today
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions == ["archive.run", "backup.made"]
    jobs.stop(5)
    assert night_jobs.last_runs() == runs  # the record outlives the lease
    assert ServiceLease.get_by_id("night").expires_at <= dt.datetime.now(dt.UTC).replace(
        tzinfo=None
    )


def test_another_live_holder_keeps_the_jobs(database, tmp_path, monkeypatch):
    assert service_lease.try_acquire("night", "gui")
    monkeypatch.setattr(service_lease, "OWNER", "otherhost:1:ffff")
    assert not service_lease.try_acquire("night", "collector")
    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    assert night_jobs.NightJobs(site).tick() == []


def _open_backup_alarm():
    from app.models.alarms import AlarmKind
    from app.services import alarm_store

    return alarm_store.open_alarm(None, AlarmKind.BACKUP)


@pytest.mark.allow_log_warnings
def test_a_failed_backup_raises_the_site_alarm_and_the_next_good_run_clears_it(
    database, tmp_path, monkeypatch
):
    from app.errors import PemError
    from app.services import backup

    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    jobs = night_jobs.NightJobs(site, zone=dt.UTC)
    assert service_lease.try_acquire("night", "collector")  # as a tick does first
    real = backup.daily_backup

    def broken(_paths):
        raise PemError("disk full")

    monkeypatch.setattr(backup, "daily_backup", broken)
    jobs.run_jobs(["backup"])
    alarm = _open_backup_alarm()
    assert alarm is not None and alarm.meter_id is None and "disk full" in alarm.detail
    jobs.run_jobs(["backup"])  # still failing: the same alarm, not a second one
    assert _open_backup_alarm().id == alarm.id
    monkeypatch.setattr(backup, "daily_backup", real)
    jobs.run_jobs(["backup"])
    assert _open_backup_alarm() is None
    assert not night_jobs.last_runs()["backup"].get("error")


@pytest.mark.allow_log_warnings
def test_a_failed_archive_raises_the_alarm_that_a_good_backup_does_not_end(
    database, tmp_path, monkeypatch
):
    from app.services.archive import mover

    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    jobs = night_jobs.NightJobs(site, zone=dt.UTC)
    assert service_lease.try_acquire("night", "collector")  # as a tick does first
    real = mover.archive_readings

    def broken(*_a, **_k):
        raise OSError("archive folder not writable")

    monkeypatch.setattr(mover, "archive_readings", broken)
    jobs.run_jobs(["archive", "backup"])  # the backup is fine, the archive is not
    assert _open_backup_alarm() is not None
    runs = night_jobs.last_runs()
    assert runs["archive"]["ok"] is False and runs["backup"]["ok"]
    results = [(r.action, r.result) for r in SystemLog.select().order_by(SystemLog.id)]
    assert results == [("archive.run", "failed"), ("backup.made", "ok")]
    monkeypatch.setattr(mover, "archive_readings", real)
    jobs.run_jobs(["archive"])
    assert _open_backup_alarm() is None

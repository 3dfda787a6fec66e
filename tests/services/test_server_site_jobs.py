"""A site on a PostgreSQL server: the night's jobs and the SQLite file's backups (issue #17)."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.errors import ConfigError
from app.paths import SitePaths
from app.services import backup, night_jobs
from app.services.archive.mover import archive_readings


@pytest.mark.parametrize("database", ["sqlite", "postgresql"], indirect=True)
def test_the_night_backs_up_the_file_only_and_rolls_totals_up_on_both(database, tmp_path):
    settings.put("archive.start_hour", 0)
    settings.put("backup.hour", 0)
    due = night_jobs.due_jobs(dt.datetime(2026, 6, 1, 12), {}, dt.UTC)
    on_server = database.__class__.__name__ == "SitePostgres"
    assert due == (["archive"] if on_server else ["archive", "backup"])


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_a_server_site_refuses_the_file_backup_and_keeps_its_readings(database, tmp_path):
    paths = SitePaths(tmp_path / "site", db_url=database.database)
    with pytest.raises(ConfigError, match="pg_dump") as err:
        backup.make_backup(paths, tmp_path / "out")
    assert database.database.rsplit("/", 1)[1] in str(err.value)  # names the server's database
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    rolled = []
    run = archive_readings(paths, dt.datetime(2026, 6, 1, 12), 30, before_move=rolled.append)
    assert rolled == [run.cutoff] and run.moved == 0 and run.days == 0
    assert not paths.archive.exists()

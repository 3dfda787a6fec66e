"""Backups: made online, restored after the check, tampered ones refused, rotation."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

import main
from app.errors import ConfigError
from app.models import SystemLog, close_database
from app.paths import SitePaths
from app.services import backup, chain_key, restore
from app.services.audit import log_action
from app.services.bus_lease import HOST
from app.services.new_site import create_site
from app.services.permissions import SYSTEM
from app.services.site import Site


def _site(tmp_path: Path, rows: int = 3) -> SitePaths:
    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    for i in range(rows):
        log_action(SYSTEM, "test.row", f"row {i}")
    _close()
    return paths


def _close() -> None:
    close_database()
    chain_key.uninstall()


def _log_rows(paths: SitePaths) -> list[str]:
    Site(paths).open()
    try:
        return [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    finally:
        _close()


def _sha(path: Path) -> str:
    return backup.file_sha256(path)


def test_backup_restore_verify_round_trip_through_the_commands(tmp_path, capsys):
    paths = _site(tmp_path)
    out = tmp_path / "elsewhere"
    at_backup = _log_rows(paths)
    assert main.main(["backup", "--data-dir", str(paths.data_dir), "--out", str(out)]) == 0
    [made] = backup.list_backups(out)
    assert {"site.db", "master.key", "chain-witness.txt", "manifest.json"} <= {
        p.name for p in made.path.iterdir()
    }
    assert (made.path / "master.key").stat().st_mode & 0o777 == 0o600
    Site(paths).open()
    log_action(SYSTEM, "test.after", "made after the backup")
    _close()
    old_db = paths.db.read_bytes()

    assert main.main(["restore", "--data-dir", str(paths.data_dir), str(made.path)]) == 0

    printed = capsys.readouterr().out
    assert "restored" in printed and "before-restore" in printed
    assert _log_rows(paths) == [*at_backup, "backup.restored"]  # the later row is gone
    assert not list(paths.data_dir.glob("master.key.before-restore-*"))  # the same key
    kept = list(paths.data_dir.glob("site.db.before-restore-*"))
    assert len(kept) == 1 and kept[0].read_bytes()[:100] == old_db[:100]
    assert main.main(["verify", "--no-meters", "--data-dir", str(paths.data_dir)]) == 0
    assert "Result: clean" in capsys.readouterr().out


def _tamper(folder: Path, fix_manifest: bool) -> None:
    con = sqlite3.connect(folder / "site.db")
    con.execute("UPDATE system_log SET operator_name = 'mallory' WHERE id = 2")
    con.commit()
    con.close()
    if fix_manifest:  # as someone covering their tracks would
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["files"]["site.db"] = _sha(folder / "site.db")
        (folder / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.allow_log_warnings  # the check logs the broken chain it finds
@pytest.mark.parametrize("fix_manifest", [False, True])
def test_a_tampered_backup_is_refused_and_nothing_is_touched(tmp_path, fix_manifest):
    paths = _site(tmp_path)
    made = backup.make_backup(paths, tmp_path / "bk")
    _tamper(made.path, fix_manifest)
    before = {p.name: _sha(p) for p in paths.data_dir.iterdir() if p.is_file()}

    with pytest.raises(ConfigError) as caught:
        restore.restore_backup(paths, made.path / "site.db")

    text = str(caught.value)
    assert "nothing was restored" in text
    assert (
        ("fails the check" in text and "system log row 2" in text)
        if fix_manifest
        else ("site.db differs" in text)
    )
    assert {p.name: _sha(p) for p in paths.data_dir.iterdir() if p.is_file()} == before
    assert not (paths.data_dir / restore.STAGING).exists()


def _hold(paths: SitePaths) -> None:
    """A collector's live lease on the site, as it writes it."""
    con = sqlite3.connect(paths.db)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=5)
    con.execute(
        "INSERT INTO service_lease (name, owner, kind, acquired_at, expires_at, status_json) "
        "VALUES ('modem', ?, 'collector', ?, ?, '')",
        (f"{HOST}:{os.getpid()}:abcd", str(later), str(later)),
    )
    con.commit()
    con.close()


def test_a_site_in_use_is_not_restored(tmp_path):
    paths = _site(tmp_path)
    made = backup.make_backup(paths, tmp_path / "bk")
    _hold(paths)
    with pytest.raises(ConfigError, match=r"in use .*modem: collector"):
        restore.restore_backup(paths, made.path)
    assert not list(paths.data_dir.glob("*.before-restore-*"))


def test_a_site_taken_while_the_backup_is_checked_is_not_replaced(tmp_path, monkeypatch):
    """A window or collector started during the (long) check would go on writing into the
    replaced file: the site is asked again just before anything is moved."""
    paths = _site(tmp_path)
    made = backup.make_backup(paths, tmp_path / "bk")
    checked = restore.verify_copy

    def check_then_start_a_collector(folder):
        found = checked(folder)
        _hold(paths)
        return found

    monkeypatch.setattr(restore, "verify_copy", check_then_start_a_collector)
    with pytest.raises(ConfigError, match=r"in use .*modem: collector"):
        restore.restore_backup(paths, made.path)
    assert not list(paths.data_dir.glob("*.before-restore-*"))
    assert not (paths.data_dir / restore.STAGING).exists()


def test_not_a_backup_is_said_so(tmp_path):
    with pytest.raises(ConfigError, match="is not a backup"):
        restore.restore_backup(SitePaths(tmp_path / "site"), tmp_path)


def test_rotation_keeps_the_newest_of_each_recent_day_and_month(tmp_path):
    folder = tmp_path / "bk"
    stamps = [
        "20240105-030000", "20240105-120000", "20240104-030000", "20240103-030000",
        "20240102-030000", "20231231-030000", "20231130-030000", "20231015-030000",
    ]  # fmt: skip
    for s in stamps:
        (folder / f"{backup.PREFIX}{s}").mkdir(parents=True)
    crashed = folder / f"{backup.PREFIX}20240106-030000.partial"
    crashed.mkdir()
    old = time.time() - backup.STALE_PARTIAL_S - 60
    os.utime(crashed, (old, old))
    in_progress = folder / f"{backup.PREFIX}20240106-040000.partial"  # another process's
    in_progress.mkdir()

    backup.rotate(folder, keep_daily=3, keep_monthly=3)

    left = sorted(p.name[len(backup.PREFIX) :] for p in folder.iterdir())
    # days: 5th (newest of it), 4th, 3rd; months: Jan (the 5th), Dec (31st), Nov (30th)
    assert left == [
        "20231130-030000", "20231231-030000", "20240103-030000", "20240104-030000",
        "20240105-120000", "20240106-040000.partial",
    ]  # fmt: skip


def test_unchanged_archive_files_are_linked_from_the_previous_backup(tmp_path):
    from app.services.archive.files import ensure_archive_file

    paths = _site(tmp_path)
    ensure_archive_file(paths, 2023)
    first = backup.make_backup(paths, tmp_path / "bk", now=dt.datetime(2024, 1, 1, 3))
    second = backup.make_backup(paths, tmp_path / "bk", now=dt.datetime(2024, 1, 2, 3))
    a, b = (x.path / "archive" / "readings-2023.db" for x in (first, second))
    assert a.stat().st_ino == b.stat().st_ino

"""Opening a site never creates one; every way its files can be unusable is one clear line, exit 2.

Only the first start (``init-site``, the GUI after asking, the demo) makes a
site database and its master key. A mistyped folder, a deleted, empty,
random, cut-short, locked or folder-shaped ``site.db``, a read-only folder and
a full disk each give one ``error:`` line and exit 2 from the real
``main.py`` in a subprocess, never a traceback and never a new empty site.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import ConfigError
from app.models import close_database
from app.models.db import NoSite
from app.paths import SitePaths
from app.services.new_site import create_site

ROOT = Path(__file__).resolve().parent.parent


def run_main(*argv: str, env: dict | None = None, preexec_fn=None, timeout: float = 60):
    full_env = {**os.environ, "PEM_PASSWORD": "whatever-1", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=full_env,
        preexec_fn=preexec_fn,
    )  # fmt: skip


def one_clear_error(out: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, no traceback, and exactly one ``error:`` line on stderr holding ``words``."""
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout, out.stderr
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def sell(data_dir: Path, *extra: str):
    return run_main(
        "sell", "--data-dir", str(data_dir), "--meter", "M001", "--amount", "10.00",
        "--payment", "cash", "--operator", "admin", *extra,
    )  # fmt: skip


@pytest.fixture(scope="module")
def site_template(tmp_path_factory) -> Path:
    """A real new site (database with its schema, key), closed cleanly: no -wal or -shm."""
    folder = tmp_path_factory.mktemp("template") / "site"
    create_site(SitePaths(folder))
    close_database()
    return folder


@pytest.fixture
def site(site_template, tmp_path) -> SitePaths:
    folder = tmp_path / "site"
    shutil.copytree(site_template, folder)
    return SitePaths(folder)


@pytest.fixture
def no_file_logs():
    """Site.open adds a file log to the root logger: take it away again after the test."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def tree(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its size: what opening must leave untouched."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))}


# ---- a folder without a site: refused, nothing made ----


def test_verify_on_a_mistyped_folder_says_no_site_and_makes_nothing(tmp_path):
    typo = tmp_path / "sitee"
    one_clear_error(run_main("verify", "--data-dir", str(typo)), "no site at", str(typo))
    assert not typo.exists()


def test_sell_on_a_mistyped_folder_says_no_site_and_makes_nothing(tmp_path):
    typo = tmp_path / "sitee"
    out = sell(typo)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "no site at" in json.loads(out.stdout)["error"]
    assert not typo.exists()


def test_a_mistyped_db_is_refused_and_not_created(site):
    typo = site.data_dir / "siet.db"
    one_clear_error(
        run_main("verify", "--data-dir", str(site.data_dir), "--db", str(typo)), "no site at"
    )
    assert not typo.exists()


def test_opening_a_missing_site_raises_no_site_and_creates_nothing(tmp_path, no_file_logs):
    from app.services.site import open_site

    typo = tmp_path / "nowhere"
    with pytest.raises(NoSite, match="no site at"):
        open_site(SitePaths(typo), poll=False)
    assert not typo.exists()


def test_a_deleted_site_db_is_refused_even_with_its_key_and_logs(site):
    (site.logs).mkdir()
    site.db.unlink()
    before = tree(site.data_dir)
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), "no site at")
    assert sell(site.data_dir).returncode == 2
    assert tree(site.data_dir) == before  # no new database, no new key


def test_a_zero_length_site_db_is_refused_and_left_as_it_is(site):
    site.db.write_bytes(b"")
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), "empty", str(site.db))
    out = sell(site.data_dir)
    assert out.returncode == 2 and "empty" in json.loads(out.stdout)["error"]
    assert site.db.stat().st_size == 0
    assert not site.db.with_name("site.db-wal").exists()


# ---- the master key ----


def test_a_missing_key_is_a_clear_error_and_no_new_key_is_made(site, no_file_logs):
    from app.services.site import Site

    site.key_file.unlink()
    before = tree(site.data_dir)
    with pytest.raises(ConfigError) as err:
        Site(site).open()
    close_database()
    assert str(site.key_file) in str(err.value) and "backup" in str(err.value)
    assert tree(site.data_dir) == before  # no key, no -wal/-shm, no logs
    line = one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)))
    assert str(site.key_file) in line and "backup" in line
    assert tree(site.data_dir) == before


def test_a_damaged_key_is_a_clear_error(site):
    site.key_file.write_text("ab" * 20 + "\n")
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), str(site.key_file))
    assert site.key_file.read_text() == "ab" * 20 + "\n"


# ---- damaged, locked, misplaced database files: one line, exit 2 ----


def test_random_bytes_instead_of_a_database(site):
    site.db.write_bytes(os.urandom(64 * 1024))
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), "not a site database")


def test_a_database_cut_short_after_4_kib(site):
    data = site.db.read_bytes()
    site.db.write_bytes(data[:4096])
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), "cut short")


def test_a_folder_in_place_of_the_database(site):
    site.db.unlink()
    site.db.mkdir()
    one_clear_error(run_main("verify", "--data-dir", str(site.data_dir)), "is a folder")


def test_another_sqlite_database_is_not_taken_for_a_site(site, tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("create table notes (text)")
    conn.close()
    one_clear_error(
        run_main("verify", "--data-dir", str(site.data_dir), "--db", str(other)),
        "not a site database",
    )
    with sqlite3.connect(other) as conn:  # not turned into a site
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    conn.close()
    assert tables == {"notes"}


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("pragma locking_mode=exclusive")
conn.execute("begin exclusive")
conn.execute("create table held (x)")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_database_another_program_holds_locked(site):
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(site.db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        out = run_main("verify", "--data-dir", str(site.data_dir), env={"PEM_DB_WAIT_S": "0.3"})
        one_clear_error(out, "locked", str(site.db))
        assert time.monotonic() - t0 < 8  # the short wait was used, not the default
    finally:
        locker.kill()
        locker.wait(10)


def _immutable(path: Path, on: bool) -> bool:
    flag = "+i" if on else "-i"
    try:
        done = subprocess.run(["chattr", flag, str(path)], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def test_a_read_only_folder(site):
    """As root, chmod does not stop writes: the immutable attribute does (ext4, xfs, btrfs)."""
    if os.geteuid() != 0:
        site.data_dir.chmod(0o500)
        undo = lambda: site.data_dir.chmod(0o700)  # noqa: E731
    elif _immutable(site.data_dir, True):
        undo = lambda: _immutable(site.data_dir, False)  # noqa: E731
    else:
        pytest.skip(
            "running as root on a file system without chattr +i: no honest read-only folder"
        )
    try:
        out = run_main("verify", "--data-dir", str(site.data_dir))
    finally:
        undo()
    one_clear_error(out, str(site.db), "writable")


def _disk_full() -> None:
    """In the child: any write that makes a file longer fails (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_a_full_disk(site):
    out = run_main("verify", "--data-dir", str(site.data_dir), preexec_fn=_disk_full)
    one_clear_error(out, str(site.db), "disk full")


def test_a_full_disk_at_init_site(tmp_path):
    folder = tmp_path / "new"
    out = run_main("init-site", "--data-dir", str(folder), preexec_fn=_disk_full)
    one_clear_error(out, "disk full")
    assert not (folder / "site.db").exists()  # no half-made database to trip over later


def test_a_database_failure_later_on_is_one_line_too(monkeypatch, capsys, site):
    """A damaged page found halfway through a command, or a write on a full disk."""
    import errno

    from peewee import DatabaseError

    import app.cli.verify as verify_cli
    import main

    failures = {
        "damaged": DatabaseError(sqlite3.DatabaseError("database disk image is malformed")),
        "No space left on device": OSError(errno.ENOSPC, "No space left on device", str(site.db)),
    }
    for words, failure in failures.items():

        def broken(args, failure=failure):
            raise failure

        monkeypatch.setattr(verify_cli, "run", broken)
        assert main.main(["verify", "--data-dir", str(site.data_dir)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: ") and words in err[0], err


# ---- the first start: the only path that creates, and it says so ----


def test_init_site_creates_a_private_site_says_so_and_verify_is_clean(tmp_path):
    folder = tmp_path / "new" / "site"
    out = run_main("init-site", "--data-dir", str(folder))
    assert out.returncode == 0, out.stderr
    assert f"new site created in {folder}" in out.stdout and "master.key" in out.stdout
    paths = SitePaths(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.key_file.stat().st_mode) == 0o600
    out = run_main("verify", "--data-dir", str(folder))
    assert out.returncode == 0 and "Result: clean" in out.stdout, out.stdout + out.stderr
    again = run_main("init-site", "--data-dir", str(folder))
    one_clear_error(again, "already exists")


def test_init_site_keeps_a_key_already_there(tmp_path):
    from app.serial_io.security import create_master_key, load_master_key

    paths = SitePaths(tmp_path / "site")
    paths.data_dir.mkdir()
    key = create_master_key(paths.key_file)
    out = run_main("init-site", "--data-dir", str(paths.data_dir))
    assert out.returncode == 0 and "kept" in out.stdout
    assert load_master_key(paths.key_file) == key


def test_every_site_file_is_private(site, no_file_logs):
    """site.db with -wal and -shm, master.key, the log: 0600; the folders we make: 0700."""
    from app.services.site import Site

    opened = Site(site).open()
    try:
        logging.getLogger("app.test").info("a line in the site log")
        modes = {
            name: stat.S_IMODE((site.data_dir / name).stat().st_mode)
            for name in ("site.db", "site.db-wal", "site.db-shm", "master.key", "logs/pem.log")
        }
        assert modes == dict.fromkeys(modes, 0o600)
        assert stat.S_IMODE(site.logs.stat().st_mode) == 0o700
        assert stat.S_IMODE(site.data_dir.stat().st_mode) == 0o700
    finally:
        opened.stop()


def test_an_older_world_readable_site_is_made_private_when_opened(site, no_file_logs):
    from app.services.site import Site

    site.db.chmod(0o644)
    site.key_file.chmod(0o644)
    site.logs.mkdir(mode=0o755)
    (site.logs / "pem.log").write_text("older lines\n")
    (site.logs / "pem.log").chmod(0o644)
    opened = Site(site).open()
    try:
        logging.getLogger("app.test").info("a line in the site log")
        for path in (site.db, site.key_file, site.logs / "pem.log"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        opened.stop()
    assert (site.logs / "pem.log").read_text().startswith("older lines\n")


def test_rotated_logs_stay_private(tmp_path, no_file_logs):
    from app.logconfig import add_file_log

    path = add_file_log(tmp_path / "logs")
    handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler) and h.baseFilename == str(path)
    )
    handler.maxBytes = 200
    for i in range(20):
        logging.getLogger("app.test").info("line %d %s", i, "x" * 40)
    files = sorted((tmp_path / "logs").iterdir())
    assert len(files) > 1
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}

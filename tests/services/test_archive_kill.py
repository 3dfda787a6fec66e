"""The archiver killed at random moments, then resumed: every reading in exactly one place."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time

import pytest

from app.models import close_database
from app.models.site import utcnow
from app.paths import SitePaths
from app.services import chain_key, reading_store
from app.services.archive.files import archive_file, archive_years
from app.services.new_site import create_site
from app.services.schedule_times import local_zone, to_local
from app.services.site import Site
from tests.services.archive_helpers import add_readings, add_totals, daily_figures, make_meters
from tests.site_procs import main_py


def _places(paths: SitePaths) -> dict[tuple, int]:
    """How many places (live table, archive files) hold each reading key."""
    seen: dict[tuple, int] = {}
    files = [paths.db] + [archive_file(paths, y) for y in archive_years(paths)]
    for file in files:
        con = sqlite3.connect(file)  # not read-only: a hot journal is rolled back
        for key in con.execute("SELECT id, meter_id, taken_at FROM reading"):
            seen[key] = seen.get(key, 0) + 1
        con.close()
    return seen


def _live_count(paths: SitePaths) -> int:
    con = sqlite3.connect(f"file:{paths.db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT count(*) FROM reading").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_an_archiver_killed_at_random_points_then_resumed_loses_nothing(tmp_path):
    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    meters = make_meters(40)
    start = utcnow().replace(microsecond=0) - dt.timedelta(days=150)
    add_readings(meters, days=140, per_day=24, start=start)
    zone = local_zone()
    add_totals(meters, to_local(start, zone).date(), to_local(utcnow(), zone).date())
    reading_store.use_archive(paths)
    before_keys = set(_places(paths))
    figures = daily_figures()
    close_database()
    chain_key.uninstall()

    rng = random.Random(1414)
    kills = 0
    movable = len(before_keys)
    for _ in range(8):
        live_before = _live_count(paths)
        # a random point of the run, by its progress (timing alone misses on a fast machine):
        # once it has moved this many readings, and a few random milliseconds more
        target = rng.randint(1, max(1, movable // 12))
        proc = main_py("archive", "--data-dir", str(paths.data_dir), "--keep-days", "10")
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if live_before - _live_count(paths) >= target:
                time.sleep(rng.uniform(0, 0.05))
                break
            time.sleep(0.002)
        if proc.poll() is None:
            proc.kill()
            kills += 1
        proc.wait(30)
        places = _places(paths)
        assert set(places) == before_keys  # nothing lost, nothing made up
        assert set(places.values()) <= {1, 2}  # at most one day copied but not yet deleted
    assert kills >= 3, "the archiver finished before it could be killed: give it more readings"
    final = main_py("archive", "--data-dir", str(paths.data_dir), "--keep-days", "10")
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert "archived" in out

    places = _places(paths)
    assert set(places) == before_keys and set(places.values()) == {1}
    Site(paths).open()
    try:
        assert daily_figures() == figures
    finally:
        close_database()
        chain_key.uninstall()
        reading_store.use_archive(None)

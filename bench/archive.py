"""Benchmark: the live database before and after archiving a generated year of readings.

A real site gets METERS meters (default 200) with half-hourly readings for 365
days and a DailyTotal per meter and day (made directly: the rollup is helper
D's), then the archiver keeps 180 days live. Printed: live file size and row
count before, after archiving, and after a VACUUM (which the program does not
run: freed pages are reused); the archive files' size; the archiving time; and
a month's readings of 50 meters through ``reading_store`` before and after
(one month live, one month archived). ``python bench/archive.py [METERS]``
(1,000 meters is the issue's 17.5 M rows: about 10 times as long).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models import close_database, db
from app.paths import SitePaths
from app.services import reading_store
from app.services.archive.files import archive_file, archive_years
from app.services.archive.mover import archive_readings
from app.services.new_site import create_site
from app.services.schedule_times import local_zone, to_local
from bench.report import result
from tests.services.archive_helpers import add_readings, add_totals, make_meters

DAYS = 365


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _month(meters: list[int], start: dt.datetime) -> tuple[float, int]:
    t = time.perf_counter()
    rows = reading_store.readings_between(meters[:50], start, start + dt.timedelta(days=30))
    return time.perf_counter() - t, len(rows)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    paths = SitePaths(Path(tempfile.mkdtemp(prefix="pem-bench-archive-")))
    create_site(paths, durable=False)
    reading_store.use_archive(paths)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    start = now - dt.timedelta(days=DAYS)
    t = time.perf_counter()
    meters = make_meters(count)
    for m in meters:
        add_readings([m], DAYS, per_day=48, start=start)
    zone = local_zone()
    add_totals(meters, to_local(start, zone).date(), to_local(now, zone).date())
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = db.execute_sql("SELECT COUNT(*) FROM reading").fetchone()[0]
    print(f"setup: {count} meters x {DAYS} days x 48 readings = {rows:,} rows "
          f"({time.perf_counter() - t:.0f} s)")  # fmt: skip
    old, recent = start + dt.timedelta(days=30), now - dt.timedelta(days=60)
    q_old, n_old = _month(meters, old)
    q_new, n_new = _month(meters, recent)
    before = _size(paths.db) / 1e6
    print(
        f"before: live {before:.0f} MB; a month of 50 meters: "
        f"{q_old * 1000:.0f} ms ({n_old:,} rows, old) / {q_new * 1000:.0f} ms (recent)"
    )

    t = time.perf_counter()
    run = archive_readings(paths, now, 180)
    took = time.perf_counter() - t
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    live = db.execute_sql("SELECT COUNT(*) FROM reading").fetchone()[0]
    arch = sum(archive_file(paths, y).stat().st_size for y in archive_years(paths))
    print(f"archive: {run.moved:,} rows of {run.days} days in {took:.1f} s "
          f"({run.moved / took:,.0f} rows/s); archive files {arch / 1e6:.0f} MB")  # fmt: skip
    q_old2, n_old2 = _month(meters, old)
    q_new2, n_new2 = _month(meters, recent)
    assert (n_old2, n_new2) == (n_old, n_new)
    print(f"after:  live {_size(paths.db) / 1e6:.0f} MB, {live:,} rows; a month of 50 meters: "
          f"{q_old2 * 1000:.0f} ms (archived) / {q_new2 * 1000:.0f} ms (live)")  # fmt: skip
    close_database()
    con = sqlite3.connect(paths.db)
    con.execute("VACUUM")
    con.close()
    after = _size(paths.db) / 1e6
    print(f"after VACUUM (not done by the program): live {after:.0f} MB")
    setup = f"{count} meters, {run.moved:,} readings archived"
    result("archive run", "night job", f"{took:.1f} s", True, setup)
    result("live database, archived + VACUUM", "smaller", f"{before:.0f} -> {after:.0f} MB",
           after < before, setup)  # fmt: skip


if __name__ == "__main__":
    main()

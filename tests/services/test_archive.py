"""Archiving: only rolled-up old days move; reads are the same before and after; resumable."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models import Reading
from app.paths import SitePaths
from app.services import reading_store
from app.services.archive import mover
from app.services.archive.files import archive_file, archive_years, open_archive
from app.services.schedule_times import local_zone, to_local
from tests.services.archive_helpers import (
    START,
    add_readings,
    add_totals,
    daily_figures,
    live_count,
    make_meters,
    snapshot,
)

NOW = START + dt.timedelta(days=60)


@pytest.fixture
def site(database, tmp_path):
    paths = SitePaths(tmp_path)
    reading_store.use_archive(paths)
    yield paths
    reading_store.use_archive(None)


def _archived_count(paths) -> int:
    total = 0
    for year in archive_years(paths):
        con = open_archive(archive_file(paths, year))
        total += con.execute("SELECT COUNT(*) FROM reading").fetchone()[0]
        con.close()
    return total


def test_only_old_days_with_daily_totals_move_and_reads_do_not_change(site):
    meters = make_meters(3)
    add_readings(meters, days=50)
    first = to_local(START, local_zone()).date()
    add_totals(meters[:2], first, first + dt.timedelta(days=40))  # meter 3 never rolled up
    before, figures = snapshot(), daily_figures()

    run = mover.archive_readings(site, NOW, keep_days=30)

    cutoff = to_local(NOW, local_zone()).date() - dt.timedelta(days=30)
    assert run.cutoff == cutoff and run.moved > 0 and not run.stopped
    assert snapshot() == before and daily_figures() == figures
    zone = local_zone()
    for r in Reading.select():  # what stayed live: a new day, or a day without a total
        day = to_local(r.taken_at, zone).date()
        assert day >= cutoff or r.meter_id == meters[2] or day > first + dt.timedelta(days=40)
    assert _archived_count(site) == run.moved == len(before) - live_count()
    assert mover.archive_readings(site, NOW, keep_days=30).moved == 0  # nothing moves twice


def test_a_run_stopped_between_days_goes_on_at_the_next_run(site):
    meters = make_meters(2)
    add_readings(meters, days=40)
    add_totals(meters, to_local(START, local_zone()).date(), to_local(NOW, local_zone()).date())
    before = snapshot()
    asked = []

    def stop_after_three():
        asked.append(1)
        return len(asked) > 3

    first = mover.archive_readings(site, NOW, 20, should_stop=stop_after_three)
    assert first.stopped and first.days == 3 and snapshot() == before
    second = mover.archive_readings(site, NOW, 20)
    assert not second.stopped and first.moved + second.moved == len(before) - live_count()
    assert snapshot() == before


def test_killed_between_copy_and_delete_shows_each_reading_once_then_finishes(site, monkeypatch):
    meters = make_meters(2)
    add_readings(meters, days=30)
    add_totals(meters, to_local(START, local_zone()).date(), to_local(NOW, local_zone()).date())
    before = snapshot()
    monkeypatch.setattr(mover, "_DELETE", mover._DELETE + " AND 0")  # the delete never lands
    assert mover.archive_readings(site, NOW, 10).moved == 0
    assert _archived_count(site) > 0 and live_count() == len(before)  # in both places
    assert snapshot() == before  # shown once
    monkeypatch.undo()
    run = mover.archive_readings(site, NOW, 10)
    assert run.moved == _archived_count(site) and snapshot() == before


def test_readings_between_reads_across_live_and_archive_and_years(site):
    meters = make_meters(2)
    start = dt.datetime(2023, 12, 20, 0, 15)
    add_readings(meters, days=30, start=start)
    zone = local_zone()
    add_totals(meters, to_local(start, zone).date(), dt.date(2024, 1, 10))
    mover.archive_readings(site, dt.datetime(2024, 1, 30), 7)
    assert archive_years(site) == [2023, 2024]
    a, b = dt.datetime(2023, 12, 30), dt.datetime(2024, 1, 15)
    got = reading_store.readings_between([meters[1]], a, b)
    assert [r.taken_at for r in got] == sorted(r.taken_at for r in got)
    assert {r.meter_id for r in got} == {meters[1]}
    assert len(got) == 16 * 8 and got[0].taken_at >= a and got[-1].taken_at < b
    assert isinstance(got[0].relay_open, bool) and isinstance(got[0].taken_at, dt.datetime)
    assert Reading.select().where(Reading.taken_at < dt.datetime(2024, 1, 5)).count() == 0

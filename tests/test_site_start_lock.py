"""Opening a site while another process writes: the bus leases are taken, not refused.

``Site.start`` takes each bus's lease (BEGIN IMMEDIATE) while going through the
site's buses. With the buses read from a live cursor, the connection kept a read
transaction open; once another process wrote meanwhile, SQLite refused the write
lock at once, without its busy wait, for as long as the read lasted: a ``sell``
started just after a collector took the demo bus over failed "database is locked".
"""

from __future__ import annotations

import sqlite3

from app.models import Building, Bus, close_database
from app.paths import SitePaths
from app.services import bus_lease, site
from app.services.new_site import create_site


def test_leases_are_taken_while_another_process_writes(tmp_path, master_key, monkeypatch):
    data = tmp_path / "site"
    data.mkdir()
    (data / "master.key").write_text(master_key.hex() + "\n")
    paths = SitePaths(data)
    create_site(paths)
    building = Building.create(name="B")
    for n in (1, 2, 3):  # dead ports: the workers only report port errors
        Bus.create(name=f"bus{n}", port=f"socket://127.0.0.1:{n}", building=building)
    close_database()
    monkeypatch.setenv("PEM_DB_WAIT_S", "1")

    real_acquire = bus_lease.try_acquire

    def acquire_after_another_write(bus_id, kind, now=None):
        other = sqlite3.connect(paths.db, isolation_level=None)  # another process's write
        other.execute("UPDATE setting SET value = value WHERE key = 'site.name'")
        other.execute("INSERT INTO setting (key, value) VALUES ('poll.offline_after', '3') "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value")  # fmt: skip
        other.close()
        return real_acquire(bus_id, kind, now)

    monkeypatch.setattr(bus_lease, "try_acquire", acquire_after_another_write)
    opened = site.Site(paths).open().start(poll=False, role="cli")
    try:
        assert sorted(opened.owned_workers()) == [b.id for b in Bus.select().order_by(Bus.id)]
    finally:
        opened.stop()

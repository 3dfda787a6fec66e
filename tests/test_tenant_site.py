"""Issue #15: the kiosk's and the mobile site's process opens the site owning no bus, even with
nobody else serving it: every bus gets job rows (a tenant's action waits for the collector)."""

from __future__ import annotations

from app.models import Building, Bus, BusLease, close_database
from app.paths import SitePaths
from app.services.new_site import create_site
from app.services.tenant_site import open_for_tenants


def test_the_tenant_site_never_owns_a_bus(tmp_path, master_key):
    data = tmp_path / "site"
    data.mkdir()
    (data / "master.key").write_text(master_key.hex() + "\n")
    paths = SitePaths(data)
    create_site(paths)
    bus = Bus.create(name="bus1", port="socket://127.0.0.1:9", building=Building.create(name="B"))
    close_database()
    site = open_for_tenants(paths)
    try:
        assert site.owned_workers() == {} and site.remote_bus_ids() == [bus.id]
        site.apply_config()  # a re-read of the buses does not take one either
        assert site.owned_workers() == {} and BusLease.select().count() == 0
    finally:
        site.stop()

"""Issue #15: the kiosk's and the mobile site's process owns no bus; a tenant's switch is a job
row the collection service runs on the (simulated) meter; with the collector gone the tenant
site stays read only and never takes the bus over."""

from __future__ import annotations

import json
import signal

import pytest

from app.models import BusJob, BusLease, Tenant, close_database, open_database
from app.paths import SitePaths
from app.services import tenant_access, tenant_control, tenant_view
from app.services.auth_passwords import hash_password
from app.services.tenant_site import open_for_tenants
from tests.site_procs import kill_all, make_site, read_line_with
from tests.waiting import wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path, master_key):
    real = make_site(tmp_path, master_key)
    open_database(real.data_dir / "site.db")
    Tenant.update(pin_hash=hash_password("2468")).execute()
    close_database()
    sell = real.sell("50.00")
    out, err = sell.communicate(timeout=60)
    assert sell.returncode == 0, (out, err)
    procs = []
    yield real, procs
    kill_all(procs)
    real.stop()
    close_database()


def test_a_tenant_switches_off_and_on_through_the_collector(site):
    real, procs = site
    collector = real.collector()
    procs.append(collector)
    read_line_with(collector, "serving 1 bus(es)")
    tenants = open_for_tenants(SitePaths(real.data_dir))
    try:
        assert tenants.owned_workers() == {}
        me = tenant_access.sign_in(Tenant.get().account_no, "2468", "phone")
        (meter,) = tenant_view.my_meters(me)
        assert tenant_view.service_state().live
        wait_for(lambda: tenant_view.my_meters(me)[0].can_switch_off, 20)
        after = tenant_control.switch_off(me, meter.meter_id, tenants).result(60)
        assert after.relay_open
        wait_for(lambda: real.meter_state()["forced_trip"], 10, "the meter tripped")
        wait_for(lambda: tenant_view.my_meters(me)[0].can_switch_on, 20)
        after = tenant_control.switch_on(me, meter.meter_id, tenants).result(60)
        assert not after.relay_open
        wait_for(lambda: not real.meter_state()["forced_trip"], 10, "the meter closed")
        jobs = list(BusJob.select().where(BusJob.kind == "tenant_relay"))
        assert [j.state for j in jobs] == ["done", "done"]
        assert all(f":{collector.pid}:" in j.owner for j in jobs)

        collector.send_signal(signal.SIGTERM)
        collector.communicate(timeout=20)
        assert not tenant_view.service_state().live
        assert "read only" in str(tenant_view.my_meters(me)[0].switch_note)
        with pytest.raises(tenant_control.SwitchRefused, match="read only"):
            tenant_control.switch_off(me, meter.meter_id, tenants)
        assert BusLease.select().count() == 0 and tenants.owned_workers() == {}
    finally:
        tenants.stop()
    assert json.dumps(real.meter_state())  # the simulator still answers


def test_the_collector_serves_the_mobile_site_with_portal_in_collector(site):
    """``portal.in_collector``: the collection service also serves the mobile site."""
    import httpx

    from app import settings
    from app.services.demo_site import free_tcp_port

    real, procs = site
    port = free_tcp_port()
    open_database(real.data_dir / "site.db")
    settings.put("portal.in_collector", True)
    settings.put("portal.listen", f"127.0.0.1:{port}")
    close_database()
    collector = real.collector()
    procs.append(collector)
    read_line_with(collector, f"mobile site on http://127.0.0.1:{port}/")
    page = httpx.get(f"http://127.0.0.1:{port}/login", timeout=10)
    assert page.status_code == 200 and 'name="csrf"' in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert "pem_pre" in page.cookies
    collector.send_signal(signal.SIGTERM)
    assert collector.wait(20) == 0

"""Issue #15, a tenant's own switch: off and back on, never undoing the site's trip or an
arrears cut, only while self-control is on, live reads rate-limited; logged as the tenant.
Jobs run on the simulated meters through the billing kit's synchronous worker."""

from __future__ import annotations

import json

import pytest

from app import settings
from app.models import Account, SystemLog
from app.models.site import MeterState
from app.serial_io.commands import RelayCommand
from app.serial_io.poll_store import load_status
from app.services import tenant_access, tenant_control, tenant_view
from app.services.accounts import TenantInfo, open_account
from app.services.remote_control import submit_relay
from tests.billing_helpers import ADMIN, MAINTENANCE, make_env
from tests.tenant_helpers import serve

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    for mid in env.meter_ids:
        _tenant, outcomes = open_account(
            env.worker_for, ADMIN, TenantInfo(f"Shop {mid}", pin="2468"), [mid],
            first_sale_fen=5000,
        )  # fmt: skip
        assert outcomes[mid].state == "confirmed"
    serve(env)
    return env


def who(env, index: int = 0):
    account = Account.active_for(env.meter_ids[index])
    return tenant_access.sign_in(account.tenant.account_no, "2468", "test")


def view(env, index: int = 0) -> tenant_view.MeterView:
    (meter,) = tenant_view.my_meters(who(env, index))
    return meter


def test_off_then_on_by_the_tenant_logged_as_the_tenant(env):
    mid, me = env.meter_ids[0], who(env)
    assert view(env).can_switch_off and not view(env).can_switch_on
    after = tenant_control.switch_off(me, mid, env).result()
    assert after.relay_open and env.status(mid).relay_open
    assert Account.active_for(mid).tenant_off_at is not None
    serve(env)
    assert view(env).can_switch_on and not view(env).can_switch_off
    after = tenant_control.switch_on(me, mid, env).result()
    assert not after.relay_open and not env.status(mid).relay_open
    assert Account.active_for(mid).tenant_off_at is None
    rows = SystemLog.select().where(SystemLog.action.startswith("tenant.power"))
    assert [(r.action, r.result, r.operator_name) for r in rows] == [
        ("tenant.power_off", "ok", f"tenant {me.account_no}"),
        ("tenant.power_on", "ok", f"tenant {me.account_no}"),
    ]


def test_the_sites_trip_cannot_be_undone_by_the_tenant(env):
    mid, me = env.meter_ids[0], who(env)
    tenant_control.switch_off(me, mid, env).result()
    submit_relay(env.worker, MAINTENANCE, mid, RelayCommand.TRIP).result()  # the office trips
    assert Account.active_for(mid).tenant_off_at is None
    serve(env)
    note = view(env).switch_note
    assert not view(env).can_switch_on and "management office" in str(note)
    with pytest.raises(tenant_control.SwitchRefused, match="management office"):
        tenant_control.switch_on(me, mid, env)
    assert env.status(mid).relay_open


def test_a_trip_between_the_check_and_the_job_is_seen_in_the_bus_owner(env, monkeypatch):
    mid, me = env.meter_ids[0], who(env)
    tenant_control.switch_off(me, mid, env).result()
    serve(env)
    Account.update(tenant_off_at=None).where(Account.meter == mid).execute()  # as if tripped
    monkeypatch.setattr(tenant_control, "_check_here", lambda *a: None)  # the store said yes
    future = tenant_control.switch_on(me, mid, env)
    with pytest.raises(tenant_control.SwitchRefused, match="management office"):
        future.result()


def test_no_switch_on_in_arrears(env):
    mid, me = env.meter_ids[0], who(env)
    tenant_control.switch_off(me, mid, env).result()
    serve(env)
    state = MeterState.get_by_id(mid)
    status = json.loads(state.status_json) | {"arrears": True, "balance": -300}
    MeterState.update(status_json=json.dumps(status)).where(MeterState.meter == mid).execute()
    assert "arrears" in str(view(env).switch_note)
    with pytest.raises(tenant_control.SwitchRefused, match="arrears"):
        tenant_control.switch_on(me, mid, env)


def test_no_switching_when_the_site_turned_it_off_or_nobody_serves_the_bus(env):
    mid, me = env.meter_ids[0], who(env)
    settings.put("tenant.self_control", False)
    assert not view(env).can_switch_off
    with pytest.raises(tenant_control.SwitchRefused, match="turned off at this site"):
        tenant_control.switch_off(me, mid, env)
    settings.put("tenant.self_control", True)
    serve(env, live=False)
    assert not tenant_view.service_state().live
    assert "read only" in str(view(env).switch_note)
    with pytest.raises(tenant_control.SwitchRefused, match="read only"):
        tenant_control.switch_off(me, mid, env)
    assert not env.status(mid).relay_open and env.worker.jobs[-1][1] != "tenant"


def test_another_tenants_meter_is_not_found_for_switch_or_read(env):
    me, theirs = who(env, 0), env.meter_ids[1]
    for call in (tenant_control.switch_off, tenant_control.switch_on,
                 tenant_control.refresh_balance):  # fmt: skip
        with pytest.raises(Exception, match="among yours"):
            call(me, theirs, env)
    assert not env.status(theirs).relay_open


def test_live_read_at_most_once_per_setting(env):
    class Site:
        polls: list[int] = []

        def worker_for(self, meter_id):
            return self

        def poll_now(self, meter_id):
            self.polls.append(meter_id)
            return "future"

    mid, me, site = env.meter_ids[0], who(env), Site()
    tenant_control._last_read.clear()
    assert tenant_control.refresh_balance(me, mid, site) == "future"
    assert tenant_control.refresh_balance(me, mid, site) is None
    tenant_control._last_read[mid] -= settings.get("tenant.live_read_s") + 1
    assert tenant_control.refresh_balance(me, mid, site) == "future"
    assert site.polls == [mid, mid]


def test_the_switch_stores_the_status_it_read_back(env):
    """The page after a switch shows the new relay state at once, not at the next poll."""
    mid, me = env.meter_ids[0], who(env)
    tenant_control.switch_off(me, mid, env).result()  # no serve(): nothing polls in between
    state = MeterState.get(MeterState.meter == mid)
    assert load_status(state.status_json).relay_open and state.online
    assert view(env).relay_open and view(env).can_switch_on
    tenant_control.switch_on(me, mid, env).result()
    assert not view(env).relay_open and view(env).can_switch_off


def test_a_failed_site_trip_still_takes_the_switch_back_from_the_tenant(env, monkeypatch):
    """The office's trip went out but its confirmation failed: the relay may well be open by the
    site now, so the tenant's mark is gone all the same (they cannot close it)."""
    from app.errors import PemError
    from app.serial_io.profiles import default

    mid, me = env.meter_ids[0], who(env)
    tenant_control.switch_off(me, mid, env).result()

    def lost(*_a, **_k):
        raise PemError("no confirmation")

    monkeypatch.setattr(default.DefaultProfile, "relay", lost)
    with pytest.raises(PemError):
        submit_relay(env.worker, MAINTENANCE, mid, RelayCommand.TRIP).result()
    monkeypatch.undo()
    assert Account.active_for(mid).tenant_off_at is None
    with pytest.raises(tenant_control.SwitchRefused, match="management office"):
        tenant_control.switch_on(me, mid, env)


def test_a_live_read_while_read_only_is_refused_and_every_read_is_logged(env):
    """No collector: the job row would only expire unread (and use up the minute's read)."""

    class Site:
        polls: list[int] = []

        def worker_for(self, meter_id):
            return self

        def poll_now(self, meter_id):
            self.polls.append(meter_id)
            return "future"

    mid, me, site = env.meter_ids[0], who(env), Site()
    tenant_control._last_read.clear()
    serve(env, live=False)
    with pytest.raises(tenant_control.SwitchRefused, match="read only"):
        tenant_control.refresh_balance(me, mid, site)
    serve(env)
    assert tenant_control.refresh_balance(me, mid, site) == "future"  # the minute was not used
    rows = SystemLog.select().where(SystemLog.action == "tenant.read")
    assert [(r.result, r.operator_name) for r in rows] == [
        ("refused", f"tenant {me.account_no}"),
        ("ok", f"tenant {me.account_no}"),
    ]

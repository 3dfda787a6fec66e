"""Issue #15, the tenant service's sign-in rules: lockout per account and per source (also
under parallel guesses), a closed tenant, sessions, the PIN change; and the views answering
only about the tenant's own meters."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from app.errors import InvalidField, ValidationError
from app.models import SmsMessage, SystemLog, Tenant
from app.models.site import utcnow
from app.services import tenant_access as ta
from app.services import tenant_view as tv
from app.services.accounts import TenantInfo, open_account
from tests.billing_helpers import ADMIN, make_env

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    return make_env(master_key, n_meters=3)


def _open(env, index: int, name: str, pin: str = "2468", shop: str = ""):
    tenant, outcomes = open_account(
        env.worker_for, ADMIN, TenantInfo(name, shop=shop, pin=pin), [env.meter_ids[index]]
    )
    assert outcomes[env.meter_ids[index]] is None
    return tenant


@pytest.fixture
def shop(env):
    return _open(env, 0, "Tea House", shop="A-12")


def test_right_pin_signs_in_by_account_or_shop_and_is_logged_as_the_tenant(shop):
    who = ta.sign_in(shop.account_no, "2468", "kiosk-1")
    assert (who.tenant_id, who.name) == (shop.id, "Tea House")
    assert ta.sign_in(" A-12 ", "2468", "kiosk-1") == who
    rows = list(SystemLog.select().where(SystemLog.action == "tenant.sign_in"))
    assert [r.result for r in rows] == ["ok", "ok"]
    assert all(r.operator_name == f"tenant {shop.account_no}" and r.role == "tenant" for r in rows)
    assert not any("2468" in (r.detail + r.target) for r in SystemLog.select())


def test_wrong_pin_and_unknown_account_say_the_same(shop):
    with pytest.raises(ta.WrongPin) as wrong:
        ta.sign_in(shop.account_no, "1111", "kiosk-1")
    with pytest.raises(ta.WrongPin) as unknown:
        ta.sign_in("no-such-account", "2468", "kiosk-2")
    assert str(wrong.value) == str(unknown.value)


def test_five_wrong_pins_lock_the_account_for_five_minutes_from_any_source(shop):
    now = utcnow()
    for i in range(4):
        with pytest.raises(ta.WrongPin):
            ta.sign_in(shop.account_no, "0000", f"phone-{i}", now=now)
    with pytest.raises(ta.TenantLocked) as locked:
        ta.sign_in(shop.account_no, "0000", "phone-4", now=now)
    assert locked.value.minutes == 5
    with pytest.raises(ta.TenantLocked):  # the right PIN too, from a fresh place
        ta.sign_in(shop.account_no, "2468", "kiosk-9", now=now + dt.timedelta(minutes=4))
    later = now + dt.timedelta(minutes=5, seconds=1)
    assert ta.sign_in(shop.account_no, "2468", "kiosk-9", now=later).tenant_id == shop.id
    # the right PIN started the count again: four more wrong ones do not lock
    for i in range(4):
        with pytest.raises(ta.WrongPin):
            ta.sign_in(shop.account_no, "0000", f"x-{i}", now=later)


def test_five_failures_from_one_source_lock_that_source_only(env, shop):
    other = _open(env, 1, "Noodle Bar", pin="9753")
    now = utcnow()
    for i in range(4):
        with pytest.raises(ta.WrongPin):
            ta.sign_in(f"guess-{i}", "1234", "10.0.0.66", now=now)
    with pytest.raises(ta.TenantLocked):
        ta.sign_in("guess-5", "1234", "10.0.0.66", now=now)
    with pytest.raises(ta.TenantLocked):  # even a right PIN from there
        ta.sign_in(other.account_no, "9753", "10.0.0.66", now=now)
    assert ta.sign_in(other.account_no, "9753", "10.0.0.7", now=now).tenant_id == other.id


def test_a_right_pin_does_not_wipe_a_sources_failures(env, shop):
    other = _open(env, 1, "Noodle Bar", pin="9753")
    now = utcnow()
    for round_ in range(4):
        with pytest.raises(ta.WrongPin):
            ta.sign_in(shop.account_no if round_ % 2 else f"g{round_}", "0000", "evil", now=now)
        ta.sign_in(other.account_no, "9753", "evil", now=now)  # the guesser's own account
    with pytest.raises(ta.TenantLocked):
        ta.sign_in("g9", "0000", "evil", now=now)


def test_parallel_guesses_get_at_most_four_wrong_pin_answers(shop):
    outcomes: list[str] = []
    lock = threading.Lock()

    def guess(i: int) -> None:
        try:
            ta.sign_in(shop.account_no, f"{1000 + i}", f"bot-{i}")
            result = "in"
        except ta.WrongPin:
            result = "wrong"
        except ta.TenantLocked:
            result = "locked"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(outcomes) == 12 and "in" not in outcomes
    assert outcomes.count("wrong") == 4 and outcomes.count("locked") == 8


def test_a_closed_tenant_cannot_sign_in(shop):
    Tenant.update(closed_at=utcnow()).where(Tenant.id == shop.id).execute()
    with pytest.raises(ta.WrongPin):
        ta.sign_in(shop.account_no, "2468", "kiosk-1")


def test_sessions_end_at_sign_out_idle_and_pin_change(shop):
    who = ta.sign_in(shop.account_no, "2468", "1.2.3.4")
    token = ta.start_session(who, "1.2.3.4")
    assert ta.session_tenant(token) == who
    assert ta.session_tenant(token + "x") is None and ta.session_tenant("") is None
    assert ta.session_tenant(token, now=utcnow() + dt.timedelta(hours=1)) is None  # idle
    second = ta.start_session(who, "1.2.3.4")
    assert second != token
    ta.end_session(token)
    assert ta.session_tenant(token) is None and ta.session_tenant(second) == who
    with pytest.raises(InvalidField):
        ta.change_pin(who, "2468", "12ab")
    with pytest.raises(ta.WrongPin):
        ta.change_pin(who, "0000", "13579")
    ta.change_pin(who, "2468", "13579")
    assert ta.session_tenant(second) is None
    with pytest.raises(ta.WrongPin):
        ta.sign_in(shop.account_no, "2468", "1.2.3.4")
    assert ta.sign_in(shop.account_no, "13579", "1.2.3.4") == who


def test_views_answer_only_about_the_tenants_own_meters(env, shop):
    other = _open(env, 1, "Noodle Bar", pin="9753")
    me = ta.sign_in(shop.account_no, "2468", "k")
    mine, theirs = env.meter_ids[0], env.meter_ids[1]
    assert [m.meter_id for m in tv.my_meters(me)] == [mine]
    assert len(tv.daily_usage(me, mine, days=30)) == 30
    assert len(tv.monthly_totals(me, mine, months=12)) == 12
    for bad in (theirs, 99_999):
        with pytest.raises(ValidationError, match="among yours") as err:
            tv.daily_usage(me, bad)
        assert str(err.value) == f"there is no meter {bad} among yours"
        with pytest.raises(ValidationError, match="among yours"):
            tv.monthly_totals(me, bad)
        with pytest.raises(ValidationError, match="among yours"):
            tv.usage(me, bad)
    days, months = tv.usage(me, mine, 30, 12)
    assert days == tv.daily_usage(me, mine, 30) and months == tv.monthly_totals(me, mine, 12)
    assert tv.opened_meters() == sorted([mine, theirs])  # the shared rates' batch: open accounts
    assert tv.recharges(me) == [] or all(r.meter_number == "M001" for r in tv.recharges(me))
    assert other.id != me.tenant_id
    assert tv.service_state().live is False  # no process holds a bus here
    view = tv.my_meters(me)[0]
    assert not view.can_switch_off and view.switch_note is not None


def test_the_sms_record_holds_only_the_tenants_messages(env, shop):
    other = _open(env, 1, "Noodle Bar", pin="9753")
    for tenant, body in ((shop, "your balance is low"), (other, "not yours")):
        SmsMessage.create(
            direction="out", phone="13912345678", body=body, kind="alarm1", state="sent",
            tenant=tenant.id,
        )  # fmt: skip
    me = ta.sign_in(shop.account_no, "2468", "k")
    assert [(r.direction, r.body) for r in tv.sms_record(me)] == [("out", "your balance is low")]


def test_signing_out_of_the_mobile_site_is_logged_as_the_tenant(shop):
    who = ta.sign_in(shop.account_no, "2468", "web:10.0.0.9")
    token = ta.start_session(who, "web:10.0.0.9")
    ta.end_session(token)
    ta.end_session(token)  # twice (a second tab): one row
    assert ta.session_tenant(token) is None
    rows = list(SystemLog.select().where(SystemLog.action == "tenant.sign_out"))
    assert [(r.operator_name, r.result) for r in rows] == [(f"tenant {shop.account_no}", "ok")]


def test_busy_sessions_are_marked_seen_in_one_write_not_one_each(shop, monkeypatch):
    """200 phones on the site: their "last seen" came due together and each page wrote its own
    transaction, queueing for the write lock behind the collector (pages of seconds)."""
    import datetime as dt_

    from app.models.tenant_access import TenantSession

    who = ta.sign_in(shop.account_no, "2468", "web:10.0.0.9")
    tokens = [ta.start_session(who, f"web:10.0.0.{i}") for i in range(20)]
    later = utcnow() + dt_.timedelta(minutes=2)
    writes = []
    real_update = TenantSession.update
    monkeypatch.setattr(
        TenantSession, "update", lambda *a, **k: writes.append(2) or real_update(*a, **k)
    )
    assert all(ta.session_tenant(t, now=later) == who for t in tokens)
    ta.flush_seen(now=later)
    assert len(writes) == 1  # one UPDATE for all twenty
    assert {s.last_seen_at for s in TenantSession.select()} == {later}

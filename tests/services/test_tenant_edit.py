"""Issue #8 items 1, 2 and 9 at the service level: opening is all-or-nothing for the
tenant, tenant details can be corrected (logged, PIN never), phone numbers are checked,
tariffs come from a list and a blank one is refused, every refusal names its field."""

from __future__ import annotations

import pytest

from app import settings
from app.errors import InvalidField, MeterOffline, PermissionDenied, ValidationError
from app.models import Account, LedgerEntry, SystemLog, Tenant
from app.services import accounts, tenants
from app.services.accounts import TenantInfo
from app.services.tenants import TenantEdit
from tests.billing_helpers import CASHIER, MAINTENANCE, make_env

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    return make_env(master_key, n_meters=3)


def _log(action: str) -> list[SystemLog]:
    return list(SystemLog.select().where(SystemLog.action == action).order_by(SystemLog.id))


# ---- 1. all or nothing ---------------------------------------------------------------
def test_opening_on_a_dead_meter_with_a_first_sale_leaves_no_tenant(env):
    dead = env.meter_ids[2]
    env.sim.faults.dead.add(env.refs[dead].address)
    tenant, outcomes = accounts.open_account(
        env.worker_for, CASHIER, TenantInfo("Dead Meter Shop", pin="2468"), [dead],
        first_sale_fen=5000,
    )  # fmt: skip
    assert tenant is None and isinstance(outcomes[dead], MeterOffline)
    assert Tenant.select().count() == 0
    assert Account.select().count() == 0 and LedgerEntry.select().count() == 0
    assert _log("tenant.create") == []  # nothing to see: nothing happened


def test_one_meter_opened_keeps_the_tenant_and_logs_it(env):
    live, dead = env.meter_ids[:2]
    env.sim.faults.dead.add(env.refs[dead].address)
    tenant, outcomes = accounts.open_account(
        env.worker_for, CASHIER, TenantInfo("Half Shop"), [dead, live]
    )
    assert isinstance(outcomes[dead], MeterOffline) and outcomes[live] is None
    assert tenant is not None and Account.active_for(live).tenant_id == tenant.id
    assert [_text(r.target) for r in _log("tenant.create")] == [f"tenant {tenant.account_no}"]


def test_a_tenant_without_meters_can_be_removed(env):
    lonely = accounts.create_tenant(CASHIER, TenantInfo("Lonely"))
    assert tenants.remove_tenant(CASHIER, lonely.id) == "deleted"
    assert Tenant.get_or_none(Tenant.id == lonely.id) is None
    held, _ = accounts.open_account(env.worker_for, CASHIER, TenantInfo("Held"), [env.meter_ids[0]])
    with pytest.raises(ValidationError, match="still has open meters"):
        tenants.remove_tenant(CASHIER, held.id)
    with pytest.raises(PermissionDenied):
        tenants.remove_tenant(MAINTENANCE, held.id)
    assert [r.result for r in _log("tenant.remove")] == ["deleted"]


def test_a_tenant_with_history_is_closed_not_deleted(env):
    m1 = env.meter_ids[0]
    tenant, _ = accounts.open_account(env.worker_for, CASHIER, TenantInfo("Old"), [m1])
    accounts.close_account(env.worker, CASHIER, m1)
    assert tenants.remove_tenant(CASHIER, tenant.id) == "closed"
    assert Tenant.get_by_id(tenant.id).closed_at is not None  # the ledger still names them


# ---- 2. corrections and phone numbers ------------------------------------------------
@pytest.mark.parametrize(
    "phone", ["", "13800000000", "19912345678", "0755-12345678", "010-1234567"]
)
def test_good_phone_numbers(phone):
    tenants.check_phone(phone)


@pytest.mark.parametrize("phone", ["abcdef", "12345678901", "1380000000", "755-12345678", "0755 1"])
def test_bad_phone_numbers_name_the_field(phone):
    with pytest.raises(InvalidField) as caught:
        tenants.check_phone(phone)
    assert caught.value.field == "phone" and str(caught.value).startswith("Phone:")


def test_opening_refuses_a_bad_phone_before_anything_is_sent(env):
    with pytest.raises(InvalidField, match="Phone") as caught:
        accounts.open_account(env.worker_for, CASHIER, TenantInfo("X", phone="abcdef"), [1])
    assert caught.value.field == "phone"
    assert Tenant.select().count() == 0 and env.status(env.meter_ids[0]).account_epoch == 0


def test_tenant_details_are_corrected_and_logged_with_old_and_new_values(env):
    tenant = accounts.create_tenant(
        CASHIER, TenantInfo("Li Noodles", shop="B1", phone="13800000000", pin="2468")
    )
    edit = TenantEdit("Li's Noodles", "B1-07", "0755-12345678", "440301199001011234", "9753")
    changed = tenants.update_tenant(CASHIER, tenant.id, edit)
    assert changed == ["name", "shop", "phone", "id_number", "pin"]
    again = Tenant.get_by_id(tenant.id)
    assert (again.name, again.shop, again.phone) == ("Li's Noodles", "B1-07", "0755-12345678")
    assert accounts.check_pin(again, "9753") and not accounts.check_pin(again, "2468")
    [row] = _log("tenant.edit")
    assert _text(row.target) == "tenant 000001" and row.operator_name == CASHIER.name
    for text in ("'Li Noodles' -> \"Li's Noodles\"", "'13800000000' -> '0755-12345678'",
                 "kiosk PIN reset"):  # fmt: skip
        assert text in _text(row.detail)
    assert "9753" not in row.detail and "2468" not in row.detail and "scrypt" not in row.detail


def test_tenant_edit_refusals(env):
    tenant = accounts.create_tenant(CASHIER, TenantInfo("Wang", phone="13800000000"))
    with pytest.raises(PermissionDenied):
        tenants.update_tenant(MAINTENANCE, tenant.id, TenantEdit("Wang"))
    for edit, field in (
        (TenantEdit("Wang", phone="abcdef"), "phone"),
        (TenantEdit("  "), "name"),
        (TenantEdit("Wang", new_pin="12"), "pin"),
        (TenantEdit("Wang", new_pin=""), "pin"),
        (TenantEdit("W" * 61), "name"),
    ):
        with pytest.raises(InvalidField) as caught:
            tenants.update_tenant(CASHIER, tenant.id, edit)
        assert caught.value.field == field, edit
    assert Tenant.get_by_id(tenant.id).phone == "13800000000"
    assert tenants.update_tenant(CASHIER, tenant.id, TenantEdit("Wang", phone="13800000000")) == []
    assert _log("tenant.edit") == []  # nothing changed, nothing logged


# ---- 9. tariffs and named fields -----------------------------------------------------
def test_tariffs_come_from_one_list_and_blank_is_refused(env):
    m1, m2 = env.meter_ids[:2]
    assert accounts.tariff_names() == ["flat"]
    with pytest.raises(InvalidField, match=r"^Tariff:") as caught:
        accounts.open_account(env.worker_for, CASHIER, TenantInfo("A"), [m1], tariff="  ")
    assert caught.value.field == "tariff" and Tenant.select().count() == 0
    with pytest.raises(InvalidField, match=r"^Tariff:"):
        accounts.submit_open_meter(env.worker, CASHIER, 1, m1, tariff="")
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("B"), [m1], tariff="shop TOU")
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("C"), [m2])  # the default
    assert Account.active_for(m2).tariff == "flat"
    settings.put("tariff.default", "standard")
    assert accounts.tariff_names() == ["standard", "flat", "shop TOU"]


@pytest.mark.parametrize(
    ("alarm1", "alarm2", "field", "start"),
    [(-500, 0, "alarm1", "Alarm 1:"), (2000, 3000, "alarm2", "Alarm 2:"),
     (2000, -1, "alarm2", "Alarm 2:")],
)  # fmt: skip
def test_alarm_refusals_name_the_right_alarm(env, alarm1, alarm2, field, start):
    with pytest.raises(InvalidField) as caught:
        accounts.open_account(
            env.worker_for, CASHIER, TenantInfo("A"), [env.meter_ids[0]], alarm1=alarm1,
            alarm2=alarm2,
        )  # fmt: skip
    assert caught.value.field == field and str(caught.value).startswith(start)
    assert Tenant.select().count() == 0


def test_no_meter_chosen_names_the_meters(env):
    with pytest.raises(InvalidField, match=r"^Meters:"):
        accounts.open_account(env.worker_for, CASHIER, TenantInfo("A"), [])


def _text(stored: str) -> str:
    """A system-log column as the English sentence it stands for."""
    from app.messages import Message

    return Message.from_json(stored).text()

"""Reads are checked by role too, not only writes (issue #6, finding 9).

Maintenance staff (buses, meters, control; "no money") may not read sales
records, receipts, tenants' details or other operators' system-log rows through
the services; cashiers and administrators may.
"""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied
from app.models import LedgerEntry
from app.services import sales_records as sr
from app.services import tenants
from app.services.audit import LogFilter, distinct_values, fetch_page, log_action
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE, make_env, open_meter


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    open_meter(env, env.meter_ids[0], name="Zhang San Store", first_sale_fen=1000)
    return env


def _reads(env):
    """Every guarded read, as name -> call(actor)."""
    meter = env.meter_ids[0]
    entry = LedgerEntry.select().order_by(LedgerEntry.id.desc()).first().id
    tenant = LedgerEntry.get_by_id(entry).tenant_id
    return {
        "fetch_records": lambda a: sr.fetch_records(a, sr.RecordFilter()),
        "count_records": lambda a: sr.count_records(a, sr.RecordFilter()),
        "record": lambda a: sr.record(a, entry),
        "operator_names": lambda a: sr.operator_names(a),
        "receipt_data": lambda a: sr.receipt_data(a, entry, site_name="Site"),
        "reversible_sales": lambda a: sr.reversible_sales(a, meter),
        "tenant_rows": lambda a: sr.tenant_rows(a),
        "tenant_meter_summaries": lambda a: sr.tenant_meters(a, tenant),
        "search_tenants": lambda a: tenants.search_tenants(a, "Zhang"),
        "tenant_meters": lambda a: tenants.tenant_meters(a, tenant),
        "tenant_history": lambda a: tenants.tenant_history(a, tenant),
    }


def test_maintenance_is_refused_every_money_and_tenant_read(env):
    for name, read in _reads(env).items():
        with pytest.raises(PermissionDenied, match="fixer \\(maintenance\\) may not do this"):
            read(MAINTENANCE)
            pytest.fail(f"{name} let maintenance read")


@pytest.mark.parametrize("actor", [CASHIER, ADMIN], ids=["cashier", "admin"])
def test_cashier_and_admin_may_read(env, actor):
    results = {name: read(actor) for name, read in _reads(env).items()}
    assert results["count_records"] == 2  # the open and its first sale
    assert results["receipt_data"].amount_fen == 1000
    assert [t.name for t in results["search_tenants"]] == ["Zhang San Store"]
    assert results["tenant_rows"][0].name == "Zhang San Store"


def test_system_log_shows_non_admins_only_their_own_rows(database):
    log_action(ADMIN, "operator.create", "cashier1")
    log_action(CASHIER, "tenant.create", "tenant 000001")
    log_action(MAINTENANCE, "meter.trip", "M001")
    everything = LogFilter()
    assert {e.operator_name for e in fetch_page(ADMIN, everything)} == {
        "admin",
        "cashier1",
        "fixer",
    }
    for actor in (MAINTENANCE, CASHIER):
        # even a filter naming someone else, or no one, returns only the actor's rows
        for flt in (
            everything,
            LogFilter(operator="admin"),
            LogFilter(operator_id=ADMIN.operator_id),
        ):
            rows = fetch_page(actor, flt)
            assert {e.operator_id for e in rows} <= {actor.operator_id}
        assert [e.operator_name for e in fetch_page(actor, everything)] == [actor.name]
        names, actions = distinct_values(actor)
        assert names == [actor.name] and len(actions) == 1
    names, actions = distinct_values(ADMIN)
    assert names == ["admin", "cashier1", "fixer"] and len(actions) == 3

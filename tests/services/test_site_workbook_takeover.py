"""Issue #11 part 3: a tenants sheet takes over a running site. Each meter is read through
its bus owner, and an "open" entry records what it holds; no credit is sent."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.models import Account, Bus, LedgerEntry, Meter, SystemLog, Tenant
from app.models.ledger import EntryKind
from app.services import site_workbook as sw
from app.services.ledger_verify import meter_differences
from app.services.site_workbook import preview as pv
from tests.billing_helpers import make_env
from tests.conftest import MASTER
from tests.services.workbook_helpers import ADMIN, db_bytes


@pytest.fixture
def env(database, tmp_path):
    env = make_env(MASTER, 3, balances={1: 5000, 2: 1234, 3: 0})
    Bus.update(port="/dev/ttyS9").execute()  # a port the workbook can name
    for address, count in ((1, 7), (2, 3), (3, 0)):
        env.sim.meter(address).purchase_count = count
    return env


def _with_tenants(tmp_path, rows):
    path = tmp_path / "takeover.xlsx"
    sw.export_config(path)
    book = load_workbook(path)
    ws = book["租户 Tenants"]
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


ROWS = [
    ["张三面馆", "A001", "M001", "13800138000", "1F-01", "2023-04-01"],
    ["张三面馆", "A001", "M002", "", "", None],
    ["李四", "A002", "M003", "", "", None],
]


def test_takeover_records_what_each_meter_holds_and_sends_nothing(env, tmp_path):
    preview = sw.preview_file(_with_tenants(tmp_path, ROWS))
    assert preview.ok, preview.lines()
    assert preview.count("tenants", pv.NEW) == 3
    assert any(n.template == pv.NOTE_TAKEOVER for n in preview.notes)  # the preview says so
    writes = env.bus.writes
    outcome = sw.apply_preview(preview, ADMIN, env.worker_for)
    assert [r.ok for r in outcome.takeover] == [True, True, True]
    assert env.bus.writes == writes  # only read: no credit, no command
    assert env.status(env.meter_ids[0]).balance == 5000
    m1 = Meter.get(Meter.number == "M001")
    entry = LedgerEntry.get(LedgerEntry.meter == m1.id)
    assert (entry.kind, entry.amount_fen, entry.state) == (EntryKind.OPEN.value, 0, "confirmed")
    assert (entry.balance_before, entry.balance_after, entry.count_before) == (5000, 5000, 7)
    tenant = Tenant.get(Tenant.account_no == "A001")
    assert tenant.name == "张三面馆" and tenant.phone == "13800138000"
    assert Account.select().where(Account.tenant == tenant.id).count() == 2
    assert SystemLog.select().where(SystemLog.action == "account.takeover").count() == 3
    # the ledger now speaks for the meters from their own figures
    for meter_id in env.meter_ids:
        assert meter_differences(meter_id, env.status(meter_id)) == []


def test_a_meter_that_does_not_answer_is_listed_and_the_others_are_taken_over(env, tmp_path):
    path = _with_tenants(tmp_path, ROWS)
    preview = sw.preview_file(path)
    env.bus.offline = True
    first = sw.apply_preview(preview, ADMIN, env.worker_for)
    assert not any(r.ok for r in first.takeover)
    assert "M001" in str(first.not_taken_over[0].error)
    assert Account.select().count() == 0 and LedgerEntry.select().count() == 0
    env.bus.offline = False
    again = sw.preview_file(path)
    assert again.count("tenants", pv.NEW) == 3  # what was missed is still to do
    sw.apply_preview(again, ADMIN, env.worker_for)
    assert Account.select().count() == 3
    assert sw.preview_file(path).nothing_to_change  # and a third import changes nothing


def test_a_meter_that_already_has_an_account_or_an_account_number_in_use_is_refused(env, tmp_path):
    sw.apply_preview(sw.preview_file(_with_tenants(tmp_path, ROWS[:1])), ADMIN, env.worker_for)
    before = db_bytes(tmp_path)
    clash = [["王五", "A009", "M001", "", "", None], ["赵六", "A001", "M003", "", "", None]]
    preview = sw.preview_file(_with_tenants(tmp_path, clash))
    assert [p.message.template for p in preview.problems] == [
        pv.METER_HAS_ACCOUNT,
        "Account no.: {account_no} is already used",
    ]
    assert db_bytes(tmp_path) == before


def test_a_sale_after_takeover_counts_on_from_the_meter_s_own_purchase_count(env, tmp_path):
    from app.services import billing

    sw.apply_preview(sw.preview_file(_with_tenants(tmp_path, ROWS)), ADMIN, env.worker_for)
    m1 = env.meter_ids[0]
    result = billing.submit_sale(env.worker, ADMIN, m1, 1000, "cash").result(5)
    assert result.state == "confirmed"
    status = env.status(m1)
    assert (status.balance, status.purchase_count) == (6000, 8)
    assert meter_differences(m1, status) == []


def test_an_account_opened_while_the_meter_is_read_is_not_doubled(env, tmp_path):
    """The check is made again inside the write transaction (found in review)."""
    from app.services.accounts import TenantInfo, open_account

    preview = sw.preview_file(_with_tenants(tmp_path, ROWS[2:]))  # M003 only
    assert preview.ok, preview.lines()
    m3 = Meter.get(Meter.number == "M003").id
    real_submit = env.worker.submit

    def submit(fn, priority=None, label=""):  # a cashier opens M003 during the read
        future = real_submit(fn, priority, label)
        if label == "takeover":
            open_account(env.worker_for, ADMIN, TenantInfo("Cashier's tenant"), [m3])
        return future

    env.worker.submit = submit
    outcome = sw.apply_preview(preview, ADMIN, env.worker_for)
    assert [r.ok for r in outcome.takeover] == [False]
    assert Account.select().where(Account.meter == m3, Account.closed_at.is_null()).count() == 1
    assert not Tenant.select().where(Tenant.account_no == "A002").exists()

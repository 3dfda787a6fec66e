"""System log target and detail as messages (template + params), not English (issue #8).

The window translates them when shown (tests/ui/test_system_log_view.py); here: every
writer stores a marked template and its values, a typed name stays a value, and rows
written as plain English before this still read and keep the chain intact.
"""

from __future__ import annotations

import json

import pytest

from app.errors import NO_ANSWER, PemError
from app.messages import Message
from app.models import SystemLog
from app.services import audit, billing
from app.services.accounts import FIRST_SALE_DETAIL
from app.services.audit import (
    METER_TARGET,
    PLAIN,
    TENANT_TARGET,
    LogFilter,
    fetch_page,
    log_action,
    verify_log_chain,
)
from app.services.auth import MAX_FAILURES, WRONG_PASSWORD, AuthService, LoginFailed
from app.services.permissions import SYSTEM, Actor, Role
from tests.billing_helpers import CASHIER, make_env, open_meter


def _rows(action: str) -> list[tuple[Message | None, str, Message | None]]:
    query = SystemLog.select().where(SystemLog.action == action).order_by(SystemLog.id)
    return [(Message.from_json(r.target), r.result, Message.from_json(r.detail)) for r in query]


def test_a_wrong_password_is_a_template_with_its_count(database):
    auth = AuthService()
    auth.create_first_admin("admin", "s3cret-admin")
    with pytest.raises(LoginFailed):
        auth.login("admin", "wrong-password")
    [(target, result, detail)] = _rows("login.failed")
    assert target == Message(PLAIN, {"text": "admin"})
    assert result == "refused"
    assert detail == Message(WRONG_PASSWORD, {"attempt": 1, "limit": MAX_FAILURES})
    assert str(detail) == "wrong password (1 of 5)"


def test_money_rows_name_the_meter_and_the_entry_by_template(database, master_key):
    env = make_env(master_key, n_meters=2)
    m1, m2 = env.meter_ids
    tenant, first = open_meter(env, m1, first_sale_fen=10_000)
    [(target, _result, detail)] = _rows("account.open")
    assert target == Message(METER_TARGET, {"meter": "M001"})
    assert detail == Message(TENANT_TARGET, {"account": tenant.account_no})
    [(_t, result, detail)] = _rows("sale")
    assert (result, detail.template) == ("confirmed", FIRST_SALE_DETAIL)
    assert detail.params == {"entry": str(first.entry_id), "amount": "100.00"}

    sold = billing.sell(env.worker, CASHIER, m1, 2_000, "cash")
    target, result, detail = _rows("sale")[-1]
    assert target == Message(METER_TARGET, {"meter": "M001"})
    assert detail == Message(billing.ENTRY_DETAIL, {"entry": sold.entry_id, "amount": "20.00"})

    open_meter(env, m2)
    env.bus.offline = True
    with pytest.raises(PemError):
        billing.sell(env.worker, CASHIER, m2, 500, "cash")
    target, result, detail = _rows("sale")[-1]
    assert (target, result) == (Message(METER_TARGET, {"meter": "M002"}), "refused")
    assert detail.template == billing.REFUSED_DETAIL and detail.params["amount"] == "5.00"
    error = Message.from_json(detail.params["error"])  # the error's own template, for the UI
    assert error.template == NO_ANSWER and error.params == {"address": "2"}


def test_a_typed_name_is_stored_as_a_value_never_as_a_sentence(database):
    forged = json.dumps({"params": {}, "template": "account locked"})
    auth = AuthService()
    auth.create_first_admin("admin", "s3cret-admin")
    with pytest.raises(LoginFailed):
        auth.login(forged, "whatever-password")
    [(target, _result, _detail)] = _rows("login.failed")
    assert target == Message(PLAIN, {"text": forged})  # shows the JSON the stranger typed


def test_rows_written_as_plain_english_before_still_read_and_verify(database, monkeypatch):
    with monkeypatch.context() as m:  # how rows were written before issue #8
        m.setattr(audit, "stored_text", lambda value: value)
        log_action(None, "login.failed", "admin", "refused", "wrong password (1)")
    log_action(Actor(1, "admin", Role.ADMIN), "login.ok", "admin")
    assert verify_log_chain() == []
    old, new = reversed(fetch_page(SYSTEM, LogFilter()))
    assert old.target == "admin" and old.target_message() == Message("admin")
    assert str(old.detail_message()) == "wrong password (1)"
    assert new.target_message() == Message(PLAIN, {"text": "admin"})
    assert new.detail_message() is None

"""The system log view: paged rows, filters, own-rows-only for non-admins, integrity check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import db
from app.services.audit import LogFilter, log_action
from app.services.permissions import SYSTEM, Actor, Role
from app.ui.records.system_log_view import (
    COL_ACTION,
    COL_DETAIL,
    COL_OPERATOR,
    COL_RESULT,
    COL_TARGET,
    SystemLogModel,
    SystemLogView,
)

ADMIN = Actor(1, "admin", Role.ADMIN)
LI = Actor(2, "li", Role.CASHIER)


@pytest.fixture
def filled(database):
    log_action(ADMIN, "login.ok", "admin")
    for i in range(25):
        log_action(LI, "sale.confirm", f"M{i:03d}", detail=f"{i}.00")
    log_action(None, "login.failed", "ghost", "refused", "unknown name")
    return database


def _col(model, col):
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def _settle(qtbot, model) -> None:
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)


def test_model_reads_in_pages_off_the_gui_thread(qtbot, filled):
    model = SystemLogModel(SYSTEM, page=10)
    model.reload()
    assert model.loading() and model.rowCount() == 0  # the query runs in the pool
    _settle(qtbot, model)
    assert model.rowCount() == 10
    assert model.entry(0).action == "login.failed"  # newest first
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    _settle(qtbot, model)
    model.fetchMore()
    _settle(qtbot, model)
    assert model.rowCount() == 27 and not model.canFetchMore()
    assert [model.entry(r).id for r in range(27)] == list(range(27, 0, -1))
    assert model.data(model.index(0, COL_ACTION)) == "Login failed"
    assert model.data(model.index(0, COL_ACTION), Qt.ItemDataRole.ToolTipRole) == "login.failed"


def test_stale_page_after_reload_is_dropped(qtbot, filled):
    model = SystemLogModel(SYSTEM, page=50)
    model.reload()
    stale = model._pending  # the unfiltered first page, still on its way
    model.set_filter(LogFilter(operator="admin"))  # before the first page arrived
    _settle(qtbot, model)
    qtbot.waitUntil(stale.done, timeout=5000)  # the stale page has been read...
    qtbot.wait(100)  # ...and its delivery to the GUI thread handled: it adds nothing
    assert stale is not model._pending
    assert _col(model, COL_OPERATOR) == ["admin"]


def test_view_shows_rows_and_filters(qtbot, filled):
    view = SystemLogView(ADMIN, page=50)
    qtbot.addWidget(view)
    view.show()
    _settle(qtbot, view.model)
    assert view.model.rowCount() == 27
    assert view.verify_button.isVisible()
    view.operator_box.setCurrentIndex(view.operator_box.findData("admin"))
    _settle(qtbot, view.model)
    assert _col(view.model, COL_OPERATOR) == ["admin"]
    view.operator_box.setCurrentIndex(0)
    view.action_box.setCurrentIndex(view.action_box.findData("login.failed"))
    _settle(qtbot, view.model)
    assert _col(view.model, COL_TARGET) == ["ghost"]
    view.action_box.setCurrentIndex(0)
    qtbot.keyClicks(view.text_edit, "M007")
    qtbot.waitUntil(lambda: _col(view.model, COL_TARGET) == ["M007"], timeout=3000)  # debounced
    view.text_edit.clear()
    view.apply_filter()
    log_action(ADMIN, "operator.create", "wang")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 28, timeout=3000)
    assert view.action_box.findData("operator.create") >= 0


def test_cashier_sees_only_own_rows(qtbot, filled):
    view = SystemLogView(LI)
    qtbot.addWidget(view)
    assert not view.verify_button.isVisibleTo(view)
    assert not view.operator_box.isEnabled()
    _settle(qtbot, view.model)
    assert set(_col(view.model, COL_OPERATOR)) == {"li"}
    assert view.model.rowCount() == 25


def test_integrity_check_clean(qtbot, filled):
    view = SystemLogView(ADMIN)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.verify_busy(), timeout=5000)
    assert view.status_label.text() == "The system log is intact."


@pytest.mark.allow_log_warnings
def test_integrity_check_names_tampered_row(qtbot, filled):
    db.execute_sql("DELETE FROM system_log WHERE id = 5")
    view = SystemLogView(ADMIN)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.verify_busy(), timeout=5000)
    text = view.status_label.text()
    assert "tampered" in text and "row 5 missing" in text


# ---- issue #8: the log in the operator's language, coloured by outcome -------------------

# Translations of the services' log templates, as the lead will add them to the .ts
# (compiled here so the test does not wait for that): what the view does with them.
_LOG_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN"><context><name>SystemLog</name>
<message><source>wrong password ({attempt} of {limit})</source>
<translation>密码错误（第 {attempt} 次，共 {limit} 次）</translation></message>
<message><source>meter {meter}</source><translation>电表 {meter}</translation></message>
<message><source>{amount}: {error}</source><translation>{amount}：{error}</translation></message>
<message><source>role: {role}</source><translation>角色：{role}</translation></message>
</context></TS>
"""


@pytest.fixture
def log_zh(qapp, tmp_path):
    """The program's Chinese, plus the log templates' Chinese compiled from _LOG_TS."""
    import subprocess

    from PySide6.QtCore import QLocale, QTranslator

    from app.ui.shell import application
    from tests.ui.test_i18n import _tool

    ts, qm = tmp_path / "log.ts", tmp_path / "log.qm"
    ts.write_text(_LOG_TS, encoding="utf-8")
    lrelease = _tool("pyside6-lrelease")
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    before = QLocale()
    installed = application.install_translators(qapp, "zh_CN")
    extra = QTranslator(qapp)
    assert extra.load(str(qm))
    qapp.installTranslator(extra)
    yield
    for translator in [*installed, extra]:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_target_and_detail_are_translated_when_shown(qtbot, database, master_key, log_zh):
    from app.errors import MeterOffline
    from app.services import billing
    from app.services.auth import AuthService, LoginFailed
    from tests.billing_helpers import CASHIER, make_env, open_meter

    auth = AuthService()
    admin = auth.create_first_admin("admin", "s3cret-admin")
    auth.create_operator(admin, "li", "Li", Role.CASHIER, "li-password-1")
    with pytest.raises(LoginFailed):
        auth.login("admin", "wrong-password")
    env = make_env(master_key, n_meters=1)
    open_meter(env, env.meter_ids[0])
    env.bus.offline = True
    with pytest.raises(MeterOffline):
        billing.sell(env.worker, CASHIER, env.meter_ids[0], 500, "cash")
    model = SystemLogModel(SYSTEM)
    model.reload()
    _settle(qtbot, model)
    shown = {
        model.entry(r).action: (
            model.data(model.index(r, COL_TARGET)),
            model.data(model.index(r, COL_DETAIL)),
        )
        for r in range(model.rowCount())
    }
    assert shown["login.failed"] == ("admin", "密码错误（第 1 次，共 5 次）")
    assert shown["operator.create"] == ("li", "角色：收银员")
    assert shown["sale"] == ("电表 M001", "5.00：地址 1 的电表无应答")


def test_old_plain_rows_show_as_written(qtbot, database, monkeypatch):
    from app.services import audit

    monkeypatch.setattr(audit, "stored_text", lambda value: value)  # as rows were written
    log_action(None, "login.failed", "admin", "refused", "wrong password (1)")
    model = SystemLogModel(SYSTEM)
    model.reload()
    _settle(qtbot, model)
    assert model.data(model.index(0, COL_TARGET)) == "admin"
    assert model.data(model.index(0, COL_DETAIL)) == "wrong password (1)"


def test_rows_are_coloured_by_outcome_not_red_when_they_succeeded(qtbot, database):
    from app.ui.support import colors

    for result in ("refused", "confirmed", "uncertain", "ok"):
        log_action(LI, "sale", "M001", result, "x")
    model = SystemLogModel(SYSTEM)
    model.reload()
    _settle(qtbot, model)

    def colour(row: int, col: int) -> str | None:
        brush = model.data(model.index(row, col), Qt.ItemDataRole.ForegroundRole)
        return brush.name() if brush is not None else None

    ok, uncertain, confirmed, refused = range(4)  # newest first
    assert colour(refused, COL_RESULT) == colour(refused, COL_TARGET) == colors.ERROR
    assert colour(confirmed, COL_RESULT) == colour(ok, COL_RESULT) == colors.OK
    assert colour(confirmed, COL_TARGET) is None and colour(ok, COL_ACTION) is None
    assert colour(uncertain, COL_RESULT) == colors.WARNING
    assert colour(uncertain, COL_TARGET) is None

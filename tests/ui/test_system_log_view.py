"""The system log view: paged rows, filters, own-rows-only for non-admins, integrity check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import db
from app.services.audit import LogFilter, log_action
from app.services.permissions import SYSTEM, Actor, Role
from app.ui.records.system_log_view import (
    COL_ACTION,
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
    assert model.data(model.index(0, COL_RESULT), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, COL_RESULT), Qt.ItemDataRole.ForegroundRole) is None


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

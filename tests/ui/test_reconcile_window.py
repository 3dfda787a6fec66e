"""The reconciliation window: mismatches in the table, a provider not read said inline, export."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.payments import reconcile
from app.services.permissions import Actor, Role
from app.ui.payments import reconcile_window
from app.ui.payments.reconcile_window import ReconcileWindow
from app.ui.support import background

MANAGER = Actor(1, "admin", Role.ADMIN)
DAY = dt.date(2026, 3, 1)


def _report(day):
    report = reconcile.Report(day)
    report.paid["wechat"] = (2, 9000)
    report.refunded["wechat"] = (1, 2000)
    report.mismatches = [
        reconcile.Mismatch(
            reconcile.AMOUNT_DIFFERS, "wechat", "PEM1", "T1", 5000, 4900, "credited", 7
        ),
        reconcile.Mismatch(reconcile.PAID_NOT_CREDITED, "wechat", "X9", "T2", None, 1000),
    ]
    report.failed["alipay"] = reconcile.Message(
        reconcile.NOT_READ, {"provider": "alipay", "reason": "timed out"}
    )
    return report


@pytest.fixture
def window(qtbot, monkeypatch):
    asked = []

    def fake_run(actor, day):
        asked.append((actor, day))
        return _report(day)

    monkeypatch.setattr(reconcile_window.reconcile, "run", fake_run)
    win = ReconcileWindow(MANAGER, today=dt.date(2026, 3, 2))
    qtbot.addWidget(win)
    win.asked = asked
    return win


def test_compare_shows_mismatches_totals_and_the_unread_provider(qtbot, window):
    assert window.chosen_day() == DAY  # yesterday by default
    window.run()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    assert window.asked == [(MANAGER, DAY)]
    index = window.model.index(0, 2)
    assert window.model.data(index) == "amount differs"
    assert window.model.data(window.model.index(0, 4)) == "49.00"
    assert window.model.data(window.model.index(1, 3)) == ""
    assert "2 payments, 90.00 yuan; 1 refunds, 20.00 yuan" in window.summary.text()
    assert "alipay statement could not be read: timed out" in window.errors.text()
    assert window.export_button.isEnabled()


def test_a_failed_run_is_said_inline(qtbot, window, monkeypatch):
    from app.errors import PermissionDenied

    def refuse(actor, day):
        raise PermissionDenied("no")

    monkeypatch.setattr(reconcile_window.reconcile, "run", refuse)
    window.run()
    qtbot.waitUntil(lambda: window.errors.text() != "", timeout=5000)
    assert window.run_button.isEnabled() and not window.export_button.isEnabled()


def test_export_writes_the_workbook(qtbot, window, tmp_path, monkeypatch):
    window.run()
    qtbot.waitUntil(lambda: window.report is not None, timeout=5000)
    path = tmp_path / "r.xlsx"
    monkeypatch.setattr(
        reconcile_window, "start_export", lambda parent, title, name, job: job(path, *_noop())
    )
    assert window.export() == 2 and path.exists()
    qtbot.waitUntil(lambda: background.in_flight() == 0, timeout=5000)


def _noop():
    return (lambda done, total: None), (lambda: False)

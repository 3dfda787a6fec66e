"""Sales records window: filters, incremental fetch, reprint marked COPY, actions from a row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from app.errors import PermissionDenied
from app.services import billing
from app.services.permissions import SYSTEM
from app.services.sales_records import RecordFilter
from app.ui.cashier.actions import launch
from app.ui.records.sales_window import COL_AMOUNT, COL_KIND, SalesRecordsModel, SalesWindow
from tests.ui.cashier_fixtures import CASHIER, MAINTENANCE, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        m = site.meter_ids[0]
        for fen in (100, 200, 300, 400, 500):
            billing.sell(site.env.worker, CASHIER, m, fen, "cash")
        billing.refund(site.env.worker, CASHIER, m, 50)
        yield site


def test_incremental_fetch_never_loads_everything(qtbot, site):
    model = SalesRecordsModel(SYSTEM, page_size=3)
    model.set_filter(RecordFilter())
    assert model.rowCount() == 3 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 6 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 8 and not model.canFetchMore()  # open + 6 sales + refund
    ids = [model.record(r).entry_id for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)
    assert model.index(0, COL_KIND).data() == "Refund"
    assert model.index(0, COL_AMOUNT).data() == "-0.50"


def test_filters_and_reprint_marks_copy(qtbot, site):
    window = SalesWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 8
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("refund"))
    assert window.model.rowCount() == 1 and "1 entries" in window.count_label.text()
    window.kind_combo.setCurrentIndex(0)
    window.text_edit.setText("zhang")
    qtbot.waitUntil(lambda: window.model.rowCount() == 8, timeout=3000)
    window.text_edit.setText("nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=3000)
    window.text_edit.setText("")
    qtbot.waitUntil(lambda: window.model.rowCount() == 8, timeout=3000)
    window.dates_box.setChecked(True)
    assert window.model.rowCount() == 8  # today is inside the last 30 days
    window.from_edit.setDate(QDate.currentDate().addDays(1))
    window.to_edit.setDate(QDate.currentDate().addDays(2))
    assert window.model.rowCount() == 0
    window.dates_box.setChecked(False)
    window.operator_combo.setCurrentIndex(window.operator_combo.findData("admin"))
    assert window.model.rowCount() == 2  # the opening and its first sale
    window.operator_combo.setCurrentIndex(0)
    window.select_row(1)  # the newest sale
    rec = window.selected()
    assert rec.kind == "sale" and rec.amount_fen == 500
    assert window.reprint_button.isEnabled()
    preview = window.reprint()
    assert preview is not None and preview.isVisible()
    assert rec.receipt_no in preview.windowTitle()
    doc = preview._receipt_doc
    assert "COPY" in doc.toPlainText()
    preview.close()


def test_correct_from_the_selected_row(qtbot, site):
    window = SalesWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    window.select_row(1)
    assert window.money_buttons["correction"].isEnabled()
    dialog = window.start("correction")
    assert dialog.chosen().entry_id == window.selected().entry_id
    dialog.close()
    window.select_row(0)  # a refund cannot be "corrected"
    assert not window.money_buttons["correction"].isEnabled()


def test_maintenance_cannot_read_sales_records(qtbot, site):
    """The menu hides the window; the service refuses the read as well (issue #6, finding 9)."""
    with pytest.raises(PermissionDenied):
        SalesWindow(site, MAINTENANCE, launch)


def test_dates_read_the_same_in_every_locale_and_empty_columns_keep_their_width(qtbot, site):
    """Issue #8: English dates read "2 11 2026"; an empty table squashed its columns."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale.c())  # the bare locale a fresh PC may have
    try:
        window = SalesWindow(site, CASHIER, launch)
        qtbot.addWidget(window)
        window.to_edit.setDate(QDate(2026, 11, 2))
        assert window.to_edit.text() == "2026-11-02"
        window.kind_combo.setCurrentIndex(window.kind_combo.findData("correction"))
        window.apply_filter()
        assert window.model.rowCount() == 0  # nothing to show ...
        char = window.view.fontMetrics().averageCharWidth()
        widths = [window.view.columnWidth(c) for c in range(window.model.columnCount() - 1)]
        assert min(widths) >= 8 * char  # ... and still columns a date or a receipt fits in
    finally:
        QLocale.setDefault(QLocale.system())

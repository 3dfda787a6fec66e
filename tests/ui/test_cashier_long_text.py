"""Long text on the cashier's pages: labels stay whole, values wrap, nothing is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF, QTextDocument, QTextOption, QTextTable
from PySide6.QtWidgets import QLabel, QWidget

from app.errors import PORT_REFUSES_PARITY, ConfigError
from app.models import Tenant
from app.services import billing
from app.ui.cashier.refund_dialog import RefundDialog
from app.ui.cashier.sale_dialog import SaleDialog
from app.ui.cashier.texts import details_table
from tests.ui.cashier_fixtures import CASHIER, cashier_site

REASON_ZH = ("租户因房东收回店面提前搬离，经管理处批准退回剩余电费余额。" * 20)[:400]
UNBROKEN = "X" * 400  # a pasted code: no place to break a line
LONG_NAME = "Zhang San Hardware and Electrical Supplies Wholesale Store North Gate Unit 12"


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def label_like(html: str, width: float) -> QTextDocument:
    """The document a word-wrapping QLabel lays out (it wraps at word boundaries only)."""
    doc = QTextDocument()
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(width)
    doc.documentLayout().documentSize()
    return doc


def label_heights_in_lines(doc: QTextDocument) -> list[float]:
    table = next(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable))
    line = QFontMetricsF(doc.defaultFont()).lineSpacing()
    layout = doc.documentLayout()
    return [
        layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).height() / line
        for r in range(table.rows())
    ]


@pytest.mark.parametrize("value", [REASON_ZH, UNBROKEN, LONG_NAME * 3])
def test_details_table_keeps_labels_whole_and_wraps_values(qapp, value):
    rows = [("退款方式", "现金"), ("Paid back as", "Cash"), ("原因", value), ("Reason", value)]
    doc = label_like(details_table(rows), 440)
    assert doc.size().width() <= 440  # no value runs past the page (cut off)
    assert all(h < 1.5 for h in label_heights_in_lines(doc))  # one line per label


def clipped_labels(widget: QWidget) -> list[str]:
    """Visible wrapped labels shorter than the height their text needs at their width."""
    return [
        label.text()[:40]
        for label in widget.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_reason_is_capped(qtbot, site):
    dialog = RefundDialog(site, CASHIER, site.meter_ids[0])
    qtbot.addWidget(dialog)
    dialog.reason_edit.setText(REASON_ZH)
    assert 0 < len(dialog.reason_edit.text()) <= 100


def test_confirmation_with_long_name_and_reason_is_whole(qtbot, site):
    Tenant.update(name=LONG_NAME + "-" + "Y" * 60).execute()
    dialog = RefundDialog(site, CASHIER, site.meter_ids[0])
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.live.fen is not None, timeout=5000)
    qtbot.keyClicks(dialog.amount_edit, "10")
    dialog.reason_edit.setText(UNBROKEN)
    dialog.go_confirm()
    assert dialog.stack.currentWidget() is dialog.confirm_page
    qtbot.wait(50)
    label = dialog.confirm_label
    assert label.minimumSizeHint().width() <= dialog.confirm_page.width()
    assert dialog.width() < 900  # the dialog did not grow past a cashier's screen
    assert clipped_labels(dialog) == []
    button = dialog.confirm_button
    assert dialog.rect().contains(button.mapTo(dialog, button.rect().bottomRight()))


def test_long_sale_error_is_not_cut_off(qtbot, site, monkeypatch):
    def refused(*_args, **_kwargs):
        raise ConfigError(
            PORT_REFUSES_PARITY,
            port="/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10KZ3YQ-if00-port0",
            settings="9600 8E1",
            reason="[Errno 22] Invalid argument: the driver of this adapter does not accept it; "
            * 12,
        )  # ten lines or so at the dialog's width: more than the form page is high

    monkeypatch.setattr(billing, "submit_sale", refused)
    dialog = SaleDialog(site, CASHIER, site.meter_ids[0])
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount_edit, "100")
    dialog.go_confirm()
    dialog.send()
    assert dialog.outcome == "refused"
    qtbot.wait(50)
    assert clipped_labels(dialog) == []


def test_refund_form_with_its_error_is_not_cut_off(qtbot, site):
    dialog = RefundDialog(site, CASHIER, site.meter_ids[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.live.fen is not None, timeout=5000)
    qtbot.keyClicks(dialog.amount_edit, "9999")
    qtbot.wait(50)
    assert dialog.form_error.text() and clipped_labels(dialog) == []

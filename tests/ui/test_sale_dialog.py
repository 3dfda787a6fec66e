"""The sale dialog driven as a cashier drives it, against the in-process simulator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from app.models import LedgerEntry
from app.services.permissions import SYSTEM
from app.services.sales_records import receipt_data
from app.ui.cashier.sale_dialog import SaleDialog
from tests.ui.cashier_fixtures import CASHIER, MAINTENANCE, cashier_site
from tests.ui.typing_helpers import commit_ime, type_unicode


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def open_dialog(qtbot, site, actor=CASHIER, meter_index=0, preview=False) -> SaleDialog:
    dialog = SaleDialog(site, actor, site.meter_ids[meter_index])
    dialog.auto_preview = preview
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sell(qtbot, dialog: SaleDialog, amount: str, payment: str = "cash") -> str:
    qtbot.keyClicks(dialog.amount_edit, amount)
    dialog.payment_combo.setCurrentIndex(dialog.payment_combo.findData(payment))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.confirm_page
    with qtbot.waitSignal(dialog.operationFinished, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def sales_count() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "sale").count()


def test_sale_confirmed_end_to_end_with_receipt(qtbot, site):
    m = site.meter_ids[0]
    dialog = open_dialog(qtbot, site, preview=True)
    assert "Zhang San Store" in dialog.tenant_label.text()
    assert "100.00" in dialog.balance_label.text()
    outcome = sell(qtbot, dialog, "50", "alipay")
    assert outcome == "confirmed"
    assert site.status(m).balance == 15_000 and site.status(m).purchase_count == 2
    assert "150.00" in dialog.outcome_text.text()
    entry = LedgerEntry.get_by_id(dialog.result.entry_id)
    assert (entry.kind, entry.state, entry.amount_fen, entry.payment_method) == (
        "sale",
        "confirmed",
        5000,
        "alipay",
    )
    assert dialog.preview_button.isVisible() and dialog.print_button.isVisible()
    preview = dialog.preview_dialog
    assert preview is not None and preview.isVisible()
    data = receipt_data(SYSTEM, entry.id)
    assert (data.kind, data.amount_fen, data.balance_after_fen, data.purchase_count) == (
        "sale",
        5000,
        15_000,
        2,
    )
    assert (data.tenant_name, data.meter_no, data.payment_method) == (
        "Zhang San Store",
        "M001",
        "alipay",
    )
    assert data.operator == "cashier1" and not data.copy and data.receipt_no == entry.receipt_no
    preview.close()


def test_confirmation_shows_amount_in_chinese_words(qtbot, site):
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        dialog = open_dialog(qtbot, site)
        qtbot.keyClicks(dialog.amount_edit, "1005.07")
        assert dialog.words_label.text() == "壹仟零伍元零柒分"
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # default button: Continue
        assert dialog.stack.currentWidget() is dialog.confirm_page
        text = dialog.confirm_label.text()
        assert "1,005.07" in text and "壹仟零伍元零柒分" in text
        assert "M001" in text and "Zhang San Store" in text
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert not site.worker.jobs  # nothing sent before the confirmation


@pytest.mark.parametrize("text", ["1e3", "-5", "0.001", "", "1,00.0", "NaN", "10000.01", "20000"])
def test_malformed_amounts_rejected(qtbot, site, text):
    dialog = open_dialog(qtbot, site)
    commit_ime(dialog.amount_edit, text)
    assert dialog.amount_fen() is None
    assert not dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    dialog.go_confirm()
    assert dialog.stack.currentWidget() is dialog.form_page
    if text in ("1,00.0", "10000.01", "20000"):  # kept as typed, and the reason shown
        assert dialog.words_label.text()
    assert not site.worker.jobs


def test_typed_1e3_is_never_a_thousand(qtbot, site):
    dialog = open_dialog(qtbot, site)
    qtbot.keyClicks(dialog.amount_edit, "1e3")
    assert dialog.amount_fen() is None  # neither 1000 nor a silent 13
    assert not dialog.continue_button.isEnabled()


def test_full_width_digits_accepted(qtbot, site):
    dialog = open_dialog(qtbot, site)
    type_unicode(dialog.amount_edit, "１００")
    assert dialog.amount_fen() == 10_000
    assert dialog.continue_button.isEnabled()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "100.00" in dialog.confirm_label.text()


def test_offline_meter_refused_nothing_written(qtbot, site):
    before = LedgerEntry.select().count()
    site.env.bus.offline = True
    dialog = open_dialog(qtbot, site)
    assert sell(qtbot, dialog, "20") == "refused"
    assert "does not answer" in dialog.outcome_title.text()
    assert "no money moved" in dialog.outcome_title.text()
    assert LedgerEntry.select().count() == before
    assert not dialog.preview_button.isVisible()


def test_lost_answer_leaves_the_sale_uncertain(qtbot, site):
    bus = site.env.bus
    bus.lose_write_answers = 1
    bus.lose_reads_after_write = 5
    dialog = open_dialog(qtbot, site)
    assert sell(qtbot, dialog, "30") == "uncertain"
    text = dialog.outcome_text.text()
    assert "settled automatically" in text and "Do not sell again" in text
    entry = LedgerEntry.get_by_id(dialog.result.entry_id)
    assert entry.state == "uncertain"
    assert not dialog.print_button.isVisible()  # no receipt for money not yet taken


def test_command_lost_on_the_way_fails_without_taking_money(qtbot, site):
    site.env.bus.drop_writes = 1
    dialog = open_dialog(qtbot, site)
    assert sell(qtbot, dialog, "30") == "failed"
    assert "no money was taken" in dialog.outcome_title.text()
    assert site.status(site.meter_ids[0]).balance == 10_000


def test_double_click_and_double_enter_send_once(qtbot, site):
    before = sales_count()
    dialog = open_dialog(qtbot, site)
    qtbot.keyClicks(dialog.amount_edit, "10")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    site.worker.hold()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    dialog.send()
    assert dialog.is_busy() and not dialog.confirm_button.isEnabled()
    dialog.reject()  # cannot walk away while the meter is being credited
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.operationFinished, timeout=5000):
        site.worker.release()
    assert len(site.worker.jobs) == 1
    assert sales_count() == before + 1
    assert dialog.outcome == "confirmed"


def test_maintenance_actor_is_refused_by_the_service(qtbot, site):
    dialog = open_dialog(qtbot, site, actor=MAINTENANCE)
    assert sell(qtbot, dialog, "10") == "refused"
    assert "not allowed" in dialog.outcome_title.text()
    assert "may not do this" in dialog.outcome_text.text()
    assert not site.worker.jobs


def test_sale_through_the_real_bus_worker(qtbot, site, master_key):
    """The same dialog on ``BusWorker`` (its thread, queue and polling) over a loopback bus."""
    from app.models import Bus
    from app.serial_io.loopback import LoopbackBus
    from app.serial_io.worker import BusWorker
    from app.services.site import Site, bus_config

    bus = Bus.get()
    worker = BusWorker(
        bus_config(bus),
        Site.meter_refs(bus.id),
        master_key,
        bus_factory=lambda _cfg: LoopbackBus(site.env.sim),
    )
    worker.start()
    site.worker_for = lambda _m: worker
    try:
        dialog = open_dialog(qtbot, site)
        assert sell(qtbot, dialog, "12.34", "card") == "confirmed"
        assert site.status(site.meter_ids[0]).balance == 10_000 + 1234
        assert dialog.result.purchase_count == 2
    finally:
        worker.stop()

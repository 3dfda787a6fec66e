"""The tariff editor: the 24-hour bar shows the typed segments, a gap or overlap is named
and refused at save with nothing written, a save makes a version, the preview shows the
simulator's numbers; the not-in-sync window re-sends."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.models import ParamSync, Tariff, TariffVersion
from app.services import tariff_cost, tariffs
from app.ui.support.colors import RATE_COLORS
from app.ui.tariffs.tariff_editor import TariffEditor
from app.ui.tariffs.unsynced_window import UnsyncedWindow
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE
from tests.tariff_helpers import TOU_DRAFT, install_fake_batches, mixed_site


def _editor(qtbot, tariff_id=None) -> TariffEditor:
    editor = TariffEditor(ADMIN, tariff_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _save(qtbot, editor) -> bool:
    """Save and wait for the answer (the service runs off the GUI thread); True when saved."""
    saved = []
    editor.saved.connect(saved.append)
    editor.save()
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)
    return bool(saved)


def _set_cell(editor, row, col, text):
    editor.segments.item(row, col).setText(text)


def _pixel(bar, minute) -> QColor:
    image = QImage(bar.size(), QImage.Format.Format_RGB32)
    bar.render(image)
    x = 1 + (bar.width() - 2) * (minute + 0.5) / 1440
    return QColor(image.pixel(int(x), bar.BAR_H // 2))


def test_the_bar_draws_each_segment_in_its_rate_colour(qtbot, database):
    editor = _editor(qtbot)
    editor.kind.setCurrentIndex(editor.kind.findData("tou"))
    editor.resize(1200, 800)
    qtbot.wait(10)
    spans = editor.typed_spans()
    assert [s.rate for s in spans] == [3, 1, 2, 3]
    assert editor.bar.spans == spans
    assert _pixel(editor.bar, 120).name() == QColor(RATE_COLORS[3]).name()  # 02:00 valley
    assert _pixel(editor.bar, 600).name() == QColor(RATE_COLORS[1]).name()  # 10:00 peak
    assert editor.segment_problem.text() == ""


def test_an_overlap_is_shown_and_refused_at_save(qtbot, database):
    editor = _editor(qtbot)
    editor.name.setText("Shops")
    editor.kind.setCurrentIndex(editor.kind.findData("tou"))
    for i, text in enumerate(["1.2", "0.95", "0.7", "0.35"]):
        editor.prices[i].setText(text)
    _set_cell(editor, 0, 1, "09:00")  # 00:00-09:00 now overlaps 08:00-18:00
    assert editor.bar.problems()[1] == [(480, 540)]
    assert "overlap" in editor.segment_problem.text()
    assert not _save(qtbot, editor)
    assert "00:00–09:00 and 08:00–18:00 overlap" in editor.error.text()
    assert Tariff.select().count() == 0 and TariffVersion.select().count() == 0
    _set_cell(editor, 0, 1, "07:00")  # now a gap 07:00-08:00
    assert editor.bar.problems()[0] == [(420, 480)]
    assert not _save(qtbot, editor)
    assert "07:00–08:00" in editor.error.text()
    _set_cell(editor, 0, 1, "08:00")
    assert _save(qtbot, editor)
    version = TariffVersion.get()
    assert json.loads(version.segments_json) == [[0, 3], [480, 1], [1080, 2], [1320, 3]]
    assert editor.history.count() == 1


def test_a_bad_price_focuses_its_field(qtbot, database):
    editor = _editor(qtbot)
    editor.name.setText("Flat")
    editor.prices[0].setText("0.85001")
    assert not _save(qtbot, editor)
    assert "4 decimals" in editor.error.text()
    assert editor.prices[0].hasFocus() or editor.focusWidget() is editor.prices[0]
    assert Tariff.select().count() == 0


def test_editing_makes_version_2_and_keeps_the_name(qtbot, database):
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    editor = _editor(qtbot, v1.tariff_id)
    assert editor.name.isReadOnly() and editor.name.text() == "Shops TOU"
    assert editor.segments.rowCount() == 6
    editor.prices[1].setText("1.0000")
    assert _save(qtbot, editor)
    assert [v.version for v in tariffs.versions(v1.tariff_id)] == [2, 1]
    assert editor.history.count() == 2
    assert json.loads(TariffVersion.get_by_id(v1.id).prices_json)[1] == 9500  # unchanged


def test_the_preview_shows_the_costs_per_rate(qtbot, database):
    v1 = tariffs.create(ADMIN, TOU_DRAFT)
    editor = _editor(qtbot, v1.tariff_id)
    editor.load_kind.setCurrentIndex(editor.load_kind.findData("typed"))
    editor.hourly.setText(" ".join(["1"] * 24))  # 1 kWh every hour
    result = editor.preview()
    expected = tariff_cost.preview(tariffs.spec_of(v1).params(), tariff_cost.hourly_kwh(["1"] * 24))
    assert result == expected
    assert editor.result.item(4, 0).text() == "24.00"
    assert (
        editor.result.item(4, 1).text()
        == f"{expected.total_fen // 100}.{expected.total_fen % 100:02d}"
    )
    # valley 00-08 and 22-24: 10 kWh at 0.35 = 3.50 yuan
    assert (editor.result.item(3, 0).text(), editor.result.item(3, 1).text()) == ("10.00", "3.50")
    editor.load_kind.setCurrentIndex(editor.load_kind.findData("shop"))
    assert editor.preview().total_energy > 0


def test_the_preview_names_a_bad_hourly_amount(qtbot, database):
    editor = _editor(qtbot)
    editor.prices[0].setText("0.85")
    editor.name.setText("F")
    editor.load_kind.setCurrentIndex(editor.load_kind.findData("typed"))
    editor.hourly.setText("1 2 3")
    assert editor.preview() is None
    assert "24" in editor.preview_note.text()


def test_a_cashier_cannot_save(qtbot, database):
    editor = TariffEditor(CASHIER)
    qtbot.addWidget(editor)
    assert not editor.save_button.isEnabled()


def test_the_unsynced_window_lists_and_resends(qtbot, database, master_key, monkeypatch):
    site = mixed_site(master_key)
    v = tariffs.create(ADMIN, TOU_DRAFT)
    fake = install_fake_batches(monkeypatch)  # queued, not run: D1 stays out of sync
    tariffs.assign(ADMIN, v.tariff_id, [site.ids["D1"]])
    window = UnsyncedWindow(MAINTENANCE)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=5000)
    assert window.table.item(0, 0).text() == "D1"
    assert "prices" in window.table.item(0, 2).text()
    fake.worker = site.worker  # now the batch runs
    qtbot.mouseClick(window.resend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Re-sending" in window.note.text())
    assert [c for c, _m, _a in fake.started[-2:]] == ["download_price", "download_settings"]
    assert ParamSync.get_by_id(site.ids["D1"]).in_sync
    window.reload()
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=5000)
    assert "Every meter holds" in window.note.text()


def test_resend_and_assign_start_their_batches_off_the_gui_thread(
    qtbot, database, master_key, monkeypatch
):
    """Both write a batch for up to the whole site and submit its jobs: never on the GUI
    thread (docs/architecture.md), as the batch menu does."""
    import threading

    from app.services import downloads
    from app.ui.tariffs.assign_dialog import AssignDialog

    site = mixed_site(master_key)
    v = tariffs.create(ADMIN, TOU_DRAFT)
    install_fake_batches(monkeypatch)
    tariffs.assign(ADMIN, v.tariff_id, [site.ids["D1"]])
    threads = []
    real_resend, real_assign = downloads.resend, tariffs.assign

    def resend(*a, **kw):
        threads.append(threading.current_thread())
        return real_resend(*a, **kw)

    def assign(*a, **kw):
        threads.append(threading.current_thread())
        return real_assign(*a, **kw)

    monkeypatch.setattr(downloads, "resend", resend)
    monkeypatch.setattr(tariffs, "assign", assign)
    monkeypatch.setattr("app.ui.tariffs.assign_dialog.QMessageBox.information", lambda *a: None)
    window = UnsyncedWindow(MAINTENANCE)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(window.resend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Re-sending" in window.note.text())
    dialog = AssignDialog(ADMIN, v.tariff_id, [site.ids["D1"]])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    with qtbot.waitSignal(dialog.accepted):
        dialog.assign()
    assert dialog.result_value is not None
    assert len(threads) == 2
    assert threading.main_thread() not in threads


def test_saving_a_tariff_writes_off_the_gui_thread(qtbot, database, monkeypatch):
    """Create and edit write versions (and the system log): never on the GUI thread."""
    import threading

    threads = []
    real_create, real_edit = tariffs.create, tariffs.edit

    def create(*a, **kw):
        threads.append(threading.current_thread())
        return real_create(*a, **kw)

    def edit(*a, **kw):
        threads.append(threading.current_thread())
        return real_edit(*a, **kw)

    monkeypatch.setattr(tariffs, "create", create)
    monkeypatch.setattr(tariffs, "edit", edit)
    editor = _editor(qtbot)
    editor.name.setText("Flat")
    editor.prices[0].setText("0.85")
    assert _save(qtbot, editor)
    assert "version 1" in editor.error.text()
    editor.prices[0].setText("0.90")
    assert _save(qtbot, editor)
    assert "version 2" in editor.error.text() and editor.history.count() == 2
    assert len(threads) == 2
    assert threading.main_thread() not in threads


def _tariff_list(qtbot, actor=ADMIN):
    from app.ui.tariffs.tariff_list import TariffListWindow

    window = TariffListWindow(actor)
    qtbot.addWidget(window)
    return window


def test_the_tariff_list_reads_in_the_background_and_archives_off_the_gui_thread(
    qtbot, database, monkeypatch
):
    import threading

    from PySide6.QtWidgets import QMessageBox

    tariffs.create(ADMIN, TOU_DRAFT)
    window = _tariff_list(qtbot)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=5000)
    assert [window.table.item(0, c).text() for c in (0, 2, 3)] == ["Shops TOU", "1", "0"]
    threads = []
    real_archive = tariffs.archive

    def archive(*a, **kw):
        threads.append(threading.current_thread())
        return real_archive(*a, **kw)

    monkeypatch.setattr(tariffs, "archive", archive)
    monkeypatch.setattr(
        "app.ui.tariffs.tariff_list.QMessageBox.question",
        lambda *a: QMessageBox.StandardButton.Yes,
    )
    window.table.setCurrentCell(0, 0)
    window.archive()
    assert not window.buttons["archive"].isEnabled()  # while the service works
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=5000)
    assert window.buttons["archive"].isEnabled()
    assert Tariff.get().archived
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_a_refused_archive_is_shown_and_the_list_read_again(qtbot, database, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    tariffs.create(ADMIN, TOU_DRAFT)
    window = _tariff_list(qtbot, CASHIER)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=5000)
    warnings = []
    monkeypatch.setattr(
        "app.ui.tariffs.tariff_list.QMessageBox.question",
        lambda *a: QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(
        "app.ui.tariffs.tariff_list.QMessageBox.warning", lambda *a: warnings.append(a[2])
    )
    window.table.setCurrentCell(0, 0)
    window.archive()
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert window.buttons["archive"].isEnabled()
    assert not Tariff.get().archived
    assert window.table.rowCount() == 1


def test_the_assign_dialog_reads_its_choices_and_meters_off_the_gui_thread(
    qtbot, database, master_key, monkeypatch
):
    import threading

    from app.models import Bus, Meter
    from app.ui.tariffs.assign_dialog import BUS, AssignDialog

    mixed_site(master_key)
    v = tariffs.create(ADMIN, TOU_DRAFT)
    install_fake_batches(monkeypatch)
    threads = []
    real_find, real_meters_of = tariffs.find, tariffs.meters_of

    def find(*a, **kw):
        threads.append(threading.current_thread())
        return real_find(*a, **kw)

    def meters_of(*a, **kw):
        threads.append(threading.current_thread())
        return real_meters_of(*a, **kw)

    monkeypatch.setattr(tariffs, "find", find)
    monkeypatch.setattr(tariffs, "meters_of", meters_of)
    monkeypatch.setattr("app.ui.tariffs.assign_dialog.QMessageBox.information", lambda *a: None)
    dialog = AssignDialog(ADMIN, v.tariff_id, [])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()  # until the choices are read
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert "Shops TOU, version 1" in dialog.heading.text()
    bus = Bus.get_by_id(dialog.buses.itemData(0))
    assert dialog.buses.count() == Bus.select().count()
    dialog.choice.button(BUS).setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.assign()
    on_bus = Meter.select().where(Meter.bus == bus, Meter.enabled == True)  # noqa: E712
    assert len(dialog.result_value.queued) + len(dialog.result_value.cannot) == on_bus.count()
    assert len(threads) >= 2 and threading.main_thread() not in threads  # assign finds too


def test_the_unsynced_window_reads_off_the_gui_thread(qtbot, database, monkeypatch):
    import threading

    from app.services import param_sync

    threads = []
    real = param_sync.unsynced

    def unsynced():
        threads.append(threading.current_thread())
        return real()

    monkeypatch.setattr(param_sync, "unsynced", unsynced)
    window = UnsyncedWindow(MAINTENANCE)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.note.text() != "", timeout=5000)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_a_building_choice_without_a_building_names_no_meter_never_the_site():
    """Found in review: an empty building or bus list meant "every meter"."""
    from app.ui.tariffs.assign_dialog import BUILDING, BUS, _meter_ids

    assert _meter_ids(BUILDING, None, None, []) == []
    assert _meter_ids(BUS, None, None, []) == []

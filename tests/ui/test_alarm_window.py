"""The alarm window (filters, acknowledging many with a note, the colours of the grid) and the
status bar's count of unacknowledged alarms that opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.models.alarms import Alarm, AlarmKind, Level
from app.services import alarm_store
from app.services.meter_state import GridState
from app.ui.alarms.actions import install_alarm_actions
from app.ui.alarms.alarm_count import AlarmCountButton
from app.ui.alarms.alarm_model import COL_KIND, COL_METER, AlarmRole, alarm_state
from app.ui.alarms.alarm_window import AlarmWindow
from app.ui.shell.main_window import MainWindow
from app.ui.support import colors
from tests.alarm_helpers import make_alarm_site
from tests.billing_helpers import CASHIER, MAINTENANCE
from tests.support.preview_site import PreviewSite, sample_buses


@pytest.fixture
def site(database):
    return make_alarm_site()


def shown(window: AlarmWindow) -> set[int]:
    model = window.model
    return {model.index(r, 0).data(AlarmRole).alarm_id for r in range(model.rowCount())}


def settle(qtbot, window: AlarmWindow, expected: set[int]) -> None:
    qtbot.waitUntil(lambda: not window.model.busy() and shown(window) == expected, timeout=5000)


def open_window(qtbot, **kw) -> AlarmWindow:
    window = AlarmWindow(CASHIER, **kw)
    qtbot.addWidget(window)
    return window


def test_current_past_and_filters(qtbot, site):
    a = site.alarms
    window = open_window(qtbot)
    settle(qtbot, window, {a["m1_alarm1"], a["m2_cover"], a["modem"]})  # current by default
    assert window.count_label.text() == "3 alarm(s)"
    window.show_combo.setCurrentIndex(window.show_combo.findData("past"))
    settle(qtbot, window, {a["m1_arrears"], a["m2_offline"], a["m3_overload"]})
    window.show_combo.setCurrentIndex(window.show_combo.findData(""))
    settle(qtbot, window, set(a.values()))
    window.kind_combo.setCurrentIndex(window.kind_combo.findData(AlarmKind.OFFLINE))
    settle(qtbot, window, {a["m2_offline"]})
    window.kind_combo.setCurrentIndex(0)
    window.level_combo.setCurrentIndex(window.level_combo.findData(Level.CRITICAL))
    settle(qtbot, window, {a["m1_arrears"], a["m2_cover"]})
    window.level_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.building_combo.count() == 3, timeout=5000)
    window.building_combo.setCurrentIndex(window.building_combo.findText("West"))
    settle(qtbot, window, {a["m3_overload"]})
    window.building_combo.setCurrentIndex(0)
    window.ack_combo.setCurrentIndex(window.ack_combo.findData(True))
    settle(qtbot, window, {a["m2_offline"]})
    window.ack_combo.setCurrentIndex(0)
    window.dates_box.setChecked(True)
    window.from_edit.setDate(window.from_edit.date().fromString("2026-03-02", "yyyy-MM-dd"))
    window.to_edit.setDate(window.to_edit.date().fromString("2026-03-02", "yyyy-MM-dd"))
    settle(qtbot, window, {a["m2_offline"]})
    window.to_edit.setDate(window.to_edit.date().fromString("2026-03-01", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: "before it starts" in window.status.text(), timeout=5000)


def test_cells_wear_the_grids_colours(qtbot, site):
    window = open_window(qtbot)
    settle(qtbot, window, {site.alarms[k] for k in ("m1_alarm1", "m2_cover", "modem")})
    model = window.model
    by_kind = {model.index(r, 0).data(AlarmRole).kind: r for r in range(model.rowCount())}
    alarm1 = model.index(by_kind[AlarmKind.ALARM1], COL_KIND)
    assert alarm1.data() == "Alarm 1"
    assert alarm1.data(Qt.ItemDataRole.BackgroundRole).color() == colors.fill_color(
        GridState.ALARM1
    )
    cover = model.index(by_kind[AlarmKind.COVER_OPEN], COL_KIND)  # critical: the arrears red
    assert cover.data(Qt.ItemDataRole.BackgroundRole).color() == colors.fill_color(
        GridState.ARREARS
    )
    assert model.index(by_kind[AlarmKind.MODEM], COL_METER).data() == "(site)"
    assert model.index(by_kind[AlarmKind.ALARM1], COL_METER).data(Qt.ItemDataRole.FontRole).bold()
    assert alarm_state(AlarmKind.OFFLINE, Level.SERIOUS) is GridState.OFFLINE
    assert alarm_state(AlarmKind.PARAMS, Level.WARNING) is GridState.ALARM1


def test_acknowledge_many_with_a_note(qtbot, site):
    a = site.alarms
    window = open_window(qtbot)
    current = {a["m1_alarm1"], a["m2_cover"], a["modem"]}
    settle(qtbot, window, current)
    assert not window.ack_button.isEnabled()  # nothing selected
    selection = window.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    rows = {window.model.index(r, 0).data(AlarmRole).alarm_id: r for r in range(3)}
    for alarm_id in (a["m1_alarm1"], a["m2_cover"]):
        selection.select(window.model.index(rows[alarm_id], 0), flags)
    assert window.ack_button.isEnabled()
    assert sorted(window.selected_ids()) == sorted([a["m1_alarm1"], a["m2_cover"]])
    window.note_edit.setText("tenant called")
    with qtbot.waitSignal(window.acknowledged, timeout=5000) as signal:
        window.ack_button.click()
    assert signal.args == [2]
    qtbot.waitUntil(lambda: "2 alarm(s) acknowledged." in window.status.text(), timeout=5000)
    assert window.note_edit.text() == ""
    for alarm_id in (a["m1_alarm1"], a["m2_cover"]):
        alarm = Alarm.get_by_id(alarm_id)
        assert (alarm.acked_by, alarm.ack_note) == ("cashier1", "tenant called")
    assert Alarm.get_by_id(a["modem"]).acked_at is None
    settle(qtbot, window, current)  # still current: acknowledged is not ended
    ack_col = window.model.header_texts().index("Acknowledged")
    row = {window.model.index(r, 0).data(AlarmRole).alarm_id: r for r in range(3)}[a["m2_cover"]]
    assert window.model.index(row, ack_col).data().startswith("cashier1 ")
    window.ack_combo.setCurrentIndex(window.ack_combo.findData(False))
    settle(qtbot, window, {a["modem"]})


def test_the_count_reads_off_the_gui_thread_and_opens_the_window(qtbot, site):
    window = MainWindow(PreviewSite([], sample_buses(1)))
    qtbot.addWidget(window)
    actions = install_alarm_actions(window, None, MAINTENANCE)
    count = actions.count
    assert count.text() == "Alarms: …" and not count.timer.isActive()  # hidden: nothing read
    window.show()
    qtbot.waitUntil(lambda: count.text() == "Alarms: 5", timeout=5000)  # one acknowledged of 6
    assert "font-weight: bold" in count.styleSheet()
    alarm_store.raise_alarm(site.meters["M003"], AlarmKind.PARAMS, Level.WARNING)
    count.refresh()
    qtbot.waitUntil(lambda: count.text() == "Alarms: 6", timeout=5000)
    count.click()
    alarms = actions.window
    assert alarms is not None and alarms.isVisible() and alarms.actor is MAINTENANCE
    assert alarms.ack_combo.currentData() is False and alarms.show_combo.currentData() == ""
    qtbot.waitUntil(lambda: alarms.model.rowCount() == 6, timeout=5000)
    alarms.view.selectAll()
    assert len(alarms.selected_ids()) == 6
    alarms.ack_button.click()
    qtbot.waitUntil(lambda: count.text() == "No alarms", timeout=5000)  # told at once
    assert window.actions_registry["alarms.window"].action.text() == "&Alarms…"
    alarms.close()


def test_the_count_refreshes_on_its_timer(qtbot, site):
    count = AlarmCountButton(lambda: CASHIER, interval_ms=50)
    qtbot.addWidget(count)
    count.show()
    qtbot.waitUntil(lambda: count.count == 5, timeout=5000)
    alarm_store.acknowledge([site.alarms["modem"]], "someone")
    qtbot.waitUntil(lambda: count.count == 4, timeout=5000)  # nobody called refresh
    assert count.text() == "Alarms: 4"
    count.hide()
    assert not count.timer.isActive()


def test_export_from_the_window_writes_what_the_filters_take(qtbot, site, tmp_path):
    import openpyxl

    window = open_window(qtbot)
    settle(qtbot, window, {site.alarms[k] for k in ("m1_alarm1", "m2_cover", "modem")})
    out = tmp_path / "a.xlsx"
    dialog = window.export(str(out))
    with qtbot.waitSignal(dialog.finishedExport, timeout=5000) as done:
        pass
    assert done.args == [3] and "3 rows written" in dialog.label.text()
    ws = openpyxl.load_workbook(out).active
    assert ws["B4"].value == "current only"
    dialog = window.export(str(tmp_path / "no" / "a.xlsx"))
    with qtbot.waitSignal(dialog.finishedExport, timeout=5000) as done:
        pass
    assert done.args == [None] and "cannot write" in dialog.label.text()


def test_pages_come_in_the_background_as_the_view_asks(qtbot, site):
    from app.services.alarm_report import AlarmFilter
    from app.ui.alarms.alarm_model import AlarmTableModel

    model = AlarmTableModel(CASHIER, page_size=4)
    with qtbot.waitSignal(model.loaded, timeout=5000) as loaded:
        model.set_filter(AlarmFilter())
    assert loaded.args == [6] and model.rowCount() == 4 and model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one read at a time
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=5000)
    assert not model.canFetchMore()
    ids = [model.record(r).alarm_id for r in range(6)]
    assert ids == sorted(set(site.alarms.values()), reverse=True)


def test_a_chinese_alarm_workbook_has_the_shared_writers_words_in_chinese(qapp):
    """The heading's "Operator" and "Exported" come from the shared writer's context: the
    window's translator finds them there (they stayed English before)."""
    from app.ui.alarms.alarm_window import _report_or_readings
    from app.ui.shell import application

    installed = application.install_translators(qapp, "zh_CN")
    try:
        words = [_report_or_readings(w) for w in ("Operator", "Exported", "Kind")]
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert all(w not in ("Operator", "Exported", "Kind") for w in words), words
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in w) for w in words), words

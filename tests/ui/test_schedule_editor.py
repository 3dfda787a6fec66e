"""The schedule editor and list: an administrator makes a weekend keep-power window with a
holiday, saves it and sees it in the list; a refusal stays in the form; maintenance reads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from app.models.control import Schedule
from app.ui.control.schedule_dialog import ScheduleEditor
from app.ui.control.schedule_window import COL_NAME, COL_NEXT, COL_WHEN, ScheduleWindow
from tests.billing_helpers import ADMIN, MAINTENANCE
from tests.services.schedule_helpers import make_meters


@pytest.fixture
def meters(database):
    return make_meters()


@pytest.fixture
def window(qtbot, meters):
    w = ScheduleWindow(ADMIN)
    qtbot.addWidget(w)
    w.show()
    return w


def _cell(w, row, col):
    return w.model.data(w.model.index(row, col))


def test_a_weekend_keep_power_window_with_a_holiday_is_saved_and_listed(qtbot, window):
    qtbot.mouseClick(window.buttons["add"], Qt.MouseButton.LeftButton)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)  # the choices are read off the GUI
    assert isinstance(editor, ScheduleEditor)
    qtbot.keyClicks(editor.name, "Weekend power")
    editor.command.setCurrentIndex(editor.command.findData("keep_power_on"))
    editor.kind.setCurrentIndex(editor.kind.findData("window"))
    assert editor.end_command.currentData() == "keep_power_off"  # suggested: restore prepaid
    editor.window_start.set_value((4, dt.time(18, 0)))
    editor.window_end.set_value((0, dt.time(8, 0)))
    holiday = QDate.currentDate().addDays(40)
    editor.calendar.setSelectedDate(holiday)
    qtbot.mouseClick(
        editor.findChild(type(window.buttons["add"]), "add_holiday"), Qt.MouseButton.LeftButton
    )
    assert editor.holidays.count() == 1
    assert "Keep power on" in editor.preview.text()
    assert "Restore prepaid control" in editor.preview.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert _cell(window, 0, COL_NAME) == "Weekend power"
    assert "Fri 18:00 to Mon 08:00" in _cell(window, 0, COL_WHEN)
    assert "1 holiday" in _cell(window, 0, COL_WHEN)
    assert _cell(window, 0, COL_NEXT) != "—"
    row = Schedule.get()
    when = json.loads(row.when_json)
    assert when["kind"] == "window" and when["end_command"] == "keep_power_off"
    assert when["holidays"] == [holiday.toString("yyyy-MM-dd")]
    assert json.loads(row.meters_json) == {"all": True}


def test_an_end_before_the_start_is_refused_in_the_form_and_nothing_saved(qtbot, window):
    qtbot.mouseClick(window.buttons["add"], Qt.MouseButton.LeftButton)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    qtbot.keyClicks(editor.name, "June mornings")
    editor.kind.setCurrentIndex(editor.kind.findData("daily"))
    editor.daily_time.setTime(QTime(8, 0))
    editor.limited.setChecked(True)
    editor.first_day.setDate(QDate(2030, 6, 30))
    editor.last_day.setDate(QDate(2030, 6, 1))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)  # the service answered
    assert "ends (2030-06-01) before it starts (2030-06-30)" in editor.error.text()
    assert editor.isVisible() and editor.save_button.isEnabled()
    assert Schedule.select().count() == 0


def test_an_unknown_meter_number_is_named(qtbot, window):
    qtbot.mouseClick(window.buttons["add"], Qt.MouseButton.LeftButton)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    qtbot.keyClicks(editor.name, "two shops")
    editor.selection.setCurrentIndex(editor.selection.findData("meters"))
    editor.meter_list.setText("M001, M404")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "M404" in editor.error.text()
    assert Schedule.select().count() == 0


def test_editing_shows_what_was_saved(qtbot, window, meters):
    from app.services import schedules
    from tests.services.schedule_helpers import weekend_spec

    spec = weekend_spec([dt.date(2030, 10, 1)], selection={"bus": meters["bus2"]})
    sid = schedules.create(ADMIN, spec)
    editor = ScheduleEditor(ADMIN, sid)
    qtbot.addWidget(editor)
    assert not editor.save_button.isEnabled()  # until the schedule is read
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    assert editor.spec() == spec
    assert editor.save_button.isEnabled()


def test_the_editor_reads_its_choices_and_the_schedule_off_the_gui_thread(
    qtbot, meters, monkeypatch
):
    import threading

    from app.services import schedules
    from tests.services.schedule_helpers import weekend_spec

    sid = schedules.create(ADMIN, weekend_spec(selection={"meters": [meters["A"][0]]}))
    threads = []
    real_choices, real_get = schedules.selection_choices, schedules.get_spec

    def selection_choices(*a, **kw):
        threads.append(threading.current_thread())
        return real_choices(*a, **kw)

    def get_spec(*a, **kw):
        threads.append(threading.current_thread())
        return real_get(*a, **kw)

    monkeypatch.setattr(schedules, "selection_choices", selection_choices)
    monkeypatch.setattr(schedules, "get_spec", get_spec)
    editor = ScheduleEditor(ADMIN, sid)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    assert editor.meter_list.text() == "M001"
    assert editor.building.count() > 0
    assert len(threads) == 2 and threading.main_thread() not in threads


def test_maintenance_reads_the_list_and_may_not_edit(qtbot, meters):
    from app.services import schedules
    from tests.services.schedule_helpers import weekend_spec

    schedules.create(ADMIN, weekend_spec())
    w = ScheduleWindow(MAINTENANCE)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.model.rowCount() == 1, timeout=5000)
    assert not w.buttons["add"].isVisible() and not w.buttons["delete"].isVisible()
    assert w.buttons["refresh"].isVisible()


def test_the_menu_entry_opens_the_window_once(qtbot, meters):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.ui.control.schedule_window import install_schedule_actions

    class Stub(QMainWindow):
        actor = MAINTENANCE

        def add_action(self, key, text, menu=None, permission=None):
            self.added = (key, menu, permission)
            act = QAction(text, self)
            return act

    stub = Stub()
    qtbot.addWidget(stub)
    act = install_schedule_actions(stub, None, MAINTENANCE)
    assert stub.added[0:2] == ("control.schedules", "maintenance")
    act.trigger()
    act.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, ScheduleWindow)]
    assert len([w for w in opened if w.isVisible()]) == 1
    for w in opened:
        w.close()
        w.deleteLater()

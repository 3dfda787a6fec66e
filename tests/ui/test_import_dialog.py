"""Issue #11 part 3 (GUI): the import dialog checks off the GUI thread, shows problems first in
red, enables Apply only for a file without problems, and the System menu's Excel entries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.models import Meter
from app.services.permissions import Actor, Role
from app.ui.settings.import_dialog import ImportDialog
from app.ui.settings.workbook_actions import install_workbook_actions
from app.ui.support import colors
from tests.services.workbook_helpers import ADMIN, meter, site_rows, write_book


@pytest.fixture
def dialog(qtbot, database):
    d = ImportDialog(ADMIN)
    qtbot.addWidget(d)
    d.show()
    return d


def _loaded(qtbot, dialog, path):
    dialog.load(str(path))
    assert dialog.busy.isVisible() or dialog.preview is not None  # busy while it reads
    qtbot.waitUntil(
        lambda: dialog.preview is not None or not dialog.busy.isVisible(), timeout=10_000
    )


def test_a_clean_file_previews_its_new_rows_and_apply_writes_them(qtbot, dialog, tmp_path):
    _loaded(qtbot, dialog, write_book(tmp_path / "a.xlsx", site_rows(3)))
    assert dialog.apply_button.isEnabled()
    texts = [dialog.model.row_record(r).text for r in range(dialog.model.rowCount())]
    assert "new: M003" in texts and "new: Bus 1" in texts
    with qtbot.waitSignal(dialog.applied, timeout=10_000):
        dialog.apply_button.click()
    assert Meter.select().count() == 3
    assert not dialog.apply_button.isEnabled()
    assert "Written: 7 new, 0 changed." in dialog.summary.text()
    _loaded(qtbot, dialog, tmp_path / "a.xlsx")  # again: nothing to change, nothing to apply
    assert dialog.preview.nothing_to_change and not dialog.apply_button.isEnabled()


def test_problems_come_first_in_red_and_apply_stays_off(qtbot, dialog, tmp_path):
    rows = site_rows(3)
    rows["meters"].append(meter(4, address=0))
    _loaded(qtbot, dialog, write_book(tmp_path / "a.xlsx", rows))
    assert not dialog.apply_button.isEnabled()
    first = dialog.model.index(0, 3)
    assert "outside 1-247" in first.data()
    assert dialog.model.index(0, 0).data() == "电表 Meters" and dialog.model.index(0, 1).data() == 5
    brush = first.data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == colors.ERROR
    assert Meter.select().count() == 0


def test_a_file_that_is_no_workbook_is_said_in_the_summary(qtbot, dialog, tmp_path):
    bad = tmp_path / "a.xlsx"
    bad.write_text("id,name\n")
    _loaded(qtbot, dialog, bad)
    qtbot.waitUntil(lambda: "not an Excel workbook" in dialog.summary.text(), timeout=5000)
    assert not dialog.apply_button.isEnabled()


class _Window(QWidget):
    """Just what install_workbook_actions uses of the main window."""

    from PySide6.QtCore import Signal

    retranslated = Signal()

    def __init__(self, actor):
        super().__init__()
        from PySide6.QtWidgets import QMenu

        self.actor = actor
        self.menus = {"system": QMenu(self)}
        self.registered = {}

    def add_action(self, key, text, menu=None, permission=None, context=False):
        from PySide6.QtGui import QAction

        act = QAction(text, self)
        self.menus[menu].addAction(act)
        act.setVisible(permission is None or self.actor.can(permission))
        self.registered[key] = act
        return act


def test_the_system_menu_entries_are_for_commissioning_roles_and_export_writes_the_file(
    qtbot, database, tmp_path, monkeypatch
):
    cashier = _Window(Actor(2, "c", Role.CASHIER))
    qtbot.addWidget(cashier)
    install_workbook_actions(cashier, None)
    assert not any(a.isVisible() for a in cashier.registered.values())
    admin = _Window(ADMIN)
    qtbot.addWidget(admin)
    install_workbook_actions(admin, None)
    assert all(a.isVisible() for a in admin.registered.values())
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    saved = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: saved.append(a[2]))
    admin.registered["system.template"].trigger()
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert (tmp_path / "out.xlsx").exists() and saved == [f"Saved {target}.xlsx"]

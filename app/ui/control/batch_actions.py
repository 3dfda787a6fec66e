"""Remote control of many meters: the grid's multi-selection, or all meters of a group.

``install_batch_actions(window, site, actor)`` adds, for a role with the
control permission, a "Remote control" submenu to the grid's context menu when
several meters are selected (one meter keeps ``relay_actions``' entries, which
name its tenant), a "Remote control for a group of meters…" entry (all meters
of a building / bus / state / tariff), and "Export meter readings…" for every
role. Each command asks first with ``batches.describe`` (the meters, the
tenants, and the warnings), starts the batch off the GUI thread and opens its
non-modal ``BatchDialog``. Commands none of the selected meters can do are not
offered; those some cannot do are offered and the question counts the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QMessageBox,
    QWidget,
)

from app.errors import QT_TRANSLATE_NOOP
from app.services import batches
from app.services.meter_state import GridState
from app.services.permissions import Actor, Permission
from app.services.readings_export import export_readings
from app.ui.control.batch_dialog import BatchDialog
from app.ui.support.background import run_then
from app.ui.support.colors import state_label
from app.ui.support.error_text import error_text
from app.ui.support.export_runner import ExportDialog, file_name, start_export

# The order of the submenu: the relay commands, then the downloads.
MENU_COMMANDS = (
    "trip", "close", "keep_power_on", "keep_power_off", "prepaid_on", "prepaid_off",
    "download_price", "download_settings",
)  # fmt: skip
GROUP_TITLES = {
    "building": QT_TRANSLATE_NOOP("BatchActions", "All meters of a building"),
    "bus": QT_TRANSLATE_NOOP("BatchActions", "All meters of a bus"),
    "state": QT_TRANSLATE_NOOP("BatchActions", "All meters in a state"),
    "tariff": QT_TRANSLATE_NOOP("BatchActions", "All meters on a tariff"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchActions", text)


def command_title(name: str) -> str:
    return QCoreApplication.translate("Batches", batches.command(name).title)


def confirmation_text(d: batches.Description) -> str:
    """The question: the command, how many meters and tenants, the first meters, the warnings."""
    listed = [f"{m.number} {m.tenant}".strip() for m in d.meters[:12]]
    more = len(d.meters) - len(listed)
    text = QCoreApplication.translate("BatchActions", "{0} on {1} meters ({2} tenants)?").format(
        command_title(d.command), len(d.meters), d.tenants
    )
    text += (
        "\n\n"
        + ", ".join(listed)
        + (QCoreApplication.translate("BatchActions", " and {0} more").format(more) if more else "")
    )
    for warning in d.warnings():
        text += "\n\n" + error_text(warning)
    return text


class BatchActions(QObject):
    """What the window offers for batches; ``actor`` follows the session (shift change)."""

    def __init__(self, window, site, actor: Actor) -> None:
        super().__init__(window)
        self.window, self.site, self.actor = window, site, actor
        self.dialogs: list[QDialog] = []
        signal = getattr(window, "meter_context_menu_requested", None)
        if signal is not None:
            signal.connect(self.add_to_menu)
        add = getattr(window, "add_action", None)
        if add is not None:
            text = QCoreApplication.translate(
                "BatchActions", "Remote control for a group of meters…"
            )
            group = add("control.group", text, "maintenance", Permission.CONTROL)
            group.triggered.connect(self.choose_group)
            export = add(
                "reports.readings",
                QCoreApplication.translate("BatchActions", "Export meter readings…"),
                "reports",
                Permission.VIEW,
            )
            export.triggered.connect(lambda: self.export_readings())

    # ---- the context menu ---------------------------------------------------------------
    def add_to_menu(self, meter_ids: list[int], menu: QMenu) -> None:
        if len(meter_ids) < 2 or not self.actor.can(Permission.CONTROL):
            return
        counts = batches.capable_commands(meter_ids)
        sub = menu.addMenu(
            QCoreApplication.translate("BatchActions", "Remote control ({0} meters)").format(
                len(meter_ids)
            )
        )
        sub.setObjectName("batch.menu")
        for name in MENU_COMMANDS:
            if counts.get(name, 0) == 0:
                continue
            title = command_title(name)
            if counts[name] < len(meter_ids):
                title = QCoreApplication.translate("BatchActions", "{0} ({1} of {2} can)").format(
                    title, counts[name], len(meter_ids)
                )
            act = sub.addAction(title + "…")
            act.setObjectName(f"batch.{name}")
            act.triggered.connect(lambda _c=False, n=name, ids=list(meter_ids): self.ask(n, ids))

    # ---- asking and starting --------------------------------------------------------------
    def ask(self, name: str, meter_ids: list[int], answer=None) -> None:
        """Describe in the background, ask, start; ``answer`` replaces the question (tests)."""
        run_then(
            lambda: batches.describe(name, meter_ids),
            lambda d: self._confirm(d, meter_ids, answer),
            self._warn,
            self,
        )

    def _confirm(self, d: batches.Description, meter_ids: list[int], answer) -> None:
        if not d.meters:
            self._warn(
                None,
                QCoreApplication.translate("BatchActions", "None of these meters can do this."),
            )
            return
        if answer is None:
            reply = QMessageBox.question(
                self._parent(),
                QCoreApplication.translate("BatchActions", "Remote control"),
                confirmation_text(d),
            )
            answer = reply == QMessageBox.StandardButton.Yes
        if answer:
            self.start(d.command, meter_ids)

    def start(self, name: str, meter_ids: list[int]) -> None:
        actor, worker_for = self.actor, self.site.worker_for
        run_then(
            lambda: batches.start(actor, name, meter_ids, worker_for=worker_for),
            self.open_dialog,
            self._warn,
            self,
        )

    def open_dialog(self, batch_id: int) -> BatchDialog:
        dialog = BatchDialog(batch_id, self.actor, self.site.worker_for, self._parent())
        self.dialogs = [d for d in self.dialogs if _alive(d)] + [dialog]
        dialog.show()
        return dialog

    def _warn(self, exc: BaseException | None, text: str = "") -> None:
        QMessageBox.warning(
            self._parent(),
            QCoreApplication.translate("BatchActions", "Remote control"),
            text or error_text(exc),
        )

    def _parent(self) -> QWidget | None:
        return self.window if isinstance(self.window, QWidget) else None

    # ---- groups -------------------------------------------------------------------------
    def choose_group(self) -> None:
        dialog = GroupDialog(self._parent())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kind, value, name = dialog.choice()
            run_then(
                lambda: batches.meters_in(kind, value),
                lambda ids: (
                    self.ask(name, ids)
                    if ids
                    else self._warn(None, QCoreApplication.translate("BatchActions", "No meters."))
                ),
                self._warn,
                self,
            )

    # ---- export ---------------------------------------------------------------------------
    def export_readings(self, path: str | None = None) -> ExportDialog | None:
        """Every enabled meter's readings now to .xlsx, with progress and Cancel."""
        actor = self.actor

        def job(out, progress, cancelled) -> int:
            return export_readings(actor, out, translate=QCoreApplication.translate,
                                   progress=progress, cancelled=cancelled)  # fmt: skip

        title = QCoreApplication.translate("BatchActions", "Export meter readings")
        return start_export(self._parent(), title, file_name("readings"), job, path)


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


class GroupDialog(QDialog):
    """Which meters (building / bus / state / tariff, and which one) and which command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("BatchActions", "Remote control for a group of meters")
        )
        self.kind = QComboBox()
        for kind in batches.GROUP_KINDS:
            self.kind.addItem(_tr(GROUP_TITLES[kind]), kind)
        self.value = QComboBox()
        self.command = QComboBox()
        for name in MENU_COMMANDS:
            self.command.addItem(command_title(name), name)
        form = QFormLayout(self)
        form.addRow(QCoreApplication.translate("BatchActions", "Meters"), self.kind)
        form.addRow(QCoreApplication.translate("BatchActions", "Which"), self.value)
        form.addRow(QCoreApplication.translate("BatchActions", "Command"), self.command)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._load_values)
        self._load_values()

    def _load_values(self) -> None:
        kind = self.kind.currentData()
        self.value.clear()
        run_then(lambda: batches.group_choices(kind), lambda v: self._fill(kind, v), _ignore, self)

    def _fill(self, kind: str, values: list[str]) -> None:
        if kind != self.kind.currentData():
            return  # a stale answer
        self.value.clear()
        for v in values:
            text = state_label(GridState(v)) if kind == "state" else v
            self.value.addItem(text, v)

    def choice(self) -> tuple[str, str, str]:
        return self.kind.currentData(), self.value.currentData(), self.command.currentData()


def _ignore(_exc: BaseException) -> None:
    """The choices could not be read: the list stays empty and OK does nothing."""


def install_batch_actions(window, site, actor: Actor) -> BatchActions:
    """Wire batches into the main window (the session keeps ``.actor`` current)."""
    return BatchActions(window, site, actor)

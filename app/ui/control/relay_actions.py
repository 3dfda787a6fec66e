"""The grid's relay commands for one meter: trip, close, keep power on, restore prepaid.

Offered only to a role with the control permission and only for what the
meter's family can do (``Capability.RELAY`` / ``KEEP_POWER``). Each command asks
first, naming the meter and its tenant (and warning when a trip would cut off
a tenant who still has credit), runs through the bus owner, and reports what
the meter shows afterwards; the service writes the system-log row.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from app.serial_io.commands import RelayCommand
from app.serial_io.profiles.base import RELAY_NEEDS
from app.services.meter_profiles import profile_of
from app.services.money import format_fen
from app.services.permissions import Actor, Permission
from app.services.remote_control import submit_relay
from app.services.sales_records import meter_summary
from app.ui.support.background import on_gui
from app.ui.support.error_text import error_text


def _title(command: RelayCommand) -> str:
    if command is RelayCommand.TRIP:
        return QCoreApplication.translate("RelayActions", "Trip (switch the power off)…")
    if command is RelayCommand.CLOSE:
        return QCoreApplication.translate("RelayActions", "Close (release a trip)…")
    if command is RelayCommand.KEEP_POWER_ON:
        return QCoreApplication.translate("RelayActions", "Keep power on…")
    return QCoreApplication.translate("RelayActions", "Restore prepaid control…")


def relay_actions(parent: QObject, site, actor: Actor, meter_ids: list[int]) -> list[QAction]:
    """Context-menu entries for one meter; none for several or when nothing is allowed."""
    if len(meter_ids) != 1 or not actor.can(Permission.CONTROL):
        return []
    meter_id = meter_ids[0]
    profile = profile_of(meter_id)
    out = []
    for command in (
        RelayCommand.TRIP,
        RelayCommand.CLOSE,
        RelayCommand.KEEP_POWER_ON,
        RelayCommand.KEEP_POWER_OFF,
    ):
        if not profile.can(RELAY_NEEDS[command]):
            continue
        act = QAction(_title(command), parent)
        act.setObjectName(f"relay.{command.name.lower()}")
        act.triggered.connect(
            lambda _c=False, cmd=command: send_relay(_window(parent), site, actor, meter_id, cmd)
        )
        out.append(act)
    return out


def _window(parent: QObject) -> QWidget | None:
    while parent is not None and not isinstance(parent, QWidget):
        parent = parent.parent()
    return parent.window() if parent is not None else None


def confirmation_text(meter_id: int, command: RelayCommand) -> str:
    """What the operator is asked: the meter, its tenant, and a warning where one is due."""
    s = meter_summary(meter_id)
    what = _title(command).rstrip("…")
    if s.tenant_name:
        text = QCoreApplication.translate(
            "RelayActions", "{0} on meter {1} ({2}, tenant {3} {4})?"
        ).format(what, s.number, s.location or "—", s.account_no, s.tenant_name)
    else:
        text = QCoreApplication.translate(
            "RelayActions", "{0} on meter {1} ({2}, no tenant)?"
        ).format(what, s.number, s.location or "—")
    if command is RelayCommand.TRIP and s.tenant_name and (s.balance or 0) > 0:
        text += "\n\n" + QCoreApplication.translate(
            "RelayActions", "The tenant still has {0} of credit: the shop loses power anyway."
        ).format(format_fen(s.balance))
    if command is RelayCommand.KEEP_POWER_ON and s.tenant_name and (s.balance or 0) <= 0:
        text += "\n\n" + QCoreApplication.translate(
            "RelayActions", "The tenant is in arrears: keeping the power on lets the debt grow."
        )
    return text


def send_relay(parent, site, actor: Actor, meter_id: int, command: RelayCommand, ask=True):
    """Ask, then send through the bus owner; the answer is shown when it comes (a Future)."""
    if ask:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("RelayActions", "Remote control"),
            confirmation_text(meter_id, command),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    future = submit_relay(site.worker_for(meter_id), actor, meter_id, command)
    owner = parent if parent is not None else site_owner()
    on_gui(future, lambda f: _report(parent, meter_id, command, f), owner)
    return future


def site_owner() -> QObject:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def _report(parent, meter_id: int, command: RelayCommand, future) -> None:
    number = meter_summary(meter_id).number
    exc = future.exception()
    if exc is not None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("RelayActions", "Remote control"),
            QCoreApplication.translate("RelayActions", "Meter {0}: {1}").format(
                number, error_text(exc)
            ),
        )
        return
    status = future.result()
    state = (
        QCoreApplication.translate("RelayActions", "the relay is open (no power)")
        if status.relay_open
        else QCoreApplication.translate("RelayActions", "the relay is closed (power on)")
    )
    QMessageBox.information(
        parent,
        QCoreApplication.translate("RelayActions", "Remote control"),
        QCoreApplication.translate("RelayActions", "Meter {0} confirmed: {1}.").format(
            number, state
        ),
    )

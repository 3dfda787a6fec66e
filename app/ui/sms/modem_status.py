"""The GSM modem in the status bar: signal bars and registration, or what is wrong.

The status is what the process running the modem wrote into its lease
(``sms_service.modem_status``), read off the GUI thread every ``REFRESH_MS``.
Hidden on a site without a modem; "not running" when no process runs it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from app.messages import Message
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

REFRESH_MS = 10_000
FULL, EMPTY = "▮", "▯"


def read_modem() -> tuple[bool, dict | None]:
    """(the site has a modem, its last status): one background read."""
    from app import settings
    from app.services import sms_service

    return bool(settings.get("modem.port")), sms_service.modem_status()


class ModemStatusWidget(QLabel):
    def __init__(self, parent=None, refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.setObjectName("modemStatus")
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(refresh_ms)
        self._asking = False
        self.refresh()

    def refresh(self) -> None:
        if self._asking:
            return
        self._asking = True
        run_then(read_modem, self._show, self._failed, self, routine=True)

    def _failed(self, exc: BaseException) -> None:
        self._asking = False
        self.setText(self.tr("Modem: status unknown"))
        self.setToolTip(error_text(exc))

    def _show(self, result: tuple[bool, dict | None]) -> None:
        self._asking = False
        has_modem, status = result
        self.setVisible(has_modem)
        if not has_modem:
            return
        if status is None:
            self.setText(self.tr("Modem: not running"))
            self.setToolTip(self.tr("No program on this site runs the GSM modem now."))
            return
        bars = int(status.get("bars") or 0)
        signal = FULL * bars + EMPTY * (5 - bars)
        if status.get("state") == "ok":
            registration = {
                "home": self.tr("home network"),
                "roaming": self.tr("roaming"),
            }.get(status.get("registration"), status.get("registration", ""))
            self.setText(self.tr("Modem {signal} {registration}").format(
                signal=signal, registration=registration
            ))  # fmt: skip
            self.setStyleSheet("")
        else:
            self.setText(self.tr("Modem {signal} cannot send").format(signal=signal))
            self.setStyleSheet(colors.text_style(colors.ERROR))
        problem = Message.from_json(status.get("message") or "")
        tip = self.tr("Sent {sent}, failed {failed}, received {received}").format(
            sent=status.get("sent", 0),
            failed=status.get("failed", 0),
            received=status.get("received", 0),
        )
        self.setToolTip(error_text(problem) + "\n" + tip if problem else tip)


def install_sms_actions(window, site, actor) -> ModemStatusWidget:
    """The modem's status in ``window``'s status bar (every role sees it)."""
    widget = ModemStatusWidget(window)
    window.statusBar().addPermanentWidget(widget)
    return widget

"""The meter's balance read live for a dialog: a label, a "Read again" button, a signal.

A refund or a correction is checked against what the meter holds *now*, not
the last poll's figure, so the dialog asks the bus owner for the balance when
it opens (``accounts.submit_read_balance``, a Future; never on the GUI thread)
and shows it. The service checks again at the meter before any money moves:
the balance can change between this read and the send.
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.errors import PemError
from app.services import accounts
from app.ui.cashier.texts import describe_error, money
from app.ui.support.background import on_gui


class LiveBalance(QWidget):
    """Reads one meter's balance on request; ``changed`` fires when a read ends (or fails).

    ``fen`` is the balance read, None while reading or when the read failed;
    ``error`` is then the PemError, described by ``error_lines()``.
    """

    changed = Signal()

    def __init__(self, site, meter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.meter_id = meter_id
        self.fen: int | None = None
        self.error: PemError | None = None
        self._reading: Future | None = None
        self.label = QLabel()
        self.label.setObjectName("liveBalance")
        self.read_button = QPushButton(self.tr("Read again"))
        self.read_button.setObjectName("readAgain")
        self.read_button.clicked.connect(self.read)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label, 1)
        box.addWidget(self.read_button)

    def reading(self) -> bool:
        return self._reading is not None

    def read(self) -> None:
        """Ask the meter's bus owner for the balance now (operator priority)."""
        self.fen, self.error = None, None
        self.read_button.setEnabled(False)
        self.label.setText(self.tr("Reading the meter…"))
        try:
            future = accounts.submit_read_balance(
                self.site.worker_for(self.meter_id), self.meter_id
            )
        except PemError as exc:
            self._failed(exc)
            return
        self._reading = future
        self.changed.emit()
        on_gui(future, self._done, self)

    def _done(self, future: Future) -> None:
        if future is not self._reading:  # an older read answered after "Read again"
            return
        self._reading = None
        self.read_button.setEnabled(True)
        try:
            self.fen = future.result()
        except PemError as exc:
            self._failed(exc)
            return
        self.label.setText(self.tr("{amount} (read just now)").format(amount=money(self.fen)))
        self.changed.emit()

    def _failed(self, exc: PemError) -> None:
        self._reading = None
        self.fen, self.error = None, exc
        self.read_button.setEnabled(True)
        self.label.setText(self.tr("not read"))
        self.changed.emit()

    def error_lines(self) -> str:
        """Why the balance is not known, for the dialog's error line ("" when it is)."""
        if self.error is None:
            return ""
        head, detail = describe_error(self.error)
        return f"{head}\n{detail}"


def meter_and_balance_rows(dialog, form: QFormLayout, summary) -> LiveBalance:
    """The Meter, Tenant and live Balance rows every refund-like form starts with.

    ``dialog`` is a ``MoneyFlowDialog``: the live balance's reading feeds its
    early check (``balance_read``). Labels in the "MoneyFlowDialog" context.
    """
    from app.ui.cashier.flow import value_label
    from app.ui.cashier.texts import meter_text, tenant_text

    meter = QCoreApplication.translate("MoneyFlowDialog", "Meter")
    tenant = QCoreApplication.translate("MoneyFlowDialog", "Tenant")
    balance = QCoreApplication.translate("MoneyFlowDialog", "Balance")
    form.addRow(meter, value_label(meter_text(summary)))
    form.addRow(tenant, value_label(tenant_text(summary)))
    live = LiveBalance(dialog.site, dialog.meter_id)
    live.changed.connect(lambda: dialog.balance_read(live.error_lines()))
    form.addRow(balance, live)
    return live

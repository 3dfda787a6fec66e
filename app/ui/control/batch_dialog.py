"""The progress of one batch: per bus done / failed / remaining, cancel, results, retry.

Non-modal: the operator keeps working while a thousand meters are tripped.
A timer asks ``batches.progress`` in the background every ``REFRESH_MS`` (never
on the GUI thread, one question at a time); when the batch is finished the
per-meter results are loaded the same way and listed, with "Export…" (.xlsx)
and "Retry the failed ones" (a new batch, in a new dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import batches
from app.services.permissions import Actor
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

REFRESH_MS = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchDialog", text)


class BatchDialog(QDialog):
    def __init__(self, batch_id: int, actor: Actor, worker_for, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.batch_id, self.actor, self.worker_for = batch_id, actor, worker_for
        self.progress_now: batches.Progress | None = None
        self.results_now: list[batches.ItemResult] | None = None
        self._asking = False
        self.children_dialogs: list[BatchDialog] = []

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.bar = QProgressBar()
        self.bus_table = QTableWidget(0, 4)
        self.bus_table.setObjectName("busTable")
        self.bus_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("BatchDialog", "Bus"),
                QCoreApplication.translate("BatchDialog", "Done"),
                QCoreApplication.translate("BatchDialog", "Failed"),
                QCoreApplication.translate("BatchDialog", "Remaining"),
            ]
        )
        self.bus_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bus_table.verticalHeader().hide()
        self.bus_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_table = QTableWidget(0, 5)
        self.result_table.setObjectName("resultTable")
        self.result_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("BatchDialog", "Meter"),
                QCoreApplication.translate("BatchDialog", "Tenant"),
                QCoreApplication.translate("BatchDialog", "Bus"),
                QCoreApplication.translate("BatchDialog", "Result"),
                QCoreApplication.translate("BatchDialog", "Verified state or reason"),
            ]
        )
        self.result_table.horizontalHeader().setStretchLastSection(True)
        self.result_table.verticalHeader().hide()
        self.result_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_table.hide()

        buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(
            QCoreApplication.translate("BatchDialog", "Cancel the rest")
        )
        self.cancel_button.setObjectName("cancelBatch")
        self.export_button = QPushButton(QCoreApplication.translate("BatchDialog", "Export…"))
        self.export_button.setObjectName("exportResults")
        self.retry_button = QPushButton(
            QCoreApplication.translate("BatchDialog", "Retry the failed ones")
        )
        self.retry_button.setObjectName("retryFailed")
        self.close_button = QPushButton(QCoreApplication.translate("BatchDialog", "Close"))
        for b, role in (
            (self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.export_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.retry_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.close_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(b, role)
        self.export_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_batch)
        self.export_button.clicked.connect(self.export)
        self.retry_button.clicked.connect(self.retry)
        self.close_button.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(self.bus_table)
        layout.addWidget(self.result_table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.setWindowTitle(
            QCoreApplication.translate("BatchDialog", "Remote control batch {0}").format(batch_id)
        )

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # ---- progress ----------------------------------------------------------------------
    def refresh(self) -> None:
        if self._asking:
            return
        self._asking = True
        run_then(lambda: batches.progress(self.batch_id), self._show, self._failed, self)

    def _failed(self, exc: BaseException) -> None:
        self._asking = False
        self.heading.setText(error_text(exc))

    def _show(self, p: batches.Progress) -> None:
        self._asking = False
        self.progress_now = p
        title = QCoreApplication.translate("Batches", batches.command(p.command).title)
        total = sum(b.done + b.failed + b.cancelled + b.remaining for b in p.buses)
        finished_count = total - p.total("remaining")
        if p.finished:
            state = (
                QCoreApplication.translate("BatchDialog", "cancelled")
                if p.state == "cancelled"
                else QCoreApplication.translate("BatchDialog", "finished")
            )
        else:
            state = QCoreApplication.translate("BatchDialog", "running")
        template = QCoreApplication.translate(
            "BatchDialog",
            "{0} on {1} meters: {2}. Done {3}, failed {4}, cancelled {5}, remaining {6}.",
        )
        self.heading.setText(
            template.format(title, total, state, p.total("done"), p.total("failed"),
                            p.total("cancelled"), p.total("remaining"))
        )  # fmt: skip
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(finished_count)
        self.bus_table.setRowCount(len(p.buses))
        header = self.bus_table.horizontalHeader().height()
        self.bus_table.setMaximumHeight(header + 6 + 30 * max(1, len(p.buses)))
        for row, b in enumerate(p.buses):
            for col, value in enumerate((b.bus_name, b.done, b.failed, b.remaining)):
                self.bus_table.setItem(row, col, QTableWidgetItem(str(value)))
        if p.finished:
            self.timer.stop()
            self.cancel_button.setEnabled(False)
            run_then(lambda: batches.results(self.batch_id), self._show_results, self._failed, self)

    def _show_results(self, results: list[batches.ItemResult]) -> None:
        self.results_now = results
        self.result_table.setRowCount(len(results))
        for row, r in enumerate(results):
            state = QCoreApplication.translate("Batches", batches.ITEM_STATES.get(r.state, r.state))
            cells = (r.number, r.tenant, r.bus_name, state, error_text(r.detail))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3 and r.state == "failed":
                    item.setForeground(QColor(colors.ERROR))
                self.result_table.setItem(row, col, item)
        self.result_table.resizeColumnsToContents()
        self.result_table.show()
        self.export_button.setEnabled(True)
        self.retry_button.setEnabled(any(r.state == "failed" for r in results))

    # ---- the buttons -------------------------------------------------------------------
    def cancel_batch(self) -> None:
        self.cancel_button.setEnabled(False)
        run_then(
            lambda: batches.cancel(self.actor, self.batch_id),
            lambda _n: self.refresh(),
            self._failed,
            self,
        )

    def export(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("BatchDialog", "Export the results"),
                f"batch-{self.batch_id}.xlsx",
                "Excel (*.xlsx)",
            )
        if not path:
            return
        run_then(
            lambda: batches.export_results(self.batch_id, path, QCoreApplication.translate),
            lambda _n: self.heading.setText(
                QCoreApplication.translate("BatchDialog", "Results written to {0}").format(path)
            ),
            lambda exc: QMessageBox.warning(self, self.windowTitle(), error_text(exc)),
            self,
        )

    def retry(self) -> None:
        self.retry_button.setEnabled(False)
        run_then(
            lambda: batches.retry_failed(self.actor, self.batch_id, worker_for=self.worker_for),
            self._open_retry,
            lambda exc: QMessageBox.warning(self, self.windowTitle(), error_text(exc)),
            self,
        )

    def _open_retry(self, new_id: int) -> None:
        dialog = BatchDialog(new_id, self.actor, self.worker_for, self.parentWidget())
        self.children_dialogs.append(dialog)
        dialog.show()

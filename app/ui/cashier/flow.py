"""The shape every money dialog shares: form, confirmation, progress, outcome.

A cashier's worst day is a sale sent twice or a sale that half-failed, so the
steps are fixed: nothing is sent before the confirmation page, the confirm
button is dead after its first click, the GUI only waits for the bus future
through a queued callback (never blocks), and the outcome page says in plain
words whether money moved: confirmed, failed (no money taken), uncertain
(settled automatically later, do not sell again) or refused (nothing sent).

What the form can tell before sending (a refund larger than the balance just
read) it tells on the form (``form_problem``), and a refusal the cashier can
mend (the meter's own balance check, a value not accepted) leads back to the
form with what was typed kept: nothing was sent, so sending again is safe.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import InsufficientBalance, PemError, ValidationError
from app.services import db_health
from app.services.billing import MoneyResult
from app.services.site_api import SiteApi
from app.ui.cashier.db_refusal import server_error
from app.ui.cashier.receipts import print_receipt_now, show_receipt
from app.ui.cashier.texts import (
    CONFIRMED,
    PARTIAL,
    REFUSED,
    UNCERTAIN,
    breakable,
    ctr,
    describe_error,
    esc,
    money_result_text,
)
from app.ui.support import colors
from app.ui.support.background import on_gui
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)


def value_label(text: str = "") -> QLabel:
    """A value on a form (tenant, meter) that wraps rather than widening the dialog."""
    label = QLabel(breakable(text))
    label.setWordWrap(True)
    return label


class MoneyFlowDialog(QDialog):
    """Base of the sale, refund, correction and close dialogs.

    Subclasses build the form (``build_form``), say whether it is complete
    (``form_ready``), compose the confirmation (``confirmation``) and send
    (``submit`` returns the future). ``operationFinished(outcome)`` fires once per
    send: again only after a refusal was mended on the form and sent anew.
    """

    operationFinished = Signal(str)
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Working on the meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Confirm")
    failed_text = QT_TRANSLATE_NOOP("Cashier", "Failed: no money moved.")

    def __init__(self, site: SiteApi, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.actor = actor
        self.outcome: str | None = None
        self.result: object = None
        self.error: BaseException | None = None
        self.receipt_entry_id: int | None = None
        self.preview_dialog = None
        self.auto_preview = True
        self._sent = False
        self._problem_shown = False
        self._read_error = ""
        self.stack = QStackedWidget()
        self.form_page = self._form_page()
        self.confirm_page = self._confirm_page()
        self.progress_page = self._progress_page()
        self.outcome_page = self._outcome_page()
        for page in (self.form_page, self.confirm_page, self.progress_page, self.outcome_page):
            self.stack.addWidget(page)
        box = QVBoxLayout(self)
        box.addWidget(self.stack)
        self.setMinimumWidth(460)
        self._set_page(self.form_page)

    # ---- pages ----
    def _form_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.build_form())
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(colors.text_style(colors.ERROR))
        box.addWidget(self.form_error)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.continue_button = QPushButton(self.tr("Continue…"))
        self.continue_button.clicked.connect(self.go_confirm)
        row.addWidget(self.cancel_button)
        row.addWidget(self.continue_button)
        box.addLayout(row)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.confirm_title = QLabel(self.tr("Please check before sending:"))
        self.confirm_label = QLabel()
        self.confirm_label.setObjectName("confirmText")
        self.confirm_label.setTextFormat(Qt.TextFormat.RichText)
        self.confirm_label.setWordWrap(True)
        box.addWidget(self.confirm_title)
        box.addWidget(self.confirm_label)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.go_form)
        self.confirm_button = QPushButton(ctr(self.confirm_button_text))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self.send)
        row.addWidget(self.back_button)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.progress_label = QLabel(ctr(self.progress_text))
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)  # indeterminate: a bus round trip has no percentage
        box.addWidget(self.progress_label)
        box.addWidget(bar)
        box.addStretch(1)
        return page

    def _outcome_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.outcome_title = QLabel()
        self.outcome_title.setObjectName("outcomeTitle")
        self.outcome_title.setWordWrap(True)
        font = self.outcome_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.outcome_title.setFont(font)
        self.outcome_text = QLabel()
        self.outcome_text.setObjectName("outcomeText")
        self.outcome_text.setWordWrap(True)
        self.outcome_text.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.outcome_title)
        box.addWidget(self.outcome_text)
        box.addStretch(1)
        row = QHBoxLayout()
        self.amend_button = QPushButton(self.tr("Back to the form"))
        self.amend_button.setObjectName("amendButton")
        self.amend_button.clicked.connect(self.amend)
        row.addWidget(self.amend_button)
        self.preview_button = QPushButton(self.tr("Receipt preview…"))
        self.preview_button.clicked.connect(self.open_preview)
        self.print_button = QPushButton(self.tr("Print receipt"))
        self.print_button.clicked.connect(self._print)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.preview_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        box.addLayout(row)
        return page

    # ---- subclass hooks ----
    def build_form(self) -> QWidget:
        raise NotImplementedError

    def form_ready(self) -> bool:
        return True

    def form_problem(self) -> PemError | None:
        """What is wrong with a complete form, said on the form before anything is sent."""
        return None

    def can_amend(self, exc: BaseException) -> bool:
        """A refusal the cashier mends on the form: nothing was sent, the form decides."""
        return isinstance(exc, InsufficientBalance | ValidationError)

    def form_reopened(self) -> None:
        """The form is shown again after a refusal (refund: read the balance again)."""

    def confirmation(self) -> str:
        """Rich text of what will be sent; raise ValidationError to stay on the form."""
        raise NotImplementedError

    def submit(self) -> Future:
        raise NotImplementedError

    def describe_result(self, result) -> tuple[str, str, str]:
        """(outcome, headline, rich-text details) for what the future returned."""
        return money_result_text(result, ctr(self.failed_text))

    def receipt_entry(self, outcome: str, result) -> int | None:
        """The ledger entry whose receipt is offered (and previewed) after ``result``."""
        if outcome == CONFIRMED and isinstance(result, MoneyResult) and self.has_receipt(result):
            return result.entry_id
        return None

    def has_receipt(self, result: MoneyResult) -> bool:
        """A confirmed movement of money gets a receipt (a 0.00 "nothing to move" does not)."""
        return result.amount_fen > 0

    # ---- flow ----
    def balance_read(self, error_lines: str) -> None:
        """A live balance read ended (or began): say why it failed, or take that back."""
        if error_lines:
            self.form_error.setText(error_lines)
        elif self._read_error and self.form_error.text() == self._read_error:
            self.form_error.clear()
        self._read_error = error_lines
        self.update_continue()

    def update_continue(self) -> None:
        problem = self.form_problem() if self.form_ready() else None
        if problem is not None:
            self.form_error.setText(error_text(problem))
        elif self._problem_shown:
            self.form_error.clear()
        self._problem_shown = problem is not None
        self.continue_button.setEnabled(self.form_ready() and problem is None)

    def _set_page(self, page: QWidget) -> None:
        """Show ``page`` and make its main button the one Enter presses."""
        default = {
            self.form_page: self.continue_button,
            self.confirm_page: self.confirm_button,
            self.outcome_page: self.close_button,
        }.get(page)
        for button in (self.continue_button, self.confirm_button, self.close_button):
            button.setDefault(button is default)
        self.stack.setCurrentWidget(page)
        self._fit(page)

    def event(self, event: QEvent) -> bool:
        """After each layout pass (a longer error, a wrapped line more), grow to fit the page."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit(self.stack.currentWidget())
        return handled

    def _fit(self, page: QWidget) -> None:
        """Grow the dialog (never shrink it) until ``page`` has the height it needs.

        Wrapped labels need a height for their width, which a stacked page does not
        pass on to the dialog: without this the second line of a long outcome or
        error was cut off, or drawn over the next row of the form.
        """
        layout = page.layout()
        if not self.isVisible() or layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(page.width())
        if need > page.height():
            self.resize(self.width(), self.height() + need - page.height())

    def go_form(self) -> None:
        self._set_page(self.form_page)

    def go_confirm(self) -> None:
        if not self.form_ready():
            return
        problem = self.form_problem()
        if problem is not None:
            self.form_error.setText(error_text(problem))
            return
        try:
            text = self.confirmation()
        except PemError as exc:
            self.form_error.setText(error_text(exc))
            return
        self.form_error.clear()
        self.confirm_label.setText(text)
        self.confirm_button.setEnabled(True)
        self._set_page(self.confirm_page)
        self.confirm_button.setFocus()

    def send(self) -> None:
        """Send once: the button dies at the first click, Enter pressed twice does nothing."""
        if self._sent or self.stack.currentWidget() is not self.confirm_page:
            return
        self._sent = True
        self.confirm_button.setEnabled(False)
        self.back_button.setEnabled(False)
        down = db_health.refusal()  # the server went away while the form was filled in
        if down is not None:
            self._show_error(down)
            return
        try:
            future = self.submit()
        except PemError as exc:  # refused before anything was queued
            self._show_error(exc)
            return
        except Exception as exc:  # the server dropped the connection: no job row was written
            error = server_error(exc)
            if error is None:
                raise
            self._show_error(error)
            return
        self._set_page(self.progress_page)
        on_gui(future, self._done, self)

    def is_busy(self) -> bool:
        return self.stack.currentWidget() is self.progress_page

    def _done(self, future: Future) -> None:
        try:
            result = future.result()
        except PemError as exc:
            self._show_error(exc)
            return
        except Exception as exc:  # a bug: logged with its traceback, shown, not swallowed
            error = server_error(exc)
            if error is not None:  # the server went away while the operation ran
                self._server_lost(error)
                return
            log.error("money operation failed unexpectedly", exc_info=exc)
            self._show_error(exc)
            return
        self.result = result
        outcome, head, details = self.describe_result(result)
        self._finish(outcome, head, details, self.receipt_entry(outcome, result))

    def _show_error(self, exc: BaseException) -> None:
        self.error = exc
        head, detail = describe_error(exc)
        self._finish(REFUSED, head, esc(detail), None)

    def _server_lost(self, error: PemError) -> None:
        """The server stopped answering during the operation: the meter may have been credited
        (its pending entry is then on the server, settled when it answers), or nothing moved."""
        self.error = error
        head = self.tr(
            "The database server stopped answering during the operation. Do not repeat it: "
            "check the meter's records when the server answers again."
        )
        self._finish(UNCERTAIN, head, esc(error_text(error)), None)

    def _finish(self, outcome: str, head: str, details: str, receipt_entry: int | None) -> None:
        self.outcome = outcome
        self.receipt_entry_id = receipt_entry
        colour = {CONFIRMED: colors.OK, UNCERTAIN: colors.WARNING, PARTIAL: colors.WARNING}
        self.outcome_title.setStyleSheet(colors.text_style(colour.get(outcome, colors.ERROR)))
        self.outcome_title.setText(head)
        self.outcome_text.setText(details)
        self.amend_button.setVisible(
            outcome == REFUSED and self.error is not None and self.can_amend(self.error)
        )
        self.preview_button.setVisible(receipt_entry is not None)
        self.print_button.setVisible(receipt_entry is not None)
        self._set_page(self.outcome_page)
        self.close_button.setFocus()
        log.info("%s: %s", type(self).__name__, outcome)
        self.operationFinished.emit(outcome)
        if receipt_entry is not None and self.auto_preview:
            self.open_preview()

    def amend(self) -> None:
        """Back from a refusal to the form, everything typed kept, to change it and send anew."""
        if self.outcome != REFUSED or self.error is None or not self.can_amend(self.error):
            return
        self.outcome, self.error, self.result = None, None, None
        self._sent = False
        self.back_button.setEnabled(True)
        self.form_error.setText(self.tr("Nothing was sent. Change what is needed and continue."))
        self._problem_shown = False
        self.go_form()
        self.form_reopened()
        self.update_continue()

    def open_preview(self):
        if self.receipt_entry_id is None:
            return None
        self.preview_dialog = show_receipt(self, self.site, self.actor, self.receipt_entry_id)
        return self.preview_dialog

    def _print(self) -> None:
        if self.receipt_entry_id is not None:
            print_receipt_now(self, self.site, self.actor, self.receipt_entry_id)

    # ---- no closing while the meter is being worked on ----
    def reject(self) -> None:
        if self.is_busy():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_busy() and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return):
            event.accept()
            return
        super().keyPressEvent(event)

"""No money operation while the site's PostgreSQL server does not answer.

The cashier's dialogs read the meter and its account as they open, and every
operation begins by writing on the server; while ``db_health`` finds the
server down they are not opened at all: the cashier gets the sentence that says
so, and the GUI thread does not wait on a server that may take seconds to fail.
An operation the server dropped halfway fails with the same sentence (never a
driver's traceback). On SQLite nothing is ever refused here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ConfigError, PemError
from app.models import pg
from app.models.base import db
from app.models.dialect import is_postgresql
from app.services import db_health
from app.ui.support.error_text import error_text


class RefusedDialog(QMessageBox):
    """What a money dialog's opener gets while the server is down: the reason, and an OK.

    It has the dialogs' ``operationFinished`` signal (never emitted: nothing happened), so
    the windows that open dialogs and listen to it need no case of their own.
    """

    operationFinished = Signal(str)

    def __init__(self, error: ConfigError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setObjectName("dbRefusal")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(QCoreApplication.translate("DbRefusal", "Database server unreachable"))
        self.setText(
            QCoreApplication.translate(
                "DbRefusal", "Sales, refunds and corrections are refused until the server answers."
            )
        )
        self.setInformativeText(error_text(error))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def refuse(parent: QWidget | None) -> RefusedDialog | None:
    """While the server is down: show (non-modal) and return why nothing may start."""
    error = db_health.refusal()
    if error is None:
        return None
    dialog = RefusedDialog(error, parent)
    dialog.show()
    return dialog


def server_error(exc: BaseException) -> PemError | None:
    """A lost or refused connection to the server as its sentence; None for anything else."""
    if is_postgresql() and not isinstance(exc, PemError) and pg.is_connection_error(exc):
        return pg.unreachable(db.obj, exc)
    return None


def is_unreachable(exc: BaseException | None) -> bool:
    return isinstance(exc, ConfigError) and exc.template == pg.UNREACHABLE

"""The System menu's Excel entries: import, export the configuration, the empty template.

``install_workbook_actions(window, site)`` adds them to the main window (the
lead wires it where the window is built); each is shown only to a role with
``Permission.COMMISSION`` (the services check it again). Writing a file runs in
the background; the outcome is a message box.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.permissions import Permission
from app.services.site_workbook import export_config, write_template
from app.ui.support import background
from app.ui.support.error_text import error_text


def _texts() -> dict[str, str]:
    return {
        "system.import": QCoreApplication.translate("WorkbookActions", "&Import from Excel…"),
        "system.export_config": QCoreApplication.translate(
            "WorkbookActions", "&Export configuration…"
        ),
        "system.template": QCoreApplication.translate("WorkbookActions", "Excel &template…"),
    }


def install_workbook_actions(window, site) -> None:
    """Add the three entries to ``window``'s System menu; ``site`` gives ``worker_for``."""
    texts = _texts()
    actions = {
        key: window.add_action(key, texts[key], "system", Permission.COMMISSION) for key in texts
    }
    actions["system.import"].triggered.connect(lambda: open_import(window, site))
    actions["system.export_config"].triggered.connect(
        lambda: _save(window, export_config, "site-config.xlsx")
    )
    actions["system.template"].triggered.connect(
        lambda: _save(window, write_template, "site-template.xlsx")
    )

    def retranslate() -> None:
        for key, text in _texts().items():
            actions[key].setText(text)

    window.retranslated.connect(retranslate)


def open_import(window, site):
    from app.ui.settings.import_dialog import ImportDialog

    dialog = ImportDialog(window.actor, getattr(site, "worker_for", None), window)
    apply_config = getattr(site, "apply_config", None)
    if apply_config is not None:  # the new buses and meters are polled without a restart
        dialog.applied.connect(lambda: background.run(apply_config))
    reload = getattr(window, "reload", None)
    if reload is not None:
        dialog.applied.connect(reload)
    dialog.show()
    dialog.choose_file()
    return dialog


def _save(window, write, suggested: str) -> None:
    path, _filter = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("WorkbookActions", "Save as"),
        suggested,
        QCoreApplication.translate("WorkbookActions", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"

    def done(_result) -> None:
        title = QCoreApplication.translate("WorkbookActions", "Saved")
        text = QCoreApplication.translate("WorkbookActions", "Saved %1").replace("%1", path)
        QMessageBox.information(window, title, text)

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(
            window, QCoreApplication.translate("WorkbookActions", "Not saved"), error_text(exc)
        )

    background.run_then(lambda: write(path), done, failed, window)

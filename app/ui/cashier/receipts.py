"""The receipt step after a money operation: preview it, or print it straight away.

Without an installed printer the receipt goes to a PDF in the site's receipts
folder, so a sale never ends without a receipt the cashier can hand over.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def receipt_pdf_dir(site):
    paths = getattr(site, "paths", None)
    return paths.data_dir / "receipts" if paths is not None else None


def show_receipt(parent: QWidget, site, actor, entry_id: int, copy: bool = False):
    """Receipt preview (site layout and language) for one ledger entry; returns the dialog."""
    from app.services.sales_records import receipt_data
    from app.ui.printing.receipt_print import preview_receipt

    data = receipt_data(actor, entry_id, copy=copy)
    return preview_receipt(parent, data, pdf_dir=receipt_pdf_dir(site))


def print_receipt_now(parent: QWidget, site, actor, entry_id: int, copy: bool = False) -> None:
    """Straight to the printer; without one, a PDF in the site's receipts folder."""
    from app.services.sales_records import receipt_data
    from app.ui.printing.receipt_print import (
        print_receipt,
        print_receipt_to_pdf,
        site_receipt_options,
    )

    data = receipt_data(actor, entry_id, copy=copy)
    try:
        print_receipt(data)
    except OSError:
        folder = receipt_pdf_dir(site)
        if folder is None:
            raise
        layout, lang = site_receipt_options()
        path = folder / f"{data.receipt_no}{'-copy' if copy else ''}.pdf"
        print_receipt_to_pdf(data, layout, path, lang)
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Cashier", "Receipt"),
            QCoreApplication.translate(
                "Cashier", "No printer is installed; saved as {path}"
            ).format(path=path),
        )

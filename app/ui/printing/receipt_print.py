"""Printing receipts through Qt's print system: preview, system printer or PDF.

The receipt document is painted by hand (scaled to the printable width) rather
than with ``QTextDocument.print_``, which would add its own 2 cm margins and page
numbers.  Thermal paper gets a custom page as tall as the content, so a 58 mm
roll does not feed 30 cm of blank paper.  Without a system printer the output
is a PDF file, so a site without a printer still keeps its receipts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.services.receipts import ReceiptData
from app.ui.printing.receipt_layout import build_document, content_height_mm, paper

log = logging.getLogger(__name__)

# Extra paper below the content so rounding never spills onto a second page.
FIT_SLACK_MM = 2.0


def page_layout_for(doc: QTextDocument, layout: str) -> QPageLayout:
    """A4 as is; thermal paper as wide as the roll and as tall as the content."""
    spec = paper(layout)
    margins = QMarginsF(
        spec.side_margin_mm, spec.top_bottom_mm, spec.side_margin_mm, spec.top_bottom_mm
    )
    if spec.paper_height_mm is None:
        height = content_height_mm(doc) + 2 * spec.top_bottom_mm + FIT_SLACK_MM
        size = QPageSize(
            QSizeF(spec.paper_width_mm, height),
            QPageSize.Unit.Millimeter,
            f"Receipt {spec.name}",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
    else:
        size = QPageSize(QPageSize.PageSizeId.A4)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def configure_printer(printer: QPrinter, doc: QTextDocument, layout: str, name: str) -> None:
    printer.setFullPage(False)
    printer.setDocName(name)
    if not printer.setPageLayout(page_layout_for(doc, layout)):
        log.info("printer %s refused the %s page layout", printer.printerName(), layout)


def paint_document(printer: QPrinter, doc: QTextDocument) -> int:
    """Paint ``doc`` scaled to the printable width, page by page; returns pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.printerName() or printer.outputFileName()}")
    try:
        width = doc.textWidth()
        scale = printer.width() / width
        page_height = printer.height() / scale
        total = doc.size().height()
        painter.scale(scale, scale)
        pages = 0
        top = 0.0
        while True:
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, width, page_height))
            painter.restore()
            pages += 1
            top += page_height
            if top >= total - 0.5:
                break
            printer.newPage()
        return pages
    finally:
        painter.end()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def system_printer() -> QPrinter | None:
    """The default system printer, or None when the PC has none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        names = QPrinterInfo.availablePrinterNames()
        if not names:
            return None
        info = QPrinterInfo.printerInfo(names[0])
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_receipt_to_pdf(
    data: ReceiptData, layout: str, path: Path | str, lang: str = "zh_CN"
) -> int:
    """Write the receipt as a PDF (tests, archives, sites without a printer); returns pages."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = build_document(data, layout, lang)
    printer = pdf_printer(path)
    configure_printer(printer, doc, layout, data.receipt_no)
    pages = paint_document(printer, doc)
    log.info("receipt %s written to %s (%s, %d page(s))", data.receipt_no, path, layout, pages)
    return pages


def receipt_printer(data: ReceiptData, pdf_dir: Path, use_system: bool = True) -> QPrinter:
    """The system printer when there is one, otherwise a PDF in ``pdf_dir``."""
    printer = system_printer() if use_system else None
    if printer is None:
        pdf_dir.mkdir(parents=True, exist_ok=True)
        printer = pdf_printer(pdf_dir / f"{data.receipt_no}{'-copy' if data.copy else ''}.pdf")
    return printer


def site_receipt_options(layout: str | None = None, lang: str | None = None) -> tuple[str, str]:
    """Paper and language from the site settings (``receipt.layout``, ``ui.language``)
    unless given; needs the open site database when either is None."""
    from app import settings

    if layout is None:
        layout = str(settings.get("receipt.layout"))
    if lang is None:
        lang = str(settings.get("ui.language"))
    return layout, lang


def preview_receipt(
    parent: QWidget | None,
    data: ReceiptData,
    layout: str | None = None,
    lang: str | None = None,
    pdf_dir: Path | None = None,
    use_system_printer: bool = True,
) -> QPrintPreviewDialog:
    """Open (window-modal, not blocking) a print preview; its Print button prints.

    ``layout``/``lang`` default to the site settings.  Returns the dialog so
    callers and tests can watch or close it; it deletes itself when closed.
    """
    layout, lang = site_receipt_options(layout, lang)
    if pdf_dir is None:
        from app.paths import default_data_dir

        pdf_dir = default_data_dir() / "receipts"
    doc = build_document(data, layout, lang)
    printer = receipt_printer(data, pdf_dir, use_system_printer)
    configure_printer(printer, doc, layout, data.receipt_no)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per receipt: no pile-up
    dialog.setWindowTitle(
        QCoreApplication.translate("receipt_print", "Receipt {number}").format(
            number=data.receipt_no
        )
    )
    dialog.paintRequested.connect(lambda p: paint_document(p, doc))
    # The dialog outlives this call; keep the document and printer alive with it.
    dialog._receipt_doc = doc  # type: ignore[attr-defined]
    dialog._receipt_printer = printer  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def print_receipt(
    data: ReceiptData,
    layout: str | None = None,
    lang: str | None = None,
    printer: QPrinter | None = None,
) -> int:
    """Print without preview (reprints in a batch); returns pages printed."""
    layout, lang = site_receipt_options(layout, lang)
    doc = build_document(data, layout, lang)
    if printer is None:
        printer = system_printer()
        if printer is None:
            raise OSError("no printer is installed on this computer")
    configure_printer(printer, doc, layout, data.receipt_no)
    return paint_document(printer, doc)

"""A receipt as a QTextDocument sized for its paper (58 mm, 80 mm thermal or A4).

The document is the single source for preview, printer and PDF, so what the
tests read from ``toPlainText()`` is what the paper shows.  Thermal layouts are
narrow (label left, value right, long values on their own line) and black on
white only; the page height is fitted to the content by receipt_print.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument

from app.services.receipts import ReceiptData, ReceiptText, receipt_lines

log = logging.getLogger(__name__)

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PaperSpec:
    """Paper width, the printable width inside it and the type sizes that fit."""

    name: str
    paper_width_mm: float
    content_width_mm: float
    top_bottom_mm: float
    font_pt: float
    title_pt: float
    thermal: bool
    paper_height_mm: float | None = None  # None: fitted to the content

    @property
    def side_margin_mm(self) -> float:
        return (self.paper_width_mm - self.content_width_mm) / 2


PAPERS: dict[str, PaperSpec] = {
    "58mm": PaperSpec("58mm", 58.0, 48.0, 3.0, 7.5, 10.0, thermal=True),
    "80mm": PaperSpec("80mm", 80.0, 72.0, 3.0, 9.0, 12.0, thermal=True),
    "A4": PaperSpec("A4", 210.0, 170.0, 20.0, 11.0, 16.0, thermal=False, paper_height_mm=297.0),
}


def paper(layout: str) -> PaperSpec:
    try:
        return PAPERS[layout]
    except KeyError:
        raise ValueError(f"unknown receipt layout {layout!r}; use one of {list(PAPERS)}") from None


def document_dpi() -> float:
    """The resolution QTextDocument lays out at when it has no paint device."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def mm_to_doc(mm: float) -> float:
    return mm / MM_PER_INCH * document_dpi()


def doc_to_mm(px: float) -> float:
    return px * MM_PER_INCH / document_dpi()


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def receipt_html(text: ReceiptText, spec: PaperSpec) -> str:
    """The receipt as the rich-text subset QTextDocument understands."""
    pad = 2 if spec.thermal else 5
    label_width = "42%" if spec.thermal else "30%"
    parts = [
        f'<p align="center" style="font-size:{spec.title_pt}pt; font-weight:bold; '
        f'margin:0">{_e(text.site_name)}</p>',
        *(
            f'<p align="center" style="margin:0">{_e(line)}</p>'
            for line in (text.header, text.phone)
            if line
        ),
        f'<p align="center" style="font-size:{spec.font_pt + 1}pt; font-weight:bold; '
        f'margin-top:2px">{_e(text.title)}</p>',
    ]
    if text.copy_mark:
        parts.append(
            '<table width="100%" border="2" cellspacing="0" cellpadding="3" '
            'style="border-style:solid; border-color:#000">'
            f'<tr><td align="center" style="font-size:{spec.title_pt + 2}pt; '
            f'font-weight:bold">*** {_e(text.copy_mark)} ***</td></tr></table>'
        )
    parts.append("<hr/>")
    rows = []
    for line in text.lines:
        weight = "font-weight:bold; " if line.emphasis else ""
        size = f"font-size:{spec.font_pt + (2 if line.emphasis else 0)}pt"
        if not spec.thermal:
            # A4: a ruled form, label column shaded, every value on its label's row.
            rows.append(
                f'<tr><td width="{label_width}" bgcolor="#eeeeee">{_e(line.label)}</td>'
                f'<td style="{weight}{size}">{_e(line.value)}</td></tr>'
            )
        elif line.wide:
            rows.append(f'<tr><td colspan="2">{_e(line.label)}</td></tr>')
            rows.append(
                f'<tr><td colspan="2" align="right" style="{weight}">{_e(line.value)}</td></tr>'
            )
        else:
            rows.append(
                f'<tr><td width="{label_width}" valign="top">{_e(line.label)}</td>'
                f'<td align="right" style="{weight}{size}">{_e(line.value)}</td></tr>'
            )
    ruled = (
        ""
        if spec.thermal
        else ' border="1" style="border-collapse:collapse; border-style:solid; border-color:#000"'
    )
    parts.append(
        f'<table width="100%" cellspacing="0" cellpadding="{pad}"{ruled}>{"".join(rows)}</table>'
    )
    parts.append("<hr/>")
    signature, keep = text.footer
    blank = "_" * (14 if spec.name == "58mm" else 20)
    parts.append(f"<p>{_e(signature)}{blank}</p>")
    parts.append(f'<p align="center">{_e(keep)}</p>')
    if text.copy_mark:
        parts.append(f'<p align="center" style="font-weight:bold">{_e(text.copy_mark)}</p>')
    return "".join(parts)


def receipt_font(spec: PaperSpec, lang: str) -> QFont:
    font = QFont()
    families = ["DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "sans-serif"]
    if lang.startswith("zh"):
        families = ["Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "DejaVu Sans", "sans-serif"]
    font.setFamilies(families)
    font.setPointSizeF(spec.font_pt)
    return font


def build_document(data: ReceiptData, layout: str, lang: str = "zh_CN") -> QTextDocument:
    """A laid-out document whose text width is the paper's printable width."""
    spec = paper(layout)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(receipt_font(spec, lang))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, data.receipt_no)
    doc.setHtml(receipt_html(receipt_lines(data, lang), spec))
    doc.setTextWidth(mm_to_doc(spec.content_width_mm))
    return doc


def content_height_mm(doc: QTextDocument) -> float:
    return doc_to_mm(doc.size().height())

"""Receipts on paper: what the document holds, and how the printed page looks.

Content is read from the QTextDocument the program prints (DESIGN.md: pdftotext
drops digits from Qt's CJK PDFs); the look is checked on pages rendered with
pdftoppm: paper size, fitted height, ink where the text should be.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPageLayout
from PySide6.QtPrintSupport import QPrintPreviewWidget

from app.services.receipts import ReceiptData
from app.ui.printing.receipt_layout import PAPERS, build_document, content_height_mm, paper
from app.ui.printing.receipt_print import (
    page_layout_for,
    pdf_printer,
    preview_receipt,
    print_receipt,
    print_receipt_to_pdf,
    receipt_printer,
)

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")

DPI = 72  # one pixel per point: 58 mm is 164 px wide
MM = DPI / 25.4


def receipt(**kw) -> ReceiptData:
    values = dict(
        site_name="Riverside Mall 河畔广场",
        receipt_no="20261124-0000123",
        kind="sale",
        at=datetime(2026, 11, 24, 14, 5, 9),
        tenant_name="张三便利店",
        account_no="A-0042",
        meter_no="M057",
        amount_fen=100507,
        balance_after_fen=2345678,
        purchase_count=12,
        operator="cashier1",
        payment_method="alipay",
    )
    values.update(kw)
    return ReceiptData(**values)


def render(pdf: Path, dpi: int = DPI) -> list[QImage]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(pdf.parent.glob(prefix.name + "-*.png"))
    return [QImage(str(p)).convertToFormat(QImage.Format.Format_Grayscale8) for p in pages]


def dark_pixels(image: QImage, top: float = 0.0, bottom: float = 1.0) -> int:
    """Pixels darker than mid-grey in the horizontal band [top, bottom) of the page."""
    width, stride = image.width(), image.bytesPerLine()
    data = bytes(image.constBits())
    first, last = int(image.height() * top), int(image.height() * bottom)
    light = bytes(range(128))
    count = 0
    for row in range(first, last):
        line = data[row * stride : row * stride + width]
        count += width - len(line.translate(None, light))
    return count


EXPECTED_ZH = (
    "Riverside Mall 河畔广场",
    "20261124-0000123",
    "2026-11-24 14:05:09",
    "张三便利店",
    "A-0042",
    "M057",
    "1,005.07",
    "壹仟零伍元零柒分",
    "23,456.78",
    "购电次数",
    "12",
    "cashier1",
    "支付宝",
    "售电收据",
)
EXPECTED_EN = (
    "20261124-0000123",
    "CNY 1,005.07",
    "one thousand five yuan and seven fen",
    "Balance after",
    "CNY 23,456.78",
    "Purchase count",
    "Operator",
    "cashier1",
    "Alipay",
    "Electricity sale receipt",
)


@pytest.mark.parametrize("layout", list(PAPERS))
@pytest.mark.parametrize(("lang", "expected"), [("zh_CN", EXPECTED_ZH), ("en", EXPECTED_EN)])
def test_document_holds_every_fact(qapp, layout, lang, expected):
    text = build_document(receipt(), layout, lang).toPlainText()
    for needle in expected:
        assert needle in text, (layout, lang, needle)
    assert "COPY" not in text and "副本" not in text


@pytest.mark.parametrize("layout", list(PAPERS))
def test_reprint_marked_copy(qapp, layout):
    zh = build_document(receipt(copy=True), layout, "zh_CN").toPlainText()
    en = build_document(receipt(copy=True), layout, "en").toPlainText()
    assert zh.count("副本") == 2 and "COPY" in zh  # boxed under the title and at the foot
    assert en.count("COPY") == 2


def test_unknown_layout_refused():
    with pytest.raises(ValueError, match="58mm"):
        paper("letter")


@pytest.mark.parametrize("layout", ["58mm", "80mm"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_thermal_pdf_page_fits_paper_and_content(qapp, tmp_path, layout, lang):
    spec = paper(layout)
    pdf = tmp_path / f"{layout}-{lang}.pdf"
    assert print_receipt_to_pdf(receipt(), layout, pdf, lang) == 1
    [page] = render(pdf)
    assert page.width() == pytest.approx(spec.paper_width_mm * MM, abs=2)
    height_mm = page.height() / MM
    content_mm = content_height_mm(build_document(receipt(), layout, lang))
    assert 60 < height_mm < 200  # a receipt, not a 297 mm sheet
    assert height_mm == pytest.approx(content_mm + 2 * spec.top_bottom_mm + 2, abs=2)
    # ink in the header (site name, title), in the body, and nothing in the side margins
    assert dark_pixels(page, 0.0, 0.15) > 150
    assert dark_pixels(page, 0.3, 0.7) > 500
    margin_px = int(spec.side_margin_mm * MM) - 1
    left = page.copy(0, 0, margin_px, page.height())
    assert dark_pixels(left) == 0


def test_narrow_layouts_differ_in_width_and_wrap_more(qapp):
    doc58 = build_document(receipt(), "58mm", "en")
    doc80 = build_document(receipt(), "80mm", "en")
    assert doc58.textWidth() < doc80.textWidth()
    # the long English words line wraps on 58 mm
    assert doc58.size().height() > doc80.size().height() * 0.9


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a4_pdf(qapp, tmp_path, lang):
    pdf = tmp_path / f"a4-{lang}.pdf"
    assert print_receipt_to_pdf(receipt(copy=True), "A4", pdf, lang) == 1
    [page] = render(pdf)
    assert page.height() / page.width() == pytest.approx(297 / 210, rel=0.01)
    assert page.width() == pytest.approx(210 * MM, abs=2)
    assert dark_pixels(page, 0.05, 0.5) > 3000  # the receipt form is in the upper half
    assert dark_pixels(page, 0.8, 1.0) == 0  # and the rest of the sheet is blank


def ruled_rows(image: QImage, top: float, bottom: float) -> int:
    """Pixel rows in the band that are mostly ink: borders and rules, not text."""
    width, stride = image.width(), image.bytesPerLine()
    data = bytes(image.constBits())
    light = bytes(range(128))
    rows = 0
    for row in range(int(image.height() * top), int(image.height() * bottom)):
        line = data[row * stride : row * stride + width]
        rows += width - len(line.translate(None, light)) > 0.68 * width
    return rows


@pytest.mark.parametrize("layout", list(PAPERS))
def test_copy_mark_is_visible_ink(qapp, tmp_path, layout):
    original, copy = tmp_path / "o.pdf", tmp_path / "c.pdf"
    print_receipt_to_pdf(receipt(), layout, original, "zh_CN")
    print_receipt_to_pdf(receipt(copy=True), layout, copy, "zh_CN")
    [o], [c] = render(original), render(copy)
    # the boxed "*** 副本 COPY ***" near the top: its border lines are full-width ink
    assert ruled_rows(c, 0, 0.35) >= ruled_rows(o, 0, 0.35) + 4
    assert dark_pixels(c) > dark_pixels(o) + 1000
    if paper(layout).thermal:
        assert c.height() > o.height() + 5 * MM  # fitted: the mark takes paper


def test_long_notes_stay_on_one_fitted_page(qapp, tmp_path):
    data = receipt(
        kind="correction", notes="wrong meter chosen; " * 40, reference="20260101-0000001"
    )
    pdf = tmp_path / "long.pdf"
    assert print_receipt_to_pdf(data, "58mm", pdf, "en") == 1
    layout = page_layout_for(build_document(data, "58mm", "en"), "58mm")
    assert layout.fullRect().height() > 150  # mm: grew with the notes


def test_a4_overflow_goes_to_second_page(qapp, tmp_path):
    data = receipt(notes="very long remark " * 900)
    pdf = tmp_path / "long-a4.pdf"
    assert print_receipt_to_pdf(data, "A4", pdf, "en") >= 2
    pages = render(pdf, dpi=20)
    assert len(pages) >= 2


def test_print_receipt_to_given_printer(qapp, tmp_path):
    printer = pdf_printer(tmp_path / "direct.pdf")
    assert print_receipt(receipt(), "58mm", "en", printer=printer) == 1
    assert (tmp_path / "direct.pdf").stat().st_size > 1000


def test_pdf_fallback_printer(qapp, tmp_path):
    printer = receipt_printer(receipt(copy=True), tmp_path / "receipts", use_system=False)
    assert printer.outputFileName() == str(tmp_path / "receipts" / "20261124-0000123-copy.pdf")


def close_and_wait_deleted(qtbot, dialog) -> None:
    gone = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    dialog.close()
    qtbot.waitUntil(lambda: bool(gone))


def test_preview_dialog_shows_pages(qtbot, tmp_path):
    dialog = preview_receipt(
        None, receipt(copy=True), "80mm", "zh_CN", pdf_dir=tmp_path, use_system_printer=False
    )
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 1)
    assert dialog.isVisible()
    assert "20261124-0000123" in dialog.windowTitle()
    close_and_wait_deleted(qtbot, dialog)  # closing frees the dialog, document, printer


def test_preview_follows_site_settings_and_prints_to_pdf(qtbot, database, tmp_path):
    from app import settings

    settings.put("receipt.layout", "58mm")
    settings.put("ui.language", "en")
    dialog = preview_receipt(None, receipt(), pdf_dir=tmp_path, use_system_printer=False)
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == 1)
    printer = dialog.printer()
    assert printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter).width() == pytest.approx(58)
    widget.print()  # what the dialog's Print button does once a file/printer is chosen
    pdf = tmp_path / "20261124-0000123.pdf"
    [page] = render(pdf)
    assert page.width() == pytest.approx(58 * MM, abs=2)
    assert dark_pixels(page, 0, 0.15) > 100
    close_and_wait_deleted(qtbot, dialog)


def test_the_printed_receipt_shows_the_sites_header_and_phone(qapp):
    doc = build_document(receipt(header="物业管理处 收费窗口", phone="0571-8888 1234"), "80mm")
    text = doc.toPlainText().splitlines()
    assert text[:3] == ["Riverside Mall 河畔广场", "物业管理处 收费窗口", "电话: 0571-8888 1234"]

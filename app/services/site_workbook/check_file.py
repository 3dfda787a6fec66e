"""Reading and checking a whole workbook into a ``Preview``; nothing is written.

Safe to run off the GUI thread (it only reads the database) and as often as
the operator likes: the dialog and ``import --dry-run`` show exactly this.
"""

from __future__ import annotations

from pathlib import Path

from app.services.site_workbook.checks import check_book
from app.services.site_workbook.diff import diff
from app.services.site_workbook.preview import Preview
from app.services.site_workbook.reader import read_book
from app.services.site_workbook.snapshot import account_numbers, current_site, open_accounts


def preview_file(path: str | Path) -> Preview:
    """Every row of ``path`` checked and compared with the open site.

    Raises ``WorkbookUnusable`` when the file is no workbook at all; every other
    refusal is a ``Problem`` in the preview, all of them at once, and the rows
    without a problem are compared all the same (shown after the problems).
    """
    book = read_book(path)
    site = current_site()
    accounts = open_accounts()
    rows = check_book(book, site, accounts, account_numbers())
    preview = Preview(str(path), book.problems, book.notes, rows)
    preview.problems.sort(key=lambda p: (_sheet_order(p.sheet), p.row))
    diff(preview, site, accounts)  # with problems too: what the good rows would do
    return preview


def _sheet_order(title: str) -> int:
    from app.services.site_workbook import layout

    titles = [s.title for s in layout.SHEETS]
    return titles.index(title) + 1 if title in titles else 0

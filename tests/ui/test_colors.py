"""Colours are declared once: app/ui/support/colors.py names them by meaning (ERROR, OK, ...).

A hex colour written into another ui file is a second declaration that drifts
(the program had two "ok" greens and two error reds). Two files keep their own
palettes on purpose: the mark badges (one colour per mark, grid/marks.py),
the printed receipt (HTML for paper, printing/receipt_layout.py) and the
tenants' touch-screen kiosk (its own high-contrast theme, kiosk/style.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.ui.support import colors

UI = Path(__file__).resolve().parents[2] / "app" / "ui"
OWN_PALETTES = {
    "support/colors.py",
    "grid/marks.py",
    "printing/receipt_layout.py",
    "kiosk/style.py",
}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_no_colour_is_written_outside_the_palette():
    found = []
    for path in sorted(UI.rglob("*.py")):
        name = path.relative_to(UI).as_posix()
        if name in OWN_PALETTES:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_meanings_have_distinct_colours():
    meanings = [colors.ERROR, colors.OK, colors.WARNING, colors.MUTED]
    assert len(set(meanings)) == len(meanings)
    assert colors.text_style(colors.ERROR) == f"color: {colors.ERROR};"
    assert colors.text_style("") == ""

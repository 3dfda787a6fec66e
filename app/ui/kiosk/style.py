"""The kiosk's look: type big enough to read standing, buttons big enough for a finger."""

from __future__ import annotations

BASE_PT = 22  # ordinary text
BIG_PT = 64  # the balance
KEY_SIZE = 110  # a keypad key's side, px

# The touch screen's own palette (like the receipt's, apart from the operators' window):
# high contrast for a corridor, one colour a meaning.
POWER_ON = "#2e7d32"  # the shop has power
POWER_OFF = "#c62828"  # it has not

STYLE = f"""
QWidget#kiosk {{ background: #f4f6f8; }}
QWidget#kiosk QLabel, QWidget#kiosk QPushButton, QWidget#kiosk QLineEdit,
QWidget#kiosk QTableWidget, QWidget#kiosk QHeaderView::section {{ font-size: {BASE_PT}pt; }}
QWidget#kiosk QPushButton {{
    min-height: 72px; padding: 6px 22px; border-radius: 12px;
    background: #ffffff; border: 2px solid #9aa5b1; color: #102a43;
}}
QWidget#kiosk QPushButton:pressed {{ background: #d9e2ec; }}
QWidget#kiosk QPushButton:checked {{ background: #1f6feb; color: white; border-color: #1f6feb; }}
QWidget#kiosk QPushButton:disabled {{ color: #9aa5b1; border-color: #d9e2ec; }}
QWidget#kiosk QPushButton[role="primary"] {{ background: #1f6feb; color: white; border: none; }}
QWidget#kiosk QPushButton[role="danger"] {{ background: #c62828; color: white; border: none; }}
QWidget#kiosk QPushButton[role="key"] {{ font-size: 34pt; min-width: {KEY_SIZE}px;
    min-height: {KEY_SIZE}px; }}
QWidget#kiosk QPushButton[role="quiet"] {{ font-size: 14pt; min-height: 44px;
    background: transparent; border: none; color: #829ab1; }}
QWidget#kiosk QLineEdit {{ min-height: 72px; font-size: 30pt; padding: 0 14px;
    border: 2px solid #9aa5b1; border-radius: 10px; background: white; }}
QWidget#kiosk QLineEdit:focus {{ border: 3px solid #1f6feb; }}
QWidget#kiosk QLabel[role="title"] {{ font-size: 36pt; font-weight: bold; color: #102a43; }}
QWidget#kiosk QLabel[role="big"] {{ font-size: {BIG_PT}pt; font-weight: bold; color: #102a43; }}
QWidget#kiosk QLabel[role="hint"] {{ font-size: 18pt; color: #486581; }}
QWidget#kiosk QLabel[role="error"] {{ font-size: 22pt; color: #c62828; font-weight: bold; }}
QWidget#kiosk QLabel[role="notice"] {{ font-size: 20pt; color: #8d6e00; background: #fff3c4;
    padding: 10px; border-radius: 8px; }}
QWidget#kiosk QFrame[role="card"] {{ background: white; border-radius: 16px;
    border: 1px solid #d9e2ec; }}
"""


def set_role(widget, role: str):
    """Style ``widget`` by its role (see STYLE); returns it."""
    widget.setProperty("role", role)
    return widget

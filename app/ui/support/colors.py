"""The one table from grid state to colour, and the legend's words.

Tiles, table cells, the legend and the status bar counts all read this table,
so a colour means the same thing everywhere (SPEC "The meter grid").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.meter_state import GridState

CONTEXT = "GridState"


@dataclass(frozen=True)
class StateStyle:
    fill: str  # tile / cell background
    text: str  # readable text on that background
    label: str  # untranslated legend text (QT_TRANSLATE_NOOP)
    hatched: bool = False


STATE_STYLES: dict[GridState, StateStyle] = {
    GridState.UNOPENED: StateStyle(
        "#b8bcc2", "#1d2125", QT_TRANSLATE_NOOP("GridState", "Not opened")
    ),
    GridState.NORMAL: StateStyle("#3cb371", "#0b2915", QT_TRANSLATE_NOOP("GridState", "Normal")),
    GridState.ALARM1: StateStyle("#f2d43d", "#3a3000", QT_TRANSLATE_NOOP("GridState", "Alarm 1")),
    GridState.ALARM2: StateStyle("#f08c28", "#341a00", QT_TRANSLATE_NOOP("GridState", "Alarm 2")),
    GridState.ARREARS: StateStyle("#d8342c", "#ffffff", QT_TRANSLATE_NOOP("GridState", "Arrears")),
    GridState.OFFLINE: StateStyle(
        "#3d4147", "#e8eaed", QT_TRANSLATE_NOOP("GridState", "Offline"), hatched=True
    ),
    GridState.WAITING: StateStyle(
        "#dfe3e8", "#4a5058", QT_TRANSLATE_NOOP("GridState", "Waiting for first answer")
    ),
    # A metering-only meter (no prepaid): answering, nothing to pay; never a money colour.
    GridState.METERING: StateStyle(
        "#8fb8de", "#0d2438", QT_TRANSLATE_NOOP("GridState", "Metering")
    ),
}

# Legend order: the way an operator reads urgency, calm to alarming, offline last.
LEGEND_ORDER = (
    GridState.NORMAL,
    GridState.ALARM1,
    GridState.ALARM2,
    GridState.ARREARS,
    GridState.UNOPENED,
    GridState.METERING,
    GridState.OFFLINE,
    GridState.WAITING,
)

HATCH_COLOR = "#7a7f87"
SELECTION_COLOR = "#1565c0"
MARK_OUTLINE = "#ffffff"  # the ring round a mark badge, on a tile and in the legend

# What a text's colour says, the same in every window: an outcome, a bus, a log row.
ERROR = "#b00020"  # failed, refused, no answer, port error
OK = "#1b5e20"  # confirmed, answered, running
WARNING = "#a05a00"  # uncertain, partial, connecting: look again later
MUTED = "#555555"  # stopped, nothing to say
LOCK_COVER = "#2b2f36"  # the locked window's cover, and its text
LOCK_COVER_TEXT = "#d0d4da"
# The tariff editor's 24-hour bar: one colour a rate (sharp, peak, flat, valley), a gap
# (nothing covers it), an overlap (hatched over), and the rate names written on it.
RATE_COLORS = ("#c62828", "#ef6c00", "#2e7d32", "#1565c0")
TARIFF_GAP = "#9e9e9e"
TARIFF_OVERLAP = "#000000"
TARIFF_BAR_TEXT = "#ffffff"

# Charts (meter history, building totals): axes and text, bars, lines, marks.
CHART_FOREGROUND = LOCK_COVER
CHART_BAR = "#1565c0"  # a whole day / half hour
CHART_BAR_PARTIAL = "#90b4e0"  # part of it is a gap, or it is not over yet
CHART_LINE = "#2e7d32"
CHART_RECHARGE = "#ef6c00"
CHART_GUIDE = TARIFF_GAP  # the hover line and the mark of a day without data


def text_style(color: str) -> str:
    """A style sheet that colours a label's text (``""``: the palette's own colour)."""
    return f"color: {color};" if color else ""


def state_label(state: GridState) -> str:
    return QCoreApplication.translate(CONTEXT, STATE_STYLES[state].label)


def fill_color(state: GridState) -> QColor:
    return QColor(STATE_STYLES[state].fill)


def text_color(state: GridState) -> QColor:
    return QColor(STATE_STYLES[state].text)


def background_brush(state: GridState) -> QBrush:
    """A table cell's fill (the state cell delegate adds the offline hatching)."""
    return QBrush(QColor(STATE_STYLES[state].fill))


def hatch_brush() -> QBrush:
    return QBrush(QColor(HATCH_COLOR), Qt.BrushStyle.BDiagPattern)

"""The daily usage chart as plain geometry for an inline SVG (no script, no image file).

The template draws one bar per day (a gap stays empty) with the largest
day's value and the first and last dates as labels, so a phone shows it at
any width (the SVG scales with its viewBox).
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360
HEIGHT = 160
TOP = 18  # room for the max label
BOTTOM = 20  # room for the date labels


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str  # the day and its energy, shown as the bar's tooltip


@dataclass(frozen=True)
class DailyChart:
    bars: list[Bar]
    max_label: str
    first_label: str
    last_label: str
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM


def kwh(energy: int) -> str:
    """0.01 kWh units as text."""
    return f"{energy / 100:.2f}"


def daily_chart(days, unit: str) -> DailyChart | None:
    """Bars for ``DayUsage`` rows (oldest first); None when no day has data."""
    values = [d.energy for d in days if d.energy is not None]
    if not values:
        return None
    top = max(max(values), 1)
    slot = WIDTH / len(days)
    gap = max(slot * 0.2, 1.0)
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for i, day in enumerate(days):
        if day.energy is None:
            continue
        h = max(plot * day.energy / top, 1.0 if day.energy else 0.0)
        bars.append(
            Bar(
                x=round(i * slot + gap / 2, 1),
                y=round(HEIGHT - BOTTOM - h, 1),
                width=round(slot - gap, 1),
                height=round(h, 1),
                title=f"{day.day:%m-%d} {kwh(day.energy)} {unit}",
            )
        )
    return DailyChart(
        bars=bars,
        max_label=f"{kwh(top)} {unit}",
        first_label=f"{days[0].day:%m-%d}",
        last_label=f"{days[-1].day:%m-%d}",
    )

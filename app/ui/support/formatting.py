"""Integer units to the text an operator reads; no floats touch money.

Money is fen, energy 0.01 kWh, price 0.0001 yuan/kWh, voltage 0.1 V,
current 0.01 A, power factor 0.001, frequency 0.01 Hz (SPEC "Billing rules").
"""

from __future__ import annotations

import time

from app.services.money import format_fen_grouped


def _scaled(value: int, decimals: int, group: bool = False) -> str:
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(int(value)), 10**decimals)
    whole_text = f"{whole:,}" if group else str(whole)
    return f"{sign}{whole_text}.{frac:0{decimals}d}" if decimals else f"{sign}{whole_text}"


def yuan(fen: int) -> str:
    """12345 fen -> '123.45'; grouped thousands: '1,234,567.89' (the billing formatter)."""
    return format_fen_grouped(fen)


def money_text(fen: int) -> str:
    """With the currency sign: '¥1,234.56', '-¥0.89'."""
    text = yuan(fen)
    return "-¥" + text[1:] if text.startswith("-") else "¥" + text


def kwh(hundredths: int) -> str:
    return _scaled(hundredths, 2, group=True)


def price(ten_thousandths: int) -> str:
    return _scaled(ten_thousandths, 4)


def volts(tenths: int) -> str:
    return _scaled(tenths, 1)


def amps(hundredths: int) -> str:
    return _scaled(hundredths, 2)


def kw(watts: int) -> str:
    return _scaled(watts, 3)


def power_factor(thousandths: int) -> str:
    return _scaled(thousandths, 3)


def hertz(hundredths: int) -> str:
    return _scaled(hundredths, 2)


def clock_time(unix: float | None, now: float | None = None) -> str:
    """Time of day for today, date and time otherwise; '' when never."""
    if unix is None:
        return ""
    now = time.time() if now is None else now
    local = time.localtime(unix)
    if time.localtime(now)[:3] == local[:3]:
        return time.strftime("%H:%M:%S", local)
    return time.strftime("%Y-%m-%d %H:%M", local)


def date_time(unix: float | None) -> str:
    if unix is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(unix))


def short_time(unix: float | None, now: float | None = None) -> str:
    """For a tile: '14:02' today, '11-14 22:13' before."""
    if unix is None:
        return ""
    now = time.time() if now is None else now
    local = time.localtime(unix)
    if time.localtime(now)[:3] == local[:3]:
        return time.strftime("%H:%M", local)
    return time.strftime("%m-%d %H:%M", local)


def drift_text(seconds: int) -> str:
    """A clock difference in the largest whole unit: '+5 min', '-3 h', '+18 d'."""
    sign = "-" if seconds < 0 else "+"
    s = abs(int(seconds))
    if s >= 86400:
        return f"{sign}{s // 86400} d"
    if s >= 3600:
        return f"{sign}{s // 3600} h"
    return f"{sign}{s // 60} min"

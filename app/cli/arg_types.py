"""argparse types for numbers on the command line: finite and within a stated range.

``float()`` accepts "nan", "inf" and "1e308", and each of them used to reach a
sleep, a clock or an ``int()`` and end in a traceback. With these types a bad
value stops the command while its arguments are parsed, before a database, a
key file or a port is touched: argparse prints ``error: argument --timeout: ...``
and exits with code 2 (the usage-error code every subcommand documents).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable

# A wait for a meter (``sell --timeout``, ``verify --timeout``): below one second no
# bus transaction can finish; above an hour the operator is better told "not yet".
MIN_TIMEOUT_S = 1.0
MAX_TIMEOUT_S = 3600.0


def finite_float(text: str) -> float:
    """A number that is neither NaN nor infinite."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, not {text!r}")
    return value


def float_range(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    """A type accepting finite numbers from ``low`` to ``high`` (both included)."""

    def parse(text: str) -> float:
        value = finite_float(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be from {_plain(low)} to {_plain(high)}{unit}, not {text}"
            )
        return value

    parse.__name__ = f"number {_plain(low)} to {_plain(high)}{unit}"
    return parse


def _plain(value: float) -> str:
    """1000000 rather than 1e+06 in a message."""
    return str(int(value)) if value == int(value) else f"{value:g}"


# Seconds to wait for a meter's answer or a sale's outcome: 1 s to 1 hour.
timeout_seconds = float_range(MIN_TIMEOUT_S, MAX_TIMEOUT_S, " s")


def calendar_day(text: str) -> dt.date:
    """A day written the program's one way, 2026-03-01."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None

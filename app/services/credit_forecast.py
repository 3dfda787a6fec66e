"""Days of credit left for an opened meter (issue #13). STUB: helper A1 implements.

``forecast(meter_id, now)`` answers when the credit runs out at the last 7
days' consumption and the tariff in force (rates by time of day included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message

TOO_LITTLE_HISTORY = QT_TRANSLATE_NOOP("Errors", "too little history to tell")


@dataclass(frozen=True)
class Forecast:
    days: float | None  # None: cannot tell (``reason`` says why)
    runs_out_at: dt.datetime | None  # naive UTC
    reason: Message | None = None


def forecast(meter_id: int, now: dt.datetime | None = None) -> Forecast:
    return Forecast(None, None, Message(TOO_LITTLE_HISTORY))

"""The detail dialog's texts from a ``MeterRecord``: integer units to what people read.

Kept apart from the dialog so the wording and units are tested without widgets.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.serial_io.meter_data import STATUS_FLAGS, MeterStatus
from app.ui.grid.record import MeterRecord, profile_title
from app.ui.support import formatting as fmt
from app.ui.support.error_text import error_text

CONTEXT = "MeterDetail"

RATE_LABELS = (
    QT_TRANSLATE_NOOP("MeterDetail", "sharp"),
    QT_TRANSLATE_NOOP("MeterDetail", "peak"),
    QT_TRANSLATE_NOOP("MeterDetail", "flat"),
    QT_TRANSLATE_NOOP("MeterDetail", "valley"),
)

FLAG_LABELS = {
    "relay_open": QT_TRANSLATE_NOOP("MeterDetail", "relay open"),
    "prepaid_mode": QT_TRANSLATE_NOOP("MeterDetail", "prepaid mode"),
    "keep_power": QT_TRANSLATE_NOOP("MeterDetail", "keep power"),
    "forced_trip": QT_TRANSLATE_NOOP("MeterDetail", "forced trip"),
    "alarm1": QT_TRANSLATE_NOOP("MeterDetail", "alarm 1"),
    "alarm2": QT_TRANSLATE_NOOP("MeterDetail", "alarm 2"),
    "arrears": QT_TRANSLATE_NOOP("MeterDetail", "arrears"),
    "overload_trip": QT_TRANSLATE_NOOP("MeterDetail", "overload trip"),
    "cover_open": QT_TRANSLATE_NOOP("MeterDetail", "cover open"),
    "key_installed": QT_TRANSLATE_NOOP("MeterDetail", "key installed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def flag_names(status: MeterStatus) -> list[str]:
    return [_tr(FLAG_LABELS[f]) for f in STATUS_FLAGS if getattr(status, f)]


def _phases(status: MeterStatus, phases: int, attr: str, fmt_one) -> str:
    values = [getattr(status, f"{attr}_{p}") for p in "abc"[: max(1, min(3, phases))]]
    return " / ".join(fmt_one(v) for v in values)


# What a metering-only meter (a profile without MONEY) has none of: the detail hides them.
MONEY_KEYS = frozenset(
    {"balance", "days_left", "purchase_count", "total_purchased", "rate", "price"}
)


def _bus_text(row) -> str:
    if row.circuit:
        return QCoreApplication.translate("MeterDetail", "{0}, address {1} / circuit {2}").format(
            row.bus_name, row.address, row.circuit
        )
    return QCoreApplication.translate("MeterDetail", "{0}, address {1}").format(
        row.bus_name, row.address
    )


def _tenant_text(rec: MeterRecord) -> str:
    if rec.row.tenant:
        return rec.row.tenant
    if not rec.prepaid:
        return QCoreApplication.translate("MeterDetail", "(metering only, no account)")
    return QCoreApplication.translate("MeterDetail", "(not opened)")


def live_values(rec: MeterRecord, now: float | None = None, speed: float = 1.0) -> dict[str, str]:
    """The live tab's texts by key; a metering-only meter has no MONEY_KEYS."""
    row, st = rec.row, rec.status
    out = {
        "tenant": _tenant_text(rec),
        "location": row.location,
        "building": row.building or "",
        "bus": _bus_text(row),
        "profile": profile_title(rec.profile),
        "serial": row.serial,
        "phases": str(row.phases),
        "tariff": row.tariff,
    }
    if st is None:
        return out
    rate = _tr(RATE_LABELS[st.rate]) if 0 <= st.rate < len(RATE_LABELS) else str(st.rate)
    clock = fmt.date_time(st.clock) if st.clock else ""
    if st.clock and speed != 1.0:  # a demo meter keeps the demo's own time, not this PC's
        clock += " " + QCoreApplication.translate(
            "MeterDetail", "(demo time, runs {0}× faster than real time)"
        ).format(f"{speed:g}")
    elif st.clock:
        drift = int(st.clock - (time.time() if now is None else now))
        if abs(drift) >= 60:
            clock += " " + QCoreApplication.translate("MeterDetail", "({0} from this PC)").format(
                fmt.drift_text(drift)
            )
    out |= {
        "balance": fmt.yuan(st.balance),
        "days_left": rec.days_left_text(),
        "purchase_count": str(st.purchase_count),
        "total_purchased": fmt.yuan(st.total_purchased),
        "rate": rate,
        "price": fmt.price(st.price),
        "energy_total": fmt.kwh(st.energy_total),
        "energy_sharp": fmt.kwh(st.energy_sharp),
        "energy_peak": fmt.kwh(st.energy_peak),
        "energy_flat": fmt.kwh(st.energy_flat),
        "energy_valley": fmt.kwh(st.energy_valley),
        "voltage": _phases(st, row.phases, "voltage", fmt.volts),
        "current": _phases(st, row.phases, "current", fmt.amps),
        "power": fmt.kw(st.power),
        "power_factor": fmt.power_factor(st.power_factor),
        "frequency": fmt.hertz(st.frequency),
        "relay": rec.relay_text(),
        "clock": clock,
    }
    unread = rec.profile.unread  # what the family does not read: a dash, never a made-up 0
    for key, field in _VALUE_FIELDS.items():
        if field in unread:
            out[key] = NOT_READ
    if not rec.prepaid:
        out = {k: v for k, v in out.items() if k not in MONEY_KEYS}
    return out


NOT_READ = "—"
# live-tab key -> the MeterStatus field it shows (for the profiles' ``unread``)
_VALUE_FIELDS = {
    "total_purchased": "total_purchased", "rate": "rate", "price": "price",
    "energy_sharp": "energy_sharp", "energy_peak": "energy_peak", "energy_flat": "energy_flat",
    "energy_valley": "energy_valley", "voltage": "voltage_a", "power_factor": "power_factor",
    "frequency": "frequency", "clock": "clock",
}  # fmt: skip


def comm_values(rec: MeterRecord) -> dict[str, str]:
    s = rec.stats
    return {
        "online": QCoreApplication.translate("MeterDetail", "answering")
        if rec.online
        else QCoreApplication.translate("MeterDetail", "OFFLINE (not answering)"),
        "answers": str(s.answers),
        "timeouts": str(s.timeouts),
        "crc_errors": str(s.crc_errors),
        "exceptions": str(s.exceptions),
        "misses": str(s.consecutive_misses),
        "response_ms": "" if s.last_response_ms is None else f"{round(s.last_response_ms)} ms",
        "last_error": error_text(rec.error or s.last_error)
        or QCoreApplication.translate("MeterDetail", "none"),
        "last_answer": fmt.date_time(rec.updated_at)
        if rec.updated_at
        else QCoreApplication.translate("MeterDetail", "never"),
    }

"""One meter's live row in the grid: the loaded ``GridRow`` plus what polls told us.

Plain Python (slots), so the model, the filter proxy and the tile delegate
read attributes directly instead of going through ``data()`` per role.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication

from app.serial_io.events import PURCHASE_MISMATCH, MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus
from app.serial_io.profiles import MeterProfile
from app.services.credit_forecast import Forecast, UseRate, days_left
from app.services.grid_data import GridRow, natural_key
from app.services.meter_profiles import profile_named
from app.services.meter_state import GridState, classify
from app.ui.grid.marks import marks_for
from app.ui.support import formatting as fmt
from app.ui.support.error_text import error_text

# Sorting by state puts the meters that need someone first.
SEVERITY = {
    GridState.OFFLINE: 0,
    GridState.ARREARS: 1,
    GridState.ALARM2: 2,
    GridState.ALARM1: 3,
    GridState.NORMAL: 4,
    GridState.UNOPENED: 5,
    GridState.METERING: 6,
    GridState.WAITING: 7,
}


def _unix(naive_utc: dt.datetime) -> float:
    return naive_utc.replace(tzinfo=dt.UTC).timestamp()


def comm_failures(stats: CommStats) -> int:
    return stats.timeouts + stats.crc_errors + stats.exceptions


def address_text(row: GridRow) -> str:
    """'12', or '12.3' for circuit 3 of a multi-circuit meter at address 12."""
    return f"{row.address}.{row.circuit}" if row.circuit else str(row.address)


def circuit_text(row: GridRow) -> str:
    """'circuit 3' on a multi-circuit meter's tile; '' for a meter of its own."""
    if not row.circuit:
        return ""
    return QCoreApplication.translate("MeterRecord", "circuit {0}").format(row.circuit)


def place_text(row: GridRow) -> str:
    """'address 12' or 'address 12 / circuit 3' (tooltips, the meter detail)."""
    if row.circuit:
        return QCoreApplication.translate("MeterRecord", "address {0} / circuit {1}").format(
            row.address, row.circuit
        )
    return QCoreApplication.translate("MeterRecord", "address {0}").format(row.address)


def profile_title(profile: MeterProfile) -> str:
    """The family's name in the operator's language (its name when it has no title)."""
    return QCoreApplication.translate("Profile", profile.title) if profile.title else profile.name


def _search_text(row: GridRow) -> str:
    """What the grid's text search looks in (number, tenant, location, address)."""
    return "\x00".join((row.number, row.tenant or "", row.location, address_text(row))).casefold()


class MeterRecord:
    __slots__ = (
        "error",
        "marks",
        "meter_id",
        "mismatch",
        "number_key",
        "online",
        "polled",
        "prepaid",
        "profile",
        "row",
        "search_text",
        "state",
        "stats",
        "status",
        "updated_at",
    )

    def __init__(self, row: GridRow) -> None:
        self.row = row
        self.meter_id = row.meter_id
        self.number_key = natural_key(row.number)
        self.search_text = _search_text(row)
        self.profile = profile_named(row.profile)
        self.prepaid = self.profile.prepaid  # False: metering only, no balance, no money
        self.status: MeterStatus | None = row.status
        self.online = row.online
        self.stats = row.stats
        self.updated_at = row.updated_at
        self.error = row.stats.last_error
        self.mismatch = False
        # Polled in this run yet? A meter with stored values shows them until then; one
        # with nothing stored is "waiting for first answer", not "offline, never answered".
        self.polled = False
        self.state = GridState.OFFLINE
        self.marks = frozenset()
        self._classify()

    def set_row(self, row: GridRow) -> bool:
        """New tenant or thresholds (account opened, closed, replaced); live values stay."""
        if (
            row.tenant,
            row.alarm1,
            row.alarm2,
            row.location,
            row.params_unsynced,
            row.unacked_alarm,
            row.use_rate,
        ) == (
            self.row.tenant,
            self.row.alarm1,
            self.row.alarm2,
            self.row.location,
            self.row.params_unsynced,
            self.row.unacked_alarm,
            self.row.use_rate,
        ):
            return False
        self.row = row
        self.search_text = _search_text(row)
        self._classify()
        return True

    @property
    def waiting(self) -> bool:
        """Nothing known yet: this run's poller has not reported it and nothing is stored
        (no status, no attempt): "waiting for first answer", not "offline, never answered"."""
        s = self.stats
        tried = s.answers or comm_failures(s) or s.last_error
        return not self.polled and self.status is None and not tried

    def _classify(self) -> None:
        if self.waiting:  # not "offline, never answered": nobody has asked it yet
            self.state = GridState.WAITING
            self.marks = frozenset()
            return
        has_account = self.row.tenant is not None
        self.state = classify(
            has_account, self.online, self.status, self.row.alarm1, self.row.alarm2, self.prepaid
        )
        self.marks = marks_for(
            self.status,
            self.online,
            self.mismatch,
            self.row.params_unsynced,
            self.row.unacked_alarm,
        )

    def set_alarm_info(self, unacked: bool, rate: UseRate | None) -> bool:
        """A timer's refresh of the alarm mark and the use rate; True when either changed."""
        if unacked == self.row.unacked_alarm and rate == self.row.use_rate:
            return False
        self.row = dataclasses.replace(self.row, unacked_alarm=unacked, use_rate=rate)
        self._classify()
        return True

    def forecast(self) -> Forecast | None:
        """Days of credit left at the live balance (None: not an opened meter holding money)."""
        if not self.prepaid or self.row.tenant is None or self.row.use_rate is None:
            return None
        balance = self.status.balance if self.status is not None else None
        return days_left(balance, self.row.use_rate)

    def days_left_text(self) -> str:
        """'about 4.5 days (to 2026-03-15)', why it cannot tell, or '' for no account."""
        f = self.forecast()
        if f is None:
            return ""
        if f.days is None:
            return error_text(f.reason)
        if f.days <= 0:
            return QCoreApplication.translate("MeterRecord", "none left")
        until = fmt.date_time(_unix(f.runs_out_at))[:16]  # to the minute
        return QCoreApplication.translate("MeterRecord", "about {0} days (to {1})").format(
            f"{f.days:.1f}", until
        )

    def apply(self, update: MeterUpdate) -> bool:
        """Take one poll's outcome; True when anything shown changed.

        A missed poll keeps the last known status (shown stale and hatched
        once the worker declares the meter offline).
        """
        status = update.status if update.status is not None else self.status
        updated_at = update.at if update.status is not None else self.updated_at
        fresh = update.status is not None
        mismatch = PURCHASE_MISMATCH in update.flags if fresh else self.mismatch
        if (  # cheap comparisons first: a fresh poll differs in its time already
            self.polled
            and updated_at == self.updated_at
            and mismatch == self.mismatch
            and update.online == self.online
            and update.error == self.error
            and update.stats == self.stats
            and status == self.status
        ):
            return False
        self.polled = True
        self.status = status
        self.updated_at = updated_at
        self.mismatch = mismatch
        self.online = update.online
        self.stats = update.stats
        self.error = update.error
        self._classify()
        return True

    def set_mismatch(self, mismatch: bool) -> bool:
        if mismatch == self.mismatch:
            return False
        self.mismatch = mismatch
        self._classify()
        return True

    def balance_text(self, money) -> str:
        """The balance through ``money`` (a formatter), or "Metering" on a meter holding none."""
        if not self.prepaid:
            return QCoreApplication.translate("MeterRecord", "Metering")
        return money(self.status.balance) if self.status is not None else ""

    def relay_text(self) -> str:
        st = self.status
        if st is None:
            return ""
        if st.keep_power:
            return QCoreApplication.translate("MeterRecord", "Keep power")
        if not st.relay_open:
            return QCoreApplication.translate("MeterRecord", "Closed")
        if st.forced_trip:
            return QCoreApplication.translate("MeterRecord", "Tripped")
        if st.overload_trip:
            return QCoreApplication.translate("MeterRecord", "Open (overload)")
        if st.arrears:
            return QCoreApplication.translate("MeterRecord", "Open (arrears)")
        return QCoreApplication.translate("MeterRecord", "Open")

    def comm_text(self) -> str:
        """'35 ms' while answering; why not, once a meter stops answering."""
        s = self.stats
        if self.waiting:
            return QCoreApplication.translate("MeterRecord", "waiting for first answer")
        if not self.online:
            return error_text(self.error or s.last_error) or QCoreApplication.translate(
                "MeterRecord", "no answer"
            )
        if s.consecutive_misses:
            return QCoreApplication.translate("MeterRecord", "missed {0}").format(
                s.consecutive_misses
            )
        if s.last_response_ms is None:
            return ""
        return QCoreApplication.translate("MeterRecord", "{0} ms").format(round(s.last_response_ms))

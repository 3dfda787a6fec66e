"""What happens on every valid answer from a meter (in its bus worker thread).

1. Entries left *uncertain* or *pending* by a lost answer or a killed process
   are settled from the purchase count the meter just reported (SPEC
   "exactly-once crediting": settled "on the next contact").
2. The purchase-count check: the meter's count must equal the ledger's count
   of confirmed credit commands since the account was opened; a difference is a
   red "purchase count mismatch" alarm (possible fraud or an unrecorded
   recharge), written once to the system log when it appears and when it clears.

Both need the ledger, which changes rarely compared with how often meters are
polled: answers are cached per meter and dropped whenever the ledger's head row
moves, so a poll normally costs one small query. That query is plain SQL on
the thread's connection: through the ORM it cost more than the whole rest of
a poll's Python (issue #9: 40 buses share one interpreter).
"""

from __future__ import annotations

import logging

from app.errors import QT_TRANSLATE_NOOP
from app.models import LedgerHead, db
from app.serial_io.events import PURCHASE_COUNT_OK, PURCHASE_MISMATCH, MeterRef
from app.serial_io.meter_data import MeterStatus
from app.services import ledger, settlement
from app.services.audit import log_action, log_message
from app.services.permissions import SYSTEM

log = logging.getLogger(__name__)

MISMATCH_TARGET = QT_TRANSLATE_NOOP("SystemLog", "meter address {address} serial {serial}")
MISMATCH_DETAIL = QT_TRANSLATE_NOOP(
    "SystemLog", "purchase count: meter {counted}, ledger {expected}"
)

_UNKNOWN = object()
_MISMATCH = frozenset({PURCHASE_MISMATCH})
_COUNT_OK = frozenset({PURCHASE_COUNT_OK})
_HEAD_SQL = f"SELECT entry_id, transition_id FROM {LedgerHead._meta.table_name} WHERE id = 1"


class ContactChecks:
    """Callable given to each BusWorker as its ``contact`` check (one per worker thread)."""

    def __init__(self) -> None:
        self._head: tuple | None = None
        self._expected: dict[int, int | None] = {}
        self._unsettled: dict[int, bool] = {}
        self.mismatched: set[int] = set()

    def _ledger_moved(self) -> None:
        row = db.execute_sql(_HEAD_SQL).fetchone()
        head = (row[0], row[1]) if row else (0, 0)
        if head != self._head:
            self._head = head
            self._expected.clear()
            self._unsettled.clear()

    def __call__(
        self, ref: MeterRef, status: MeterStatus, read_started: float | None = None
    ) -> frozenset[str]:
        """Checks on one valid answer; ``read_started`` is when its request began (monotonic)."""
        self._ledger_moved()
        meter_id = ref.meter_id
        unsettled = self._unsettled.get(meter_id)
        if unsettled is None:
            unsettled = self._unsettled[meter_id] = ledger.has_unsettled(meter_id)
        if unsettled:
            settlement.observe(meter_id)  # judged now, so only a LATER read may settle it
            settled = settlement.settle_from_status(meter_id, status, read_started)
            for entry in settled:
                log.info("ledger entry %d settled on contact: %s", entry.id, entry.state)
            self._ledger_moved()
            if ledger.has_unsettled(meter_id):  # still undecided: no verdict on the count
                self._unsettled[meter_id] = True
                return frozenset()
            self._unsettled[meter_id] = False
        expected = self._expected.get(meter_id, _UNKNOWN)
        if expected is _UNKNOWN:
            expected = self._expected[meter_id] = ledger.expected_purchase_count(meter_id)
        mismatch = expected is not None and status.purchase_count != expected
        self._record(ref, mismatch, status.purchase_count, expected)
        if expected is None:  # no open account: nothing to compare
            return frozenset()
        return _MISMATCH if mismatch else _COUNT_OK

    def _record(self, ref: MeterRef, mismatch: bool, counted: int, expected) -> None:
        was = ref.meter_id in self.mismatched
        if mismatch == was:
            return
        target = log_message(MISMATCH_TARGET, address=ref.address, serial=ref.serial)
        if mismatch:
            self.mismatched.add(ref.meter_id)
            detail = log_message(MISMATCH_DETAIL, counted=counted, expected=expected)
            log.warning("purchase count mismatch on %s: %s", target, detail)
            log_action(SYSTEM, "alarm.purchase_count_mismatch", target, "alarm", detail)
        else:
            self.mismatched.discard(ref.meter_id)
            log_action(SYSTEM, "alarm.purchase_count_mismatch", target, "cleared", "")

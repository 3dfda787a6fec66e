"""The money ledger: immutable entries plus an append-only, chained state history.

SPEC "Billing rules": every money movement is an entry that is never edited
or deleted. The only thing that changes is an entry's state (pending ->
confirmed / failed / uncertain -> ...), and each change is a new
``LedgerTransition`` row; the ``state``, ``balance_after`` and ``settled_at``
columns of the entry are a cache of its last transitions, so editing them is
detected by ``app.services.ledger_verify``. Both tables are hash-chained
(each row's ``prev_hash`` is the previous row's ``hash``, by id), and
``LedgerHead`` remembers the newest of each so rows cut off the end show too.

Two partial unique indexes let the database itself refuse what billing must
never do: a second unsettled (pending or uncertain) money entry on one meter,
and a second live correction of one sale.
"""

from __future__ import annotations

import enum

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.site import Meter, utcnow
from app.models.tenants import Account, Tenant


class EntryKind(enum.StrEnum):
    OPEN = "open"
    SALE = "sale"
    REFUND = "refund"
    CORRECTION = "correction"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    CLOSE = "close"

    @property
    def credits_meter(self) -> bool:
        """True when the money goes onto the meter (recharge command), False for refunds."""
        return self in (EntryKind.SALE, EntryKind.TRANSFER_IN)

    @property
    def sign(self) -> int:
        """+1 when money flows to the meter, -1 when it comes back, 0 for open."""
        if self is EntryKind.OPEN:
            return 0
        return 1 if self.credits_meter else -1


class EntryState(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    UNCERTAIN = "uncertain"


UNSETTLED = (EntryState.PENDING.value, EntryState.UNCERTAIN.value)
FINAL = (EntryState.CONFIRMED.value, EntryState.FAILED.value)

# Allowed state changes; None is "no state yet" (the first transition).
ALLOWED_TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({EntryState.PENDING.value, EntryState.CONFIRMED.value}),
    EntryState.PENDING.value: frozenset(
        {EntryState.CONFIRMED.value, EntryState.FAILED.value, EntryState.UNCERTAIN.value}
    ),
    EntryState.UNCERTAIN.value: frozenset({EntryState.CONFIRMED.value, EntryState.FAILED.value}),
    EntryState.CONFIRMED.value: frozenset(),
    EntryState.FAILED.value: frozenset(),
}

PAYMENT_METHODS = ("cash", "card", "wechat", "alipay", "bank_transfer")


class LedgerEntry(BaseModel):
    id = AutoField()
    kind = CharField(max_length=16)
    state = CharField(max_length=16, index=True)  # cache of the last transition
    meter = ForeignKeyField(Meter, backref="ledger", on_delete="RESTRICT")
    account = ForeignKeyField(Account, null=True, backref="ledger", on_delete="RESTRICT")
    tenant = ForeignKeyField(Tenant, null=True, backref="ledger", on_delete="RESTRICT")
    amount_fen = IntegerField()  # >= 0; the sign follows from kind
    payment_method = CharField(default="", max_length=16)
    operator_id = IntegerField(null=True)
    operator_name = CharField(default="")
    origin = CharField(default="")  # "host:pid" of the writing process (pending ownership)
    created_at = DateTimeField(default=utcnow, index=True)
    settled_at = DateTimeField(null=True)  # cache: time of the final transition
    count_before = IntegerField(null=True)  # meter purchase count read just before
    expected_count = IntegerField(null=True)  # next_counter(count_before); None: no command
    balance_before = IntegerField(null=True)
    balance_after = IntegerField(null=True)  # cache: read back at confirmation
    reverses = ForeignKeyField(
        "self", null=True, backref="reversed_by", on_delete="RESTRICT", column_name="reverses_id"
    )
    reason = TextField(default="")
    estimated = BooleanField(default=False)
    receipt_no = CharField(default="", index=True)
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)

    class Meta:
        table_name = "ledger_entry"
        indexes = ((("meter", "state"), False),)

    @property
    def signed_fen(self) -> int:
        """The amount as it moves the meter's balance (+ credit, - refund)."""
        return EntryKind(self.kind).sign * self.amount_fen


class LedgerTransition(BaseModel):
    id = AutoField()
    entry = ForeignKeyField(LedgerEntry, backref="transitions", on_delete="RESTRICT")
    from_state = CharField(null=True, max_length=16)
    to_state = CharField(max_length=16)
    at = DateTimeField(default=utcnow)
    balance_after = IntegerField(null=True)
    purchase_count = IntegerField(null=True)  # the count that decided this transition
    detail = TextField(default="")
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)

    class Meta:
        table_name = "ledger_transition"


class LedgerHead(BaseModel):
    """Single row (id 1): newest entry and transition id and hash, so cut-off tails show."""

    id = AutoField()
    entry_id = IntegerField(default=0)
    entry_hash = CharField(max_length=64)
    transition_id = IntegerField(default=0)
    transition_hash = CharField(max_length=64)

    class Meta:
        table_name = "ledger_head"


# At most one unsettled money entry per meter: a second sale cannot start
# while the first is undecided, whichever process or PC writes it.
LedgerEntry.add_index(
    LedgerEntry.index(LedgerEntry.meter, unique=True, name="ledger_one_unsettled_per_meter").where(
        LedgerEntry.state.in_(list(UNSETTLED))
    )
)
# A sale is reversed at most once (failed corrections do not count).
LedgerEntry.add_index(
    LedgerEntry.index(LedgerEntry.reverses, unique=True, name="ledger_reversed_once").where(
        LedgerEntry.reverses.is_null(False) & (LedgerEntry.state != EntryState.FAILED.value)
    )
)

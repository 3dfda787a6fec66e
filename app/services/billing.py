"""Sales, refunds and corrections as cashiers ask for them (SPEC "Billing rules").

The ``submit_*`` functions check permission and input on the caller's
thread and return a ``Future`` (the GUI never waits on the bus); ``sell`` and
friends are the blocking forms for the CLI and tests. Each runs the
exactly-once sequence of ``money_operation`` as one bus-worker job and writes
the system log whatever the outcome; ``settle_all`` queues the settlement of
entries an earlier run left undecided.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from app import settings
from app.errors import QT_TRANSLATE_NOOP, CommError, ValidationError
from app.messages import Message
from app.models import Account, Meter
from app.models.ledger import PAYMENT_METHODS, EntryKind, EntryState, LedgerEntry
from app.serial_io.events import Priority
from app.services import jobs, ledger, settlement
from app.services.audit import METER_TARGET, error_param
from app.services.ledger import ALREADY_REVERSED, LedgerConflict
from app.services.money import format_fen
from app.services.money_operation import (
    MoneyResult,
    MoneySpec,
    execute_money,
    money_result,
    spec_args,
    spec_from_args,
)
from app.services.permissions import Actor, Permission, require

log = logging.getLogger(__name__)

NO_ACCOUNT = QT_TRANSLATE_NOOP("Errors", "meter {meter} has no open account")


# System log details of money operations (app/services/audit.py: translated when shown).
ENTRY_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "entry {entry} {amount}")
ENTRY_ERROR_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "entry {entry} {amount}: {error}")
REFUSED_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "{amount}: {error}")


def audit(actor: Actor, action: str, target: Message, result: str, detail: Message) -> None:
    """System log line for a money or account action (the system log is not optional)."""
    from app.services.audit import log_action

    log_action(actor, action, target=target, result=result, detail=detail)


def entry_detail(result: MoneyResult) -> Message:
    """ "entry 117 100.00", with the reason when the entry did not simply go through."""
    amount = format_fen(result.amount_fen)
    if result.message:
        return Message(
            ENTRY_ERROR_DETAIL,
            {"entry": result.entry_id, "amount": amount, "error": error_param(result.message)},
        )
    return Message(ENTRY_DETAIL, {"entry": result.entry_id, "amount": amount})


def meter_target(meter_id: int) -> Message:
    """A log row's target: the meter by its number."""
    return Message(METER_TARGET, {"meter": _meter_number(meter_id)})


def _meter_label(meter_id: int) -> str:
    return f"meter {_meter_number(meter_id)}"


def _meter_number(meter_id: int) -> str:
    meter = Meter.get_or_none(Meter.id == meter_id)
    return str(meter.number) if meter else f"#{meter_id}"


def check_amount(amount_fen: int, limit: bool) -> None:
    """A positive whole number of fen; with ``limit``, within the single-sale limit."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "the amount must be a whole number of fen")
        )
    if amount_fen <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "the amount must be more than 0.00"))
    if limit:
        max_fen = settings.get("sale.max_fen")
        if amount_fen > max_fen:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "{amount} is more than the single-sale limit of {limit}"
                ),
                amount=format_fen(amount_fen),
                limit=format_fen(max_fen),
            )


def check_payment_method(method: str, required: bool = True) -> None:
    """One of the recorded payment methods (a refund may leave it empty)."""
    if (method or required) and method not in PAYMENT_METHODS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "unknown payment method {method}"), method=repr(method)
        )


def _active_account(meter_id: int) -> Account:
    account = Account.active_for(meter_id)
    if account is None:
        raise ValidationError(NO_ACCOUNT, meter=_meter_number(meter_id))
    return account


def _money_job(link, spec: dict, action: str) -> MoneyResult:
    """The worker job for one money spec, writing the system log whatever the outcome.

    It may run in another process than the one that checked the operator (the
    bus owner runs job rows, and reads the operator's role again before it
    runs one): the permission is checked here once more before money moves.
    """
    money = spec_from_args(spec)
    require(money.actor, ACTION_PERMISSION.get(action, Permission.SELL))
    target = meter_target(money.meter_id)
    try:
        result = execute_money(link, money)
    except Exception as exc:
        amount = format_fen(money.amount_fen or 0)
        detail = Message(REFUSED_DETAIL, {"amount": amount, "error": error_param(exc)})
        audit(money.actor, action, target, "refused", detail)
        raise
    audit(money.actor, action, target, result.state, entry_detail(result))
    return result


def money_job(spec: MoneySpec, action: str) -> jobs.Job:
    return jobs.make("money", spec=spec_args(spec), action=action)


def submit_money(worker, spec: MoneySpec, action: str) -> Future:
    return worker.submit(
        money_job(spec, action),
        priority=Priority.OPERATOR,
        label=f"{action} {_meter_label(spec.meter_id)}",
    )


def _account_spec(kind: EntryKind, meter_id: int, amount_fen: int, actor: Actor, **kw):
    """A money spec on the meter's open account (ValidationError when there is none)."""
    account = _active_account(meter_id)
    return MoneySpec(
        kind, meter_id, amount_fen, actor, account_id=account.id, tenant_id=account.tenant_id, **kw
    )


def submit_sale(
    worker, actor: Actor, meter_id: int, amount_fen: int, payment_method: str
) -> Future:
    """Sell ``amount_fen`` onto a meter; the future gives a ``MoneyResult`` or raises."""
    require(actor, Permission.SELL)
    check_amount(amount_fen, limit=True)
    check_payment_method(payment_method)
    spec = _account_spec(EntryKind.SALE, meter_id, amount_fen, actor, payment_method=payment_method)
    return submit_money(worker, spec, "sale")


def submit_refund(
    worker,
    actor: Actor,
    meter_id: int,
    amount_fen: int,
    payment_method: str = "cash",
    reason: str = "",
) -> Future:
    """Take money back from a meter (at most its freshly read balance)."""
    require(actor, Permission.SELL)
    check_amount(amount_fen, limit=False)
    check_payment_method(payment_method, required=False)
    spec = _account_spec(
        EntryKind.REFUND, meter_id, amount_fen, actor, payment_method=payment_method, reason=reason
    )
    return submit_money(worker, spec, "refund")


def submit_correction(worker, actor: Actor, sale_id: int, reason: str) -> Future:
    """Reverse one confirmed sale of the meter's current account, once, with a reason."""
    require(actor, Permission.SELL)
    if not reason.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "a correction needs a reason"))
    sale = LedgerEntry.get_or_none(LedgerEntry.id == sale_id)
    if sale is None or sale.kind != EntryKind.SALE.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "entry {entry} is not a sale"), entry=sale_id
        )
    if sale.state != EntryState.CONFIRMED.value:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "sale {sale} is {state}; only confirmed sales are reversed"
            ),
            sale=sale_id,
            state=sale.state,
        )
    live = LedgerEntry.select().where(
        (LedgerEntry.reverses == sale_id) & (LedgerEntry.state != EntryState.FAILED.value)
    )
    if live.exists():
        raise LedgerConflict(ALREADY_REVERSED, sale=sale_id)
    account = _active_account(sale.meter_id)
    if sale.account_id != account.id:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "sale {sale} belongs to an earlier account on this meter"),
            sale=sale_id,
        )
    spec = MoneySpec(
        EntryKind.CORRECTION,
        sale.meter_id,
        sale.amount_fen,
        actor,
        payment_method=sale.payment_method,
        reverses_id=sale.id,
        reason=reason.strip(),
        account_id=account.id,
        tenant_id=account.tenant_id,
    )
    return submit_money(worker, spec, "correction")


def _settle_job(link, meter_id: int) -> list[MoneyResult]:
    ref = link.meter(meter_id)
    try:
        status, started = settlement.read_for_settlement(link, ref)
    except CommError as exc:
        settlement.mark_unreachable(meter_id, f"meter not reachable for settlement: {exc}")
        log.info("settlement of meter %s postponed: %s", meter_id, exc)
        return []
    return [
        money_result(entry, status.purchase_count)
        for entry in settlement.settle_from_status(meter_id, status, started)
    ]


def settle_meter_job(meter_id: int) -> jobs.Job:
    """A worker job that settles a meter's unsettled entries from a fresh read."""
    return jobs.make("settle", meter_id=meter_id)


def settle_all(worker_for) -> list[Future]:
    """At start-up (and from verify): one settlement job per meter with unsettled entries.

    ``worker_for(meter_id)`` gives the bus worker of the meter's bus.
    """
    meters = sorted({e.meter_id for e in ledger.unsettled()})
    return [
        worker_for(m).submit(settle_meter_job(m), priority=Priority.SETTLE, label=f"settle {m}")
        for m in meters
    ]


# Which permission a money job needs, by the system-log action that names it.
ACTION_PERMISSION = {
    "account.open": Permission.ACCOUNTS,
    "account.close": Permission.ACCOUNTS,
    "account.transfer_in": Permission.ACCOUNTS,
}

_RESULT_CODEC = jobs.dataclass_codec(MoneyResult)
jobs.register("money", _money_job, *_RESULT_CODEC)
jobs.register("settle", _settle_job, *_RESULT_CODEC)


def sell(worker, actor, meter_id, amount_fen, payment_method, timeout=None) -> MoneyResult:
    return submit_sale(worker, actor, meter_id, amount_fen, payment_method).result(timeout)


def refund(worker, actor, meter_id, amount_fen, payment_method="cash", reason="", timeout=None):
    return submit_refund(worker, actor, meter_id, amount_fen, payment_method, reason).result(
        timeout
    )


def correct(worker, actor, sale_id, reason, timeout=None) -> MoneyResult:
    return submit_correction(worker, actor, sale_id, reason).result(timeout)


__all__ = [
    "MoneyResult",
    "MoneySpec",
    "correct",
    "execute_money",
    "refund",
    "sell",
    "settle_all",
    "settle_meter_job",
    "submit_correction",
    "submit_refund",
    "submit_sale",
]

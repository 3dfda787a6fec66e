"""Tenant accounts: open, close, meter replacement (SPEC "Billing rules", issue #3).

Each step that touches a meter is one bus-worker job on that meter's bus;
money inside them goes through ``money_operation.execute_money``, so opening with a
first sale, closing with a final refund and moving credit to a replacement
meter all keep the exactly-once rule. The database records an account only
after the meter has accepted it, so a meter that does not answer leaves
nothing half-open behind; and ``open_account`` keeps the new tenant only if a
meter opened, so an opening that opened nothing leaves no tenant either.

Tariffs are picked from ``tariff_names()`` (the names in use plus the site's
default, ``tariff.default``) until tariffs have their own table; a blank
tariff is refused.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import replace

from app import settings
from app.errors import QT_TRANSLATE_NOOP, InvalidField, MeterOffline, PemError, ValidationError
from app.messages import Message
from app.models import Account, Meter, Reading, Tenant
from app.models.ledger import EntryKind, EntryState
from app.models.site import MeterState, utcnow
from app.serial_io.commands import Command, RelayCommand
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import load_status
from app.serial_io.profiles import Capability
from app.services import jobs, ledger, settlement
from app.services.audit import TENANT_TARGET
from app.services.billing import (
    ENTRY_DETAIL,
    NO_ACCOUNT,
    audit,
    check_amount,
    check_payment_method,
    entry_detail,
    meter_target,
    submit_money,
)
from app.services.money import format_fen
from app.services.money_operation import MoneyResult, MoneySpec, execute_money, money_result
from app.services.permissions import Actor, Permission, require
from app.services.tenants import (  # re-exported: callers know them as accounts.*
    MeterBalance,
    TenantInfo,
    check_pin,
    check_tenant_info,
    create_tenant,
    discard_if_unused,
    insert_tenant,
    search_tenants,
    tenant_history,
    tenant_meters,
)

log = logging.getLogger(__name__)

HAS_ACCOUNT = QT_TRANSLATE_NOOP("Errors", "meter {meter} already has an open account")
STILL_RUNNING = QT_TRANSLATE_NOOP(
    "Errors", "meter {meter} did not finish in time; look at the meter before trying again"
)
NO_TARIFF = QT_TRANSLATE_NOOP("Errors", "Tariff: choose a tariff")
NO_METERS = QT_TRANSLATE_NOOP("Errors", "Meters: choose at least one meter")
ALARM1_NEGATIVE = QT_TRANSLATE_NOOP("Errors", "Alarm 1: the threshold cannot be below 0.00")
ALARM2_RANGE = QT_TRANSLATE_NOOP(
    "Errors", "Alarm 2: the threshold must be between 0.00 and alarm 1 ({alarm1})"
)


def tariff_names() -> list[str]:
    """The tariffs a cashier may pick: the site's default first, then every name in use.

    One place to ask, so the tariff editor can later answer from its own table.
    """
    default = str(settings.get("tariff.default")).strip()
    used = Account.select(Account.tariff).where(Account.tariff != "").distinct()
    names = sorted({a.tariff.strip() for a in used} - {default, ""})
    return [default, *names]


def check_tariff(tariff: str | None) -> str:
    """The tariff to record: ``None`` is the site's default, a blank one is refused."""
    if tariff is None:
        return str(settings.get("tariff.default"))
    if not tariff.strip():
        raise InvalidField("tariff", NO_TARIFF)
    return tariff.strip()


def check_alarms(alarm1: int, alarm2: int) -> None:
    """Alarm 1 at or above 0, alarm 2 between 0 and alarm 1; each refusal names its field."""
    if alarm1 < 0:
        raise InvalidField("alarm1", ALARM1_NEGATIVE)
    if not 0 <= alarm2 <= alarm1:
        raise InvalidField("alarm2", ALARM2_RANGE, alarm1=format_fen(alarm1))


FIRST_SALE_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "entry {entry} {amount}, first sale")


def _label(meter: Meter) -> str:
    return f"meter {meter.number}"


def _tenant_target_of(tenant: Tenant) -> Message:
    return Message(TENANT_TARGET, {"account": tenant.account_no})


def _tenant_target(tenant_id: int) -> Message:
    """The tenant by the account number the cashier knows (the row id if it is gone)."""
    tenant = Tenant.get_or_none(Tenant.id == tenant_id)
    return Message(
        TENANT_TARGET, {"account": tenant.account_no if tenant else "#" + str(tenant_id)}
    )


def _fresh(link, ref, meter_id: int) -> MeterStatus:
    """Read the meter and settle leftovers; refuse while something stays undecided."""
    status, started = settlement.read_for_settlement(link, ref)
    settlement.require_settled(meter_id, status, started)
    return status


def _command(link, ref, code: Command, status: MeterStatus) -> MeterStatus:
    """Send one non-money command through the meter's profile; the status read back.

    ``status`` must be read in this same job (the default profile's frame takes
    its account epoch and timestamp from it). The profile confirms the command
    by its own rule (the command counter, the new epoch, or the relay bits) and
    raises when the meter does not show it.
    """
    profile, keys = link.profile(ref), link.keys(ref)
    if code is Command.OPEN_ACCOUNT:
        profile.open_account(link.bus, ref, keys, status)
    else:
        profile.relay(link.bus, ref, keys, RelayCommand(code), status)
    return link.read_status(ref)  # as a poll: the grid and the store see it


def _download_thresholds(link, ref, meter: Meter, status: MeterStatus) -> MeterStatus:
    """Give the meter the account's alarm thresholds (it raises its own alarm bits from
    them), keeping its tariff; verified by reading the parameters back."""
    profile = link.profile(ref)
    if not profile.can(Capability.ALARMS):
        return status  # the meter raises no alarm bits of its own: the program warns
    params = profile.read_params(link.bus, ref)
    if (params.alarm1, params.alarm2) == (meter.alarm1, meter.alarm2):
        return status
    wanted = replace(params, alarm1=meter.alarm1, alarm2=meter.alarm2)
    try:
        profile.write_params(link.bus, ref, link.keys(ref), wanted, status)
    except MeterOffline:
        raise MeterOffline(
            QT_TRANSLATE_NOOP("Errors", "meter {meter} did not confirm the alarm thresholds"),
            ref.address,
            meter=meter.number,
        ) from None
    return link.read_status(ref)


def _open_meter_job(actor, tenant_id, meter_id, tariff, first_sale_fen, payment_method):
    def job(link) -> MoneyResult | None:
        meter = Meter.get_by_id(meter_id)
        ref = link.meter(meter_id)
        if Account.active_for(meter_id) is not None:
            raise ValidationError(HAS_ACCOUNT, meter=meter.number)
        link.profile(ref).require(Capability.MONEY)  # a metering-only meter holds no account
        status = _fresh(link, ref, meter_id)
        if status.balance > 0:  # someone's money: refund it under the old account first
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "meter {meter} still holds {balance}; an account can only "
                    "be opened on a meter without credit",
                ),
                meter=meter.number,
                balance=format_fen(status.balance),
            )
        status = _download_thresholds(link, ref, meter, status)  # first: harmless alone
        status = _command(link, ref, Command.OPEN_ACCOUNT, status)
        if link.profile(ref).can(Capability.PREPAID_MODE):
            status = _command(link, ref, Command.PREPAID_ON, status)
        if status.balance > 0 or not status.prepaid_mode:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "meter {meter} did not reset for the new account"),
                meter=meter.number,
            )
        with ledger.write_txn():
            account = Account.create(tenant=tenant_id, meter=meter_id, tariff=tariff)
            ledger.append_entry(
                EntryKind.OPEN,
                meter_id,
                0,
                state=EntryState.CONFIRMED,
                account_id=account.id,
                tenant_id=tenant_id,
                operator_id=actor.operator_id,
                operator_name=actor.name,
                # families without a protocol-level opening (Acrel) keep their count
                count_before=status.purchase_count,
                balance_before=0,
                balance_after=0,
            )
        audit(actor, "account.open", meter_target(meter_id), "ok", _tenant_target(tenant_id))
        if not first_sale_fen:
            return None
        spec = MoneySpec(
            EntryKind.SALE,
            meter_id,
            first_sale_fen,
            actor,
            payment_method=payment_method,
            account_id=account.id,
            tenant_id=tenant_id,
        )
        result = execute_money(link, spec, status)
        first = Message(
            FIRST_SALE_DETAIL,
            {"entry": result.entry_id, "amount": format_fen(result.amount_fen)},
        )
        audit(actor, "sale", meter_target(meter_id), result.state, first)
        return result

    return job


def submit_open_meter(
    worker,
    actor: Actor,
    tenant_id: int,
    meter_id: int,
    tariff: str | None = None,
    alarm1: int | None = None,
    alarm2: int | None = None,
    first_sale_fen: int = 0,
    payment_method: str = "cash",
) -> Future:
    """Open one meter for a tenant (OPEN_ACCOUNT + PREPAID_ON, "open" entry, first sale).

    ``tariff`` None is the site's default tariff; a blank one is refused.
    """
    require(actor, Permission.ACCOUNTS)
    tariff = check_tariff(tariff)
    if first_sale_fen:
        require(actor, Permission.SELL)
        check_amount(first_sale_fen, limit=True)
        check_payment_method(payment_method)
    if Tenant.get_or_none(Tenant.id == tenant_id) is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "no tenant {tenant}"), tenant=tenant_id)
    meter = Meter.get_by_id(meter_id)
    if Account.active_for(meter_id) is not None:
        raise ValidationError(HAS_ACCOUNT, meter=meter.number)
    if alarm1 is not None or alarm2 is not None:
        a1 = meter.alarm1 if alarm1 is None else alarm1
        a2 = meter.alarm2 if alarm2 is None else alarm2
        check_alarms(a1, a2)
        Meter.update(alarm1=a1, alarm2=a2).where(Meter.id == meter_id).execute()
    job = jobs.make(
        "open_meter",
        actor=actor,
        tenant_id=tenant_id,
        meter_id=meter_id,
        tariff=tariff,
        first_sale_fen=first_sale_fen,
        payment_method=payment_method,
    )
    return worker.submit(job, priority=Priority.OPERATOR, label=f"open {_label(meter)}")


def open_account(
    worker_for,
    actor: Actor,
    info: TenantInfo,
    meter_ids: list[int],
    tariff: str | None = None,
    first_sale_fen: int = 0,
    payment_method: str = "cash",
    timeout: float | None = None,
    alarm1: int | None = None,
    alarm2: int | None = None,
) -> tuple[Tenant | None, dict[int, MoneyResult | PemError | None]]:
    """Blocking form: tenant plus every meter; per-meter outcome (result, or the refusal).

    The first meter gets the first sale; a meter's refusal does not stop the
    rest. All or nothing for the tenant: when no meter opened (and none is
    still running) the new tenant is removed again and ``None`` comes back in
    its place, so a dead meter leaves no tenant that holds nothing. The
    tenant row exists while the meters are opened (an account needs it);
    only an opening that outlived ``timeout`` can leave it without a meter,
    and then the tenant detail shows it as "no meter yet", to be given a
    meter or removed. ``submit_open_account`` runs this off the caller's thread.
    """
    require(actor, Permission.ACCOUNTS)
    check_tenant_info(info)  # every refusal before anything is written or sent
    tariff = check_tariff(tariff)
    if alarm1 is not None and alarm2 is not None:
        check_alarms(alarm1, alarm2)
    if not meter_ids:
        raise InvalidField("meters", NO_METERS)
    tenant = insert_tenant(actor, info)
    outcomes: dict[int, MoneyResult | PemError | None] = {}
    for i, meter_id in enumerate(meter_ids):
        sale = first_sale_fen if i == 0 else 0
        try:
            fut = submit_open_meter(
                worker_for(meter_id),
                actor,
                tenant.id,
                meter_id,
                tariff,
                alarm1,
                alarm2,
                sale,
                payment_method,
            )
            outcomes[meter_id] = fut.result(timeout)
        except PemError as exc:  # reported per meter to the operator
            outcomes[meter_id] = exc
        except TimeoutError:
            outcomes[meter_id] = PemError(STILL_RUNNING, meter=Meter.get_by_id(meter_id).number)
    still_running = any(
        isinstance(o, PemError) and o.template == STILL_RUNNING for o in outcomes.values()
    )
    opened = any(not isinstance(o, PemError) for o in outcomes.values())
    if not opened and not still_running and discard_if_unused(tenant.id):
        return None, outcomes
    audit(actor, "tenant.create", _tenant_target_of(tenant), "ok", tenant.name)
    return tenant, outcomes


def submit_open_account(worker_for, actor: Actor, info: TenantInfo, meter_ids: list[int], **kw):
    """``open_account`` off the caller's thread: a Future of (tenant, outcome per meter)."""
    from app.services import sequences

    return sequences.submit(open_account, worker_for, actor, info, meter_ids, **kw)


def submit_replace_meter(worker_for, actor: Actor, old_id: int, new_id: int, **kw):
    """``replace_meter`` off the caller's thread: a Future of (transfer out, transfer in)."""
    from app.services import sequences

    return sequences.submit(replace_meter, worker_for, actor, old_id, new_id, **kw)


def submit_read_balance(worker, meter_id: int):
    """The meter's live balance in fen, read by the bus owner (a Future)."""
    from app.services.job_kinds import read_balance_job

    return worker.submit(read_balance_job(meter_id), Priority.OPERATOR, "read balance")


def _close_job(actor: Actor, meter_id: int, kind: EntryKind = EntryKind.CLOSE, reason: str = ""):
    def job(link) -> MoneyResult:
        meter = Meter.get_by_id(meter_id)
        account = Account.active_for(meter_id)
        if account is None:
            raise ValidationError(NO_ACCOUNT, meter=meter.number)
        ref = link.meter(meter_id)
        status = _fresh(link, ref, meter_id)
        # Trip first: the balance cannot shrink between reading and refunding it.
        if link.profile(ref).can(Capability.RELAY):
            status = _command(link, ref, Command.TRIP, status)
        spec = MoneySpec(
            kind,
            meter_id,
            None,
            actor,
            reason=reason,
            account_id=account.id,
            tenant_id=account.tenant_id,
        )
        result = execute_money(link, spec, status)
        if result.ok:
            _unlink(account)
        audit(
            actor,
            f"account.{kind.value}",
            meter_target(meter_id),
            result.state,
            entry_detail(result),
        )
        return result

    return job


def close_job(actor: Actor, meter_id: int, kind: EntryKind, reason: str = "") -> jobs.Job:
    """Close or transfer-out as a job another process's bus owner can run."""
    return jobs.make("close", actor=actor, meter_id=meter_id, kind=kind, reason=reason)


def _open_meter_run(link, actor, tenant_id, meter_id, tariff, first_sale_fen, payment_method):
    require(actor, Permission.ACCOUNTS)
    job = _open_meter_job(actor, tenant_id, meter_id, tariff, first_sale_fen, payment_method)
    return job(link)


def _close_run(link, actor, meter_id, kind, reason):
    require(actor, Permission.ACCOUNTS)
    return _close_job(actor, meter_id, EntryKind(kind), reason)(link)


_CODEC = jobs.dataclass_codec(MoneyResult)
jobs.register("open_meter", _open_meter_run, *_CODEC)
jobs.register("close", _close_run, *_CODEC)


def _unlink(account: Account) -> None:
    now = utcnow()
    with ledger.write_txn():
        Account.update(closed_at=now).where(Account.id == account.id).execute()
        if (
            not Account.select()
            .where((Account.tenant == account.tenant_id) & Account.closed_at.is_null())
            .exists()
        ):
            Tenant.update(closed_at=now).where(Tenant.id == account.tenant_id).execute()


def submit_close_account(worker, actor: Actor, meter_id: int) -> Future:
    """Close a meter's account: trip, refund the whole balance (close entry), unlink."""
    require(actor, Permission.ACCOUNTS)
    if Account.active_for(meter_id) is None:
        raise ValidationError(NO_ACCOUNT, meter=Meter.get_by_id(meter_id).number)
    job = close_job(actor, meter_id, EntryKind.CLOSE)
    return worker.submit(job, Priority.OPERATOR, f"close {meter_id}")


def close_account(worker, actor: Actor, meter_id: int, timeout=None) -> MoneyResult:
    return submit_close_account(worker, actor, meter_id).result(timeout)


def last_known_balance(meter_id: int) -> int | None:
    """The dead meter's balance as last seen: the newer of stored reading and live state."""
    reading = Reading.select().where(Reading.meter == meter_id).order_by(Reading.taken_at.desc())
    reading = reading.first()
    state = MeterState.get_or_none(MeterState.meter == meter_id)
    candidates = []
    if reading is not None:
        candidates.append((reading.taken_at, reading.balance))
    if state is not None and state.updated_at is not None:
        status = load_status(state.status_json)
        if status is not None:
            candidates.append((state.updated_at, status.balance))
    return max(candidates)[1] if candidates else None


def replace_meter(
    worker_for, actor: Actor, old_id: int, new_id: int, estimated: bool = False, timeout=None
) -> tuple[MoneyResult, MoneyResult | None]:
    """Move a tenant from a broken meter to its replacement, credit included.

    Live: the old meter is tripped and its balance refunded as transfer-out.
    Dead (``estimated``, admin only): the last stored balance is booked as an
    estimated transfer-out without a command. Then the new meter is opened
    for the same tenant and credited as transfer-in. Blocking; run it off the
    GUI thread.
    """
    require(actor, Permission.ACCOUNTS)
    if estimated:
        require(actor, Permission.ESTIMATED_TRANSFER)
    old, new = Meter.get_by_id(old_id), Meter.get_by_id(new_id)
    account = Account.active_for(old_id)
    if account is None:
        raise ValidationError(NO_ACCOUNT, meter=old.number)
    if Account.active_for(new_id) is not None:
        raise ValidationError(HAS_ACCOUNT, meter=new.number)
    reason = f"meter {old.number} replaced by {new.number}"
    tariff = account.tariff or None  # an account from before tariffs were required: default
    submit_open_meter(worker_for(new_id), actor, account.tenant_id, new_id, tariff).result(timeout)
    if estimated:
        balance = last_known_balance(old_id)
        if balance is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "no stored reading of meter {meter} to estimate from"),
                meter=old.number,
            )
        entry = ledger.append_entry(
            EntryKind.TRANSFER_OUT,
            old_id,
            max(balance, 0),
            state=EntryState.CONFIRMED,
            account_id=account.id,
            tenant_id=account.tenant_id,
            operator_id=actor.operator_id,
            operator_name=actor.name,
            balance_before=balance,
            balance_after=0,
            reason=reason,
            estimated=True,
            detail="estimated from the last stored reading",
        )
        _unlink(account)
        detail = Message(ENTRY_DETAIL, {"entry": entry.id, "amount": format_fen(entry.amount_fen)})
        audit(actor, "account.transfer_out", meter_target(old_id), "estimated", detail)
        out = money_result(entry, None, "estimated")
    else:
        job = close_job(actor, old_id, EntryKind.TRANSFER_OUT, reason)
        out = worker_for(old_id).submit(job, Priority.OPERATOR, "transfer out").result(timeout)
        if not out.ok:
            return out, None
    if out.amount_fen == 0:
        return out, None
    new_account = Account.active_for(new_id)
    spec = MoneySpec(
        EntryKind.TRANSFER_IN,
        new_id,
        out.amount_fen,
        actor,
        reason=f"{reason} (entry {out.entry_id})",
        account_id=new_account.id,
        tenant_id=new_account.tenant_id,
    )
    return out, submit_money(worker_for(new_id), spec, "account.transfer_in").result(timeout)


__all__ = [
    "MeterBalance",
    "TenantInfo",
    "check_pin",
    "close_account",
    "create_tenant",
    "last_known_balance",
    "open_account",
    "replace_meter",
    "search_tenants",
    "submit_close_account",
    "submit_open_meter",
    "tariff_names",
    "tenant_history",
    "tenant_meters",
]

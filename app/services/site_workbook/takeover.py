"""Taking over a running site's tenants: the meter already holds their money.

For each tenant row the meter's bus owner reads the meter (a job, so it works
whoever owns the bus); then, in one short transaction per row, the tenant (once
per account number), the account and an "open" ledger entry are recorded with
the balance and purchase count the meter holds: balance before = after = what
it holds, no credit sent, so the ledger's count and balance checks start from
the meter's own figures. Each row stands alone: a meter that does not answer
is reported as not taken over and the other rows still are; importing the file
again takes over what was missed and leaves the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app import settings
from app.errors import QT_TRANSLATE_NOOP, PemError, ValidationError
from app.messages import Message
from app.models import Account, Meter, Tenant
from app.models.ledger import EntryKind, EntryState
from app.serial_io.events import Priority
from app.serial_io.profiles import Capability
from app.services import jobs, ledger
from app.services.accounts import HAS_ACCOUNT
from app.services.audit import METER_TARGET, log_action
from app.services.money import format_fen
from app.services.permissions import Actor, Permission, require
from app.services.site_workbook.preview import NEW, Preview
from app.services.tenants import TenantInfo, insert_tenant

TAKEOVER_DETAIL = QT_TRANSLATE_NOOP(
    "SystemLog",
    "taken over for account {account}: the meter holds {balance}, purchase count {count}, "
    "opened {opened}",
)
NOT_ANSWERED = QT_TRANSLATE_NOOP("Errors", "meter {meter} was not taken over: {error}")
REASON = "takeover"


@dataclass(frozen=True)
class TakeoverRow:
    """One tenant row's outcome: taken over (with what the meter held) or why not."""

    meter: str
    account_no: str
    balance: int | None = None
    purchase_count: int | None = None
    error: Message | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _read_for_takeover(link, meter_id: int) -> dict:
    ref = link.meter(meter_id)
    link.profile(ref).require(Capability.MONEY)
    status = link.read_status(ref)
    return {"balance": status.balance, "purchase_count": status.purchase_count}


def read_job(meter_id: int) -> jobs.Job:
    return jobs.make("takeover_read", meter_id=meter_id)


jobs.register("takeover_read", _read_for_takeover)


def take_over(
    preview: Preview,
    actor: Actor,
    worker_for: Callable[[int], object],
    timeout: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> list[TakeoverRow]:
    """Take over every new tenant row of ``preview`` (its meters exist by now)."""
    require(actor, Permission.ACCOUNTS)
    new = {c.key for c in preview.changes if c.sheet == "tenants" and c.kind == NEW}
    rows = [v for _n, v in preview.rows.get("tenants", []) if v["meter"] in new]
    out = []
    for done, values in enumerate(rows):
        out.append(_one(values, actor, worker_for, timeout))
        if progress:
            progress(done + 1, len(rows))
    return out


def _one(values: dict, actor: Actor, worker_for, timeout: float) -> TakeoverRow:
    number, account_no = values["meter"], values["account_no"]
    try:
        meter = Meter.get(Meter.number == number)
        if Account.active_for(meter.id) is not None:
            raise ValidationError(HAS_ACCOUNT, meter=number)
        future = worker_for(meter.id).submit(read_job(meter.id), Priority.OPERATOR, "takeover")
        held = future.result(timeout)
    except PemError as exc:
        error = Message(NOT_ANSWERED, {"meter": number, "error": str(exc.message)})
        return TakeoverRow(number, account_no, error=error)
    except TimeoutError:
        error = Message(NOT_ANSWERED, {"meter": number, "error": "timeout"})
        return TakeoverRow(number, account_no, error=error)
    opened: dt.date | None = values.get("opened")
    try:
        _record(values, actor, meter, held, opened)
    except PemError as exc:  # an account opened on the meter meanwhile: nothing written
        error = Message(NOT_ANSWERED, {"meter": number, "error": str(exc.message)})
        return TakeoverRow(number, account_no, error=error)
    return TakeoverRow(number, account_no, balance=held["balance"],
                       purchase_count=held["purchase_count"])  # fmt: skip


def _record(values: dict, actor: Actor, meter: Meter, held: dict, opened) -> None:
    """Tenant, account and opening entry in one write transaction, checked again in it."""
    number, account_no = values["meter"], values["account_no"]
    with ledger.write_txn():
        if Account.active_for(meter.id) is not None:
            raise ValidationError(HAS_ACCOUNT, meter=number)
        tenant = Tenant.get_or_none(Tenant.account_no == account_no)
        if tenant is None:
            info = TenantInfo(
                values["name"], values.get("shop", ""), values.get("phone", ""), "", "",
                account_no,
            )  # fmt: skip
            tenant = insert_tenant(actor, info, pin_hash="")
        tariff = meter.tariff or str(settings.get("tariff.default"))
        account = Account.create(tenant=tenant.id, meter=meter.id, tariff=tariff)
        ledger.append_entry(
            EntryKind.OPEN,
            meter.id,
            0,
            state=EntryState.CONFIRMED,
            account_id=account.id,
            tenant_id=tenant.id,
            operator_id=actor.operator_id,
            operator_name=actor.name,
            count_before=held["purchase_count"],
            balance_before=held["balance"],
            balance_after=held["balance"],
            reason=REASON,
        )
        detail = Message(
            TAKEOVER_DETAIL,
            {
                "account": account_no,
                "balance": format_fen(held["balance"]),
                "count": held["purchase_count"],
                "opened": opened.isoformat() if opened else "-",
            },
        )
        log_action(actor, "account.takeover", Message(METER_TARGET, {"meter": number}), "ok",
                   detail)  # fmt: skip

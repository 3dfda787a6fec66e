"""Tenants: who holds accounts, and the questions asked about them.

A tenant exists before any meter is opened for them and outlives each
account; the tenant list, tenant detail and the kiosk ask the queries here.
Kept apart from ``accounts``, whose jobs talk to meters, because nothing here
does: these are short database reads and one insert.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message
from app.models import Account, LedgerEntry, Meter, Tenant
from app.models.site import MeterState
from app.serial_io.poll_store import load_status
from app.services import ledger
from app.services.audit import TENANT_TARGET
from app.services.auth_passwords import hash_password, verify_password
from app.services.billing import audit
from app.services.permissions import Actor, Permission, require

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TenantInfo:
    name: str
    shop: str = ""
    phone: str = ""
    id_number: str = ""
    pin: str = ""  # kiosk PIN, stored only as a scrypt hash
    account_no: str = ""  # "" = next free number


def check_pin(tenant: Tenant, pin: str) -> bool:
    """The kiosk's PIN check (scrypt, constant time)."""
    return bool(tenant.pin_hash) and verify_password(pin, tenant.pin_hash)


def create_tenant(actor: Actor, info: TenantInfo) -> Tenant:
    """A tenant without meters yet; the account number is what the kiosk asks for."""
    require(actor, Permission.ACCOUNTS)
    if not info.name.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "the tenant needs a name"))
    if info.pin and not (info.pin.isdigit() and 4 <= len(info.pin) <= 8):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "the kiosk PIN must be 4 to 8 digits"))
    with ledger.write_txn():
        account_no = info.account_no.strip()
        if not account_no:
            last = Tenant.select(Tenant.id).order_by(Tenant.id.desc()).first()
            account_no = f"{(last.id if last else 0) + 1:06d}"
        if Tenant.select().where(Tenant.account_no == account_no).exists():
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "account number {account_no} is already used"),
                account_no=account_no,
            )
        tenant = Tenant.create(
            account_no=account_no,
            name=info.name.strip(),
            shop=info.shop.strip(),
            phone=info.phone.strip(),
            id_number=info.id_number.strip(),
            pin_hash=hash_password(info.pin) if info.pin else "",
        )
    target = Message(TENANT_TARGET, {"account": account_no})
    audit(actor, "tenant.create", target, "ok", tenant.name)
    return tenant


@dataclass(frozen=True)
class MeterBalance:
    meter_id: int
    number: str
    opened_at: object
    closed_at: object
    balance: int | None  # last polled balance (MeterState), None if never read
    online: bool


def search_tenants(
    actor: Actor, text: str = "", include_closed: bool = False, limit: int = 500
) -> list[Tenant]:
    """Tenants whose name, shop, phone, account number or meter number contains ``text``."""
    require(actor, Permission.ACCOUNTS)  # names, phones and ID numbers: not for every role
    query = Tenant.select().order_by(Tenant.account_no).limit(limit)
    if not include_closed:
        query = query.where(Tenant.closed_at.is_null())
    text = text.strip()
    if text:
        by_meter = Account.select(Account.tenant).join(Meter).where(Meter.number.contains(text))
        query = query.where(
            Tenant.name.contains(text)
            | Tenant.shop.contains(text)
            | Tenant.phone.contains(text)
            | Tenant.account_no.contains(text)
            | Tenant.id.in_(by_meter)
        )
    return list(query)


@dataclass(frozen=True)
class TenantCard:
    """What the tenant detail shows of a tenant (never the PIN hash)."""

    id: int
    account_no: str
    name: str
    shop: str
    phone: str
    id_number: str
    closed: bool


def tenant_card(actor: Actor, tenant_id: int) -> TenantCard:
    """One tenant as the detail dialog shows it."""
    require(actor, Permission.ACCOUNTS)
    t = Tenant.get_or_none(Tenant.id == tenant_id)
    if t is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "no tenant {tenant}"), tenant=tenant_id)
    return TenantCard(
        t.id, t.account_no, t.name, t.shop, t.phone, t.id_number, t.closed_at is not None
    )


def tenant_meters(actor: Actor, tenant_id: int, include_closed: bool = False) -> list[MeterBalance]:
    """The tenant's meters with the balance last read from each."""
    require(actor, Permission.ACCOUNTS)
    query = Account.select(Account, Meter).join(Meter).where(Account.tenant == tenant_id)
    if not include_closed:
        query = query.where(Account.closed_at.is_null())
    out = []
    for acc in query.order_by(Account.id):
        state = MeterState.get_or_none(MeterState.meter == acc.meter_id)
        status = load_status(state.status_json) if state else None
        out.append(
            MeterBalance(
                acc.meter_id,
                acc.meter.number,
                acc.opened_at,
                acc.closed_at,
                status.balance if status else None,
                bool(state and state.online),
            )
        )
    return out


def tenant_history(actor: Actor, tenant_id: int, limit: int = 1000) -> list:
    """The tenant's ledger entries, newest first (every kind and state)."""
    require(actor, Permission.ACCOUNTS)
    return list(
        LedgerEntry.select()
        .where(LedgerEntry.tenant == tenant_id)
        .order_by(LedgerEntry.id.desc())
        .limit(limit)
    )

"""Tenants: who holds accounts, and the questions asked about them.

A tenant outlives each account; the tenant list, tenant detail and the kiosk
ask the queries here. Opening an account creates the tenant and keeps it only
if a meter opened (``accounts.open_account``); a tenant left without any meter
(an opening still running when the window gave up, an older database) shows
as "no meter yet" and can be removed (``remove_tenant``). Their details are
corrected with ``update_tenant``, which writes old and new values to the
system log (never the PIN). Kept apart from ``accounts``, whose jobs talk to
meters, because nothing here does: these are short database reads and writes.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, InvalidField, ValidationError
from app.messages import Message
from app.models import Account, LedgerEntry, Meter, Tenant
from app.models.site import MeterState, utcnow
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


# Field lengths the data has by nature (an 18-character resident ID, a phone
# number); the forms cap their edits with the same numbers.
MAX_LENGTH = {"name": 60, "shop": 40, "phone": 20, "id_number": 18}

# Mainland mobile (11 digits, 13x-19x; the SMS go there) or landline with its area code
# (010-1234567, 0755-12345678); empty is allowed (no phone on file).
_MOBILE = re.compile(r"1[3-9]\d{9}")
_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-\d{7,8}")
_COUNTRY = re.compile(r"(?:\+|00)?86(1[3-9]\d{9})")

NAME_MISSING = QT_TRANSLATE_NOOP("Errors", "Tenant name: enter the tenant's name")
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "{field}: at most {maximum} characters")
BAD_PHONE = QT_TRANSLATE_NOOP(
    "Errors",
    "Phone: {phone} is neither a mobile number (11 digits starting 13-19) "
    "nor a landline with its area code (0755-12345678)",
)
BAD_PIN = QT_TRANSLATE_NOOP("Errors", "Kiosk PIN: 4 to 8 digits")
ACCOUNT_NO_USED = QT_TRANSLATE_NOOP("Errors", "Account no.: {account_no} is already used")
NO_TENANT = QT_TRANSLATE_NOOP("Errors", "no tenant {tenant}")
# The field names the length message uses, marked so they are translated too.
FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("Errors", "Tenant name"),
    "shop": QT_TRANSLATE_NOOP("Errors", "Shop / room"),
    "phone": QT_TRANSLATE_NOOP("Errors", "Phone"),
    "id_number": QT_TRANSLATE_NOOP("Errors", "ID number"),
}


def check_pin(tenant: Tenant, pin: str) -> bool:
    """The kiosk's PIN check (scrypt, constant time)."""
    return bool(tenant.pin_hash) and verify_password(pin, tenant.pin_hash)


def normalise_phone(phone: str) -> str:
    """A mobile number as its 11 digits: "+86 139-1234-5678" and "8613912345678" are
    "13912345678", so the number a modem reports matches the one on file. Anything
    else comes back stripped, as typed."""
    phone = phone.strip()
    digits = re.sub(r"[\s\-()]", "", phone)
    if _MOBILE.fullmatch(digits):
        return digits
    country = _COUNTRY.fullmatch(digits)
    return country.group(1) if country else phone


def is_mobile(phone: str) -> bool:
    """True for a mainland mobile number (after ``normalise_phone``): one that takes SMS."""
    return bool(_MOBILE.fullmatch(normalise_phone(phone)))


def check_phone(phone: str) -> None:
    """Refuse what cannot be dialled: "abcdef" on file is worse than nothing."""
    phone = normalise_phone(phone)
    if phone and not _PHONE.fullmatch(phone):
        raise InvalidField("phone", BAD_PHONE, phone=phone)


def check_kiosk_pin(pin: str) -> None:
    if pin and not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise InvalidField("pin", BAD_PIN)


def check_tenant_info(info: TenantInfo) -> None:
    """Every rule on a tenant's details, each refusal naming its field (form and service)."""
    if not info.name.strip():
        raise InvalidField("name", NAME_MISSING)
    for key, maximum in MAX_LENGTH.items():
        if len(getattr(info, key).strip()) > maximum:
            raise InvalidField(key, TOO_LONG, field=FIELD_NAMES[key], maximum=maximum)
    check_phone(info.phone)
    check_kiosk_pin(info.pin)


def create_tenant(actor: Actor, info: TenantInfo, pin_hash: str | None = None) -> Tenant:
    """A tenant without meters yet; the account number is what the kiosk asks for."""
    tenant = insert_tenant(actor, info, pin_hash)
    audit(actor, "tenant.create", _target(tenant), "ok", tenant.name)
    return tenant


def insert_tenant(actor: Actor, info: TenantInfo, pin_hash: str | None = None) -> Tenant:
    """The tenant row, checked, not yet logged: opening logs it once a meter opened.

    ``pin_hash``: ``hash_password(info.pin)`` made beforehand (the demo hashes
    sixty PINs on every core at once); None hashes it here.
    """
    require(actor, Permission.ACCOUNTS)
    check_tenant_info(info)
    # scrypt takes tens of milliseconds on purpose: never while holding the write lock
    if pin_hash is None:
        pin_hash = hash_password(info.pin) if info.pin else ""
    with ledger.write_txn():
        account_no = info.account_no.strip()
        if not account_no:
            last = Tenant.select(Tenant.id).order_by(Tenant.id.desc()).first()
            account_no = f"{(last.id if last else 0) + 1:06d}"
        if Tenant.select().where(Tenant.account_no == account_no).exists():
            raise InvalidField("account_no", ACCOUNT_NO_USED, account_no=account_no)
        return Tenant.create(
            account_no=account_no,
            name=info.name.strip(),
            shop=info.shop.strip(),
            phone=normalise_phone(info.phone),
            id_number=info.id_number.strip(),
            pin_hash=pin_hash,
        )


def discard_if_unused(tenant_id: int) -> bool:
    """Delete a tenant nothing refers to (no account ever, no ledger entry); True if gone.

    An opening that opened no meter leaves nothing behind this way; a tenant
    with any history is kept, because the ledger names it.
    """
    with ledger.write_txn():
        used = (
            Account.select().where(Account.tenant == tenant_id).exists()
            or LedgerEntry.select().where(LedgerEntry.tenant == tenant_id).exists()
        )
        if not used:
            Tenant.delete().where(Tenant.id == tenant_id).execute()
    return not used


def remove_tenant(actor: Actor, tenant_id: int) -> str:
    """Remove a tenant who holds no meter: deleted if nothing refers to them, else closed.

    Returns "deleted" or "closed". A tenant with an open account is refused:
    closing the account is what refunds the credit.
    """
    require(actor, Permission.ACCOUNTS)
    tenant = _get(tenant_id)
    if Account.select().where((Account.tenant == tenant_id) & Account.closed_at.is_null()).exists():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "tenant {account_no} still has open meters; close their accounts first"
            ),
            account_no=tenant.account_no,
        )
    if discard_if_unused(tenant_id):
        outcome = "deleted"
    else:
        outcome = "closed"
        if tenant.closed_at is None:
            Tenant.update(closed_at=utcnow()).where(Tenant.id == tenant_id).execute()
    audit(actor, "tenant.remove", _target(tenant), outcome, tenant.name)
    return outcome


@dataclass(frozen=True)
class TenantEdit:
    """Corrected details of a tenant; ``new_pin`` set only to reset the kiosk PIN."""

    name: str
    shop: str = ""
    phone: str = ""
    id_number: str = ""
    new_pin: str | None = None


def update_tenant(actor: Actor, tenant_id: int, edit: TenantEdit) -> list[str]:
    """Correct a tenant's details; the system log gets each old and new value.

    The PIN is only said to have been reset (neither PIN nor hash is logged).
    Returns the names of the fields that changed (empty: nothing to do, no log).
    """
    require(actor, Permission.ACCOUNTS)
    info = TenantInfo(edit.name, edit.shop, edit.phone, edit.id_number, pin=edit.new_pin or "")
    check_tenant_info(info)
    if edit.new_pin is not None and not edit.new_pin:
        raise InvalidField("pin", BAD_PIN)
    pin_hash = hash_password(edit.new_pin) if edit.new_pin else None  # not under the lock
    with ledger.write_txn():
        tenant = _get(tenant_id)
        new = {key: getattr(info, key).strip() for key in MAX_LENGTH}
        new["phone"] = normalise_phone(info.phone)
        changes = {k: (getattr(tenant, k), v) for k, v in new.items() if getattr(tenant, k) != v}
        if changes:
            Tenant.update(**new).where(Tenant.id == tenant_id).execute()
        if pin_hash:
            Tenant.update(pin_hash=pin_hash).where(Tenant.id == tenant_id).execute()
    text = "; ".join(f"{k}: {old!r} -> {value!r}" for k, (old, value) in changes.items())
    if changes and edit.new_pin:
        detail = Message(EDITED_AND_PIN, {"changes": text})
    elif changes:
        detail = Message(EDITED, {"changes": text})
    elif edit.new_pin:
        detail = Message(PIN_RESET, {})
    if changes or edit.new_pin:
        audit(actor, "tenant.edit", _target(tenant), "ok", detail)
    return [*changes, *(["pin"] if edit.new_pin else [])]


EDITED = QT_TRANSLATE_NOOP("SystemLog", "changed {changes}")
EDITED_AND_PIN = QT_TRANSLATE_NOOP("SystemLog", "changed {changes}; kiosk PIN reset")
PIN_RESET = QT_TRANSLATE_NOOP("SystemLog", "kiosk PIN reset")


def _target(tenant: Tenant) -> Message:
    return Message(TENANT_TARGET, {"account": tenant.account_no})


def _get(tenant_id: int) -> Tenant:
    tenant = Tenant.get_or_none(Tenant.id == tenant_id)
    if tenant is None:
        raise ValidationError(NO_TENANT, tenant=tenant_id)
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
    t = _get(tenant_id)
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

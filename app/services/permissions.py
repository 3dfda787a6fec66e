"""Roles and what each may do (SPEC "Security"); the one table the GUI and services share.

The GUI hides what a role may not do; every service call checks again with
``require``, so a hidden button is never the only guard.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, PermissionDenied


class Role(enum.Enum):
    ADMIN = "admin"
    CASHIER = "cashier"
    MAINTENANCE = "maintenance"


class Permission(enum.Enum):
    SELL = "sell"  # sale, refund, correction
    ACCOUNTS = "accounts"  # open / close account, tenants
    RECEIPTS = "receipts"
    REPORTS = "reports"
    CONTROL = "control"  # trip, close, keep power, downloads
    COMMISSION = "commission"  # buses, meters, scan, replace hardware
    OPERATORS = "operators"  # manage operator accounts
    SETTINGS = "settings"
    ESTIMATED_TRANSFER = "estimated_transfer"  # move credit from a dead meter
    VIEW = "view"  # grid, meter detail, system log of own actions
    ALARMS = "alarms"  # acknowledge alarms
    BACKUP = "backup"  # make and restore backups, run the archiver


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CASHIER: frozenset(
        {
            Permission.SELL,
            Permission.ACCOUNTS,
            Permission.RECEIPTS,
            Permission.REPORTS,
            Permission.VIEW,
            Permission.ALARMS,
        }
    ),
    Role.MAINTENANCE: frozenset(
        {Permission.CONTROL, Permission.COMMISSION, Permission.VIEW, Permission.ALARMS}
    ),
}


@dataclass(frozen=True)
class Actor:
    """Who is doing something: a logged-in operator, or the system itself."""

    operator_id: int | None
    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


SYSTEM = Actor(None, "system", Role.ADMIN)


def require(actor: Actor, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("Errors", "{name} ({role}) may not do this: {permission}"),
            name=actor.name,
            role=actor.role.value,
            permission=permission.value,
        )

"""The cashier's operations by kind, and what opening one needs (no widgets here).

The record windows (sales, tenants, tenant detail) start cashier dialogs, and
the cashier actions open the record windows: the windows are handed a
``Launch`` callable instead of importing the actions, so neither imports the
other (no import circle, issue #7).
"""

from __future__ import annotations

from collections.abc import Callable

from app.services.permissions import Permission

PERMISSIONS = {
    "sale": Permission.SELL,
    "refund": Permission.SELL,
    "correction": Permission.SELL,
    "open": Permission.ACCOUNTS,
    "close": Permission.ACCOUNTS,
    "replace": Permission.ACCOUNTS,
}

# launch(kind, parent, site, actor, meter_id=None, **kw) -> the dialog it opened
Launch = Callable[..., object]

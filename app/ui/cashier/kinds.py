"""The cashier's operations by kind, and what opening one needs (no widgets here).

The record windows (sales, tenants, tenant detail) start cashier dialogs, and
the cashier actions open the record windows: the windows are handed a
``Launch`` callable instead of importing the actions, so neither imports the
other (no import circle, issue #7).
"""

from __future__ import annotations

from collections.abc import Callable

from app.serial_io.profiles import Capability
from app.services.meter_profiles import meters_that_can
from app.services.permissions import Permission
from app.services.sales_records import MeterSummary

PERMISSIONS = {
    "sale": Permission.SELL,
    "refund": Permission.SELL,
    "correction": Permission.SELL,
    "open": Permission.ACCOUNTS,
    "close": Permission.ACCOUNTS,
    "replace": Permission.ACCOUNTS,
}

# What the meter's profile must be able to do for each kind (issue #10): a
# metering-only meter holds no money, so it is offered none of these. Taking
# money off a meter (refund, a correction's reversal) needs REFUND as well.
NEEDS: dict[str, tuple[Capability, ...]] = {
    "sale": (Capability.MONEY,),
    "refund": (Capability.MONEY, Capability.REFUND),
    "correction": (Capability.MONEY, Capability.REFUND),
    "open": (Capability.MONEY,),
    "close": (Capability.MONEY,),
    "replace": (Capability.MONEY,),
}


def money_meters(summaries: list[MeterSummary]) -> list[MeterSummary]:
    """Those meters that can hold an account (a metering-only meter is no choice)."""
    able = meters_that_can(Capability.MONEY, [s.meter_id for s in summaries])
    return [s for s in summaries if s.meter_id in able]


# launch(kind, parent, site, actor, meter_id=None, **kw) -> the dialog it opened
Launch = Callable[..., object]

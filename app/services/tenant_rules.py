"""When a tenant may switch their own power off or on (issue #15): one place for the kiosk's
and the mobile site's buttons (``tenant_view``) and for the switch itself (``tenant_control``),
which asks again in the bus owner right before the command goes out.

Off: only while ``tenant.self_control`` is on, the meter answers, its relay is
closed and its family can switch. On: only when the tenant switched it off
themselves (``Account.tenant_off_at``; an operator's trip clears the mark) and
the meter is not in arrears. Each refusal is a ``Message`` saying why.
"""

from __future__ import annotations

from app import settings
from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models import Account
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles.base import Capability
from app.services.meter_profiles import profile_named

SELF_CONTROL_OFF = QT_TRANSLATE_NOOP("Errors", "switching by tenants is turned off at this site")
NO_RELAY = QT_TRANSLATE_NOOP("Errors", "this meter cannot be switched remotely")
NOT_ANSWERING = QT_TRANSLATE_NOOP("Errors", "the meter is not answering now")
ALREADY_OFF = QT_TRANSLATE_NOOP("Errors", "the power is already off")
ALREADY_ON = QT_TRANSLATE_NOOP("Errors", "the power is already on")
SITE_TRIP = QT_TRANSLATE_NOOP(
    "Errors", "the management office switched the power off: please ask them to switch it on"
)
IN_ARREARS = QT_TRANSLATE_NOOP("Errors", "the meter is in arrears: recharge first")


def off_refusal(account: Account, profile: str, status: MeterStatus | None, online: bool):
    """Why the tenant may not switch this meter off now (None: they may)."""
    return _common(profile, status, online) or _off(status)


def on_refusal(account: Account, profile: str, status: MeterStatus | None, online: bool):
    """Why the tenant may not switch this meter back on now (None: they may)."""
    return _common(profile, status, online) or _on(account, status)


def both_refusals(account: Account, profile: str, status: MeterStatus | None, online: bool):
    """(off refusal, on refusal) at once: the setting and the family are read once."""
    common = _common(profile, status, online)
    if common is not None:
        return common, common
    return _off(status), _on(account, status)


def _off(status: MeterStatus) -> Message | None:
    return Message(ALREADY_OFF) if status.relay_open else None


def _on(account: Account, status: MeterStatus) -> Message | None:
    if not status.relay_open:
        return Message(ALREADY_ON)
    if account.tenant_off_at is None:
        return Message(SITE_TRIP)
    if status.arrears or (status.prepaid_mode and not status.keep_power and status.balance <= 0):
        return Message(IN_ARREARS)
    return None


def _common(profile: str, status: MeterStatus | None, online: bool) -> Message | None:
    if not settings.get("tenant.self_control"):
        return Message(SELF_CONTROL_OFF)
    if not profile_named(profile).can(Capability.RELAY):
        return Message(NO_RELAY)
    if status is None or not online:
        return Message(NOT_ANSWERING)
    return None

"""Saving the site's defaults and collection settings: checked, logged, announced.

One call writes every changed value in one transaction, appends one system-log
row naming what changed (old and new), and bumps ``config.version`` so a bus
owner in another process (the collector) knows to read the poll settings again
(``Site.reload_poll_settings``). Nothing is written when any value is refused;
the refusal names the setting (``InvalidField.field`` is its key) so the form
shows it at the field.
"""

from __future__ import annotations

from app import settings
from app.errors import QT_TRANSLATE_NOOP, InvalidField, ValidationError
from app.models.txn import write_txn
from app.services.audit import log_action
from app.services.permissions import Actor, Permission, require

SETTINGS_TARGET = "site settings"  # shown as it is: the keys below are not translated either
CONFIG_VERSION = "config.version"
ALARMS_ORDER = QT_TRANSLATE_NOOP("Errors", "{key} must be below alarm 1 ({alarm1})")
BLANK = QT_TRANSLATE_NOOP("Errors", "{key} must not be empty")
NOT_BLANK = ("site.name", "tariff.default")


def check_value(key: str, value: object) -> None:
    """Refuse a value the declared option does not accept, naming the setting's key."""
    try:
        settings.option(key).check(value)
    except ValidationError as exc:
        raise InvalidField(key, exc.template, **exc.params) from None


def check_values(values: dict[str, object]) -> list[InvalidField]:
    """Every refusal among ``values`` (the form shows each at its field), in key order given.

    Beyond each option's own range: the site name and the default tariff may not
    be blank, and a new meter's alarm 2 (the later warning) is below its alarm 1.
    """
    from app.services.money import format_fen

    problems: list[InvalidField] = []
    for key, value in values.items():
        try:
            check_value(key, value)
            if key in NOT_BLANK and not str(value).strip():
                raise InvalidField(key, BLANK, key=key)
        except InvalidField as exc:
            problems.append(exc)
    alarm1, alarm2 = values.get("meter.alarm1_fen"), values.get("meter.alarm2_fen")
    bad = {p.field for p in problems}
    if (
        isinstance(alarm1, int)
        and isinstance(alarm2, int)
        and not {"meter.alarm1_fen", "meter.alarm2_fen"} & bad
        and alarm2 >= alarm1
    ):
        problems.append(
            InvalidField(
                "meter.alarm2_fen", ALARMS_ORDER, key="meter.alarm2_fen", alarm1=format_fen(alarm1)
            )
        )
    return problems


def save_settings(actor: Actor, values: dict[str, object]) -> dict[str, tuple[object, object]]:
    """Store ``values`` (key -> new value); returns what changed as key -> (old, new).

    Only an administrator may; nothing changed writes nothing (no log row, no
    version bump), so pressing Save twice is harmless.
    """
    require(actor, Permission.SETTINGS)
    if CONFIG_VERSION in values:
        raise KeyError("config.version is bumped by saving, never set")
    problems = check_values(values)
    if problems:
        raise problems[0]
    with write_txn():
        changed = {
            key: (old, new) for key, new in values.items() if (old := settings.get(key)) != new
        }
        if not changed:
            return {}
        for key, (_old, new) in changed.items():
            settings.put(key, new)
        settings.put(CONFIG_VERSION, int(settings.get(CONFIG_VERSION)) + 1)
        detail = "; ".join(f"{key}: {old!r} → {new!r}" for key, (old, new) in changed.items())
        log_action(actor, "settings.change", SETTINGS_TARGET, "ok", detail)
    return changed

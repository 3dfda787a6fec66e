"""Saving the SMS settings page: the general ``sms.*`` settings and every template, checked.

Beyond each option's own range (``site_settings.check_values``), a template
must parse and name only known fields, and quiet hours are ``HH:MM``; the
refusal names the setting's key so the page shows it at the field.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, InvalidField
from app.services import site_settings, sms_text
from app.services.permissions import Actor

QUIET_KEYS = ("sms.quiet_start", "sms.quiet_end")
BAD_TIME = QT_TRANSLATE_NOOP("Errors", "{key}: a time of day as HH:MM, such as 22:00")


def is_time_of_day(text: str) -> bool:
    hours, sep, minutes = text.partition(":")
    return (
        sep == ":"
        and len(minutes) == 2
        and hours.isdigit()
        and minutes.isdigit()
        and 0 <= int(hours) < 24
        and 0 <= int(minutes) < 60
    )


def check_sms_values(values: dict[str, object]) -> list[InvalidField]:
    """Every refusal among ``values`` (declared ranges, quiet hours, templates)."""
    problems = site_settings.check_values(values)
    bad = {p.field for p in problems}
    for key, value in values.items():
        if key in bad:
            continue
        if key in QUIET_KEYS and not is_time_of_day(str(value)):
            problems.append(InvalidField(key, BAD_TIME, key=key))
        elif key in sms_text.TEMPLATE_KEYS.values():
            try:
                sms_text.check_template(str(value))
            except InvalidField as exc:
                problems.append(InvalidField(key, exc.template, **exc.params))
    return problems


def save_sms_settings(actor: Actor, values: dict[str, object]) -> dict[str, tuple]:
    """Check, then store as every settings page does (one log row, ``config.version``)."""
    problems = check_sms_values(values)
    if problems:
        raise problems[0]
    return site_settings.save_settings(actor, values)

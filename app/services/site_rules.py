"""The rules every description of a site's hardware obeys, wherever it comes from.

The settings window, the Excel import and the scan's "add" all describe
buildings, gateways, buses and meters; each value passes through one of these
checks, so a rule is written once and a refusal reads the same everywhere:
an ``InvalidField`` naming the field (the form focuses it, the import preview
names sheet, row and column) with a marked sentence the UI translates.
Uniqueness across rows (numbers, names, bus + address + circuit) needs the
database or the whole file and is checked by the caller with ``clash``.
"""

from __future__ import annotations

import re
import unicodedata

from app.errors import QT_TRANSLATE_NOOP, ConfigError, InvalidField
from app.serial_io import profiles
from app.serial_io.transport import BAUD_MAX, BAUD_MIN, PARITIES, STOPBITS

ADDRESS_RANGE = QT_TRANSLATE_NOOP("Errors", "{field}: address {value} is outside 1-247")
CIRCUIT_NEEDED = QT_TRANSLATE_NOOP(
    "Errors", "{field}: a {profile} meter needs a circuit from 1 to {last}"
)
CIRCUIT_NONE = QT_TRANSLATE_NOOP("Errors", "{field}: a {profile} meter has no circuits (use 0)")
NOT_A_NUMBER = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not a whole number")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is outside {low}-{high}")
EMPTY = QT_TRANSLATE_NOOP("Errors", "{field} must not be empty")
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "{field} is longer than {limit} characters")
UNKNOWN_PROFILE = QT_TRANSLATE_NOOP("Errors", "{field}: no meter family {value} (known: {known})")
BAD_PARITY = QT_TRANSLATE_NOOP("Errors", "{field}: parity {value} is not N, E or O")
BAD_PORT = QT_TRANSLATE_NOOP(
    "Errors",
    "{field}: {value} is not a serial port (COM3, /dev/ttyUSB0) or a gateway "
    "address (socket://host:port)",
)
BAD_HOST = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not a host name or IP address")
CLASH = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is already used by {other}")

NAME_LIMIT = 64
_PORT = re.compile(r"^(COM\d{1,3}|/dev/[\w./-]+|(socket|rfc2217)://[\w.-]+:\d{1,5})$")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$")


def normal(value: object) -> str:
    """Text as a person typed it, made comparable: full-width forms (１２, Ａ) to ASCII
    (NFKC), surrounding blanks removed."""
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()


def whole(field: str, value: object, low: int, high: int) -> int:
    """A whole number within ``low..high``; "12", " １２ " and 12.0 are 12, "12.5" is not."""
    if isinstance(value, bool):
        raise InvalidField(field, NOT_A_NUMBER, field=field, value=repr(value))
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidField(field, NOT_A_NUMBER, field=field, value=value)
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = normal(value)
        if not re.fullmatch(r"[+-]?\d{1,30}", text):  # int() refuses > 4300 digits
            raise InvalidField(field, NOT_A_NUMBER, field=field, value=repr(text))
        number = int(text)
    if not low <= number <= high:
        raise InvalidField(field, OUT_OF_RANGE, field=field, value=number, low=low, high=high)
    return number


def name(field: str, value: object, limit: int = NAME_LIMIT) -> str:
    """A non-empty name or number of at most ``limit`` characters."""
    text = normal(value)
    if not text:
        raise InvalidField(field, EMPTY, field=field)
    if len(text) > limit:
        raise InvalidField(field, TOO_LONG, field=field, limit=limit)
    return text


def address(field: str, value: object) -> int:
    number = whole(field, value, 0, 65535)
    if not 1 <= number <= 247:
        raise InvalidField(field, ADDRESS_RANGE, field=field, value=number)
    return number


def profile(field: str, value: object) -> str:
    text = normal(value) or "default"
    if text not in profiles.PROFILES:
        known = ", ".join(profiles.names())
        raise InvalidField(field, UNKNOWN_PROFILE, field=field, value=repr(text), known=known)
    return text


def circuit(field: str, value: object, profile_name: str) -> int:
    """0 for a meter of its own; 1..max on a multi-circuit family (and then required)."""
    number = whole(field, value if normal(value) else 0, 0, 255)
    last = profiles.get_profile(profile_name).max_circuits
    if last and not 1 <= number <= last:
        raise InvalidField(field, CIRCUIT_NEEDED, field=field, profile=profile_name, last=last)
    if not last and number:
        raise InvalidField(field, CIRCUIT_NONE, field=field, profile=profile_name)
    return number


def baud(field: str, value: object) -> int:
    return whole(field, value, BAUD_MIN, BAUD_MAX)


def parity(field: str, value: object) -> str:
    text = normal(value).upper()[:1]
    if text not in PARITIES:
        raise InvalidField(field, BAD_PARITY, field=field, value=repr(normal(value)))
    return text


def stopbits(field: str, value: object) -> int:
    return whole(field, value, min(STOPBITS), max(STOPBITS))


def port(field: str, value: object) -> str:
    """A port name in a form a PC has; whether this PC has it is the caller's question."""
    text = normal(value)
    if not _PORT.match(text):
        raise InvalidField(field, BAD_PORT, field=field, value=repr(text))
    return text


def host(field: str, value: object) -> str:
    text = normal(value)
    if not _HOST.match(text):
        raise InvalidField(field, BAD_HOST, field=field, value=repr(text))
    return text


def clash(field: str, value: object, other: str) -> InvalidField:
    """The refusal for a value another row already uses (the caller raises or collects it)."""
    return InvalidField(field, CLASH, field=field, value=value, other=other)


def known_profile(name_: str) -> profiles.MeterProfile:
    """The family named ``name_``; an unknown one is refused naming the known ones."""
    try:
        return profiles.get_profile(name_)
    except ConfigError:
        known = ", ".join(profiles.names())
        raise InvalidField(
            "profile", UNKNOWN_PROFILE, field="profile", value=repr(name_), known=known
        ) from None

"""Password hashing (scrypt) and the password rule, kept apart from the login logic.

The hash string carries its own parameters ("scrypt$n$r$p$salt$hash") so the
cost can be raised later: old hashes still verify, and ``needs_rehash`` tells
the login to store a stronger one the next time the operator types the password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata

from app.errors import QT_TRANSLATE_NOOP

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD_LENGTH = 8
_MAXMEM = 256 * 1024 * 1024

# Problems ``password_problem`` can name; the UI turns each into translated text.
TOO_SHORT = "too_short"
SAME_AS_NAME = "same_as_name"
BLANK = "blank"


def _normalize(password: str) -> bytes:
    # The same characters typed through different input methods must give the same bytes.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        _normalize(password), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )


def hash_password(password: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A new salted hash string for storing; never log its input."""
    salt = os.urandom(SALT_BYTES)
    key = _derive(password, salt, n, r, p)
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt_hex, key_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        key = _derive(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(key, bytes.fromhex(key_hex))


def needs_rehash(stored: str) -> bool:
    try:
        scheme, n, r, p, *_ = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


# A fixed hash to check unknown names against, so they take as long as real ones.
_DUMMY_HASH: str | None = None


def burn_time(password: str) -> None:
    """Spend one verification's time (login with an unknown name)."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("dummy-password-for-timing")
    verify_password(password, _DUMMY_HASH)


def password_problem(login: str, password: str) -> str | None:
    """What is wrong with a new password (one of the constants above), or None when it is fine."""
    if not password.strip():
        return BLANK
    if len(password) < MIN_PASSWORD_LENGTH:
        return TOO_SHORT
    if password.strip().casefold() == login.strip().casefold():
        return SAME_AS_NAME
    return None


PROBLEM_TEXT = {  # templates: {count} is MIN_PASSWORD_LENGTH
    BLANK: QT_TRANSLATE_NOOP("Errors", "the password is empty"),
    TOO_SHORT: QT_TRANSLATE_NOOP("Errors", "the password must have at least {count} characters"),
    SAME_AS_NAME: QT_TRANSLATE_NOOP("Errors", "the password must not be the login name"),
}

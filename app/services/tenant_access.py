"""A tenant signing in to the kiosk or the mobile site, and their PIN (issue #15). SKELETON:
helper T1 implements; the kiosk (T2) and the portal (T3) call exactly these.

Sign-in takes the account number or the shop number and the PIN. Five wrong
PINs in a row lock the account for five minutes, and five from one source (a
kiosk, a phone's address) lock that source, as operators are locked
(``auth.py``): counted under the write lock so that parallel guesses cannot
pass a lock nobody wrote yet. A closed tenant cannot sign in. Every failure,
lock and sign-in is in the system log, by the tenant, never with the PIN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TenantActor:
    """Who is signed in: a tenant, never an operator (no operator permission at all)."""

    tenant_id: int
    account_no: str
    name: str


def sign_in(identifier: str, pin: str, source: str, now: dt.datetime | None = None) -> TenantActor:
    """The tenant whose account number (or shop number) and PIN these are.

    Raises ``WrongPin`` (the same message whether the account exists or not) or
    ``TenantLocked`` (with the minutes left), both ``PemError``s.
    """
    raise NotImplementedError


def change_pin(who: TenantActor, old_pin: str, new_pin: str) -> None:
    """Their own PIN (4 to 8 digits); ends every mobile-site session of theirs."""
    raise NotImplementedError


def start_session(who: TenantActor, source: str) -> str:
    """A new mobile-site session; returns its random token (the cookie holds it, signed)."""
    raise NotImplementedError


def session_tenant(token: str, now: dt.datetime | None = None) -> TenantActor | None:
    """Whose session ``token`` is (None: unknown, ended, or idle too long)."""
    raise NotImplementedError


def end_session(token: str) -> None:
    raise NotImplementedError

"""The mobile site's guards: signed cookies, CSRF tokens, a per-address request limit, headers.

The session cookie holds only the random session token (a ``TenantSession``
row keeps its hash), signed with the site's portal secret; HttpOnly,
SameSite=Strict, Secure over HTTPS. Before sign-in a visitor gets a signed
random "pre" cookie instead, so the sign-in form has a CSRF token too. A form's
CSRF token is an HMAC of the cookie it came with: nothing else is stored, and
a token from one cookie is worthless with another.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from itsdangerous import BadSignature, Signer

SESSION_COOKIE = "pem_session"
PRE_COOKIE = "pem_pre"
LANG_COOKIE = "pem_lang"
SECRET_FILE = "portal.secret"

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
HSTS = "max-age=31536000"


def site_secret(data_dir: Path) -> bytes:
    """The portal's signing secret, made once per site folder (private to its owner)."""
    path = Path(data_dir) / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    secret = secrets.token_bytes(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(secret.hex())
    tmp.chmod(0o600)
    tmp.replace(path)
    return secret


class Cookies:
    """Signing and checking the site's cookie values and the CSRF tokens bound to them."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self._signer = Signer(secret, salt="pem-portal-cookie")

    def sign(self, value: str) -> str:
        return self._signer.sign(value).decode()

    def unsign(self, signed: str | None) -> str | None:
        """The value of a cookie signed here; None for a missing or forged one."""
        if not signed:
            return None
        try:
            return self._signer.unsign(signed).decode()
        except (BadSignature, UnicodeDecodeError):
            return None

    def csrf_for(self, cookie_value: str) -> str:
        return hmac.new(self._secret, b"csrf:" + cookie_value.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, cookie_value: str | None, token: str | None) -> bool:
        if not cookie_value or not token:
            return False
        return hmac.compare_digest(self.csrf_for(cookie_value), token)


class RequestLimit:
    """At most ``limit`` requests per address in any ``window_s`` seconds (sliding window)."""

    def __init__(self, limit: int, window_s: float = 60.0, clock=time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = self._clock()
        with self._lock:
            times = self._seen.setdefault(address, deque())
            while times and times[0] <= now - self.window_s:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            if len(self._seen) > 10_000:  # forget idle addresses, not the busy ones
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return True


class Recent:
    """Values kept ``ttl_s`` seconds, by key: the slow-changing parts of a page (the 30-day
    chart and the months of a meter), so 200 phones refreshing every few seconds
    do not each rebuild them. Keys must name whose data it is (tenant, meter)."""

    def __init__(self, ttl_s: float, clock=time.monotonic, size: int = 20_000) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._size = size
        self._values: dict = {}
        self._lock = threading.Lock()

    def get(self, key, make):
        """The kept value of ``key``, else ``make()`` (kept from now on)."""
        hit = self._fresh(key)
        if hit is not None:
            return hit
        value = make()
        self._put(key, value)
        return value

    def _fresh(self, key):
        with self._lock:
            hit = self._values.get(key)
        return hit[1] if hit is not None and hit[0] > self._clock() else None

    def _put(self, key, value) -> None:
        now = self._clock()
        with self._lock:
            if len(self._values) >= self._size:
                self._values = {k: v for k, v in self._values.items() if v[0] > now}
                if len(self._values) >= self._size:
                    self._values.clear()
            # spread over 0.75..1.25 ttl: values made together do not all expire together
            self._values[key] = (now + self.ttl_s * (0.75 + random.random() / 2), value)

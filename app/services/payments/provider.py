"""What every payment provider client offers (issue #16): WeChat Pay (API v3) and Alipay.

``orders``/``crediting`` talk to a provider only through this interface, so the
fakes (``app/serial_io``-style simulators of each provider's published protocol,
with their own keys) and the real services are one code path. Money is integer
fen; order numbers are ours (``PayOrder.order_no``); times naive UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

WECHAT, ALIPAY = "wechat", "alipay"
PROVIDERS = (WECHAT, ALIPAY)


@dataclass(frozen=True)
class Checkout:
    """How the tenant pays: ``qr`` is the content of a QR code to show (kiosk: WeChat Pay
    Native ``code_url``, Alipay pre-create ``qr_code``); ``url`` a page to open (phone)."""

    qr: str = ""
    url: str = ""


@dataclass(frozen=True)
class Notice:
    """A verified payment notification: the provider says this order is paid (or not)."""

    order_no: str
    amount: int  # fen, as the provider says it was paid
    paid: bool
    provider_txn: str
    paid_at: dt.datetime | None


@dataclass(frozen=True)
class Reply:
    """The HTTP answer the provider requires for a notification."""

    status: int
    body: bytes
    content_type: str = "application/json"


@dataclass(frozen=True)
class QueryResult:
    state: str  # "paid" | "unpaid" | "closed" | "refunded" | "unknown" (no such order there)
    amount: int | None
    provider_txn: str
    paid_at: dt.datetime | None


@dataclass(frozen=True)
class RefundResult:
    ok: bool  # accepted (processing or done); False: refused, ``reason`` says why
    refund_txn: str
    reason: str = ""


@dataclass(frozen=True)
class StatementRow:
    """One line of the provider's daily statement."""

    order_no: str
    provider_txn: str
    kind: str  # "pay" | "refund"
    amount: int  # fen, positive
    at: dt.datetime | None
    refund_no: str = ""


class ForgedNotice(Exception):
    """A notification whose signature (or decryption) does not verify: nothing is changed."""


class ProviderError(Exception):
    """The provider could not be reached or refused the request (``permanent``: do not retry)."""

    def __init__(self, text: str, permanent: bool = False) -> None:
        super().__init__(text)
        self.permanent = permanent


class Provider(Protocol):
    name: str  # WECHAT | ALIPAY

    def checkout(
        self, order_no: str, amount: int, subject: str, notify_url: str, channel: str
    ) -> Checkout:
        """Ask the provider for a payment (``channel``: "kiosk" -> QR, "phone" -> page)."""
        ...

    def verify_notice(self, headers: dict[str, str], body: bytes) -> Notice:
        """Verify a notification (WeChat: platform signature + AES-256-GCM resource; Alipay:
        RSA2 over the sorted parameters) and read it; raises ``ForgedNotice``."""
        ...

    def reply(self, ok: bool) -> Reply:
        """The answer the provider requires (only once the order's state is durable)."""
        ...

    def query(self, order_no: str) -> QueryResult: ...

    def close(self, order_no: str) -> None: ...

    def refund(
        self, order_no: str, refund_no: str, amount: int, total: int, reason: str
    ) -> RefundResult: ...

    def statement(self, day: dt.date) -> list[StatementRow]: ...

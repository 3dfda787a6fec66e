"""Which ``Provider`` serves each payment provider name (issue #16).

``provider(name)`` gives the client built from the credentials an admin
entered (``payments.credentials``, Q3, handed in through
``set_credentials_loader``) or, in test mode, the local fakes' (Q2). Tests put
their own client in with ``install``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app import settings
from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.services.payments.provider import PROVIDERS, WECHAT, Provider

NOT_SET_UP = QT_TRANSLATE_NOOP("Errors", "the payment provider {provider} is not set up")

_installed: dict[str, Provider] = {}
_lock = threading.Lock()


def install(name: str, client: Provider | None) -> None:
    """Use ``client`` for ``name`` from now on (None: forget it, build it again when asked)."""
    with _lock:
        if client is None:
            _installed.pop(name, None)
        else:
            _installed[name] = client


def provider(name: str) -> Provider:
    """The client for ``name``; ValidationError when it is unknown or not set up."""
    with _lock:
        client = _installed.get(name)
    if client is not None:
        return client
    if name not in PROVIDERS:
        raise ValidationError(NOT_SET_UP, provider=repr(name))
    client = _build(name)
    if client is None:
        raise ValidationError(NOT_SET_UP, provider=name)
    install(name, client)
    return client


_loader: Callable[[str], dict | None] | None = None


def set_credentials_loader(loader: Callable[[str], dict | None] | None) -> None:
    """How a provider's client arguments are found (Q3: the credentials stored beside the
    master key; the demo: what the fakes wrote). Clears the clients built so far."""
    global _loader
    with _lock:
        _loader = loader
        _installed.clear()


def _build(name: str) -> Provider | None:
    """The client from the loaded credentials (their ``base_url`` points at the sandbox or
    the local fakes while ``pay.test_mode`` is on); None when there are none."""
    values = _loader(name) if _loader is not None else None
    if not values:
        return None
    if not settings.get("pay.test_mode") and "base_url" in values:
        values = {k: v for k, v in values.items() if k != "base_url"}  # the real gateway
    if name == WECHAT:
        from app.services.payments.wechat import WechatPayClient

        return WechatPayClient(**values)
    from app.services.payments.alipay import AlipayClient

    return AlipayClient(**values)

"""Which ``Provider`` serves each payment provider name (issue #16).

``provider(name)`` gives the client built from the credentials an admin
entered (``payments.credentials``, Q3) or, in test mode without credentials,
the local fakes (Q2). Tests and the demo put their own in with ``install``.
"""

from __future__ import annotations

import threading

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.services.payments.provider import PROVIDERS, Provider

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


def _build(name: str) -> Provider | None:
    """The real client from the stored credentials, or the fake in test mode (none yet: None)."""
    try:  # Q3's credentials and Q2's clients land beside this module
        from app.services.payments import clients  # type: ignore[attr-defined]
    except ImportError:
        return None
    return clients.build(name)

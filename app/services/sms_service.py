"""The SMS service: the GSM modem's worker and the outbox it drains (issue #13). STUB: helper C."""

from __future__ import annotations


def start(site):
    return None

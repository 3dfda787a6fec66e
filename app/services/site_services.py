"""Site-wide services a serving process runs beside its buses (issues #13, #14).

The SMS service (the GSM modem and the outbox) and the night jobs (archiving,
backups) each hold a ``ServiceLease`` so that only one process on the site
runs them; ``start_services`` starts whichever this process wins.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def start_services(site) -> list:
    """Start the site's services; returns the started ones (each has ``stop()``)."""
    from app.services import night_jobs, sms_service
    from app.services.payments import demo_pay, pay_service

    started = []
    for start in (sms_service.start, night_jobs.start, demo_pay.start, pay_service.start):
        try:
            service = start(site)
        except Exception:  # one service failing to start must not keep the buses down
            log.exception("a site service did not start")
            continue
        if service is not None:
            started.append(service)
    return started


def stop_services(services: list) -> None:
    for service in reversed(services):
        try:
            service.stop()
        except Exception:
            log.exception("a site service did not stop cleanly")

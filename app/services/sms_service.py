"""The SMS service: the GSM modem's worker and the outbox it drains (issue #13).

``start(site)`` (from ``Site.start``, roles gui and collector) returns an
``SmsService`` when ``modem.port`` is set, else None. The service keeps the
``ServiceLease`` "modem" (one process on the site talks to the modem): while
it holds it, it serves the demo site's simulated modem (if the site has one)
and runs a ``ModemWorker`` whose status it writes into the lease's
``status_json`` (``modem_status()`` reads it from any process) and turns into
the site-wide ``AlarmKind.MODEM`` alarm: raised when the modem cannot send
(no SIM, PIN, no network, no answer...), cleared when it can again. It drops
the modem when it loses the lease and takes it when the holder stops.

The outbox and the inbox are ``sms_outbox`` and ``sms_inbox`` (helper B),
imported when the worker starts; tests pass their own.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from app import settings
from app.messages import Message
from app.models import db
from app.models.alarms import AlarmKind, Level
from app.serial_io.gsm_modem import GsmModem, State
from app.serial_io.modem_worker import ModemWorker
from app.services import alarm_store, service_lease
from app.services.bus_lease import RENEW_S

log = logging.getLogger(__name__)

LEASE = "modem"
FINE = (State.OK, State.SMS_REFUSED)  # one refused SMS says nothing about the modem


class _RealOutbox:
    """The outbox of helper B's ``sms_outbox`` (imported when first used)."""

    def __init__(self) -> None:
        from app.services import sms_outbox

        self._m = sms_outbox
        sms_outbox.recover_sending()

    def dispatch_wanted(self, now: dt.datetime):
        return self._m.dispatch_wanted(now)

    def next_due(self, now: dt.datetime):
        return self._m.next_due(now)

    def mark_sent(self, msg_id: int, at: dt.datetime):
        return self._m.mark_sent(msg_id, at)

    def mark_failed(self, msg_id: int, error: Message, permanent: bool, at: dt.datetime):
        return self._m.mark_failed(msg_id, error, permanent, at)

    def put_back(self, msg_id: int, error: Message, at: dt.datetime):
        return self._m.put_back(msg_id, error, at)


def _real_inbox(phone: str, text: str, at: dt.datetime):
    from app.services import sms_inbox

    return sms_inbox.handle_incoming(phone, text, at)


def _close_connection() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


def modem_settings() -> dict:
    return {
        "port": settings.get("modem.port"),
        "baud": settings.get("modem.baud"),
        "pin": settings.get("modem.pin"),
        "mode": settings.get("modem.mode"),
    }


def modem_status() -> dict | None:
    """The modem's last status as its holder wrote it; None when no process runs the modem."""
    return service_lease.status_of(LEASE)


def keep_alarm(status: dict, at: dt.datetime | None = None) -> None:
    """Raise the site's MODEM alarm when ``status`` says the modem cannot send, else clear it."""
    if status.get("state") in FINE:
        alarm_store.clear_alarm(None, AlarmKind.MODEM, at=at)
    else:
        detail = Message.from_json(status.get("message") or "") or Message(status.get("state", ""))
        alarm_store.raise_alarm(None, AlarmKind.MODEM, Level.SERIOUS, detail=detail, at=at)


class SmsService:
    def __init__(
        self,
        role: str,
        outbox_factory: Callable[[], object] = _RealOutbox,
        inbox: Callable[[str, str, dt.datetime], object] = _real_inbox,
        serve_simulator: Callable[[str], object | None] | None = None,
        worker_options: dict | None = None,
    ) -> None:
        self.role = role
        self._outbox_factory, self._inbox = outbox_factory, inbox
        self._serve_simulator = serve_simulator
        self._worker_options = worker_options or {}
        self.worker: ModemWorker | None = None
        self.simulator = None
        self._status: dict | None = None
        self._alarm_fine: bool | None = None  # what the MODEM alarm was last set to say
        self._status_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> SmsService:
        self._thread = threading.Thread(target=self._run, name="sms-service", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._keep_lease()
                except Exception:  # the database was busy or gone: try again next turn
                    log.exception("SMS service: keeping the modem lease failed")
                self._stop.wait(RENEW_S)
        finally:
            self._drop()
            try:
                service_lease.release(LEASE)
            except Exception:  # it lapses by itself
                log.exception("SMS service: releasing the modem lease failed")
            _close_connection()

    def _keep_lease(self) -> None:
        if self.worker is None:
            if service_lease.try_acquire(LEASE, self.role):
                self._take()
            return
        with self._status_lock:
            status = self._status
        if not service_lease.renew(LEASE, status):
            log.warning("SMS service: another process took the modem over")
            self._drop()

    def _take(self) -> None:
        self._alarm_fine = None  # another holder may have raised or ended it meanwhile
        config = modem_settings()
        port = config["port"]
        if self._serve_simulator is not None:
            self.simulator = self._serve_simulator(port)
            port = settings.get("modem.port") if self.simulator is not None else port
        self.worker = ModemWorker(
            lambda: GsmModem(port, config["baud"], config["pin"], config["mode"]),
            self._outbox_factory(),
            self._inbox,
            self._on_status,
            on_exit=_close_connection,
            **self._worker_options,
        ).start()
        log.info("SMS service: this process runs the GSM modem on %s (%s)", port, self.role)

    def _drop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None

    def _on_status(self, status: dict) -> None:
        """From the worker's thread: keep the status for the lease and the alarm in step."""
        with self._status_lock:
            self._status = status
        service_lease.renew(LEASE, status)
        fine = status.get("state") in FINE
        if fine != self._alarm_fine:  # kept only once written: a busy database tries again
            keep_alarm(status)
            self._alarm_fine = fine


def start(site) -> SmsService | None:
    """Run the SMS service in this process (None when the site has no modem)."""
    from app.services import demo_modem

    if not settings.get("modem.port"):
        return None
    paths = site.paths
    service = SmsService(site.role, serve_simulator=lambda port: demo_modem.serve(paths, port))
    return service.start()

"""The GSM modem's own thread: keep the modem ready, drain the outbox, read what comes in.

One loop, one SMS at a time, at the modem's own pace (``AT+CMGS`` returns when
the network took the message): connect and set up (again after a failure,
every ``retry_s``), poll signal and registration every ``status_every_s``,
turn wanted alarms into queued messages (``outbox.dispatch_wanted``), send the
next due one (``outbox.next_due`` -> ``mark_sent`` / ``mark_failed``), and read
incoming messages when the modem announced one (``+CMTI``) or every
``sweep_every_s`` (``inbox``). Nothing here waits on the bus workers or the
GUI; they never wait on it. The outbox and the inbox are injected (the SMS
service passes the real ones), so is ``open_modem``. ``on_status(dict)`` hears
every status: state, message (a ``Message`` as JSON, "" when fine), rssi,
bars, registration, mode, counts, at.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from app.errors import PemError
from app.messages import Message
from app.models.site import utcnow
from app.serial_io.gsm_modem import GsmModem, ModemError, State

log = logging.getLogger(__name__)

# A send failing in these states failed for the modem (network lost, SIM gone, port
# unplugged), not for the message: no try is counted. No answer or a refused command
# still count (one message might be what upsets the modem).
MODEM_DOWN = (State.NO_NETWORK, State.NO_SIM, State.PIN, State.NO_PORT)


class Outbox(Protocol):
    def dispatch_wanted(self, now: dt.datetime): ...
    def next_due(self, now: dt.datetime): ...  # an object with .id .phone .body, or None
    def mark_sent(self, msg_id: int, at: dt.datetime): ...
    def mark_failed(self, msg_id: int, error: Message, permanent: bool, at: dt.datetime): ...
    def put_back(self, msg_id: int, error: Message, at: dt.datetime): ...  # no try counted


class ModemWorker:
    def __init__(
        self,
        open_modem: Callable[[], GsmModem],
        outbox: Outbox,
        inbox: Callable[[str, str, dt.datetime], object],
        on_status: Callable[[dict], None],
        *,
        status_every_s: float = 30.0,
        sweep_every_s: float = 60.0,
        retry_s: float = 15.0,
        idle_s: float = 0.5,
        clock: Callable[[], dt.datetime] = utcnow,
        on_exit: Callable[[], None] | None = None,
    ) -> None:
        self._open_modem, self.outbox, self.inbox, self.on_status = (
            open_modem, outbox, inbox, on_status,
        )  # fmt: skip
        self.status_every_s, self.sweep_every_s = status_every_s, sweep_every_s
        self.retry_s, self.idle_s, self.clock = retry_s, idle_s, clock
        self._on_exit = on_exit  # the thread's last call (the service closes its DB connection)
        self.counts = {"sent": 0, "failed": 0, "received": 0}
        self.status: dict = {}
        self._modem: GsmModem | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_status = self._next_sweep = 0.0

    def start(self) -> ModemWorker:
        self._thread = threading.Thread(target=self._run, name="gsm-modem", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if self._modem is None and not self._connect():
                    self._stop.wait(self.retry_s)
                    continue
                try:
                    self._turn()
                except ModemError as exc:
                    self._lost(exc)
                except Exception:  # the database (outbox/inbox) failed: log, wait, go on
                    log.exception("modem worker: a turn failed")
                    self._stop.wait(self.retry_s)
        finally:
            self._close()
            if self._on_exit is not None:
                self._on_exit()

    def _connect(self) -> bool:
        modem = None
        try:
            modem = self._open_modem()
            modem.open()
            status = modem.setup()
        except ModemError as exc:
            if modem is not None:
                modem.close()
            self._report(exc.state, exc.message)
            return False
        self._modem = modem
        self._next_status = time.monotonic() + self.status_every_s
        self._next_sweep = 0.0  # read what was stored while we were away
        self._report(State.OK, None, status)
        return True

    def _lost(self, exc: ModemError) -> None:
        log.info("GSM modem: %s", exc)
        self._close()
        self._report(exc.state, exc.message)
        self._stop.wait(self.retry_s)

    def _close(self) -> None:
        if self._modem is not None:
            self._modem.close()
            self._modem = None

    def _turn(self) -> None:
        modem = self._modem
        if time.monotonic() >= self._next_status:
            self._next_status = time.monotonic() + self.status_every_s
            self._report(State.OK, None, modem.status())
        now = self.clock()
        self.outbox.dispatch_wanted(now)
        msg = self.outbox.next_due(now)
        if msg is not None:
            self._send(modem, msg)
        got = []
        if modem.incoming_waiting or time.monotonic() >= self._next_sweep:
            self._next_sweep = time.monotonic() + self.sweep_every_s
            try:
                got = modem.read_incoming(self._take_incoming)
            except Exception:
                modem.incoming_waiting = True  # what is left on the modem: read at the next turn
                raise
        if msg is not None or got:  # the counts moved
            self._report(State.OK, None)
        if msg is None and not self._stop.is_set():
            modem.poll_unsolicited(self.idle_s)  # the idle wait, woken early by nothing but +CMTI

    def _take_incoming(self, received) -> None:
        """One incoming SMS into the inbox; the driver deletes it from the modem after."""
        self.inbox(received.phone, received.text, received.at or self.clock())
        self.counts["received"] += 1

    def _send(self, modem: GsmModem, msg) -> None:
        try:
            modem.send(msg.phone, msg.body)
        except ModemError as exc:
            self.counts["failed"] += 1
            if exc.state in MODEM_DOWN:  # not the message's fault: it waits for the modem
                self.outbox.put_back(msg.id, exc.message, self.clock())
            else:
                self.outbox.mark_failed(msg.id, exc.message, exc.permanent, self.clock())
            if exc.state != State.SMS_REFUSED:
                raise  # the modem itself is not fine: reconnect and report
            return
        except PemError as exc:  # pragma: no cover - the driver raises ModemError only
            self.outbox.mark_failed(msg.id, exc.message, False, self.clock())
            raise
        self.counts["sent"] += 1
        self.outbox.mark_sent(msg.id, self.clock())

    def _report(self, state: str, message: Message | None, status: dict | None = None) -> None:
        base = {k: v for k, v in self.status.items() if k in ("rssi", "bars", "registration")}
        if state != State.OK:
            base.update(bars=0)
        self.status = {
            **base,
            **(status or {}),
            "state": state,
            "message": message.to_json() if message else "",
            "mode": self._modem.sms_mode if self._modem is not None else "",
            **self.counts,
            "at": self.clock().isoformat(timespec="seconds"),
        }
        try:
            self.on_status(dict(self.status))
        except Exception:
            log.exception("modem worker: the status could not be kept")

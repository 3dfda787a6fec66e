"""A small in-test outbox for the modem worker (until sms_outbox lands), and a worker maker."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from app.serial_io.gsm_modem import GsmModem
from app.serial_io.modem_worker import ModemWorker


@dataclass
class OutMsg:
    id: int
    phone: str
    body: str
    state: str = "queued"
    error: str = ""
    permanent: bool = False


class ListOutbox:
    """Queued messages in a list: next_due hands the first queued one out as sending."""

    def __init__(self, messages=()) -> None:
        self.messages = [OutMsg(i, p, b) for i, (p, b) in enumerate(messages, 1)]
        self.dispatched = 0
        self.lock = threading.Lock()

    def add(self, phone: str, body: str) -> None:
        with self.lock:
            self.messages.append(OutMsg(len(self.messages) + 1, phone, body))

    def dispatch_wanted(self, now) -> None:
        self.dispatched += 1

    def next_due(self, now):
        with self.lock:
            for msg in self.messages:
                if msg.state == "queued":
                    msg.state = "sending"
                    return msg
        return None

    def mark_sent(self, msg_id, at) -> None:
        self.messages[msg_id - 1].state = "sent"

    def mark_failed(self, msg_id, error, permanent, at) -> None:
        msg = self.messages[msg_id - 1]
        msg.state, msg.error, msg.permanent = "failed", error.text(), permanent

    def put_back(self, msg_id, error, at) -> None:
        msg = self.messages[msg_id - 1]
        msg.state, msg.error = "queued", error.text()

    def states(self) -> list[str]:
        return [m.state for m in self.messages]


def make_worker(url: str, outbox, inbox=None, statuses=None, **options) -> ModemWorker:
    statuses = statuses if statuses is not None else []
    options = {"retry_s": 0.2, "idle_s": 0.05, "status_every_s": 0.3, **options}
    return ModemWorker(
        lambda: GsmModem(url, answer_s=0.4),
        outbox,
        inbox or (lambda phone, text, at: None),
        statuses.append,
        **options,
    )

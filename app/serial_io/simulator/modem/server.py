"""The simulated modem behind a TCP port (``socket://host:port``), and its phones' files.

``ModemServer`` serves one ``SimModem`` to whoever connects (the modem worker
opens it with pyserial's ``serial_for_url``), writes its unsolicited ``+CMTI``
lines while the line is idle, and with a ``folder`` keeps the phones' side on
disk so another process can see it and act on it (``main.py simulate-phones``):
``received.jsonl`` gets one line per SMS a phone received, and lines appended
to ``control.jsonl`` are carried out: ``{"op": "send", "from": phone, "text": ...}``
(a phone texts the modem) or ``{"op": "fault", "fault": name, "on": true}``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import select
import socket
import threading
from pathlib import Path

from app.serial_io.simulator.listen import listen_tcp
from app.serial_io.simulator.modem.device import FAULTS, SimModem

log = logging.getLogger(__name__)

POLL_S = 0.05
CONTROL_EVERY_S = 0.25
RECEIVED, CONTROL = "received.jsonl", "control.jsonl"


class ModemServer:
    def __init__(
        self, modem: SimModem, port: int = 0, host: str = "127.0.0.1", folder: Path | None = None
    ) -> None:
        self.modem, self.host, self.port = modem, host, port
        self.folder = Path(folder) if folder else None
        self._sock: socket.socket | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._control_at = 0  # bytes of control.jsonl already carried out
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            control = self.folder / CONTROL
            self._control_at = control.stat().st_size if control.exists() else 0
            modem.on_received = self._record

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    def __enter__(self) -> ModemServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        sock = listen_tcp(self.host, self.port, 4)
        self._sock, self.port = sock, sock.getsockname()[1]
        self._stop.clear()
        self._spawn(self._accept_loop, f"sim-modem-{self.port}")
        log.info("simulated GSM modem on %s", self.url)

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=5)
        self._threads.clear()
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _spawn(self, target, name: str, *args) -> None:
        t = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(t)
        t.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            self._carry_out_control()
            ready, _, _ = select.select([self._sock], [], [], CONTROL_EVERY_S)
            if ready:
                with contextlib.suppress(OSError):
                    conn, _peer = self._sock.accept()
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self._spawn(self._serve, f"sim-modem-conn-{self.port}", conn)

    def _serve(self, conn: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([conn], [], [], POLL_S)
                if ready:
                    data = conn.recv(4096)
                    if not data:
                        return
                    for delay, answer in self.modem.feed(data):
                        if delay and self._stop.wait(delay):
                            return
                        conn.sendall(answer)
                elif not self.modem.faults & {"silent"}:
                    pending = self.modem.take_unsolicited()
                    if pending:
                        conn.sendall(pending)
        except OSError as exc:
            log.info("simulated modem connection closed: %s", exc)
        finally:
            conn.close()

    # ---- the phones' files ----
    def _record(self, record: dict) -> None:
        with (self.folder / RECEIVED).open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

    def _carry_out_control(self) -> None:
        if self.folder is None:
            return
        path = self.folder / CONTROL
        try:
            with path.open("rb") as f:
                f.seek(self._control_at)
                data = f.read()
        except FileNotFoundError:
            return
        complete = data[: data.rfind(b"\n") + 1]
        self._control_at += len(complete)
        for raw in complete.splitlines():
            try:
                self._control(json.loads(raw))
            except (ValueError, KeyError, TypeError):
                log.warning("simulated phones: ignored control line %r", raw[:200])

    def _control(self, order: dict) -> None:
        if order["op"] == "send":
            self.modem.deliver(str(order["from"]), str(order["text"]))
        elif order["op"] == "fault" and order["fault"] in FAULTS:
            with self.modem.lock:
                if order.get("on", True):
                    self.modem.faults.add(order["fault"])
                else:
                    self.modem.faults.discard(order["fault"])


def order_control(folder: Path, order: dict) -> None:
    """Append an order for the simulated modem serving ``folder`` (another process may)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / CONTROL).open("a", encoding="utf-8") as f:
        f.write(json.dumps(order, ensure_ascii=False) + "\n")


def read_received(folder: Path) -> list[dict]:
    """What the simulated phones received, oldest first."""
    path = folder / RECEIVED
    if not path.exists():
        return []
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):
            out.append(json.loads(raw))
    return out

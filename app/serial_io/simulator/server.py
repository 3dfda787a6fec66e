"""Put a SimBus on a wire: a pseudo-terminal, or TCP like a transparent serial gateway.

Both servers run in daemon threads around ``select`` with a short timeout, so
``stop()`` returns promptly and leaves no thread, descriptor or link behind.
With ``pace`` they behave like a real line: the meter's turnaround, then the
answer at the byte rate of the baud rate and framing (11 bits a byte with a
parity bit, 10 without). A pty carries no parity bits, so parity is never
applied to it (ptys here refuse even parity); it only sets the byte time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.simulator import rtu
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.listen import listen_tcp

log = logging.getLogger(__name__)

POLL_S = 0.05
FRAME_GAP_S = 0.1  # a partial request older than this is line noise: forget it
WRITE_TIMEOUT_S = 1.0


class _Line:
    """What both servers share: pacing, faults' delays, one request at a time."""

    def __init__(self, sim_bus: SimBus, baud: int, parity: str, pace: bool, turnaround_ms: float):
        parity = parity.upper()
        if parity not in ("N", "E", "O"):
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "parity must be N, E or O, not {parity}"),
                parity=repr(parity),
            )
        if not 300 <= baud <= 921600:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "baud rate {baud} is not plausible"), baud=baud
            )
        self.bus = sim_bus
        self.baud = baud
        self.parity = parity
        self.pace = pace
        self.turnaround_ms = turnaround_ms
        self.line_lock = threading.Lock()  # the bus is half-duplex: one exchange at a time
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def byte_time(self) -> float:
        bits = 11 if self.parity in ("E", "O") else 10
        return bits / self.baud

    def _serve_requests(self, requests: list[rtu.Request], write: Callable[[bytes], None]) -> None:
        for req in requests:
            with self.line_lock:
                answer = self.bus.answer(req)
                if answer is None:
                    continue
                wait = answer.delay_ms / 1000
                if self.pace:  # the request took its wire time to arrive, then 3.5 chars
                    wait += (req.size + 3.5) * self.byte_time
                    wait += self.turnaround_ms / 1000
                if wait and self._stop.wait(wait):
                    return
                self._send(answer.data, write)

    def _send(self, data: bytes, write: Callable[[bytes], None]) -> None:
        if not self.pace:
            write(data)
            return
        start = time.monotonic()
        chunk = max(1, int(0.005 / self.byte_time))  # about 5 ms of bytes per write
        for i in range(0, len(data), chunk):
            due = start + i * self.byte_time
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            write(data[i : i + chunk])
        rest = start + len(data) * self.byte_time - time.monotonic()
        if rest > 0:
            time.sleep(rest)

    def _spawn(self, target, name: str, *args) -> None:
        t = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(t)
        t.start()

    def _join(self) -> None:
        self._stop.set()
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout=5)
        self._threads.clear()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _write_all(fd: int, data: bytes) -> None:
    """Write to a non-blocking fd; give up if the reader stops reading for a second."""
    view = memoryview(data)
    deadline = time.monotonic() + WRITE_TIMEOUT_S
    while view:
        try:
            n = os.write(fd, view)
            view = view[n:]
        except BlockingIOError:
            if time.monotonic() > deadline:
                log.info("pty reader is not reading: dropped %d bytes", len(view))
                return
            select.select([], [fd], [], POLL_S)


class PtyServer(_Line):
    """The bus on a pseudo-terminal; ``port`` is the path clients open."""

    def __init__(
        self,
        sim_bus: SimBus,
        link: str | Path | None = None,
        baud: int = 9600,
        parity: str = "N",
        pace: bool = False,
        turnaround_ms: float = 0,
    ) -> None:
        super().__init__(sim_bus, baud, parity, pace, turnaround_ms)
        self.link = Path(link) if link else None
        self.port = ""
        self._master: int | None = None
        self._slave: int | None = None

    def start(self) -> None:
        master, slave = os.openpty()
        tty.setraw(master)
        tty.setraw(slave)  # clients set their own mode; raw until they do
        os.set_blocking(master, False)
        self._master, self._slave = master, slave  # holding the slave keeps reads from EIO
        self.port = os.ttyname(slave)
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                if self.link.is_symlink():
                    self.link.unlink()
            try:
                self.link.symlink_to(self.port)
            except OSError as exc:
                self._close_fds()
                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "cannot create link {link}: {reason}"),
                    link=self.link,
                    reason=exc.strerror,
                ) from exc
        self._stop.clear()
        self._spawn(self._run, f"sim-pty-{os.path.basename(self.port)}")
        log.info("simulator serving %d meters on %s", len(self.bus.meters), self.port)

    def _run(self) -> None:
        parser = rtu.RequestParser()
        last = 0.0
        master = self._master
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], POLL_S)
            if not ready:
                continue
            try:
                data = os.read(master, 4096)
            except BlockingIOError:
                continue
            except OSError:  # EIO: no reader on the slave side right now
                self._stop.wait(POLL_S)
                continue
            now = time.monotonic()
            if now - last > FRAME_GAP_S:
                parser.reset()
            last = now
            self._serve_requests(parser.feed(data), lambda b: _write_all(master, b))

    def _close_fds(self) -> None:
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None

    def stop(self) -> None:
        self._join()
        self._close_fds()
        if self.link and self.link.is_symlink():
            with contextlib.suppress(OSError):
                self.link.unlink()


class TcpServer(_Line):
    """The bus behind a TCP port, like a serial gateway in transparent mode."""

    def __init__(
        self,
        sim_bus: SimBus,
        port: int = 0,
        host: str = "127.0.0.1",
        pace: bool = False,
        baud: int = 9600,
        parity: str = "N",
        turnaround_ms: float = 0,
    ) -> None:
        super().__init__(sim_bus, baud, parity, pace, turnaround_ms)
        self.host = host
        self.port = port
        self._sock: socket.socket | None = None
        self._conns: set[socket.socket] = set()

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    def start(self) -> None:
        sock = listen_tcp(self.host, self.port, 8)
        self._sock = sock
        self.port = sock.getsockname()[1]
        self._stop.clear()
        self._spawn(self._accept_loop, f"sim-tcp-{self.port}")
        log.info("simulator serving %d meters on %s", len(self.bus.meters), self.url)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._sock], [], [], POLL_S)
            if not ready:
                continue
            try:
                conn, peer = self._sock.accept()
            except OSError:
                continue
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._conns.add(conn)
            self._spawn(self._serve_conn, f"sim-tcp-{peer[1]}", conn)

    def _serve_conn(self, conn: socket.socket) -> None:
        parser = rtu.RequestParser()
        last = 0.0
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([conn], [], [], POLL_S)
                if not ready:
                    continue
                data = conn.recv(4096)
                if not data:
                    return
                now = time.monotonic()
                if now - last > FRAME_GAP_S:
                    parser.reset()
                last = now
                self._serve_requests(parser.feed(data), conn.sendall)
        except OSError as exc:
            log.info("gateway connection closed: %s", exc)
        finally:
            self._conns.discard(conn)
            conn.close()

    def stop(self) -> None:
        self._join()
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.close()
        self._conns.clear()
        if self._sock:
            self._sock.close()
            self._sock = None

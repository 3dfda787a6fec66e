"""The serial-like object minimalmodbus talks through, and the RTU frame checks it needs.

minimalmodbus caches serial objects per port *name* and reads a fixed answer
size until the timeout; ``ModbusBus`` hands it a ``SerialLine`` instead, so a
port is opened exactly once with our settings, an exception reply (5 bytes)
ends the read at once instead of waiting for the 85 bytes of a status answer,
and a late answer of another meter is skipped rather than taken for ours.
"""

from __future__ import annotations

import time

import minimalmodbus
import serial

from app.serial_io.events import BusConfig
from app.serial_io.wire_time import EXCEPTION_ANSWER_SIZE, WRITE_ANSWER_SIZE, char_time_s

# Slack on top of wire time: USB adapters buffer up to 16 ms, the OS schedules.
SERIAL_SLACK_S = 0.060
# A gateway adds a network round trip and its own buffering.
GATEWAY_SLACK_S = 0.150
DRAIN_MAX_S = 0.5  # never spend longer than this discarding a babbling line


class SerialLine:
    """The serial-like object minimalmodbus talks through (see module docstring).

    ``read`` waits for the answer's first bytes only as long as a meter may
    take to start answering, then sleeps while the rest is on the wire and
    takes it in one read (see ``_read_more``). The deadlines are set on
    pyserial's ``_timeout`` attribute, which its POSIX and socket backends read
    at each ``read()``, because the public setter re-applies every termios
    setting (a tcsetattr per read).
    """

    def __init__(self, ser: serial.SerialBase, config: BusConfig) -> None:
        self._ser = ser
        self._char_s = char_time_s(config)
        gateway = config.port.startswith(("socket://", "rfc2217://"))
        self._slack = GATEWAY_SLACK_S if gateway else SERIAL_SLACK_S
        self._first_s = (
            config.timeout_ms / 1000
            if config.timeout_ms
            else config.turnaround_ms / 1000 + 3 * self._char_s + self._slack
        )
        self._request_len = 0
        self._address = 0
        self.stale_frames = 0  # late answers of other meters skipped
        self.skipped: list[int] = []  # their addresses, in the current transaction
        self.last_answer = b""
        self.port = config.port
        self.baudrate = config.baud

    # -- what minimalmodbus uses --
    @property
    def is_open(self) -> bool:
        return self._ser.is_open

    @property
    def timeout(self) -> float:
        return self._first_s

    def open(self) -> None:
        self._ser.open()

    def close(self) -> None:
        self._ser.close()

    def reset_input_buffer(self) -> None:
        self._ser.reset_input_buffer()

    def reset_output_buffer(self) -> None:
        self._ser.reset_output_buffer()

    def flush(self) -> None:
        self._ser.flush()

    def write(self, data: bytes) -> int | None:
        self._request_len = len(data)
        self._address = data[0] if data else 0
        self.skipped: list[int] = []
        self.last_answer = b""
        return self._ser.write(data)

    def read(self, size: int) -> bytes:
        # The request is still on the wire when write() returns (USB adapters, gateways).
        self._set_timeout(self._request_len * self._char_s + self._first_s)
        answer = self._ser.read(min(3, size))
        for _ in range(3):
            if len(answer) < 3 or answer[0] == self._address:
                break
            # Another meter's late answer to an earlier request: skip it if it is a
            # whole, valid frame, then wait for ours; anything else is damage.
            stale = answer + self._read_more(frame_size(answer) - len(answer))
            if not crc_ok(stale):
                self.last_answer = stale
                return stale
            self.stale_frames += 1
            self.skipped.append(stale[0])
            self._set_timeout(self._first_s)
            answer = self._ser.read(min(3, size))
        if answer:
            want = EXCEPTION_ANSWER_SIZE if len(answer) >= 2 and answer[1] & 0x80 else size
            if len(answer) < want:
                answer += self._read_more(want - len(answer))
        self.last_answer = answer
        return answer

    def _read_more(self, missing: int) -> bytes:
        """The rest of a frame whose head is in: sleep through its wire time, then one read.

        Reading it as it trickles in would wake this thread for every few bytes
        (some 20 times for a status answer at 9600 baud, each a select and a
        recv in Python); the rest's length and the byte time are known, so
        whatever has arrived is taken without waiting, the thread sleeps until
        the rest can have arrived, and one read (two when the line lags) takes
        it. The deadline is the one a trickling read had: the rest's wire time
        plus 20% and the slack.
        """
        if missing <= 0:
            return b""
        self._set_timeout(0)
        got = self._ser.read(missing)  # an unpaced line (or a gateway) has it all already
        missing -= len(got)
        if missing > 0:
            wire_s = missing * self._char_s
            time.sleep(wire_s)
            self._set_timeout(wire_s * 0.2 + self._slack)
            got += self._ser.read(missing)
        return got

    # -- ours --
    def drain(self, quiet_s: float) -> bytes:
        """Discard input until the line has been quiet for ``quiet_s`` (bounded)."""
        dropped = bytearray()
        deadline = time.monotonic() + DRAIN_MAX_S
        self._set_timeout(quiet_s)
        while time.monotonic() < deadline:
            chunk = self._ser.read(4096)
            if not chunk:
                break
            dropped += chunk
        self._ser.reset_input_buffer()
        return bytes(dropped)

    def _set_timeout(self, seconds: float) -> None:
        if hasattr(self._ser, "_timeout"):
            self._ser._timeout = seconds
        else:  # a serial-like object of another kind: use its public setter
            self._ser.timeout = seconds


def frame_size(head: bytes) -> int:
    """Length of an RTU answer from its first 3 bytes (address, function, count/code)."""
    if head[1] & 0x80:
        return EXCEPTION_ANSWER_SIZE
    if head[1] in (3, 4):
        return 5 + head[2]
    return WRITE_ANSWER_SIZE


def crc_ok(frame: bytes) -> bool:
    return len(frame) >= 4 and minimalmodbus._calculate_crc(frame[:-2]) == frame[-2:]


def exception_code(answer: bytes, address: int | None = None) -> int | None:
    """The code of a well-formed exception reply, else None."""
    if len(answer) != EXCEPTION_ANSWER_SIZE or not answer[1] & 0x80:
        return None
    if address is not None and answer[0] != address:
        return None
    if not crc_ok(answer):
        return None
    return answer[2]

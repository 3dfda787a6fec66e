"""The serial-like object minimalmodbus talks through, and the RTU frame checks it needs.

minimalmodbus caches serial objects per port *name* and reads a fixed answer
size until the timeout; ``ModbusBus`` hands it a ``SerialLine`` instead, so a
port is opened exactly once with our settings, an exception reply (5 bytes)
ends the read at once instead of waiting for the 85 bytes of a status answer,
and a late answer of another meter is skipped rather than taken for ours.
A vendor function's answer (``read_frame``) is read as far as its profile's
length rule says, since its size cannot be predicted and its function byte may
have bit 7 set without being an exception.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import minimalmodbus
import serial

from app.serial_io.events import BusConfig
from app.serial_io.wire_time import EXCEPTION_ANSWER_SIZE, WRITE_ANSWER_SIZE, char_time_s

# Slack on top of wire time: USB adapters buffer up to 16 ms, the OS schedules.
SERIAL_SLACK_S = 0.060
# A gateway adds a network round trip and its own buffering.
GATEWAY_SLACK_S = 0.150
DRAIN_MAX_S = 0.5  # never spend longer than this discarding a babbling line
MAX_FRAME = 256  # the longest RTU frame: no answer is read further


def line_slack_s(config: BusConfig) -> float:
    gateway = config.port.startswith(("socket://", "rfc2217://"))
    return GATEWAY_SLACK_S if gateway else SERIAL_SLACK_S


def first_byte_s(config: BusConfig) -> float:
    """How long after its request has left a meter may take to start answering.

    The bus's own timeout when set, else turnaround + 3 characters + slack:
    what an absent address costs (a bus scan's figure), computed from the line speed.
    """
    if config.timeout_ms:
        return config.timeout_ms / 1000
    return config.turnaround_ms / 1000 + 3 * char_time_s(config) + line_slack_s(config)


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
        self._slack = line_slack_s(config)
        self._first_s = first_byte_s(config)
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
        """Send a request; what ``read`` and ``read_frame`` then expect follows from it."""
        self._request_len = len(data)
        self._address = data[0] if data else 0
        self.skipped: list[int] = []
        self.last_answer = b""
        return self._ser.write(data)

    def read(self, size: int) -> bytes:
        # The request is still on the wire when write() returns (USB adapters, gateways).
        self._set_timeout(self._request_len * self._char_s + self._first_s)
        head = min(3, size)
        answer = self._ser.read(head)
        if len(answer) == 3 and answer[0] != self._address:
            answer, damaged = self._skip_stale(answer, head, frame_size)
            if damaged:
                self.last_answer = answer
                return answer
        if answer:
            want = EXCEPTION_ANSWER_SIZE if len(answer) >= 2 and answer[1] & 0x80 else size
            if len(answer) < want:
                answer += self._read_more(want - len(answer))
        self.last_answer = answer
        return answer

    def read_frame(self, function: int, length: Callable[[bytes], int | None]) -> bytes:
        """The answer to a raw request just written, read as far as ``length`` says.

        For vendor functions, whose answers ``read``'s size rules do not know
        (it takes any function byte with bit 7 as a 5-byte exception). ``length``
        gets the bytes so far and gives the whole frame's length, or None while
        it cannot tell yet (then one more byte is read). Other meters' late
        answers are skipped as in ``read``: by ``length`` when they answer the
        same function, else by the 03/16 sizes. Returns what arrived (maybe
        short or nothing); the caller judges it.
        """
        self._set_timeout(self._request_len * self._char_s + self._first_s)
        answer = self._ser.read(3)
        if len(answer) == 3 and answer[0] != self._address:

            def stale_length(frame: bytes) -> int | None:
                return length(frame) if frame[1] == function else frame_size(frame)

            answer, damaged = self._skip_stale(answer, 3, stale_length)
            if damaged:
                self.last_answer = answer
                return answer
        if answer:
            answer = self._complete(answer, length)
        self.last_answer = answer
        return answer

    def _skip_stale(
        self, answer: bytes, head: int, length: Callable[[bytes], int | None]
    ) -> tuple[bytes, bool]:
        """Skip other meters' late answers ahead of ours; (what follows, whether damaged).

        Another meter's late answer to an earlier request is skipped if it is a
        whole, valid frame, then ours is waited for; anything else is damage
        (returned with True). At most three are skipped.
        """
        for _ in range(3):
            if len(answer) < 3 or answer[0] == self._address:
                break
            stale = self._complete(answer, length)
            if not crc_ok(stale):
                return stale, True
            self.stale_frames += 1
            self.skipped.append(stale[0])
            self._set_timeout(self._first_s)
            answer = self._ser.read(head)
        return answer, False

    def _complete(self, frame: bytes, length: Callable[[bytes], int | None]) -> bytes:
        """A frame whose head is in, read on as ``length`` tells; stops at silence or 256 bytes."""
        while len(frame) < MAX_FRAME:
            want = length(frame)
            missing = 1 if want is None else min(want, MAX_FRAME) - len(frame)
            if missing <= 0:
                break
            more = self._read_more(missing)
            if not more:
                break
            frame += more
        return frame

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

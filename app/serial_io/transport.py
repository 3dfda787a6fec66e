"""Modbus RTU over one serial line (device, pty or ``socket://`` gateway) with minimalmodbus.

One ``ModbusBus`` per port, used only by that port's worker thread. It turns
every way a transaction can fail into the small error hierarchy: no answer ->
``MeterOffline``, a damaged answer -> ``BadFrame``, an exception reply ->
``MeterException(code)``, a port that cannot be opened or used -> ``PortError``.

minimalmodbus caches serial objects per port *name* and reads a fixed answer
size until the timeout; we hand it our own serial-like ``_Line`` instead, so a
port is opened exactly once with our settings and an exception reply (5 bytes)
ends the read at once instead of waiting for the 85 bytes of a status answer.
"""

from __future__ import annotations

import errno
import logging
import re
import time
from collections.abc import Callable

import minimalmodbus
import serial

from app.errors import BadFrame, ConfigError, MeterException, MeterOffline, PortError
from app.serial_io.events import BusConfig

try:  # termios exists on POSIX only; pyserial lets its error through on tcsetattr
    import termios

    _TERMIOS_ERRORS: tuple[type[BaseException], ...] = (termios.error,)
except ImportError:  # pragma: no cover - Windows
    _TERMIOS_ERRORS = ()

log = logging.getLogger(__name__)

BAUD_MIN, BAUD_MAX = 2400, 115200
PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
STOPBITS = {1: serial.STOPBITS_ONE, 2: serial.STOPBITS_TWO}

# Slack on top of wire time: USB adapters buffer up to 16 ms, the OS schedules.
SERIAL_SLACK_S = 0.060
# A gateway adds a network round trip and its own buffering.
GATEWAY_SLACK_S = 0.150
DRAIN_MAX_S = 0.5  # never spend longer than this discarding a babbling line


def bits_per_char(config: BusConfig) -> int:
    """Start bit + 8 data bits + parity bit (if any) + stop bits."""
    return 1 + 8 + (0 if config.parity == "N" else 1) + config.stopbits


def char_time_s(config: BusConfig) -> float:
    return bits_per_char(config) / config.baud


def silent_interval_s(config: BusConfig) -> float:
    """The Modbus 3.5-character gap (fixed at 1.75 ms above 19200 baud)."""
    return max(3.5 * char_time_s(config), 0.00175)


def read_answer_size(count: int) -> int:
    """Function 03 answer: address, function, byte count, 2 bytes a register, CRC."""
    return 5 + 2 * count


READ_REQUEST_SIZE = 8
WRITE_ANSWER_SIZE = 8
EXCEPTION_ANSWER_SIZE = 5


def write_request_size(count: int) -> int:
    return 9 + 2 * count


def transaction_wire_s(config: BusConfig, request: int, answer: int) -> float:
    """Shortest possible time of one transaction on the wire, gaps and turnaround included."""
    return (
        (request + answer) * char_time_s(config)
        + config.turnaround_ms / 1000
        + 2 * silent_interval_s(config)
    )


def validate(config: BusConfig) -> None:
    """Refuse settings no RS485 meter line uses, before touching the port."""
    if not BAUD_MIN <= config.baud <= BAUD_MAX:
        raise ConfigError(
            f"baud rate {config.baud} is not supported (use {BAUD_MIN} to {BAUD_MAX})"
        )
    if config.parity not in PARITIES:
        raise ConfigError(f"parity {config.parity!r} is not supported (use N, E or O)")
    if config.stopbits not in STOPBITS:
        raise ConfigError(f"{config.stopbits} stop bits are not supported (use 1 or 2)")
    if config.timeout_ms < 0 or config.turnaround_ms < 0:
        raise ConfigError("timeout and turnaround must not be negative")
    if not config.port:
        raise ConfigError("no serial port or gateway address is set")


def describe(config: BusConfig) -> str:
    return f"{config.port} at {config.baud} 8{config.parity}{config.stopbits}"


class _Line:
    """The serial-like object minimalmodbus talks through (see module docstring).

    ``read`` waits for the answer's first bytes only as long as a meter may
    take to start answering, then for the rest only as long as the rest takes
    on the wire; both deadlines are set on pyserial's ``_timeout`` attribute,
    which its POSIX and socket backends read at each ``read()``, because the
    public setter re-applies every termios setting (a tcsetattr per read).
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
            stale = answer + self._read_more(_frame_size(answer) - len(answer))
            if not _crc_ok(stale):
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
        if missing <= 0:
            return b""
        self._set_timeout(missing * self._char_s * 1.2 + self._slack)
        return self._ser.read(missing)

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


SerialFactory = Callable[[BusConfig], serial.SerialBase]


def open_serial(config: BusConfig) -> serial.SerialBase:
    """A not-yet-open pyserial object for a device, a pty or ``socket://host:port``."""
    return serial.serial_for_url(
        config.port,
        do_not_open=True,
        baudrate=config.baud,
        bytesize=serial.EIGHTBITS,
        parity=PARITIES[config.parity],
        stopbits=STOPBITS[config.stopbits],
        timeout=0.1,
        write_timeout=2.0,
    )


class ModbusBus:
    """The RegisterBus of one port (function 03 reads, function 16 writes).

    Opens the port on first use and again after it failed (a gateway's TCP
    connection dropped, a USB adapter was re-plugged); a failure to open is a
    ``PortError`` with a plain message.
    """

    def __init__(self, config: BusConfig, serial_factory: SerialFactory | None = None) -> None:
        validate(config)
        self.config = config
        self._factory = serial_factory or open_serial
        self._line: _Line | None = None
        self._inst: minimalmodbus.Instrument | None = None
        self._quiet_s = max(silent_interval_s(config), 0.005)
        self.last_response_ms: float | None = None

    @property
    def is_open(self) -> bool:
        return self._line is not None and self._line.is_open

    def open(self) -> None:
        if self.is_open:
            return
        self.close()
        try:
            ser = self._factory(self.config)
            ser.open()
        except (serial.SerialException, OSError, ValueError, *_TERMIOS_ERRORS) as exc:
            raise PortError(self._open_message(exc)) from None
        self._check_applied(ser)
        self._line = _Line(ser, self.config)
        inst = minimalmodbus.Instrument(self._line, 1, close_port_after_each_call=False)
        inst.clear_buffers_before_each_transaction = True  # stale bytes never become answers
        inst.precalculate_read_size = True
        self._inst = inst
        log.info("port %s open", describe(self.config))

    def close(self) -> None:
        line, self._line, self._inst = self._line, None, None
        if line is not None:
            try:
                line.close()
            except (serial.SerialException, OSError) as exc:
                log.debug("closing %s: %s", self.config.port, exc)

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        _check_address(address)
        if not 1 <= count <= 125:
            raise ValueError(f"cannot read {count} registers in one request")
        return self._transact(
            address, lambda inst: inst.read_registers(start, count, functioncode=3)
        )

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        _check_address(address)
        if not 1 <= len(values) <= 123:
            raise ValueError(f"cannot write {len(values)} registers in one request")
        self._transact(address, lambda inst: inst.write_registers(start, list(values)))

    def _transact(self, address: int, call):
        self.open()
        inst, line = self._inst, self._line
        assert inst is not None and line is not None
        inst.address = address
        started = time.monotonic()
        try:
            result = call(inst)
        except minimalmodbus.NoResponseError:
            if line.skipped:
                others = ", ".join(str(a) for a in line.skipped)
                raise BadFrame(
                    f"answer from address {others} instead of meter {address}", address
                ) from None
            raise MeterOffline(f"meter {address} did not answer", address) from None
        except minimalmodbus.SlaveReportedException as exc:
            answer = line.last_answer
            code = answer[2] if len(answer) >= 3 else -1
            raise MeterException(
                f"meter {address} answered with Modbus exception {code}: {exc}", code, address
            ) from None
        except minimalmodbus.ModbusException as exc:
            code = _exception_code(line.last_answer, address)
            if code is not None:  # code 5 (acknowledge), which minimalmodbus lets through
                raise MeterException(
                    f"meter {address} answered with Modbus exception {code}", code, address
                ) from None
            dropped = self._drain(line)
            raise BadFrame(
                f"damaged answer from meter {address}: {exc}{dropped}", address
            ) from None
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise PortError(f"lost {self.config.port}: {_reason(exc)}", address) from None
        roundtrip = inst.roundtrip_time
        self.last_response_ms = (
            roundtrip * 1000 if roundtrip is not None else (time.monotonic() - started) * 1000
        )
        return result

    def _drain(self, line: _Line) -> str:
        try:
            dropped = line.drain(self._quiet_s)
        except (serial.SerialException, OSError):
            self.close()
            return ""
        return f" (+{len(dropped)} stray bytes dropped)" if dropped else ""

    def _open_message(self, exc: BaseException) -> str:
        reason = _reason(exc)
        if _is_einval(exc):
            return self._refused(reason)
        return f"cannot open {describe(self.config)}: {reason}"

    def _refused(self, reason: str) -> str:
        hint = ""
        if self.config.parity == "E" and not self.config.port.startswith("socket://"):
            hint = "; a pseudo-terminal does not carry parity, use parity N on it"
        c = self.config
        settings = f"{c.baud} 8{c.parity}{c.stopbits}"
        return f"{c.port} refuses the settings {settings} ({reason}){hint}"

    def _check_applied(self, ser: serial.SerialBase) -> None:
        """Some ttys (ptys) drop parity silently instead of refusing it: check it took."""
        fd = getattr(ser, "fd", None)
        if not _TERMIOS_ERRORS or fd is None or self.config.parity == "N":
            return
        try:
            cflag = termios.tcgetattr(fd)[2]
        except _TERMIOS_ERRORS:
            return
        if not cflag & termios.PARENB:
            ser.close()
            raise PortError(self._refused("parity is not supported by this port"))


def _check_address(address: int) -> None:
    if not 1 <= address <= 247:
        raise ValueError(f"Modbus address {address} is outside 1-247")


def _frame_size(head: bytes) -> int:
    """Length of an RTU answer from its first 3 bytes (address, function, count/code)."""
    if head[1] & 0x80:
        return EXCEPTION_ANSWER_SIZE
    if head[1] in (3, 4):
        return 5 + head[2]
    return WRITE_ANSWER_SIZE


def _crc_ok(frame: bytes) -> bool:
    return len(frame) >= 4 and minimalmodbus._calculate_crc(frame[:-2]) == frame[-2:]


def _exception_code(answer: bytes, address: int | None = None) -> int | None:
    """The code of a well-formed exception reply, else None."""
    if len(answer) != EXCEPTION_ANSWER_SIZE or not answer[1] & 0x80:
        return None
    if address is not None and answer[0] != address:
        return None
    if not _crc_ok(answer):
        return None
    return answer[2]


def _is_einval(exc: BaseException) -> bool:
    code = getattr(exc, "errno", None)
    if code is None and exc.args and isinstance(exc.args[0], int):
        code = exc.args[0]
    return code == errno.EINVAL or "Invalid argument" in str(exc)


def _reason(exc: BaseException) -> str:
    """An OS error's sentence without the traceback or errno noise."""
    if _TERMIOS_ERRORS and isinstance(exc, _TERMIOS_ERRORS) and len(exc.args) >= 2:
        return str(exc.args[1])
    text = str(exc.args[-1]) if exc.args else str(exc)
    text = re.sub(r"^.*\[Errno -?\d+\]\s*", "", text)
    text = re.sub(r":\s*'[^']*'$", "", text)
    return text.strip() or type(exc).__name__

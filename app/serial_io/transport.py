"""Modbus RTU over one serial line (device, pty or ``socket://`` gateway) with minimalmodbus.

One ``ModbusBus`` per port, used only by that port's worker thread. It turns
every way a transaction can fail into the small error hierarchy: no answer ->
``MeterOffline``, a damaged answer -> ``BadFrame``, an exception reply ->
``MeterException(code)``, a port that cannot be opened or used -> ``PortError``.

A *read* that got a damaged answer (checksum wrong, cut short, not fitting the
request) is asked again, at most ``READ_ATTEMPTS`` times in all and never after
``READ_RETRY_BUDGET_S``: reading twice changes nothing in a meter, and on a noisy
line a second try usually gets through where failing would refuse a sale or leave
it uncertain. A *write* is sent exactly once, whatever happens: the meter may
have acted on it (a credit), and only a later read may tell. A read that got no
answer at all is not repeated either: each try would cost a whole answer timeout
on the poll cycle for every dead meter, and the poll scheduler already counts
misses before calling a meter offline, while a sale settles from later reads.
Errors say in words what went wrong; the raw bytes go to the debug log only.

minimalmodbus is handed our own serial-like ``SerialLine`` (see
``serial_line``); the wire-time arithmetic is in ``wire_time``. A maker's own
function codes (``transact``) bypass minimalmodbus, which refuses codes above
127 and must know an answer's size in advance: they are framed by ``raw_frame``
and read by ``SerialLine.read_frame``, and sent once like a write.
"""

from __future__ import annotations

import errno
import logging
import re
import struct
import time
from collections.abc import Callable

import minimalmodbus
import serial

from app.errors import (
    DAMAGED_CHECKSUM,
    DAMAGED_MISMATCH,
    DAMAGED_SHORT,
    MODBUS_EXCEPTION,
    MODBUS_EXCEPTION_DETAIL,
    NO_ANSWER,
    PORT_CANNOT_OPEN,
    PORT_LOST,
    PORT_REFUSES,
    PORT_REFUSES_PARITY,
    QT_TRANSLATE_NOOP,
    WRONG_ADDRESS,
    BadFrame,
    ConfigError,
    MeterException,
    MeterOffline,
    PortError,
)
from app.serial_io import raw_frame
from app.serial_io.events import BusConfig
from app.serial_io.raw_frame import AnswerLength
from app.serial_io.serial_line import SerialLine, crc_ok, exception_code, frame_size
from app.serial_io.wire_time import (  # re-exported: callers know them as transport.*
    EXCEPTION_ANSWER_SIZE,
    READ_REQUEST_SIZE,
    WRITE_ANSWER_SIZE,
    bits_per_char,
    char_time_s,
    read_answer_size,
    silent_interval_s,
    transaction_wire_s,
    write_request_size,
)

try:  # termios exists on POSIX only; pyserial lets its error through on tcsetattr
    import termios

    _TERMIOS_ERRORS: tuple[type[BaseException], ...] = (termios.error,)
except ImportError:  # pragma: no cover - Windows
    _TERMIOS_ERRORS = ()

log = logging.getLogger(__name__)

BAUD_MIN, BAUD_MAX = 2400, 115200
PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
STOPBITS = {1: serial.STOPBITS_ONE, 2: serial.STOPBITS_TWO}

READ_ATTEMPTS = 3  # one read and at most two more after damaged answers
READ_RETRY_BUDGET_S = 1.5  # no new try once a read has taken this long in all
_DAMAGED = frozenset({DAMAGED_CHECKSUM, DAMAGED_SHORT, DAMAGED_MISMATCH})


def validate(config: BusConfig) -> None:
    """Refuse settings no RS485 meter line uses, before touching the port."""
    if not BAUD_MIN <= config.baud <= BAUD_MAX:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "baud rate {baud} is not supported (use {low} to {high})"),
            baud=config.baud,
            low=BAUD_MIN,
            high=BAUD_MAX,
        )
    if config.parity not in PARITIES:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "parity {parity} is not supported (use N, E or O)"),
            parity=repr(config.parity),
        )
    if config.stopbits not in STOPBITS:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "{stopbits} stop bits are not supported (use 1 or 2)"),
            stopbits=config.stopbits,
        )
    if config.timeout_ms < 0 or config.turnaround_ms < 0:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "timeout and turnaround must not be negative")
        )
    if not config.port:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "no serial port or gateway address is set"))


def describe(config: BusConfig) -> str:
    return f"{config.port} at {config.baud} 8{config.parity}{config.stopbits}"


SerialFactory = Callable[[BusConfig], serial.SerialBase]


def open_serial(config: BusConfig) -> serial.SerialBase:
    """A not-yet-open pyserial object for a device, a pty or ``socket://host:port``.

    A device is opened exclusively (pyserial opens ports shared by default):
    a second program on the same RS485 line would garble both (SPEC "one
    owner per bus"). A gateway's TCP connection needs no lock of ours.
    """
    exclusive = {} if "://" in config.port else {"exclusive": True}
    return serial.serial_for_url(
        config.port,
        do_not_open=True,
        **exclusive,
        baudrate=config.baud,
        bytesize=serial.EIGHTBITS,
        parity=PARITIES[config.parity],
        stopbits=STOPBITS[config.stopbits],
        timeout=0.1,
        write_timeout=2.0,
    )


class ModbusBus:
    """The RegisterBus of one port (function 03 reads, function 16 writes, raw vendor functions).

    Opens the port on first use and again after it failed (a gateway's TCP
    connection dropped, a USB adapter was re-plugged); a failure to open is a
    ``PortError`` with a plain message.
    """

    def __init__(
        self,
        config: BusConfig,
        serial_factory: SerialFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        validate(config)
        self._clock = clock  # for the read-retry budget
        self.config = config
        self._factory = serial_factory or open_serial
        self._line: SerialLine | None = None
        self._inst: minimalmodbus.Instrument | None = None
        self._quiet_s = max(silent_interval_s(config), 0.005)
        self.last_response_ms: float | None = None
        self.read_retries = 0  # reads asked again after a damaged answer (comm statistics)

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
            raise self._open_error(exc) from None
        self._check_applied(ser)
        self._line = SerialLine(ser, self.config)
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
        started = self._clock()
        for attempt in range(1, READ_ATTEMPTS + 1):
            try:
                return self._transact(address, lambda inst: _read_block(inst, start, count))
            except BadFrame as exc:
                if not self._may_retry(exc, attempt, self._clock() - started):
                    raise
                self.read_retries += 1
                log.debug("meter %d: %s; reading again (try %d)", address, exc, attempt + 1)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _may_retry(exc: BadFrame, attempt: int, elapsed_s: float) -> bool:
        """Another try for a damaged answer, if one more (as long as the last) fits the budget."""
        if exc.template not in _DAMAGED or attempt >= READ_ATTEMPTS:
            return False
        return elapsed_s * (attempt + 1) / attempt <= READ_RETRY_BUDGET_S

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        """Send once, never again: a damaged or missing answer leaves the outcome unknown."""
        _check_address(address)
        if not 1 <= len(values) <= 123:
            raise ValueError(f"cannot write {len(values)} registers in one request")
        self._transact(address, lambda inst: inst.write_registers(start, list(values)))

    def transact(
        self, address: int, function: int, payload: bytes, answer_length: AnswerLength
    ) -> bytes:
        """Send ``address function payload crc`` once; the answer's bytes between function and CRC.

        For a maker's own function codes, framed here rather than by
        minimalmodbus (see ``raw_frame``). Never sent again, whatever happens:
        it may be a credit. A refusal raises MeterException(code), silence
        MeterOffline, damage BadFrame (the line is drained), a port failure
        PortError.
        """
        frame = raw_frame.request(address, function, payload)
        self.open()
        line = self._line
        assert line is not None
        length = raw_frame.reading_length(function, answer_length)
        try:
            line.reset_input_buffer()  # stale bytes never become answers
            line.reset_output_buffer()
            _wait_silent_interval(line, self._quiet_s)
            started = time.monotonic()
            line.write(frame)
            answer = line.read_frame(function, length)
            _mark_read(line)
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise PortError(
                PORT_LOST, address, port=self.config.port, reason=_reason(exc)
            ) from None
        try:
            result = raw_frame.answer_payload(
                address, function, answer, answer_length, line.skipped
            )
        except BadFrame as exc:
            if answer:
                dropped = self._drain(line)
                log.debug(
                    "meter %d: damaged answer [%s] to function 0x%02X (%s), %d stray bytes dropped",
                    address,
                    answer.hex(" "),
                    function,
                    exc.template,
                    dropped,
                )
            raise
        self.last_response_ms = (time.monotonic() - started) * 1000
        return result

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
                raise BadFrame(WRONG_ADDRESS, address, others=others) from None
            raise MeterOffline(NO_ANSWER, address) from None
        except minimalmodbus.SlaveReportedException as exc:
            answer = line.last_answer
            code = answer[2] if len(answer) >= 3 else -1
            raise MeterException(MODBUS_EXCEPTION_DETAIL, code, address, detail=exc) from None
        except minimalmodbus.ModbusException as exc:
            code = exception_code(line.last_answer, address)
            if code is not None:  # code 5 (acknowledge), which minimalmodbus lets through
                raise MeterException(MODBUS_EXCEPTION, code, address) from None
            answer = line.last_answer
            dropped = self._drain(line)
            log.debug(
                "meter %d: damaged answer [%s] (%s), %d stray bytes dropped",
                address,
                answer.hex(" "),
                exc,
                dropped,
            )
            raise BadFrame(_damage(answer), address) from None
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise PortError(
                PORT_LOST, address, port=self.config.port, reason=_reason(exc)
            ) from None
        roundtrip = inst.roundtrip_time
        self.last_response_ms = (
            roundtrip * 1000 if roundtrip is not None else (time.monotonic() - started) * 1000
        )
        return result

    def _drain(self, line: SerialLine) -> int:
        """Discard what follows a damaged answer; how many bytes were dropped."""
        try:
            return len(line.drain(self._quiet_s))
        except (serial.SerialException, OSError):
            self.close()
            return 0

    def _open_error(self, exc: BaseException) -> PortError:
        reason = _reason(exc)
        if _is_einval(exc):
            return self._refused(reason)
        return PortError(PORT_CANNOT_OPEN, port=describe(self.config), reason=reason)

    def _refused(self, reason: str) -> PortError:
        c = self.config
        template = PORT_REFUSES
        if c.parity == "E" and not c.port.startswith("socket://"):
            template = PORT_REFUSES_PARITY
        settings = f"{c.baud} 8{c.parity}{c.stopbits}"
        return PortError(template, port=c.port, settings=settings, reason=reason)

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
            raise self._refused("parity is not supported by this port")


def _wait_silent_interval(line: SerialLine, quiet_s: float) -> None:
    """Keep the 3.5-character gap after the last answer, as minimalmodbus does for its own."""
    since = time.monotonic() - minimalmodbus._latest_read_times.get(line.port, 0.0)
    if since < quiet_s:
        time.sleep(quiet_s - since)


def _mark_read(line: SerialLine) -> None:
    """Tell minimalmodbus an answer just ended, so its next request keeps the gap too."""
    minimalmodbus._latest_read_times[line.port] = time.monotonic()


def _read_block(inst: minimalmodbus.Instrument, start: int, count: int) -> list[int]:
    """Function 03 through minimalmodbus's framing and checks; the registers unpacked here.

    ``Instrument.read_registers`` turns each register into a number through half
    a dozen argument checks (some 260 calls for a status block, a quarter of a
    poll's Python: issue #9); ``struct`` does it in one. The answer's byte count
    is checked against the request as minimalmodbus checks it (a mismatch is
    damage). ``_perform_command`` is minimalmodbus's own request/answer step
    (requirements.txt pins the version).
    """
    payload = inst._perform_command(3, struct.pack(">HH", start, count))
    if len(payload) != 1 + 2 * count or payload[0] != 2 * count:
        raise minimalmodbus.InvalidResponseError(
            f"{len(payload) - 1} data bytes for {count} registers"
        )
    return list(struct.unpack(f">{count}H", payload[1:]))


def _damage(answer: bytes) -> str:
    """The template saying in words what is wrong with a damaged answer."""
    if len(answer) < 5 or len(answer) < frame_size(answer):
        return DAMAGED_SHORT
    if not crc_ok(answer):
        return DAMAGED_CHECKSUM
    return DAMAGED_MISMATCH


def _check_address(address: int) -> None:
    if not 1 <= address <= 247:
        raise ValueError(f"Modbus address {address} is outside 1-247")


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


__all__ = [
    "BAUD_MAX",
    "BAUD_MIN",
    "EXCEPTION_ANSWER_SIZE",
    "PARITIES",
    "READ_ATTEMPTS",
    "READ_REQUEST_SIZE",
    "READ_RETRY_BUDGET_S",
    "STOPBITS",
    "WRITE_ANSWER_SIZE",
    "AnswerLength",
    "ModbusBus",
    "SerialFactory",
    "bits_per_char",
    "char_time_s",
    "describe",
    "open_serial",
    "read_answer_size",
    "silent_interval_s",
    "transaction_wire_s",
    "validate",
    "write_request_size",
]

"""How long Modbus RTU frames take on the wire: the arithmetic behind timeouts and budgets.

Shared by the transport and its serial line (how long to wait for the rest of
an answer, how long the line must be quiet) and the poll benchmark (the
fastest cycle a bus can make); it depends only on the line settings, so it
lives apart from any port.
"""

from __future__ import annotations

from app.serial_io.events import BusConfig


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


def raw_frame_size(payload: int) -> int:
    """A vendor function's request or answer: address, function, payload bytes, CRC."""
    return 4 + payload


def transaction_wire_s(config: BusConfig, request: int, answer: int) -> float:
    """Shortest possible time of one transaction on the wire, gaps and turnaround included."""
    return (
        (request + answer) * char_time_s(config)
        + config.turnaround_ms / 1000
        + 2 * silent_interval_s(config)
    )

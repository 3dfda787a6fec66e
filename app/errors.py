"""The error hierarchy the UI turns into plain messages for the operator.

Every error a user can cause or meet (a meter that does not answer, a meter
that refuses a frame, an amount that is not money) is a `PemError`; anything
else is a bug and goes to the crash dialog with its traceback.
"""

from __future__ import annotations


class PemError(Exception):
    """Base of all expected errors; ``str(err)`` is a sentence for the operator."""


class ValidationError(PemError):
    """Operator, file or command-line input that is not acceptable."""


class PermissionDenied(PemError):
    """The operator's role does not allow this action."""


class ConfigError(PemError):
    """A setting, port or site file that cannot be used as it is."""


class CommError(PemError):
    """Anything that went wrong on the wire with one meter."""

    def __init__(self, message: str, address: int | None = None) -> None:
        super().__init__(message)
        self.address = address


class MeterOffline(CommError):
    """No valid answer (timeout, or the meter is marked offline)."""


class BadFrame(CommError):
    """An answer arrived but was damaged: CRC error, wrong address, truncated."""


class PortError(CommError):
    """The serial port or gateway cannot be opened or refuses a setting."""


class MeterException(CommError):
    """The meter answered with a Modbus exception code."""

    def __init__(self, message: str, code: int, address: int | None = None) -> None:
        super().__init__(message, address)
        self.code = code


class MeterRejected(CommError):
    """The meter refused a protected command; ``result`` is its last-result code."""

    def __init__(self, result: int, address: int | None = None) -> None:
        from app.serial_io.commands import result_text

        super().__init__(result_text(result), address)
        self.result = result


class InsufficientBalance(PemError):
    """A refund, correction or transfer larger than what the meter holds."""

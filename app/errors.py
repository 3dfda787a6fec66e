"""The error hierarchy the UI turns into plain messages for the operator.

Every error a user can cause or meet (a meter that does not answer, a meter
that refuses a frame, an amount that is not money) is a `PemError`; anything
else is a bug and goes to the crash dialog with its traceback.

An error carries a message *template* marked for lupdate with
``QT_TRANSLATE_NOOP("Errors", ...)`` and its named arguments, never a sentence
made with an f-string: ``str(err)`` stays the English sentence (CLI, logs, JSON),
while ``err.message`` (app/messages.py) is what crosses threads and the database,
and the UI (app/ui/support/error_text.py) translates the template and fills in
the same arguments, so a Chinese cashier reads Chinese. This module imports no
Qt: the marker below only returns its text.
"""

from __future__ import annotations

from app.messages import Message

CONTEXT = "Errors"  # the translation context of every error template


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate finds it by name
    """Mark ``text`` for lupdate without Qt; returns it unchanged."""
    return text


# Sentences made in app/serial_io, kept here so the UI knows them before any is raised.
NO_ANSWER = QT_TRANSLATE_NOOP("Errors", "meter {address} did not answer")
WRONG_ADDRESS = QT_TRANSLATE_NOOP(
    "Errors", "answer from address {others} instead of meter {address}"
)
DAMAGED_ANSWER = QT_TRANSLATE_NOOP("Errors", "damaged answer from meter {address}")
DAMAGED_ANSWER_DETAIL = QT_TRANSLATE_NOOP("Errors", "damaged answer from meter {address}: {detail}")
# What was wrong with a damaged answer, in words (the raw bytes go to the debug log only).
DAMAGED_CHECKSUM = QT_TRANSLATE_NOOP(
    "Errors", "damaged answer from meter {address} (checksum wrong)"
)
DAMAGED_SHORT = QT_TRANSLATE_NOOP(
    "Errors", "damaged answer from meter {address} (answer cut short)"
)
DAMAGED_MISMATCH = QT_TRANSLATE_NOOP(
    "Errors", "damaged answer from meter {address} (the answer does not fit the request)"
)
MODBUS_EXCEPTION = QT_TRANSLATE_NOOP(
    "Errors", "meter {address} answered with Modbus exception {code}"
)
MODBUS_EXCEPTION_DETAIL = QT_TRANSLATE_NOOP(
    "Errors", "meter {address} answered with Modbus exception {code}: {detail}"
)
SHORT_ANSWER = QT_TRANSLATE_NOOP("Errors", "meter {address} sent {got} registers, not {count}")
NO_ECHO = QT_TRANSLATE_NOOP("Errors", "meter {address} did not echo the write")
PORT_LOST = QT_TRANSLATE_NOOP("Errors", "lost {port}: {reason}")
PORT_CANNOT_OPEN = QT_TRANSLATE_NOOP("Errors", "cannot open {port}: {reason}")
PORT_REFUSES = QT_TRANSLATE_NOOP("Errors", "{port} refuses the settings {settings} ({reason})")
PORT_REFUSES_PARITY = QT_TRANSLATE_NOOP(
    "Errors",
    "{port} refuses the settings {settings} ({reason}); "
    "a pseudo-terminal does not carry parity, use parity N on it",
)
TIMEOUT = QT_TRANSLATE_NOOP("Errors", "timeout")
REFUSED_WITH_CODE = QT_TRANSLATE_NOOP(
    "Errors", "the meter refused the command with unknown result code {code}"
)


class PemError(Exception):
    """Base of all expected errors; ``str(err)`` is a sentence for the operator.

    ``PemError(template, **params)``: the sentence is ``template.format(**params)``;
    without params the message is used as it is (it may still be a marked template).
    Params are already text (money through format_fen), never floats.
    """

    def __init__(self, message: str = "", /, **params: object) -> None:
        self.template = message
        self.params: dict[str, object] = params
        super().__init__(message.format(**params) if params else message)

    @property
    def message(self) -> Message:
        """The template and params as data: what crosses a thread or the database."""
        return Message(self.template, self.params)


class ValidationError(PemError):
    """Operator, file or command-line input that is not acceptable."""


class InvalidField(ValidationError):
    """Input refused because of one named form field: ``field`` lets the form focus it.

    The template names the field for the reader too ("Phone: ..."), so the
    sentence is clear without the form.
    """

    def __init__(self, field: str, message: str = "", /, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field


class PermissionDenied(PemError):
    """The operator's role does not allow this action."""


class ConfigError(PemError):
    """A setting, port or site file that cannot be used as it is."""


class CommError(PemError):
    """Anything that went wrong on the wire with one meter."""

    def __init__(self, message: str, address: int | None = None, **params: object) -> None:
        # ``address`` and ``code`` are attributes and, when the template names them, params.
        if address is not None and "{address}" in message:
            params.setdefault("address", address)
        super().__init__(message, **params)
        self.address = address


NOT_OWNER = QT_TRANSLATE_NOOP(
    "Errors", "this process no longer serves the bus; nothing was sent, try again"
)


class NotBusOwner(PemError):
    """A job reached a worker whose process has lost the bus's lease: it is not run."""


class MeterOffline(CommError):
    """No valid answer (timeout, or the meter is marked offline)."""


class BadFrame(CommError):
    """An answer arrived but was damaged: CRC error, wrong address, truncated."""


class PortError(CommError):
    """The serial port or gateway cannot be opened or refuses a setting."""


class MeterException(CommError):
    """The meter answered with a Modbus exception code."""

    def __init__(
        self, message: str, code: int, address: int | None = None, **params: object
    ) -> None:
        if "{code}" in message:
            params.setdefault("code", code)
        super().__init__(message, address, **params)
        self.code = code


class MeterRejected(CommError):
    """The meter refused a protected command; ``result`` is its last-result code."""

    def __init__(
        self,
        result: int,
        address: int | None = None,
        template: str = "",
        params: dict[str, object] | None = None,
    ) -> None:
        # The raiser names the result in words (app.serial_io.commands.result_template):
        # errors sit below the protocol and import none of it.
        super().__init__(template or REFUSED_WITH_CODE, address, **(params or {"code": result}))
        self.result = result


class CannotDo(PemError):
    """The meter's profile lacks a capability: refused before any frame is sent."""


class InsufficientBalance(PemError):
    """A refund, correction or transfer larger than what the meter holds."""

"""One sentence for the operator from an error, in the operator's language.

The services raise errors whose English sentence is made from a template
marked with ``QT_TRANSLATE_NOOP("Errors", ...)`` (app/errors.py); errors that
crossed a thread or the database arrive as a ``Message`` (app/messages.py) with
the same template and params. Here, at the edge, the template is translated and
filled with the params, so the grid and the meter detail read Chinese too. A
plain string (an old database row, a money result's note) is translated when it
is itself a marked template without fields, and shown as it is otherwise.
A few params are marked words themselves (what a meter cannot do): those are
translated in their own context before they are filled in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.errors import CONTEXT, PemError
from app.messages import Message
from app.serial_io.profiles.base import CANNOT_DO
from app.services import tariffs

# template -> {param: the translation context of its (marked) value}
MARKED_PARAMS = {
    CANNOT_DO: {"what": "Capability"},
    **{
        t: {"what": "Rate"}
        for t in (
            tariffs.PRICE_NOT_NUMBER,
            tariffs.PRICE_NOT_POSITIVE,
            tariffs.PRICE_DECIMALS,
            tariffs.PRICE_TOO_LARGE,
        )
    },
}


def error_text(err: BaseException | Message | str | None) -> str:
    """The translated sentence for ``err`` (English ``str(err)`` when there is no template)."""
    if err is None:
        return ""
    if isinstance(err, BaseException) and not isinstance(err, PemError):
        return str(err)  # a bug: its own text, for the crash report
    message = Message.of(err)
    if not message.template:
        return ""
    translated = QCoreApplication.translate(CONTEXT, message.template)
    if not message.params:
        return translated
    params = dict(message.params)
    for name, context in MARKED_PARAMS.get(message.template, {}).items():
        if name in params:
            params[name] = QCoreApplication.translate(context, params[name])
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: never hide the error
        return message.text()

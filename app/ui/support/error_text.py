"""One sentence for the operator from an error, in the operator's language.

The services raise errors whose English sentence is made from a template
marked with ``QT_TRANSLATE_NOOP("Errors", ...)`` (app/errors.py); here the
template is translated and filled with the same arguments. Texts that reached
the UI as plain strings (the worker's last error in a ``MeterUpdate`` or in
``CommStats``, a money result's message, a last error stored in the database)
are matched back to the template they were made from, so the grid and the
meter detail read Chinese too. Anything else is shown as it is.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QCoreApplication

from app.errors import CONTEXT, KNOWN_TEMPLATES, PemError

_FIELD = re.compile(r"\{(\w+)\}")


def error_text(err: BaseException | str | None) -> str:
    """The translated sentence for ``err`` (English ``str(err)`` when there is no template)."""
    if err is None:
        return ""
    if isinstance(err, str):
        return _text_from_string(err)
    if not isinstance(err, PemError):
        return str(err)  # a bug: its own text, for the crash report
    if not err.params:  # a plain sentence, perhaps made by a test fake or an older raise site
        return _text_from_string(str(err))
    return _fill(err.template, {k: str(v) for k, v in err.params.items()}, str(err))


def _fill(template: str, params: dict[str, str], english: str) -> str:
    translated = QCoreApplication.translate(CONTEXT, template)
    if not params:
        return translated
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: never hide the error
        return english


def _text_from_string(text: str) -> str:
    if not text:
        return text
    if text in KNOWN_TEMPLATES:
        return _fill(text, {}, text)
    for template, pattern in _patterns(len(KNOWN_TEMPLATES)):
        found = pattern.fullmatch(text)
        if found:
            return _fill(template, found.groupdict(), text)
    return text


@functools.cache
def _patterns(_count: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A regular expression per template with fields (rebuilt when a template is added)."""
    out = []
    for template in list(KNOWN_TEMPLATES):
        if not _FIELD.search(template):
            continue
        parts, seen, pos = [], set(), 0
        for m in _FIELD.finditer(template):
            parts.append(re.escape(template[pos : m.start()]))
            name = m.group(1)
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            pos = m.end()
        parts.append(re.escape(template[pos:]))
        out.append((template, re.compile("".join(parts), re.DOTALL)))
    # The longest literal text first: "damaged answer from meter 5: CRC" must not be read
    # as the shorter template's {address} = "5: CRC".
    out.sort(key=lambda tp: -len(_FIELD.sub("", tp[0])))
    return tuple(out)

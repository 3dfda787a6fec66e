"""A sentence for the operator as data: a marked template and its named params.

An error that crosses a thread or the database (a poll that failed, a port that
is gone) travels as a ``Message`` instead of its English text, so the UI can
translate the template at the edge (app/ui/support/error_text.py) and fill in
the same params; nothing has to be matched back from English. ``text()`` is the
English sentence for the CLI, logs and JSON. A plain string (an old database
row, an error that is not a ``PemError``) loads as a Message without params that
shows as itself. No Qt here: the worker thread and the services build these.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

_ELLIPSIS = "…"


@dataclass(frozen=True)
class Message:
    """``template`` (marked with QT_TRANSLATE_NOOP("Errors", ...)) and its params as text.

    Params are turned into text when the message is made, so a message read back
    from JSON equals the one written. Without params the template is the sentence
    as it is (braces and all).
    """

    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", {str(k): str(v) for k, v in self.params.items()})

    def __hash__(self) -> int:  # params is a dict: hash its items
        return hash((self.template, tuple(sorted(self.params.items()))))

    def __bool__(self) -> bool:
        return bool(self.template)

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The English sentence (a template that does not fit its params shows as it is)."""
        if not self.params:
            return self.template
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    @classmethod
    def of(cls, exc: BaseException | Message | str) -> Message:
        """The message of an error: a PemError's template and params, else its text."""
        if isinstance(exc, Message):
            return exc
        if isinstance(exc, str):
            return cls(exc)
        carried = getattr(exc, "message", None)  # PemError.message (app/errors.py)
        if isinstance(carried, Message):
            return carried
        return cls(str(exc))

    def to_json(self, max_len: int | None = None) -> str:
        """Compact JSON; with ``max_len`` the longest params are shortened until it fits.

        The store keeps the last error in a column of 255 characters: a cut JSON
        would not load, so a long param (an OS error text) is cut instead.
        """
        out = self._dump(self.params)
        if max_len is None or len(out) <= max_len:
            return out
        params = dict(self.params)
        while len(out) > max_len and any(len(v) > 1 for v in params.values()):
            name = max(params, key=lambda k: len(params[k]))
            keep = max(len(params[name]) - (len(out) - max_len) - 1, 0)
            params[name] = params[name][:keep] + _ELLIPSIS
            out = self._dump(params)
        if len(out) <= max_len:
            return out
        return self.text()[: max_len - 1] + _ELLIPSIS  # loads back as a plain sentence

    def _dump(self, params: Mapping[str, str]) -> str:
        data = {"template": self.template, "params": dict(params)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> Message | None:
        """A stored message back; None for an empty column, plain text as itself."""
        if not text:
            return None
        if text.startswith("{"):
            try:
                data = json.loads(text)
            except ValueError:
                data = None
            if (
                isinstance(data, dict)
                and set(data) == {"template", "params"}
                and isinstance(data["template"], str)
                and isinstance(data["params"], dict)
            ):
                return cls(data["template"], data["params"])
        return cls(text)

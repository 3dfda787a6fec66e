"""An amount field that cannot hold anything but money, and its amount-in-words label.

The cashier's classic mistakes (1000 for 100, a stray third decimal, a minus
sign) are stopped while typing, with the same rules as ``parse_amount`` so the
field, the CLI and the services agree.  Full-width digits and punctuation from
a Chinese input method are turned into ASCII as they arrive.  The words label
shows "壹佰元整" as the cashier types, so a wrong number of zeros is seen before
the confirmation dialog.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.services.money import (
    AmountError,
    amount_in_words,
    format_fen,
    format_fen_grouped,
    normalize_amount_text,
    parse_amount,
    to_ascii,
)

log = logging.getLogger(__name__)


# Refusals that keep the text as typed (not acceptable; the words label says why)
# rather than dropping the keystroke: dropping the last "0" of "20000" over a
# 10,000.00 limit, or the "." of "1,00.0", would silently leave another amount.
# "zero" is on the way to "0.05"; a mis-grouped "1,00" may be on the way to "1,000".
def _tr(text: str) -> str:
    return QCoreApplication.translate("MoneyEdit", text)


# Marked for lupdate (it only sees literal strings in translate/NOOP calls).
_REASONS = {
    "empty": QT_TRANSLATE_NOOP("MoneyEdit", "Enter an amount, for example 100.00."),
    "not_a_number": QT_TRANSLATE_NOOP(
        "MoneyEdit", "Use digits and at most one decimal point, for example 100.50."
    ),
    "sign": QT_TRANSLATE_NOOP("MoneyEdit", "Type the amount without a sign."),
    "negative": QT_TRANSLATE_NOOP("MoneyEdit", "The amount must be more than zero."),
    "zero": QT_TRANSLATE_NOOP("MoneyEdit", "The amount must be more than zero."),
    "decimals": QT_TRANSLATE_NOOP("MoneyEdit", "An amount has at most two decimals."),
    "grouping": QT_TRANSLATE_NOOP(
        "MoneyEdit", "Thousands separators must make groups of three digits (1,000.00)."
    ),
    "too_large": QT_TRANSLATE_NOOP("MoneyEdit", "The amount is too large."),
}


def amount_error_text(err: AmountError) -> str:
    """The operator's sentence for a refused amount, in the UI language."""
    if err.reason == "over_limit" and err.limit_fen is not None:
        return QCoreApplication.translate("MoneyEdit", "The single-sale limit is {limit}.").format(
            limit=format_fen_grouped(err.limit_fen)
        )
    source = _REASONS.get(err.reason)
    return _tr(source) if source else str(err)


class AmountValidator(QValidator):
    """Acceptable: a valid amount; Intermediate: kept, explained, not acceptable.

    Nothing the cashier types is silently dropped: dropping the "e" of "1e3"
    or the third decimal of "12.345" turned them into other, valid amounts
    (13.00, 12.34). The text stays as typed and the reason is shown until it
    is corrected.
    """

    def __init__(self, max_fen: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.max_fen = max_fen

    def state_of(self, text: str) -> QValidator.State:
        s = text.strip()
        if s.startswith("¥"):
            s = s[1:].lstrip()
        if s in ("", "."):
            return QValidator.State.Intermediate
        try:
            parse_amount(s, self.max_fen)
        except AmountError:
            return QValidator.State.Intermediate
        return QValidator.State.Acceptable

    def validate(self, text: str, pos: int):
        # Same length in and out (per-character mapping), so the cursor stays put.
        converted = to_ascii(text)
        return self.state_of(converted), converted, pos

    def fixup(self, text: str) -> str:
        return normalize_amount_text(text)


class MoneyEdit(QLineEdit):
    """``value_fen()`` is the amount, or None while the text is not yet acceptable.

    ``valueChanged(fen)`` fires on every change; fen is 0 while there is no
    acceptable amount (0 is never a valid amount).
    """

    valueChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, max_fen: int | None = None) -> None:
        super().__init__(parent)
        self._validator = AmountValidator(max_fen, self)
        self.setValidator(self._validator)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setMaxLength(20)
        self.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.setToolTip(
            QCoreApplication.translate("MoneyEdit", "Amount in yuan, at most two decimals")
        )
        self.textChanged.connect(self._on_text_changed)

    def max_fen(self) -> int | None:
        return self._validator.max_fen

    def set_max_fen(self, max_fen: int | None) -> None:
        self._validator.max_fen = max_fen
        self._on_text_changed(self.text())

    def value_fen(self) -> int | None:
        try:
            return parse_amount(self.text(), self._validator.max_fen)
        except AmountError:
            return None

    def set_value_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else format_fen(fen))

    def error(self) -> AmountError | None:
        """Why the current text is not an amount (None when it is)."""
        try:
            parse_amount(self.text(), self._validator.max_fen)
        except AmountError as err:
            return err
        return None

    def error_text(self) -> str:
        err = self.error()
        return "" if err is None else amount_error_text(err)

    def _on_text_changed(self, _text: str) -> None:
        fen = self.value_fen() or 0
        self.valueChanged.emit(fen)


def words_language() -> str:
    return "zh_CN" if QLocale().name().startswith("zh") else "en"


class AmountWordsLabel(QLabel):
    """Companion label: the amount in words while valid, the reason when not."""

    def __init__(
        self, edit: MoneyEdit, lang: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._edit = edit
        self._lang = lang or words_language()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        edit.valueChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        fen = self._edit.value_fen()
        if fen is not None:
            self.setText(amount_in_words(fen, self._lang))
            self.setProperty("amountValid", True)
        else:
            self.setText("" if not self._edit.text().strip() else self._edit.error_text())
            self.setProperty("amountValid", False)

"""Money typed by people and money printed for people, always as integer fen.

A cashier's typo (1000 for 100, "1,00.0", "0.001") must never become a
credit, so parsing is strict string arithmetic with no float anywhere.  Chinese
input methods produce full-width digits and punctuation ("１００．５０", "，",
and "。" for the decimal point in Chinese punctuation mode); those are read as
their ASCII equivalents.

Decisions (issue #3):

* an explicit sign is refused, "+5" as well as "-5": an amount is always a
  positive quantity and the kind of movement (sale, refund) says its direction;
* a single leading currency sign "¥" / "￥" is accepted (amounts pasted from a
  payment app carry it), anything else that is not a digit, a group separator
  or one decimal point is refused;
* thousands separators are accepted only in correct groups of three
  ("1,000.00", not "1,00.0"); at most two decimals; zero is refused.
"""

from __future__ import annotations

import re

from app.errors import QT_TRANSLATE_NOOP, ValidationError

FEN_PER_YUAN = 100

# Full-width and ideographic characters an input method may produce.
_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULL_WIDTH.update(
    {
        "．": ".",  # U+FF0E full-width full stop
        "。": ".",  # U+3002 ideographic full stop (Chinese punctuation mode)
        "，": ",",  # U+FF0C full-width comma
        "＋": "+",  # U+FF0B
        "－": "-",  # U+FF0D
        "−": "-",  # U+2212 minus sign
        "￥": "¥",  # U+FFE5 full-width yen/yuan sign
        "\u3000": " ",  # ideographic space
        "\u00a0": " ",  # no-break space
    }
)
_TRANSLATE = str.maketrans(_FULL_WIDTH)

_PLAIN = re.compile(r"(?P<int>\d*)(?:\.(?P<frac>\d*))?", re.ASCII)
_GROUPED = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+)(?:\.(?P<frac>\d*))?", re.ASCII)

# More integer digits than this is not an amount anyone sells (10^12 yuan).
MAX_INTEGER_DIGITS = 12


class AmountError(ValidationError):
    """An amount that is not acceptable; ``reason`` lets the UI pick its own wording.

    Reasons: ``empty``, ``not_a_number``, ``sign``, ``negative``, ``grouping``,
    ``decimals``, ``zero``, ``too_large``, ``over_limit``.
    """

    def __init__(
        self, reason: str, message: str, limit_fen: int | None = None, **params: object
    ) -> None:
        super().__init__(message, **params)
        self.reason = reason
        self.limit_fen = limit_fen


def to_ascii(text: str) -> str:
    """Full-width digits/punctuation to ASCII, one character for one (cursor-safe)."""
    return text.translate(_TRANSLATE)


def normalize_amount_text(text: str) -> str:
    """Full-width digits/punctuation to ASCII, surrounding blanks removed."""
    return to_ascii(text).strip()


def parse_amount(text: str, max_fen: int | None = None) -> int:
    """The amount in ``text`` as a positive number of fen, or an AmountError.

    ``max_fen`` is the site's single-sale limit (setting ``sale.max_fen``);
    None means no limit.
    """
    s = normalize_amount_text(text)
    if s.startswith("¥"):
        s = s[1:].lstrip()
    typed = repr(text.strip())
    if not s:
        raise AmountError(
            "empty", QT_TRANSLATE_NOOP("Errors", "Enter an amount, for example 100.00.")
        )
    if s[0] in "+-":
        if s[0] == "-":
            raise AmountError(
                "negative",
                QT_TRANSLATE_NOOP("Errors", "{text}: the amount must be more than zero."),
                text=typed,
            )
        raise AmountError(
            "sign",
            QT_TRANSLATE_NOOP("Errors", "{text}: type the amount without a sign."),
            text=typed,
        )
    match = _GROUPED.fullmatch(s) if "," in s else _PLAIN.fullmatch(s)
    if match is None or not (match.group("int") or match.group("frac")):
        if "," in s and re.fullmatch(r"[\d,]*(\.\d*)?", s, re.ASCII):
            raise AmountError(
                "grouping",
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "{text}: thousands separators must split the yuan into groups "
                    "of three digits, as in 1,000.00.",
                ),
                text=typed,
            )
        raise AmountError(
            "not_a_number",
            QT_TRANSLATE_NOOP(
                "Errors",
                "{text} is not an amount: use digits and at most one decimal point, as in 100.50.",
            ),
            text=typed,
        )
    integer = match.group("int").replace(",", "")
    frac = match.group("frac") or ""
    if len(frac) > 2:
        raise AmountError(
            "decimals",
            QT_TRANSLATE_NOOP("Errors", "{text}: an amount has at most two decimals (fen)."),
            text=typed,
        )
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise AmountError(
            "too_large",
            QT_TRANSLATE_NOOP("Errors", "{text} is too large to be an amount."),
            text=typed,
        )
    fen = int(integer or "0") * FEN_PER_YUAN + int(frac.ljust(2, "0"))
    if fen == 0:
        raise AmountError("zero", QT_TRANSLATE_NOOP("Errors", "The amount must be more than zero."))
    if max_fen is not None and fen > max_fen:
        raise AmountError(
            "over_limit",
            QT_TRANSLATE_NOOP("Errors", "{amount} is over the single-sale limit of {limit}."),
            limit_fen=max_fen,
            amount=format_fen_grouped(fen),
            limit=format_fen_grouped(max_fen),
        )
    return fen


def _check_int(fen: int) -> None:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"money is integer fen, got {type(fen).__name__}")


def format_fen(fen: int) -> str:
    """1234.56 style: for fields, files and JSON (no grouping)."""
    _check_int(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{yuan}.{cents:02d}"


def format_fen_grouped(fen: int) -> str:
    """1,234.56 style: for people (receipts, dialogs, reports)."""
    _check_int(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{yuan:,}.{cents:02d}"


_ZH_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ZH_UNITS = ("", "拾", "佰", "仟")
_ZH_SECTIONS = ("", "万", "亿", "万亿")


def _zh_section(n: int) -> str:
    """0 < n < 10000 in financial uppercase, inner zeros as one 零, trailing dropped."""
    out: list[str] = []
    zero = False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_ZH_DIGITS[d] + _ZH_UNITS[pos])
    return "".join(out)


def _zh_integer(n: int) -> str:
    sections: list[int] = []
    while n:
        n, sec = divmod(n, 10000)
        sections.append(sec)
    if len(sections) > len(_ZH_SECTIONS):
        raise ValueError("amount too large for words")
    out: list[str] = []
    pending_zero = False
    for idx in range(len(sections) - 1, -1, -1):
        sec = sections[idx]
        if sec == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or sec < 1000):
            out.append("零")
        pending_zero = False
        out.append(_zh_section(sec) + _ZH_SECTIONS[idx])
    return "".join(out)


def amount_in_words_zh(fen: int) -> str:
    """Chinese financial uppercase (大写金额) as written on receipts and cheques.

    100.00 -> 壹佰元整, 100.50 -> 壹佰元伍角, 1005.07 -> 壹仟零伍元零柒分,
    0.05 -> 伍分, 10001.00 -> 壹万零壹元整; negative amounts start with 负.
    """
    _check_int(fen)
    if fen < 0:
        return "负" + amount_in_words_zh(-fen)
    yuan, cents = divmod(fen, FEN_PER_YUAN)
    jiao, fen_digit = divmod(cents, 10)
    if fen == 0:
        return "零元整"
    out = _zh_integer(yuan) + "元" if yuan else ""
    if jiao == 0 and fen_digit == 0:
        return out + "整"
    if jiao:
        out += _ZH_DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen_digit:
        out += _ZH_DIGITS[fen_digit] + "分"
    return out


_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ("", " thousand", " million", " billion", " trillion")


def _en_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(_EN_ONES[hundreds] + " hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_EN_TENS[tens] + ("-" + _EN_ONES[ones] if ones else ""))
    elif rest:
        parts.append(_EN_ONES[rest])
    return " ".join(parts)


def _en_integer(n: int) -> str:
    if n == 0:
        return "zero"
    groups: list[str] = []
    scale = 0
    while n:
        n, group = divmod(n, 1000)
        if group:
            if scale >= len(_EN_SCALES):
                raise ValueError("amount too large for words")
            groups.append(_en_below_thousand(group) + _EN_SCALES[scale])
        scale += 1
    return " ".join(reversed(groups))


def amount_in_words_en(fen: int) -> str:
    """ "one hundred yuan and fifty fen"; whole amounts end in "only", like 整."""
    _check_int(fen)
    if fen < 0:
        return "minus " + amount_in_words_en(-fen)
    yuan, cents = divmod(fen, FEN_PER_YUAN)
    if cents == 0:
        return f"{_en_integer(yuan)} yuan only"
    fen_words = f"{_en_integer(cents)} fen"
    if yuan == 0:
        return fen_words
    return f"{_en_integer(yuan)} yuan and {fen_words}"


def amount_in_words(fen: int, lang: str) -> str:
    """Words in the receipt language ("zh_CN"/"zh" or "en")."""
    return amount_in_words_zh(fen) if lang.startswith("zh") else amount_in_words_en(fen)

"""Amount parsing, formatting and amounts in words, to the fen."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services.money import (
    AmountError,
    amount_in_words,
    amount_in_words_en,
    amount_in_words_zh,
    format_fen,
    format_fen_grouped,
    normalize_amount_text,
    parse_amount,
)

LIMIT = 1_000_000  # the default single-sale limit, 10,000.00


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("100", 10000),
        ("100.5", 10050),
        ("100.50", 10050),
        (" 1,000.00 ", 100000),
        ("1,000", 100000),
        ("0.01", 1),
        ("0.5", 50),
        (".5", 50),
        ("100.", 10000),
        ("007", 700),
        ("10,000.00", 1_000_000),
        ("１００", 10000),  # full-width digits from a Chinese input method
        ("１００．５０", 10050),
        ("１，０００．００", 100000),
        ("1，000", 100000),
        ("12。5", 1250),  # "。" typed for "." in Chinese punctuation mode
        ("\u3000１００\u3000", 10000),
        ("¥100", 10000),
        ("￥ 88.80", 8880),
    ],
)
def test_parse_accepts(text, fen):
    assert parse_amount(text, LIMIT) == fen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("¥", "empty"),
        ("NaN", "not_a_number"),
        ("nan", "not_a_number"),
        ("inf", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("1e3", "not_a_number"),
        ("1E3", "not_a_number"),
        ("0x10", "not_a_number"),
        (".", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("1 000", "not_a_number"),
        ("100元", "not_a_number"),
        ("$100", "not_a_number"),
        ("1_000", "not_a_number"),
        ("٣", "not_a_number"),  # other Unicode digits are not money here
        ("-5", "negative"),
        ("－５", "negative"),
        ("-0.01", "negative"),
        ("+5", "sign"),
        ("0", "zero"),
        ("0.00", "zero"),
        ("000.0", "zero"),
        ("0.001", "decimals"),
        ("12.345", "decimals"),
        ("12.340", "decimals"),
        ("1,00.0", "grouping"),
        ("1234,567", "grouping"),
        (",100", "grouping"),
        ("1,000,00", "grouping"),
        ("1,,000", "grouping"),
        ("10,000.01", "over_limit"),
        ("1e400", "not_a_number"),
        ("9" * 13, "too_large"),
    ],
)
def test_parse_refuses(text, reason):
    with pytest.raises(AmountError) as info:
        parse_amount(text, LIMIT)
    assert info.value.reason == reason
    assert isinstance(info.value, ValidationError)
    message = str(info.value)
    assert message.endswith(".") and len(message) > 15


def test_limit_message_names_the_limit():
    with pytest.raises(AmountError, match=r"single-sale limit of 10,000\.00") as info:
        parse_amount("20000", LIMIT)
    assert info.value.limit_fen == LIMIT
    assert parse_amount("10000.00", LIMIT) == LIMIT


def test_no_limit_when_none():
    assert parse_amount("100,000,000.00") == 10_000_000_000
    assert parse_amount("999999999999.99") == 99_999_999_999_999


def test_normalize():
    assert normalize_amount_text(" １２３．４５ ") == "123.45"
    assert normalize_amount_text("１，２３４") == "1,234"


@pytest.mark.parametrize(
    ("fen", "plain", "grouped"),
    [
        (0, "0.00", "0.00"),
        (1, "0.01", "0.01"),
        (-5, "-0.05", "-0.05"),
        (-500, "-5.00", "-5.00"),
        (123456, "1234.56", "1,234.56"),
        (-123456, "-1234.56", "-1,234.56"),
        (10_000_000_000, "100000000.00", "100,000,000.00"),
    ],
)
def test_format(fen, plain, grouped):
    assert format_fen(fen) == plain
    assert format_fen_grouped(fen) == grouped
    if fen > 0:
        assert parse_amount(plain) == fen
        assert parse_amount(grouped) == fen


@pytest.mark.parametrize("bad", [1.5, "100", None, True])
def test_format_refuses_non_integers(bad):
    with pytest.raises(TypeError):
        format_fen(bad)
    with pytest.raises(TypeError):
        amount_in_words_zh(bad)


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "零元整"),
        (1, "壹分"),
        (5, "伍分"),
        (50, "伍角"),
        (55, "伍角伍分"),
        (100, "壹元整"),
        (1000, "壹拾元整"),
        (1005, "壹拾元零伍分"),
        (1050, "壹拾元伍角"),
        (10000, "壹佰元整"),
        (10050, "壹佰元伍角"),
        (10110, "壹佰零壹元壹角"),
        (11000, "壹佰壹拾元整"),
        (100507, "壹仟零伍元零柒分"),
        (168032, "壹仟陆佰捌拾元叁角贰分"),
        (1_000_000, "壹万元整"),  # the default single-sale limit
        (999_999, "玖仟玖佰玖拾玖元玖角玖分"),
        (1_000_100, "壹万零壹元整"),
        (1_010_000, "壹万零壹佰元整"),
        (1_100_000, "壹万壹仟元整"),
        (100_010_000, "壹佰万零壹佰元整"),
        (1_000_000_000, "壹仟万元整"),
        (10_000_000_000, "壹亿元整"),  # 100,000,000.00, the largest configurable limit
        (10_000_000_100, "壹亿零壹元整"),
        (10_001_000_000, "壹亿零壹万元整"),
        (11_000_000_000, "壹亿壹仟万元整"),
        (10_100_000_000, "壹亿零壹佰万元整"),
        (123_456_789_00, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
        (100_000_000_000_000, "壹万亿元整"),
        (-10050, "负壹佰元伍角"),
    ],
)
def test_words_zh(fen, words):
    assert amount_in_words_zh(fen) == words
    assert amount_in_words(fen, "zh_CN") == words


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "zero yuan only"),
        (1, "one fen"),
        (50, "fifty fen"),
        (10000, "one hundred yuan only"),
        (10050, "one hundred yuan and fifty fen"),
        (100507, "one thousand five yuan and seven fen"),
        (2_134_099, "twenty-one thousand three hundred forty yuan and ninety-nine fen"),
        (1_000_000, "ten thousand yuan only"),
        (10_000_000_000, "one hundred million yuan only"),
        (-500, "minus five yuan only"),
    ],
)
def test_words_en(fen, words):
    assert amount_in_words_en(fen) == words
    assert amount_in_words(fen, "en") == words


def test_words_too_large():
    with pytest.raises(ValueError):
        amount_in_words_zh(10**20)

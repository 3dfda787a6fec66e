"""Field kinds with word order and scale (issue #10): known registers in, values out, and back."""

import pytest

from app.serial_io.registers import Block, Field, decode_block, decode_field, encode_block


def test_low_word_first_kinds():
    block = Block(0, 4, (Field("e", 0, "u32le"), Field("p", 2, "s32le")))
    regs = [0xE240, 0x0001, 0xFF9C, 0xFFFF]  # 123456 and -100, low word first
    assert decode_block(block, regs) == {"e": 123456, "p": -100}
    assert encode_block(block, {"e": 123456, "p": -100}) == regs


def test_high_word_first_unchanged():
    block = Block(0, 4, (Field("e", 0, "u32"), Field("p", 2, "s32")))
    assert decode_block(block, [0x0001, 0xE240, 0xFFFF, 0xFF9C]) == {"e": 123456, "p": -100}
    assert encode_block(block, {"e": 123456, "p": -100}) == [0x0001, 0xE240, 0xFFFF, 0xFF9C]


def test_scale_multiplies_on_decode_and_divides_on_encode():
    block = Block(0, 3, (Field("kwh", 0, "u32", scale=10), Field("v", 2, "s16", scale=100)))
    regs = [0, 12345, 0xFFFE]  # 0.1 kWh units, and -2 in units of 100
    assert decode_block(block, regs) == {"kwh": 123450, "v": -200}
    assert encode_block(block, {"kwh": 123450, "v": -200}) == regs
    assert decode_field(block.fields[0], regs) == 123450


def test_scale_refuses_a_value_that_is_not_a_multiple():
    block = Block(0, 2, (Field("kwh", 0, "u32", scale=10),))
    with pytest.raises(ValueError, match="multiple"):
        encode_block(block, {"kwh": 123451})


def test_range_is_checked_on_the_raw_value():
    block = Block(0, 1, (Field("x", 0, "u16", scale=10),))
    assert encode_block(block, {"x": 655350}) == [65535]
    with pytest.raises(ValueError, match="out of range"):
        encode_block(block, {"x": 655360})


@pytest.mark.parametrize("field", [("x", 0, "u64"), ("x", 0, "u16", 0), ("x", 0, "ascii4", 2)])
def test_bad_kind_or_scale_refused(field):
    with pytest.raises(ValueError):
        Field(*field)


def test_blocks_with_the_same_fields_stay_equal():
    a = Block(0, 2, (Field("e", 0, "u32le"),))
    assert a == Block(0, 2, (Field("e", 0, "u32le"),)) and hash(a) == hash(Block(0, 2, a.fields))

"""The Acrel families' layout as data: addresses, offsets, sub-functions, result texts.

Everything here comes from PROFILES.md and docs/profiles.md ("Wire formats
of the vendor functions"); where the public sources are silent (the
multi-circuit meter's per-circuit map, the 0x20 frame) the choice is ours
and kept here, so a maker's manual corrects it in one place. The answer
length rules tell the raw framing how long a vendor answer is.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, REFUSED_WITH_CODE
from app.serial_io.registers import Block, Field
from app.serial_io.serial_line import crc_ok

VENDOR_FAMILY = "acrel"  # the site key's name: acrel.key beside master.key

# ---- DDSY1352 / DTSY1352 / ADF300 ----
MODEL_ADDRESS = 0x0200
DDSY_MODELS = {7: "DDSY1352", 5: "DTSY1352", 10: "ADF300"}
THREE_PHASE_MODELS = frozenset({5})
RUN_MODE_ADDRESS = 0x0022
RUN_MODE_ENCRYPTED = 1 << 5
METER_NUMBER_ADDRESS = 0x0043  # 3 registers, BCD, 12 digits
METER_NUMBER_COUNT = 3

STATUS_ADDRESS = 0x0200
STATUS_COUNT = 48
STATUS_FIELDS = (
    Field("model", 0, "u16"),
    Field("voltage_a", 1, "u16"),
    Field("voltage_b", 2, "u16"),
    Field("voltage_c", 3, "u16"),
    Field("current_a", 4, "u16"),
    Field("current_b", 5, "u16"),
    Field("current_c", 6, "u16"),
    Field("power", 10, "s16"),  # total, 0.001 kW = W
    Field("power_factor", 18, "s16"),  # total, 0.001
    Field("pt_ratio", 19, "u16"),
    Field("ct_ratio", 20, "u16"),
    Field("energy_total", 21, "u32"),
    Field("energy_sharp", 23, "u32"),
    Field("energy_peak", 25, "u32"),
    Field("energy_flat", 27, "u32"),
    Field("energy_valley", 29, "u32"),
    Field("balance", 31, "u32"),  # remaining money, fen; never negative here
    Field("purchase_count", 33, "u16"),
    Field("status_word", 36, "u16"),
)
STATUS_BLOCK = Block(STATUS_ADDRESS, STATUS_COUNT, STATUS_FIELDS)
IDENTITY_COUNT = 21  # model .. CT ratio: the head of the status block

# Status word: high byte bit 0 fault, bits 5/6/7 relay L1/L2/L3 closed;
# low byte bit 4 overload, 5 arrears, 6 alarm 1, 7 alarm 2. The fault bit (1 << 8)
# has no MeterStatus field and is not decoded.
BIT_L1_CLOSED = 1 << 13
BIT_OVERLOAD = 1 << 4
BIT_ARREARS = 1 << 5
BIT_ALARM1 = 1 << 6
BIT_ALARM2 = 1 << 7

PARAMS_ADDRESS = 0x0046
PARAMS_COUNT = 28
PARAM_ALARM1 = 0
PARAM_ALARM2 = 2
PARAM_COUNT = 8  # purchase count
PARAM_MONEY = 9
# 15: prepaid-control state in the high byte (not used: every meter here is prepaid)
PARAM_RELAY = 17  # (force, trip) pair, written by FC16 at 0x0057 only
PARAM_PRICES = (19, 21, 23, 25)  # sharp, peak, flat, valley
PARAM_POWER_LIMIT = 27
PARAMS_FIELDS = (
    Field("alarm1", PARAM_ALARM1, "u32"),
    Field("alarm2", PARAM_ALARM2, "u32"),
    Field("purchase_count", PARAM_COUNT, "u16"),
    Field("money", PARAM_MONEY, "u32"),
    Field("relay_force", PARAM_RELAY, "u16"),
    Field("relay_trip", PARAM_RELAY + 1, "u16"),
    *(Field(f"price{i}", o, "u32") for i, o in enumerate(PARAM_PRICES)),
    Field("power_limit", PARAM_POWER_LIMIT, "u16"),
)
PARAMS_BLOCK = Block(PARAMS_ADDRESS, PARAMS_COUNT, PARAMS_FIELDS)

RELAY_ADDRESS = 0x0057  # FC16, 2 registers: (force enable, 0 close / 1 trip)

FUNC_WRITE_PARAMS = 0xAA
AA_REFUSAL_SIZE = 5  # addr 0xAA code crc
AA_ANSWER_SIZE = 8  # addr 0xAA start(2) count(2) crc
AA_RESULTS = {
    1: QT_TRANSLATE_NOOP(
        "Errors",
        "the meter refused the write: the purchase count is not its stored count + 1 "
        "(stale or replayed write)",
    ),
    2: QT_TRANSLATE_NOOP(
        "Errors",
        "the meter could not decipher the write (wrong Acrel site key) or a value is out of range",
    ),
    3: QT_TRANSLATE_NOOP("Errors", "the meter refused the write: not its prepaid parameter block"),
}

# ---- ADF400L / ADF300L multi-circuit ----
ADF_MODELS = {40: "ADF400L", 41: "ADF300L"}
DEVICE_ADDRESS = 0x0200  # model, number of circuits, three-phase flag
DEVICE_COUNT = 3
MAX_CIRCUITS = 36
CIRCUIT_STATUS_BASE = 0x1000
CIRCUIT_STATUS_STRIDE = 0x30
CIRCUIT_PARAMS_BASE = 0x3000
CIRCUIT_PARAMS_STRIDE = 0x20

FUNC_CIRCUIT = 0x20
SUB_PURCHASE = 0x01
SUB_PREPAID_SETTINGS = 0x02
SUB_OVERLOAD = 0x04
SUB_FORCE = 0x05
F20_ANSWER_SIZE = 7  # addr 0x20 sub circuit result crc(2)
F20_EXCEPTION_SIZE = 5  # addr 0xA0 code crc
F20_RESULTS = {
    1: QT_TRANSLATE_NOOP(
        "Errors",
        "the meter refused the command: the purchase count is not its stored count + 1 "
        "(stale or replayed command)",
    ),
    2: QT_TRANSLATE_NOOP(
        "Errors", "the meter could not decipher the command (wrong Acrel site key)"
    ),
    3: QT_TRANSLATE_NOOP("Errors", "the meter has no such circuit"),
    4: QT_TRANSLATE_NOOP("Errors", "the meter refused a value out of range"),
}

# ---- ADL400 metering-only ----
ADL_ENERGY = Block(0, 2, (Field("energy_total", 0, "u32"),))
ADL_CURRENTS = Block(100, 3, tuple(Field(f"current_{p}", i, "u16") for i, p in enumerate("abc")))
ADL_POWER = Block(362, 2, (Field("power", 0, "s32"),))  # total; A, B, C at 356, 358, 360


def circuit_status_address(circuit: int) -> int:
    return CIRCUIT_STATUS_BASE + (circuit - 1) * CIRCUIT_STATUS_STRIDE


def circuit_params_address(circuit: int) -> int:
    return CIRCUIT_PARAMS_BASE + (circuit - 1) * CIRCUIT_PARAMS_STRIDE


def result_template(table: dict[int, str], code: int) -> tuple[str, dict[str, object]]:
    """The marked sentence for a refusal code of one vendor function."""
    if code in table:
        return table[code], {}
    return REFUSED_WITH_CODE, {"code": code}


# ---- answer lengths (base.AnswerLength: bytes so far, address first -> total or None) ----
def aa_answer_length(head: bytes) -> int | None:
    """0xAA answers carry 0xAA both ways: a 5-byte frame whose CRC is good is a refusal.

    A normal answer's bytes 3-4 are the start's low byte and the count's high
    byte (0x46 0x00); they would have to equal the CRC of the first three for
    the two to be confused, which no address 1..247 does (checked by a test).
    """
    if len(head) < AA_REFUSAL_SIZE:
        return None
    return AA_REFUSAL_SIZE if crc_ok(head[:AA_REFUSAL_SIZE]) else AA_ANSWER_SIZE


def f20_answer_length(head: bytes) -> int | None:
    """0x20 answers are 7 bytes; an exception (function 0xA0) is 5."""
    if len(head) < 2:
        return None
    return F20_EXCEPTION_SIZE if head[1] & 0x80 else F20_ANSWER_SIZE


# MeterStatus fields the DDSY1352 status block does not hold (shown as a dash, not 0).
ACREL_UNREAD = frozenset(
    {"total_purchased", "rate", "price", "frequency", "clock", "command_counter",
     "account_epoch", "last_result", "cover_open", "key_installed"}
)  # fmt: skip

"""Acrel DDSY1352 (single-phase, model 7), DTSY1352 (three-phase, model 5), ADF300 (10).

Written from PROFILES.md and docs/profiles.md, not from the program's profile:
- function 03: energy at 0x0000 (10 registers), run mode 0x0022, meter number
  (BCD, 3 registers) at 0x0043, prepaid block (28) at 0x0046, status block
  (48) at 0x0200; any other register: exception 2;
- function 16: only the relay pair (force, trip) at 0x0057;
- function 0xAA: the whole prepaid block, enciphered with the site's Acrel
  key when encryption is on; answered by an 8-byte echo, or refused by
  ``addr 0xAA code crc`` (1 stale count, 2 did not decipher / no key, 3 not
  the block).
"""

from __future__ import annotations

import logging

from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator import rtu
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities import ddsy_blocks as blocks
from app.serial_io.simulator.personalities.base import Personality, read_answer
from app.serial_io.simulator.personalities.tea import decipher

log = logging.getLogger(__name__)

ENERGY = 0x0000
RUN_MODE = 0x0022
METER_NUMBER = 0x0043
PREPAID = 0x0046
RELAY = 0x0057
STATUS = 0x0200

MODEL_SINGLE = 7
MODEL_THREE = 5  # an ADF300 shows 10 (site file "model")

# run mode bits
MULTI_RATE = 0x01
ENCRYPTED = 0x20
PREPAID_ON = 0x40

ACREL_KEY = "acrel"  # SiteKeys.vendor_key name


def meter_number_registers(number: str) -> list[int]:
    """12 decimal digits as 3 BCD registers: '123456789012' -> 0x1234, 0x5678, 0x9012."""
    if len(number) != 12 or not number.isdigit():
        raise ValueError(f"an Acrel meter number is 12 digits, not {number!r}")
    return [int(number[i : i + 4], 16) for i in range(0, 12, 4)]


def run_mode(meter: SimMeter) -> int:
    rates = {rate for _start, rate in meter.params.segments}
    mode = MULTI_RATE if len(rates) > 1 else 0
    mode |= ENCRYPTED if meter.encrypted else 0
    return mode | (PREPAID_ON if meter.prepaid_mode else 0)


def acrel_key(bus) -> bytes | None:
    return bus.keys.vendor_key(ACREL_KEY)


class Ddsy1352Personality(Personality):
    name = "acrel-ddsy1352"

    def spans(self, meter: SimMeter):
        return (
            (ENERGY, 10, lambda: blocks.energy_block(meter)),
            (RUN_MODE, 1, lambda: [run_mode(meter)]),
            (METER_NUMBER, 3, lambda: meter_number_registers(meter.identity.serial)),
            (PREPAID, blocks.PREPAID_COUNT, lambda: blocks.prepaid_block(meter)),
            (STATUS, blocks.STATUS_COUNT, lambda: blocks.status_block(meter, meter.identity.model)),
        )

    def serve(self, bus, device: SimMeter, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = device.address, req.function
        if func == rtu.READ_HOLDING:
            return read_answer(self.spans(device), addr, req), False
        if func == rtu.WRITE_MULTIPLE:
            return self._write_relay(bus, device, req)
        if func == rtu.ACREL_WRITE_PREPAID:
            code = self._write_prepaid(bus, device, req)
            if code is not None:
                log.debug("meter %d refused a prepaid write: code %d", addr, code)
                return rtu.with_crc(bytes([addr, func, code])), False
            device.advance(bus.now())  # the relay follows the new money at once
            return rtu.with_crc(bytes([addr, func]) + req.start.to_bytes(2, "big")
                                + req.count.to_bytes(2, "big")), True  # fmt: skip
        return rtu.exception_response(addr, func, rtu.ILLEGAL_FUNCTION), False

    @staticmethod
    def _write_relay(bus, meter: SimMeter, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = meter.address, req.function
        if req.start != RELAY or req.count != 2 or not req.byte_count_ok:
            return rtu.exception_response(addr, func, rtu.ILLEGAL_ADDRESS), False
        force, trip = req.values or (0, 0)
        if not blocks.apply_relay_pair(meter, force, trip):
            return rtu.exception_response(addr, func, rtu.ILLEGAL_VALUE), False
        meter.advance(bus.now())
        return rtu.write_response(addr, req.start, req.count), True

    @staticmethod
    def _write_prepaid(bus, meter: SimMeter, req: rtu.Request) -> int | None:
        data = req.payload or b""
        if req.start != PREPAID or req.count != blocks.PREPAID_COUNT or len(data) != 56:
            return blocks.NOT_THE_BLOCK
        if meter.encrypted:
            key = acrel_key(bus)
            if key is None:
                return blocks.UNDECIPHERED
            data = decipher(key, data)
        return blocks.judge_prepaid_write(meter, data)


def make_meter(
    address: int,
    number: str,
    *,
    phases: int = 1,
    model: int | None = None,
    load: LoadProfile | None = None,
    params: MeterParams | None = None,
    balance: int = 0,
    purchase_count: int = 0,
    total_purchased: int = 0,
    prepaid: bool = True,
    encrypted: bool = True,
    ct_ratio: int = 1,
    pt_ratio: int = 1,
    utc_offset: int | None = None,
) -> SimMeter:
    """A DDSY1352 (1 phase) or DTSY1352 (3 phases) with a 12-digit meter number."""
    meter_number_registers(number)  # ValueError if not 12 digits
    ident = MeterIdentity(
        serial=number,
        model=model if model is not None else (MODEL_THREE if phases == 3 else MODEL_SINGLE),
        phases=phases,
        ct_ratio=ct_ratio,
        pt_ratio=pt_ratio,
    )
    return SimMeter(
        address, ident, load=load, params=params, balance=balance, prepaid_mode=prepaid,
        purchase_count=purchase_count, total_purchased=total_purchased, utc_offset=utc_offset,
        profile=Ddsy1352Personality.name, encrypted=encrypted,
    )  # fmt: skip

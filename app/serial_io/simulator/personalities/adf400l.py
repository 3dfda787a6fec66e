"""Acrel ADF400L / ADF300L: one address, 12 three-phase or 36 single-phase circuits.

Written from docs/profiles.md, not from the program's profile:
- function 03: model code (40 ADF400L, 41 ADF300L) at 0x0200, number of
  circuits at 0x0201, three-phase flag at 0x0202, meter number (BCD) at
  0x0043; circuit c's DDSY1352 status block (48) at 0x1000 + (c-1)*0x30 and
  its prepaid block (28) at 0x3000 + (c-1)*0x20; anything else: exception 2;
- function 0x20 ``addr 0x20 sub circuit n data crc``, data one enciphered
  8-byte block: sub 01 purchase (money u32, count u16), 02 alarms (u32, u32),
  04 overload (u32 W), 05 forced on/off (force, trip); answered
  ``addr 0x20 sub circuit result crc`` (0 accepted, 1 count not stored + 1,
  2 did not decipher / no key, 3 no such circuit, 4 value out of range);
  an unknown sub is exception 1, a malformed request exception 3;
- no other writes (function 16: exception 2).
"""

from __future__ import annotations

import logging
import struct
from dataclasses import replace

from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator import rtu
from app.serial_io.simulator.device import SimDevice
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import S32_MAX, SimMeter
from app.serial_io.simulator.personalities import ddsy_blocks as blocks
from app.serial_io.simulator.personalities.base import Personality, read_answer
from app.serial_io.simulator.personalities.ddsy1352 import (
    METER_NUMBER,
    acrel_key,
    meter_number_registers,
)
from app.serial_io.simulator.personalities.tea import decipher

log = logging.getLogger(__name__)

DEVICE = 0x0200
STATUS_BASE, STATUS_STRIDE = 0x1000, 0x30
PARAMS_BASE, PARAMS_STRIDE = 0x3000, 0x20
MODEL_ADF400L = 40  # an ADF300L shows 41 (docs/profiles.md)

PURCHASE, ALARMS, OVERLOAD, RELAY = 0x01, 0x02, 0x04, 0x05
OK, STALE_COUNT, UNDECIPHERED, NO_CIRCUIT, OUT_OF_RANGE = 0, 1, 2, 3, 4


def _purchase(c: SimMeter, data: bytes) -> int:
    money, count, pad = struct.unpack(">IHH", data)
    if pad:
        return UNDECIPHERED
    if count != (c.purchase_count + 1) & 0xFFFF:
        return STALE_COUNT
    if money > S32_MAX:
        return OUT_OF_RANGE
    c.total_purchased = (c.total_purchased + max(money - blocks.shown_money(c), 0)) & 0xFFFFFFFF
    c.balance = money
    c.purchase_count = count
    return OK


def _alarms(c: SimMeter, data: bytes) -> int:
    alarm1, alarm2 = struct.unpack(">II", data)
    if alarm1 > S32_MAX:
        return OUT_OF_RANGE
    try:
        c.params = replace(c.params, alarm1=alarm1, alarm2=alarm2)
    except ValueError:  # alarm 2 above alarm 1
        return OUT_OF_RANGE
    return OK


def _overload(c: SimMeter, data: bytes) -> int:
    watts, pad = struct.unpack(">II", data)
    if pad:
        return UNDECIPHERED
    c.params = replace(c.params, overload_w=watts)
    return OK


def _relay(c: SimMeter, data: bytes) -> int:
    if any(data[2:]):
        return UNDECIPHERED
    return OK if blocks.apply_relay_pair(c, data[0], data[1]) else OUT_OF_RANGE


_SUBS = {PURCHASE: _purchase, ALARMS: _alarms, OVERLOAD: _overload, RELAY: _relay}


class Adf400lPersonality(Personality):
    name = "acrel-adf400l"

    def spans(self, device: SimDevice):
        def head() -> list[int]:
            return [device.identity.model, len(device.circuits), int(device.three_phase)]

        spans = [
            (DEVICE, 3, head),
            (METER_NUMBER, 3, lambda: meter_number_registers(device.identity.serial)),
        ]
        for n, c in enumerate(device.circuits):
            spans.append((STATUS_BASE + n * STATUS_STRIDE, blocks.STATUS_COUNT,
                          lambda c=c: blocks.status_block(c, device.identity.model)))  # fmt: skip
            spans.append((PARAMS_BASE + n * PARAMS_STRIDE, blocks.PREPAID_COUNT,
                          lambda c=c: blocks.prepaid_block(c)))  # fmt: skip
        return spans

    def serve(self, bus, device: SimDevice, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = device.address, req.function
        if func == rtu.READ_HOLDING:
            return read_answer(self.spans(device), addr, req), False
        if func == rtu.ACREL_CIRCUIT:
            return self._circuit_op(bus, device, req)
        if func in (0x06, rtu.WRITE_MULTIPLE):
            return rtu.exception_response(addr, func, rtu.ILLEGAL_ADDRESS), False
        return rtu.exception_response(addr, func, rtu.ILLEGAL_FUNCTION), False

    @staticmethod
    def _circuit_op(bus, device: SimDevice, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = device.address, req.function
        apply = _SUBS.get(req.sub)
        if apply is None:
            return rtu.exception_response(addr, func, rtu.ILLEGAL_FUNCTION), False
        data = req.payload or b""
        if len(data) != 8:
            return rtu.exception_response(addr, func, rtu.ILLEGAL_VALUE), False
        if not 1 <= req.circuit <= len(device.circuits):
            result = NO_CIRCUIT
        elif device.encrypted and acrel_key(bus) is None:
            result = UNDECIPHERED
        else:
            circuit = device.circuit(req.circuit)
            plain = decipher(acrel_key(bus), data) if device.encrypted else data
            result = apply(circuit, plain)
            if result == OK:
                circuit.advance(bus.now())  # the relay follows at once
        if result != OK:
            log.debug("device %d circuit %d refused sub %d: %d", addr, req.circuit, req.sub, result)
        answer = rtu.with_crc(bytes([addr, func, req.sub, req.circuit, result]))
        return answer, result == OK


def make_device(
    address: int,
    number: str,
    *,
    circuits: int = 12,
    phases: int = 3,
    model: int = MODEL_ADF400L,
    loads: list[LoadProfile] | None = None,
    params: MeterParams | None = None,
    balance: int = 0,
    purchase_count: int = 0,
    total_purchased: int = 0,
    prepaid: bool = True,
    encrypted: bool = True,
    utc_offset: int | None = None,
) -> SimDevice:
    """An ADF400L of ``circuits`` circuits (at most 12 three-phase or 36 single-phase).

    Each circuit's own identity (inside the simulator only) is the device's
    number with its last two digits replaced by the circuit number.
    """
    meter_number_registers(number)  # ValueError if not 12 digits
    limit = 12 if phases == 3 else 36
    if not 1 <= circuits <= limit:
        raise ValueError(f"an ADF400L of {phases}-phase circuits has 1 to {limit} circuits")
    ident = MeterIdentity(serial=number, model=model, phases=phases)
    members = []
    for n in range(1, circuits + 1):
        load = loads[n - 1] if loads else LoadProfile(seed=address * 100 + n)
        circuit = SimMeter(
            address, replace(ident, serial=f"{number[:10]}{n:02d}"), load=load, params=params,
            balance=balance, prepaid_mode=prepaid, purchase_count=purchase_count,
            total_purchased=total_purchased, utc_offset=utc_offset,
            profile=Adf400lPersonality.name, encrypted=encrypted,
        )  # fmt: skip
        members.append(circuit)
    return SimDevice(address, ident, members, profile=Adf400lPersonality.name, encrypted=encrypted)

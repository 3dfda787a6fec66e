"""The simulated modem's own PDU reading and writing (3GPP TS 23.040), apart from the driver's.

The driver encodes with python-gsmmodem-new; the simulator decodes what it
receives here, by hand, so that a test round trip checks one implementation
against another. Only the GSM 7-bit alphabet table is borrowed from the
library. Incoming messages are written as SMS-DELIVER PDUs: GSM 7-bit when the
text fits one SMS in that alphabet, else UCS2 (parts with a concatenation
header when long).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gsmmodem.pdu import GSM7_BASIC, GSM7_EXTENDED

SMSC = "+8613800100500"
UCS2_PART = 67  # characters of a UCS2 part after a 6-byte concatenation header


@dataclass(frozen=True)
class Submitted:
    """One SMS-SUBMIT as the network would take it."""

    number: str
    text: str
    ref: int | None = None  # concatenation: reference, total, this part's number
    total: int = 1
    part: int = 1
    coding: str = "gsm7"  # or "ucs2"


def _code(value) -> int:
    return value if isinstance(value, int) else ord(value)


def _septets_to_text(septets: list[int]) -> str:
    out, escape = [], False
    for s in septets:
        if escape:
            out.append(next((c for c, v in GSM7_EXTENDED.items() if _code(v) == s), "?"))
            escape = False
        elif s == 0x1B:
            escape = True
        else:
            out.append(GSM7_BASIC[s])
    return "".join(out)


def _unpack(data: bytes, count: int, skip_bits: int = 0) -> list[int]:
    bits = int.from_bytes(data, "little")
    return [(bits >> (skip_bits + 7 * i)) & 0x7F for i in range(count)]


def _pack(septets: list[int]) -> bytes:
    bits = 0
    for i, s in enumerate(septets):
        bits |= s << (7 * i)
    return bits.to_bytes((7 * len(septets) + 7) // 8, "little")


def _gsm7(text: str) -> list[int] | None:
    out = []
    for ch in text:
        if ch in GSM7_BASIC:
            out.append(GSM7_BASIC.index(ch))
        elif ch in GSM7_EXTENDED:
            out += [0x1B, _code(GSM7_EXTENDED[ch])]
        else:
            return None
    return out


def _address(raw: bytes, digits: int) -> str:
    toa, semi = raw[0], raw[1:]
    number = "".join(f"{b & 0x0F:x}{b >> 4:x}" for b in semi)[:digits]
    return ("+" if toa & 0x70 == 0x10 else "") + number


def _encode_address(number: str) -> bytes:
    digits = number.lstrip("+")
    toa = 0x91 if number.startswith("+") else 0x81
    padded = digits + ("F" if len(digits) % 2 else "")
    semi = bytes(int(padded[i + 1] + padded[i], 16) for i in range(0, len(padded), 2))
    return bytes([len(digits), toa]) + semi


def decode_submit(pdu_hex: str) -> Submitted:
    """An SMS-SUBMIT in hex (with its SMSC field first); ValueError when it is not one."""
    data = bytes.fromhex(pdu_hex)
    pos = 1 + data[0]  # skip the SMSC field
    first = data[pos]
    if first & 0x03 != 0x01:
        raise ValueError("not an SMS-SUBMIT")
    pos += 2  # first octet, message reference
    digits = data[pos]
    number = _address(data[pos + 1 : pos + 2 + (digits + 1) // 2], digits)
    pos += 2 + (digits + 1) // 2
    dcs = data[pos + 1]
    pos += 2
    vpf = (first >> 3) & 0x03
    pos += {0: 0, 2: 1}.get(vpf, 7)
    udl, ud = data[pos], data[pos + 1 :]
    ref, total, part, header_len = None, 1, 1, 0
    if first & 0x40:  # user-data header
        header_len = ud[0] + 1
        i = 1
        while i < header_len:
            iei, ln = ud[i], ud[i + 1]
            if iei == 0x00:
                ref, total, part = ud[i + 2], ud[i + 3], ud[i + 4]
            elif iei == 0x08:
                ref, total, part = int.from_bytes(ud[i + 2 : i + 4], "big"), ud[i + 4], ud[i + 5]
            i += 2 + ln
    coding = "ucs2" if dcs & 0x0C == 0x08 else "gsm7"
    if coding == "ucs2":
        text = ud[header_len:udl].decode("utf-16-be")
    else:
        fill = (7 - (header_len * 8) % 7) % 7
        skip = (header_len * 8 + fill) // 7
        septets = _unpack(ud[header_len:], udl - skip, fill)
        text = _septets_to_text(septets)
    return Submitted(number, text, ref, total, part, coding)


def _timestamp(at: dt.datetime) -> bytes:
    fields = [at.year % 100, at.month, at.day, at.hour, at.minute, at.second, 32]  # +08:00
    return bytes(int(f"{v:02d}"[::-1], 16) for v in fields)


def deliver_pdus(number: str, text: str, at: dt.datetime, ref: int) -> list[str]:
    """SMS-DELIVER PDUs in hex (SMSC field first) carrying ``text`` from ``number``."""
    head = _encode_address(SMSC)
    smsc = bytes([len(head) - 1]) + head[1:]
    septets = _gsm7(text)
    if septets is not None and len(septets) <= 160:
        body = bytes([0x04]) + _encode_address(number) + bytes([0, 0]) + _timestamp(at)
        return [(smsc + body + bytes([len(septets)]) + _pack(septets)).hex().upper()]
    if len(text) <= 70:
        chunks = [text]
    else:
        chunks = [text[i : i + UCS2_PART] for i in range(0, len(text), UCS2_PART)]
    out = []
    for n, chunk in enumerate(chunks, 1):
        udh = b"" if len(chunks) == 1 else bytes([5, 0, 3, ref % 256, len(chunks), n])
        ud = udh + chunk.encode("utf-16-be")
        first = 0x44 if udh else 0x04
        body = bytes([first]) + _encode_address(number) + bytes([0, 8]) + _timestamp(at)
        out.append((smsc + body + bytes([len(ud)]) + ud).hex().upper())
    return out

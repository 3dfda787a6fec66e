"""SMS as PDUs (and as text mode's UCS2 hex), through ``gsmmodem.pdu`` of python-gsmmodem-new.

The codec is the library's: GSM 7-bit or UCS2 chosen by the text, long texts
split into parts with a concatenation user-data header (8-bit reference), the
SMS-DELIVER PDUs a modem lists decoded with their headers. What is ours is the
small glue: the reference number of each long message, putting received parts
back together, and the UCS2 hex that text mode needs for Chinese.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from gsmmodem import pdu as codec

_refs = itertools.count(1)


@dataclass(frozen=True)
class SubmitPart:
    """One part to send: the PDU in hex (with the empty SMSC field) and its TPDU length."""

    hex: str
    tpdu_length: int


@dataclass(frozen=True)
class Received:
    """One incoming SMS, whole: its parts' storage indexes on the modem (to delete them)."""

    phone: str
    text: str
    at: dt.datetime | None
    indexes: tuple[int, ...]


@dataclass(frozen=True)
class _Part:
    index: int
    phone: str
    text: str
    at: dt.datetime | None
    ref: int | None = None  # concatenation reference, total and number (None: a whole SMS)
    total: int = 1
    number: int = 1


def submit_parts(phone: str, text: str) -> list[SubmitPart]:
    """The SMS-SUBMIT PDUs for ``text`` to ``phone``: one, or the parts of a long message."""
    ref = next(_refs) % 256
    pdus = codec.encodeSmsSubmitPdu(phone, text, reference=ref, requestStatusReport=False)
    return [SubmitPart(bytes(p.data).hex().upper(), p.tpduLength) for p in pdus]


def decode_listed(index: int, pdu_hex: str) -> _Part:
    """A PDU as ``+CMGL`` lists it (with its SMSC field); ValueError when it does not decode."""
    try:
        data = codec.decodeSmsPdu(pdu_hex)
    except Exception as exc:  # the library raises several kinds on a bad PDU
        raise ValueError(f"undecodable PDU at index {index}: {exc}") from exc
    at = data.get("time")
    if isinstance(at, dt.datetime) and at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    concat = next((h for h in data.get("udh", ()) if isinstance(h, codec.Concatenation)), None)
    if concat is None:
        return _Part(index, data.get("number", ""), data.get("text", ""), at)
    return _Part(
        index, data.get("number", ""), data.get("text", ""), at,
        concat.reference, concat.parts, concat.number,
    )  # fmt: skip


def assemble(parts: list[_Part]) -> tuple[list[Received], list[_Part]]:
    """Whole messages from listed parts, and the parts still waiting for their siblings."""
    whole: list[Received] = []
    groups: dict[tuple[str, int, int], dict[int, _Part]] = {}
    for part in parts:
        if part.ref is None:
            whole.append(Received(part.phone, part.text, part.at, (part.index,)))
        else:
            groups.setdefault((part.phone, part.ref, part.total), {})[part.number] = part
    waiting: list[_Part] = []
    for (phone, _ref, total), got in groups.items():
        if len(got) < total:
            waiting.extend(got.values())
            continue
        ordered = [got[n] for n in sorted(got)]
        whole.append(
            Received(
                phone,
                "".join(p.text for p in ordered),
                ordered[0].at,
                tuple(p.index for p in ordered),
            )
        )
    return whole, waiting


def ucs2_hex(text: str) -> str:
    """Text mode with ``AT+CSCS="UCS2"``: every field as UTF-16BE hex."""
    return text.encode("utf-16-be").hex().upper()


def from_ucs2_hex(field: str) -> str:
    """A text mode field back from UCS2 hex (a field that is not hex is returned as it is)."""
    try:
        return bytes.fromhex(field).decode("utf-16-be")
    except ValueError:
        return field


def text_chunks(text: str) -> list[str]:
    """Text mode has no user-data header: a long text goes as separate SMS of 70 characters."""
    return [text[i : i + 70] for i in range(0, len(text), 70)] or [""]

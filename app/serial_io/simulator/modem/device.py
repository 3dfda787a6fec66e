"""A simulated GSM modem: the AT command set a driver uses, with its phones on the other side.

``SimModem.feed(bytes)`` takes what the driver wrote and returns what the
modem says back, as (delay_s, bytes) pieces (``send_s`` is the network's time
to take one SMS part). It echoes until ``ATE0``, answers OK / ERROR / ``+CME``
/ ``+CMS ERROR``, gives the ``>`` prompt for ``AT+CMGS`` and takes the PDU (or
UCS2 text) up to Ctrl-Z, decodes it (``sms_pdu``) and, once every part of a
message is in, hands it to the phone it was for (``received``, and
``on_received``). ``deliver(phone, text)`` is a phone sending an SMS to the
modem: stored, and announced with an unsolicited ``+CMTI`` (``unsolicited``).
``faults`` are switched on and off at will: no_sim, pin (PIN 1234),
no_network, cms500, silent, text_only (PDU mode refused).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable

from app.serial_io.simulator.modem import sms_pdu

FAULTS = ("no_sim", "pin", "no_network", "cms500", "silent", "text_only")
SIM_PIN = "1234"
OK, ERROR = b"\r\nOK\r\n", b"\r\nERROR\r\n"


def _line(text: str) -> bytes:
    return b"\r\n" + text.encode("ascii") + b"\r\n"


def _hex_text(field: str) -> str:
    return bytes.fromhex(field).decode("utf-16-be")


class SimModem:
    def __init__(self, send_s: float = 0.0, rssi: int = 21) -> None:
        self.send_s = send_s
        self.rssi = rssi
        self.faults: set[str] = set()
        self.received: list[dict] = []  # {"to", "text", "parts", "at"} what the phones got
        self.on_received: Callable[[dict], None] | None = None
        self.unsolicited: list[bytes] = []  # +CMTI lines the server writes when the line is idle
        self.stored: dict[int, tuple[str, str]] = {}  # index -> (phone, pdu hex or text)
        self.lock = threading.Lock()
        self._echo, self._cmee, self._text_mode, self._unlocked = True, 0, False, False
        self._buf = b""
        self._body_for: str | None = None  # the AT+CMGS waiting for its body
        self._parts: dict[tuple[str, int], dict[int, str]] = {}
        self._next_index, self._next_mr, self._ref = 1, 1, 0

    # ---- the phones' side ----
    def deliver(self, phone: str, text: str, at: dt.datetime | None = None) -> None:
        """A phone texts the modem: stored (as its parts) and announced with +CMTI."""
        at = at or dt.datetime.now()
        with self.lock:
            self._ref += 1
            stored = [text] if self._text_mode else sms_pdu.deliver_pdus(phone, text, at, self._ref)
            for item in stored:
                index = self._next_index
                self._next_index += 1
                self.stored[index] = (phone, item)
                if "silent" not in self.faults:
                    self.unsolicited.append(_line(f'+CMTI: "SM",{index}'))

    def take_unsolicited(self) -> bytes:
        with self.lock:
            out, self.unsolicited = b"".join(self.unsolicited), []
        return out

    # ---- the driver's side ----
    def feed(self, data: bytes) -> list[tuple[float, bytes]]:
        with self.lock:
            if "silent" in self.faults:
                self._buf = b""
                return []
            self._buf += data
            out: list[tuple[float, bytes]] = []
            while True:
                if self._body_for is not None:
                    end = re.search(rb"[\x1a\x1b]", self._buf)
                    if end is None:
                        return out
                    body, sep, self._buf = (
                        self._buf[: end.start()],
                        end.group(),
                        self._buf[end.end() :],
                    )
                    cmd, self._body_for = self._body_for, None
                    out += (
                        [(0.0, OK)]
                        if sep == b"\x1b"
                        else self._submit(cmd, body.decode("ascii", "replace"))
                    )
                    continue
                if b"\r" not in self._buf:
                    return out
                raw, _, self._buf = self._buf.partition(b"\r")
                self._buf = self._buf.lstrip(b"\n")
                cmd = raw.decode("ascii", "replace").strip()
                echo = raw + b"\r" if self._echo else b""
                if not cmd:
                    continue
                out.append((0.0, echo + self._command(cmd)))

    def _error(self, code: int, cms: bool = False) -> bytes:
        if not self._cmee:
            return ERROR
        return _line(f"+{'CMS' if cms else 'CME'} ERROR: {code}")

    def _command(self, cmd: str) -> bytes:
        up = cmd.upper()
        if up in ("AT", "ATZ") or up.startswith(("AT+CNMI", "AT+CSMP")):
            return OK
        if up in ("ATE0", "ATE1"):
            self._echo = up == "ATE1"
            return OK
        if up.startswith("AT+CMEE="):
            self._cmee = int(up[8:] or 0)
            return OK
        if up.startswith("AT+CPIN"):
            return self._cpin(cmd)
        if "no_sim" in self.faults or ("pin" in self.faults and not self._unlocked):
            if up.startswith(("AT+CMGS", "AT+CMGL", "AT+CMGD")):
                return self._error(310 if "no_sim" in self.faults else 311, cms=True)
            return self._error(10 if "no_sim" in self.faults else 11)
        if up == "AT+CREG?":
            return _line(f"+CREG: 0,{2 if 'no_network' in self.faults else 1}") + OK
        if up == "AT+CSQ":
            return _line(f"+CSQ: {99 if 'no_network' in self.faults else self.rssi},99") + OK
        if up.startswith("AT+CMGF="):
            if up.endswith("0") and "text_only" in self.faults:
                return ERROR
            self._text_mode = up.endswith("1")
            return OK
        if up.startswith("AT+CSCS="):
            return OK if "UCS2" in up else ERROR
        if up.startswith("AT+CMGS="):
            self._body_for = cmd
            return b"\r\n> "
        if up.startswith("AT+CMGL"):
            return self._list() + OK
        if up.startswith("AT+CMGD="):
            self.stored.pop(int(up[8:].split(",")[0]), None)
            return OK
        return ERROR

    def _cpin(self, cmd: str) -> bytes:
        if "no_sim" in self.faults:
            return self._error(10)
        if cmd.upper() == "AT+CPIN?":
            locked = "pin" in self.faults and not self._unlocked
            return _line(f"+CPIN: {'SIM PIN' if locked else 'READY'}") + OK
        if cmd.split("=", 1)[1].strip('"') == SIM_PIN:
            self._unlocked = True
            return OK
        return self._error(16)

    def _submit(self, cmd: str, body: str) -> list[tuple[float, bytes]]:
        if "no_network" in self.faults:
            return [(self.send_s, self._error(331, cms=True))]
        if "cms500" in self.faults:
            return [(self.send_s, self._error(500, cms=True))]
        try:
            if self._text_mode:
                number = _hex_text(cmd.split("=", 1)[1].strip('"'))
                self._got(number, _hex_text(body.strip()), None, 1, 1, "text-ucs2")
            else:
                sub = sms_pdu.decode_submit(body.strip())
                self._got(sub.number, sub.text, sub.ref, sub.total, sub.part, sub.coding)
        except (ValueError, IndexError, UnicodeDecodeError):
            return [(0.0, self._error(304 if not self._text_mode else 305, cms=True))]
        mr, self._next_mr = self._next_mr, (self._next_mr + 1) % 256
        return [(self.send_s, _line(f"+CMGS: {mr}") + OK)]

    def _got(
        self, number: str, text: str, ref: int | None, total: int, part: int, coding: str
    ) -> None:
        if ref is None:
            self._hand_over(number, text, 1, coding)
            return
        parts = self._parts.setdefault((number, ref), {})
        parts[part] = text
        if len(parts) == total:
            del self._parts[(number, ref)]
            self._hand_over(number, "".join(parts[n] for n in sorted(parts)), total, coding)

    def _hand_over(self, number: str, text: str, parts: int, coding: str) -> None:
        at = dt.datetime.now().isoformat(timespec="seconds")
        record = {"to": number, "text": text, "parts": parts, "coding": coding, "at": at}
        self.received.append(record)
        if self.on_received is not None:
            self.on_received(record)

    def _list(self) -> bytes:
        out = b""
        for index, (phone, stored) in sorted(self.stored.items()):
            if self._text_mode:
                fields = f'+CMGL: {index},"REC UNREAD","{_ucs2(phone)}",,""'
                out += _line(fields) + _ucs2(stored).encode("ascii") + b"\r\n"
            else:
                length = len(stored) // 2 - 1 - int(stored[:2], 16)
                out += _line(f"+CMGL: {index},0,,{length}") + stored.encode("ascii") + b"\r\n"
        return out


def _ucs2(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()

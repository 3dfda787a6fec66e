"""A GSM modem spoken to with AT commands: set up, status, send, read incoming (issue #13).

``GsmModem`` owns one port (pyserial ``serial_for_url``: a device, a pty or
``socket://`` for the simulated modem) and is used from one thread (the modem
worker). Setup is echo off, numeric errors, the SIM (PIN from ``modem.pin``),
network registration, signal, then the SMS mode: PDU (UCS2 for Chinese and
concatenated parts with a user-data header, codec in ``gsm_pdu``) or, where the
modem refuses PDU mode or ``modem.mode`` says so, text mode with UCS2 fields.
Every way it can fail raises ``ModemError`` whose ``state`` says what is wrong
(no SIM, PIN, no network, no answer...) and whose message is a clear sentence;
``permanent`` marks an SMS the network refused for good (do not retry it).
Unsolicited ``+CMTI`` lines seen between answers set ``incoming_waiting``.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import Callable

import serial

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.serial_io import gsm_pdu

log = logging.getLogger(__name__)

CTRL_Z = b"\x1a"
ANSWER_S = 2.0  # an ordinary AT command (the '>' prompt may take 2.5 times that)
SUBMIT_S = 60.0  # +CMGS waits for the network

NO_ANSWER = QT_TRANSLATE_NOOP("Errors", "the GSM modem on {port} does not answer")
NO_PORT = QT_TRANSLATE_NOOP("Errors", "cannot open the GSM modem port {port}: {reason}")
NO_SIM = QT_TRANSLATE_NOOP("Errors", "there is no SIM card in the GSM modem")
PIN_NEEDED = QT_TRANSLATE_NOOP("Errors", "the SIM card asks for a PIN: set modem.pin")
PIN_REFUSED = QT_TRANSLATE_NOOP("Errors", "the SIM card refused the PIN in modem.pin")
PUK_NEEDED = QT_TRANSLATE_NOOP("Errors", "the SIM card is blocked: it needs its PUK")
NO_NETWORK = QT_TRANSLATE_NOOP("Errors", "the GSM modem is not registered on a network ({reg})")
DENIED = QT_TRANSLATE_NOOP("Errors", "the mobile network refused the SIM card")
REFUSED = QT_TRANSLATE_NOOP("Errors", "the GSM modem refused {command} ({error})")
SMS_REFUSED = QT_TRANSLATE_NOOP("Errors", "the SMS was not sent: +CMS ERROR {code} ({reason})")
NO_PROMPT = QT_TRANSLATE_NOOP("Errors", "the GSM modem gave no '>' prompt for the SMS")
NO_MODE = QT_TRANSLATE_NOOP("Errors", "the GSM modem takes neither PDU nor text mode SMS")


class State:
    """What the modem is up to, as stored in the status JSON."""

    OK = "ok"
    NO_PORT = "no_port"
    NO_ANSWER = "no_answer"
    NO_SIM = "no_sim"
    PIN = "pin"
    NO_NETWORK = "no_network"
    ERROR = "error"  # a command refused for another reason
    SMS_REFUSED = "sms_refused"  # one SMS refused: the modem itself is fine


# +CMS ERROR codes (3GPP TS 27.005 3.2.5 and 24.011 E.2) said in a few words, and whether the
# same SMS would fail again (the number or the message is wrong, not the moment).
CMS_REASONS = {
    1: ("unassigned number", True),
    8: ("operator barred", True),
    10: ("call barred", True),
    21: ("short message rejected", True),
    27: ("destination out of service", False),
    28: ("unidentified subscriber", True),
    38: ("network out of order", False),
    41: ("temporary failure", False),
    42: ("congestion", False),
    304: ("invalid PDU mode parameter", True),
    305: ("invalid text mode parameter", True),
    310: ("SIM not inserted", False),
    311: ("SIM PIN required", False),
    322: ("SIM memory full", False),
    330: ("SMSC address unknown", False),
    331: ("no network service", False),
    332: ("network timeout", False),
    500: ("unknown error", False),
}
CME_NO_SIM, CME_PIN, CME_PUK, CME_WRONG_PIN = 10, 11, 12, 16
REG_NAMES = {
    0: "not registered",
    1: "home",
    2: "searching",
    3: "denied",
    4: "unknown",
    5: "roaming",
}

_CMTI = re.compile(r'^\+CMTI:\s*"?\w*"?,\s*(\d+)')
_FINAL_ERROR = re.compile(r"^(\+CM[ES] ERROR:\s*(\d+)|ERROR)")


class ModemError(PemError):
    def __init__(self, state: str, message: str, /, permanent: bool = False, **params) -> None:
        super().__init__(message, **params)
        self.state = state
        self.permanent = permanent


def signal_bars(rssi: int | None) -> int:
    """+CSQ's rssi (0..31, 99 unknown) as 0..5 bars."""
    if rssi is None or rssi == 99 or rssi < 2:
        return 0
    return min(5, 1 + (rssi - 2) // 6)


class GsmModem:
    def __init__(
        self,
        port: str,
        baud: int = 115200,
        pin: str = "",
        mode: str = "auto",
        answer_s: float = ANSWER_S,
    ) -> None:
        self.port, self.baud, self.pin, self.mode = port, baud, pin, mode
        self.answer_s = answer_s
        self.sms_mode = ""  # "pdu" or "text" once set up
        self.incoming_waiting = False  # a +CMTI came: list the messages
        self._ser: serial.SerialBase | None = None
        self._buf = b""

    # ---- the line ----
    def open(self) -> None:
        try:
            self._ser = serial.serial_for_url(self.port, baudrate=self.baud, timeout=0.05)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise ModemError(State.NO_PORT, NO_PORT, port=self.port, reason=exc) from exc

    def close(self) -> None:
        if self._ser is not None:
            try:
                self._ser.close()
            finally:
                self._ser = None

    def _write(self, data: bytes) -> None:
        try:
            self._ser.write(data)
        except (serial.SerialException, OSError) as exc:
            raise ModemError(State.NO_PORT, NO_PORT, port=self.port, reason=exc) from exc

    def _read_line(self, deadline: float, prompt: bool = False) -> str | None:
        """The next non-empty line (or the '>' prompt when asked), None at the deadline."""
        while True:
            if prompt and self._buf.lstrip(b"\r\n").startswith(b">"):
                self._buf = b""
                return ">"
            if b"\n" in self._buf or b"\r" in self._buf:
                line, _sep, self._buf = re.split(rb"(\r\n|\r|\n)", self._buf, maxsplit=1)
                text = line.decode("latin-1").strip()
                if text:
                    return text
                continue
            if time.monotonic() > deadline:
                return None
            try:
                self._buf += self._ser.read(max(1, self._ser.in_waiting))
            except (serial.SerialException, OSError) as exc:
                raise ModemError(State.NO_PORT, NO_PORT, port=self.port, reason=exc) from exc

    def command(self, cmd: str, timeout: float | None = None) -> list[str]:
        """Send ``cmd``; its answer lines without echo and the final OK. Raises on errors."""
        self._write(cmd.encode("ascii") + b"\r")
        return self._answer(cmd, time.monotonic() + (timeout or self.answer_s))

    def _answer(self, cmd: str, deadline: float) -> list[str]:
        lines: list[str] = []
        while True:
            line = self._read_line(deadline)
            if line is None:
                raise ModemError(State.NO_ANSWER, NO_ANSWER, port=self.port)
            if line == cmd:  # echo, before ATE0 took
                continue
            if _CMTI.match(line):
                self.incoming_waiting = True
                continue
            if line == "OK":
                return lines
            error = _FINAL_ERROR.match(line)
            if error:
                raise self._refusal(cmd, line, int(error.group(2)) if error.group(2) else None)
            lines.append(line)

    def _refusal(self, cmd: str, line: str, code: int | None) -> ModemError:
        if line.startswith("+CMS") and code is not None:
            reason, permanent = CMS_REASONS.get(code, ("unknown error", False))
            if code == 310:
                return ModemError(State.NO_SIM, NO_SIM)
            if code in (331, 332):
                return ModemError(State.NO_NETWORK, NO_NETWORK, reg=reason)
            return ModemError(
                State.SMS_REFUSED, SMS_REFUSED, permanent=permanent, code=code, reason=reason
            )
        if code == CME_NO_SIM:
            return ModemError(State.NO_SIM, NO_SIM)
        if code in (CME_PIN, CME_PUK, CME_WRONG_PIN):
            template = {CME_PIN: PIN_NEEDED, CME_PUK: PUK_NEEDED}.get(code, PIN_REFUSED)
            return ModemError(State.PIN, template)
        return ModemError(State.ERROR, REFUSED, command=cmd, error=line)

    def _value(self, lines: list[str], prefix: str) -> str:
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        return ""

    # ---- setup and status ----
    def setup(self) -> dict:
        """From an open port to ready to send; returns the first status (see ``status``)."""
        for attempt in range(3):  # a modem just powered up may miss the first AT
            try:
                self.command("AT", timeout=min(1.0, self.answer_s))
                break
            except ModemError as exc:
                if exc.state != State.NO_ANSWER or attempt == 2:
                    raise
        self.command("ATE0")
        self.command("AT+CMEE=1")
        self._unlock_sim()
        self._choose_mode()
        self.command("AT+CNMI=2,1,0,0,0")  # new messages stored, announced by +CMTI
        return self.status()

    def _unlock_sim(self) -> None:
        answer = self._value(self.command("AT+CPIN?"), "+CPIN:")
        if answer == "READY":
            return
        if answer == "SIM PIN":
            if not self.pin:
                raise ModemError(State.PIN, PIN_NEEDED)
            self.command(f'AT+CPIN="{self.pin}"', timeout=10.0)
            return
        if answer == "SIM PUK":
            raise ModemError(State.PIN, PUK_NEEDED)
        raise ModemError(State.ERROR, REFUSED, command="AT+CPIN?", error=answer)

    def status(self) -> dict:
        """Signal and registration: raises ``ModemError`` (no network...) when it cannot send."""
        fields = self._value(self.command("AT+CREG?"), "+CREG:").split(",")
        reg = int(fields[1]) if len(fields) > 1 and fields[1].strip().isdigit() else 4
        csq = self._value(self.command("AT+CSQ"), "+CSQ:").split(",")[0].strip()
        rssi = int(csq) if csq.isdigit() else None
        status = {
            "rssi": rssi,
            "bars": signal_bars(rssi),
            "registration": REG_NAMES.get(reg, "unknown"),
            "mode": self.sms_mode,
        }
        if reg == 3:
            raise ModemError(State.NO_NETWORK, DENIED)
        if reg not in (1, 5):
            raise ModemError(State.NO_NETWORK, NO_NETWORK, reg=REG_NAMES.get(reg, "unknown"))
        return status

    def _choose_mode(self) -> None:
        if self.mode in ("auto", "pdu"):
            try:
                self.command("AT+CMGF=0")
                self.sms_mode = "pdu"
                return
            except ModemError as exc:
                if self.mode == "pdu" or exc.state != State.ERROR:
                    raise
        try:
            self.command("AT+CMGF=1")
            self.command('AT+CSCS="UCS2"')
            self.command("AT+CSMP=17,167,0,8")  # text mode with UCS2 data coding
        except ModemError as exc:
            if exc.state == State.ERROR:
                raise ModemError(State.ERROR, NO_MODE) from exc
            raise
        self.sms_mode = "text"

    # ---- sending ----
    def send(self, phone: str, text: str) -> list[int]:
        """Send ``text`` (as many parts as it takes); the network's message references."""
        if self.sms_mode == "text":
            chunks = gsm_pdu.text_chunks(text)
            return [
                self._submit(f'AT+CMGS="{gsm_pdu.ucs2_hex(phone)}"', gsm_pdu.ucs2_hex(c))
                for c in chunks
            ]
        return [
            self._submit(f"AT+CMGS={part.tpdu_length}", part.hex)
            for part in gsm_pdu.submit_parts(phone, text)
        ]

    def _submit(self, cmd: str, body: str) -> int:
        self._write(cmd.encode("ascii") + b"\r")
        deadline = time.monotonic() + 2.5 * self.answer_s
        while True:
            line = self._read_line(deadline, prompt=True)
            if line is None:
                self._write(b"\x1b")  # ESC: leave the prompt state if it came late
                raise ModemError(State.NO_ANSWER, NO_PROMPT)
            if line == ">":
                break
            if _CMTI.match(line):
                self.incoming_waiting = True
                continue
            error = _FINAL_ERROR.match(line)
            if error:
                raise self._refusal(cmd, line, int(error.group(2)) if error.group(2) else None)
        self._write(body.encode("ascii") + CTRL_Z)
        lines = self._answer(cmd, time.monotonic() + SUBMIT_S)
        ref = self._value(lines, "+CMGS:")
        return int(ref) if ref.isdigit() else -1

    # ---- incoming ----
    def read_incoming(
        self, handle: Callable[[gsm_pdu.Received], object] | None = None
    ) -> list[gsm_pdu.Received]:
        """Every whole message stored on the modem, deleted from it once read.

        With ``handle``, each message is deleted only after ``handle(message)``
        returned: when it raises (the database was busy), that message and the
        rest stay on the modem for the next read, not lost. Parts of a long message
        whose siblings have not arrived stay on the modem until they have; a PDU
        that does not decode (a status report, garbage) is logged and deleted, or
        it would fail every read and fill the SIM.
        """
        self.incoming_waiting = False
        if self.sms_mode == "text":
            got = self._list_text()
        else:
            parts, bad = self._list_pdu()
            for index, pdu_hex, reason in bad:
                log.warning("GSM modem: deleting an undecodable SMS (%s): %s", reason, pdu_hex)
                self.command(f"AT+CMGD={index}")
            got, _waiting = gsm_pdu.assemble(parts)
        for message in got:
            if handle is not None:
                handle(message)
            for index in message.indexes:
                self.command(f"AT+CMGD={index}")
        return got

    def _list_pdu(self) -> tuple[list, list[tuple[int, str, str]]]:
        """The parts listed, and (index, hex, reason) of those that do not decode."""
        lines = self.command("AT+CMGL=4", timeout=10.0)
        parts, bad = [], []
        for header, body in itertools.pairwise(lines):
            if header.startswith("+CMGL:"):
                index = int(header[6:].split(",")[0])
                try:
                    parts.append(gsm_pdu.decode_listed(index, body))
                except ValueError as exc:
                    bad.append((index, body, str(exc)))
        return parts, bad

    def _list_text(self) -> list[gsm_pdu.Received]:
        lines = self.command('AT+CMGL="ALL"', timeout=10.0)
        out = []
        for header, body in itertools.pairwise(lines):
            if header.startswith("+CMGL:"):
                fields = [f.strip().strip('"') for f in header[6:].split(",")]
                phone = gsm_pdu.from_ucs2_hex(fields[2]) if len(fields) > 2 else ""
                out.append(
                    gsm_pdu.Received(phone, gsm_pdu.from_ucs2_hex(body), None, (int(fields[0]),))
                )
        return out

    def poll_unsolicited(self, wait_s: float = 0.0) -> None:
        """Read what the modem said unasked (``+CMTI``) while the worker was idle."""
        deadline = time.monotonic() + wait_s
        while True:
            line = self._read_line(deadline)
            if line is None:
                return
            if _CMTI.match(line):
                self.incoming_waiting = True

"""What reading a workbook found: problems, notes and the changes it would make.

Every sentence is a ``Message`` (a template marked for the "Errors" context and
its params), so the import dialog shows it in the operator's language and the
command line prints its English text. Nothing in a ``Preview`` has touched the
database; ``apply`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message

NOT_XLSX = QT_TRANSLATE_NOOP(
    "Errors", "{file} is not an Excel workbook (.xlsx); save it from Excel as .xlsx"
)
ENCRYPTED = QT_TRANSLATE_NOOP(
    "Errors",
    "{file} is password protected or an old .xls file; save it from Excel as an "
    ".xlsx without a password",
)
UNREADABLE = QT_TRANSLATE_NOOP("Errors", "cannot read {file}: {reason}")
MISSING_SHEET = QT_TRANSLATE_NOOP("Errors", "the workbook has no sheet {sheet}")
MISSING_COLUMN = QT_TRANSLATE_NOOP("Errors", "the sheet has no column {column}")
DOUBLE_COLUMN = QT_TRANSLATE_NOOP("Errors", "the column {column} appears twice")
MERGED = QT_TRANSLATE_NOOP("Errors", "merged cells {cells}: unmerge them, one value per cell")
FORMULA = QT_TRANSLATE_NOOP(
    "Errors", "{field}: a formula ({formula}); type the value itself (copy, paste values)"
)
DATE_NOT_NUMBER = QT_TRANSLATE_NOOP(
    "Errors", "{field}: Excel shows a date ({value}) where a value belongs; format the cell as text"
)
NOT_A_DATE = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not a date (2024-05-31)")
BAD_YES_NO = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not yes or no")
NOT_MONEY = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not an amount in yuan (20.00)")
TWICE_IN_FILE = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is also in row {row}")
# A reference to something neither the file nor the site has, by what it names.
UNKNOWN_REF = {
    "building": QT_TRANSLATE_NOOP(
        "Errors", "{field}: no building named {value} in the file or on this site"
    ),
    "gateway": QT_TRANSLATE_NOOP(
        "Errors", "{field}: no gateway named {value} in the file or on this site"
    ),
    "bus": QT_TRANSLATE_NOOP("Errors", "{field}: no bus named {value} in the file or on this site"),
    "meter": QT_TRANSLATE_NOOP(
        "Errors", "{field}: no meter numbered {value} in the file or on this site"
    ),
}
GATEWAY_PORT_RANGE = QT_TRANSLATE_NOOP(
    "Errors", "{field}: gateway {gateway} has serial ports 1-{last}, not {value}"
)
PORT_OR_GATEWAY = QT_TRANSLATE_NOOP(
    "Errors", "Port: give a serial port, or a gateway and its serial port number"
)
GATEWAY_PORT_DIFFERS = QT_TRANSLATE_NOOP(
    "Errors", "{field}: {value} is not gateway {gateway}'s port {port} ({expected}); leave it blank"
)
SAME_PLACE = QT_TRANSLATE_NOOP(
    "Errors", "{field}: bus {bus} address {address} circuit {circuit} is also meter {other}"
)
METER_HAS_ACCOUNT = QT_TRANSLATE_NOOP(
    "Errors", "meter {meter} already has an open account ({account})"
)
METER_NO_MONEY = QT_TRANSLATE_NOOP(
    "Errors", "meter {meter} is a metering-only meter: it holds no money, no account"
)
ONE_ACCOUNT_ONE_NAME = QT_TRANSLATE_NOOP(
    "Errors", "account {account} is {name} in an earlier row: one account, one tenant name"
)
FILE_HAS_PROBLEMS = QT_TRANSLATE_NOOP(
    "Errors", "the file has {count} problem(s); nothing was written"
)
# Notes: worth knowing, not in the way.
NOTE_BLANK_ROWS = QT_TRANSLATE_NOOP("Errors", "{sheet}: empty rows skipped: {rows}")
NOTE_REORDERED = QT_TRANSLATE_NOOP(
    "Errors", "the columns are not in the template's order: read by their headers"
)
NOTE_EXTRA_COLUMN = QT_TRANSLATE_NOOP(
    "Errors", "{sheet}: column {column} is not the template's: ignored"
)
NOTE_NOT_IN_FILE = {
    "buildings": QT_TRANSLATE_NOOP(
        "Errors", "{count} building(s) on this site are not in the file: kept as they are"
    ),
    "gateways": QT_TRANSLATE_NOOP(
        "Errors", "{count} gateway(s) on this site are not in the file: kept as they are"
    ),
    "buses": QT_TRANSLATE_NOOP(
        "Errors", "{count} bus(es) on this site are not in the file: kept as they are"
    ),
    "meters": QT_TRANSLATE_NOOP(
        "Errors", "{count} meter(s) on this site are not in the file: kept as they are"
    ),
}
NOTE_TAKEOVER = QT_TRANSLATE_NOOP(
    "Errors",
    "{count} tenant(s) to take over: each meter's balance and purchase count are read "
    "when applying; a meter that does not answer is not taken over, the others are",
)
NOTHING_TO_CHANGE = QT_TRANSLATE_NOOP("Errors", "nothing to change: the site matches the file")

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
# Sheet keys in the order objects are written (each refers only to those before it).
ORDER = ("buildings", "gateways", "buses", "meters", "tenants")


@dataclass(frozen=True)
class Problem:
    """One refusal: where (sheet title, row number as Excel shows it, column header) and why.

    ``row`` 0 and ``column`` "" when it is about the whole sheet or file.
    """

    sheet: str
    row: int
    column: str
    message: Message

    def text(self) -> str:
        where = ", ".join(
            p for p in (self.sheet, f"row {self.row}" if self.row else "", self.column) if p
        )
        return f"{where}: {self.message}" if where else str(self.message)


@dataclass(frozen=True)
class Change:
    """A row that would create or change an object; ``fields`` are the changed keys."""

    sheet: str  # sheet key
    key: str  # the name or number it is matched by
    kind: str  # NEW or CHANGED
    row: int
    fields: tuple[str, ...] = ()
    old: dict[str, Any] = field(default_factory=dict)


@dataclass
class Preview:
    """The whole file checked against the site; ``rows`` hold the checked values per sheet."""

    path: str = ""
    problems: list[Problem] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    rows: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def nothing_to_change(self) -> bool:
        return self.ok and not self.changes

    def count(self, sheet: str, kind: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.kind == kind)

    def refuse_if_problems(self) -> None:
        if self.problems:
            raise ValidationError(FILE_HAS_PROBLEMS, count=len(self.problems))

    def lines(self) -> list[str]:
        """The preview as English lines (the command line): problems, notes, then changes."""
        out = [f"problem: {p.text()}" for p in self.problems]
        out += [f"note: {n}" for n in self.notes]
        for c in self.changes:
            what = f" ({', '.join(c.fields)})" if c.fields else ""
            out.append(f"{c.kind}: {c.sheet} {c.key}{what}")
        return out

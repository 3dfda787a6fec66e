"""Building small workbooks for the import tests, and the database's bytes to compare."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.services.permissions import Actor, Role
from app.services.site_workbook import layout

ADMIN = Actor(1, "admin", Role.ADMIN)

BUILDING = {"name": "Tower A", "address": "1 Road"}
GATEWAY = {"name": "GW1", "host": "192.168.1.50", "port_count": 8, "first_tcp_port": 4001,
           "building": "Tower A"}  # fmt: skip
BUSES = [
    {"name": "Bus 1", "gateway": "GW1", "gateway_port": 1, "baud": 9600, "parity": "N",
     "stopbits": 1, "profile": "acrel-ddsy1352", "building": "Tower A"},
    {"name": "Bus 2", "port": "/dev/ttyUSB0", "baud": 9600, "parity": "E", "stopbits": 1,
     "profile": "default"},
]  # fmt: skip


def meter(i: int, bus: str = "Bus 2", **extra) -> dict:
    row = {"number": f"M{i:03d}", "bus": bus, "address": i, "building": "Tower A",
           "location": f"{i}F", "alarm1": 20, "alarm2": "5.00", "enabled": "yes"}  # fmt: skip
    row.update(extra)
    return row


def site_rows(meters: int = 3) -> dict[str, list[dict]]:
    return {
        "buildings": [BUILDING],
        "gateways": [GATEWAY],
        "buses": BUSES,
        "meters": [meter(i) for i in range(1, meters + 1)],
    }


def write_book(path: Path, sheets: dict[str, list[dict]], headers: dict | None = None) -> Path:
    """A workbook with one bilingual header row per sheet and the given rows (keys = columns).

    ``headers[sheet_key]`` overrides the header list (column keys, in order).
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in layout.SHEETS:
        if sheet.key not in sheets:
            continue
        ws = book.create_sheet(sheet.title)
        keys = (headers or {}).get(sheet.key) or [c.key for c in sheet.columns]
        ws.append([sheet.column(k).header for k in keys])
        for row in sheets[sheet.key]:
            ws.append([row.get(k) for k in keys])
    book.save(path)
    return path


def db_bytes(folder: Path) -> dict[str, str]:
    """The digest of every database file (the main file and its write-ahead log)."""
    out = {}
    for name in ("site.db", "site.db-wal"):
        p = folder / name
        if p.exists():
            out[name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


CASHIER_ACTOR = Actor(2, "cashier", Role.CASHIER)

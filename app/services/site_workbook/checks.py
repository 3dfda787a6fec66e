"""Every cell of every row through the site's rules, then the rules across rows.

One cell at a time goes through ``app.services.site_rules`` (and the tenant
and alarm rules of their services), so the import refuses exactly what the
settings window refuses, in the same words. Across rows: a key twice in the
file, a reference to a building, gateway or bus neither the file nor the site
has, a gateway port out of range or used twice, and two meters on one bus
address and circuit, judged on the site as it would be after the import
(the database's rows overlaid with the file's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation, Overflow
from typing import Any

from app.errors import InvalidField, PemError
from app.messages import Message
from app.serial_io import profiles
from app.serial_io.profiles import Capability
from app.services import site_rules
from app.services.site_workbook import layout
from app.services.site_workbook.preview import (
    BAD_YES_NO,
    GATEWAY_PORT_DIFFERS,
    GATEWAY_PORT_RANGE,
    METER_HAS_ACCOUNT,
    METER_NO_MONEY,
    NOT_A_DATE,
    NOT_MONEY,
    ONE_ACCOUNT_ONE_NAME,
    PORT_OR_GATEWAY,
    SAME_PLACE,
    TWICE_IN_FILE,
    UNKNOWN_REF,
    Problem,
)
from app.services.site_workbook.reader import BAD, BookRows
from app.services.site_workbook.snapshot import Objects, gateway_port

TEXT_LIMIT = 200


class _Skip(Exception):
    """The cell was reported already (a formula, a date): no second sentence about it."""


def blank(value: Any) -> bool:
    return value is None or value is BAD or not site_rules.normal(value)


def text(label: str, value: Any, limit: int = TEXT_LIMIT) -> str:
    """A cell as text: 101 and 101.0 (Excel numbers) are "101"; may be empty."""
    if value is BAD:
        raise _Skip
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = site_rules.normal(value)
    if len(out) > limit:
        raise InvalidField(label, site_rules.TOO_LONG, field=label, limit=limit)
    return out


def key_name(label: str, value: Any, limit: int = site_rules.NAME_LIMIT) -> str:
    if value is BAD:
        raise _Skip
    return site_rules.name(label, text(label, value, limit + 1), limit)


def whole(label: str, value: Any, low: int, high: int, default: int) -> int:
    if value is BAD:
        raise _Skip
    return default if blank(value) else site_rules.whole(label, value, low, high)


def money(label: str, value: Any, default: int) -> int:
    """Yuan with at most two decimals (20, "20.5", 20.50) as fen; never through a float sum."""
    if value is BAD:
        raise _Skip
    if blank(value):
        return default
    typed = repr(value) if isinstance(value, float) else site_rules.normal(value)
    try:
        amount = Decimal(typed.lstrip("¥￥"))
    except InvalidOperation:
        raise InvalidField(label, NOT_MONEY, field=label, value=repr(typed)) from None
    try:
        fen = amount * 100
    except Overflow:  # an exponent beyond Decimal's range
        raise InvalidField(label, NOT_MONEY, field=label, value=repr(typed)) from None
    underflowed = fen == 0 and amount != 0
    if not amount.is_finite() or fen != fen.to_integral_value() or amount < 0 or underflowed:
        raise InvalidField(label, NOT_MONEY, field=label, value=repr(typed))
    return int(fen)


def yes_no(label: str, value: Any, default: bool = True) -> bool:
    if value is BAD:
        raise _Skip
    if blank(value):
        return default
    if isinstance(value, bool):
        return value
    word = layout.words(value)
    if word in layout.YES_WORDS:
        return True
    if word in layout.NO_WORDS:
        return False
    raise InvalidField(label, BAD_YES_NO, field=label, value=repr(site_rules.normal(value)))


def date(label: str, value: Any) -> dt.date | None:
    if value is BAD:
        raise _Skip
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    typed = site_rules.normal(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        raise InvalidField(label, NOT_A_DATE, field=label, value=repr(typed)) from None


class RowChecker:
    """Checks one row's cells, collecting each refusal as a Problem instead of stopping."""

    def __init__(self, sheet: layout.Sheet, number: int, raw: dict[str, Any], out: list) -> None:
        self.sheet, self.number, self.raw, self.out = sheet, number, raw, out
        self.values: dict[str, Any] = {}
        self.failed = False

    def label(self, key: str) -> str:
        return self.sheet.column(key).header

    def take(self, key: str, check: Callable[[str, Any], Any]) -> None:
        """values[key] = check(header, raw cell) when the column is in the file."""
        if key not in self.raw:
            return
        try:
            self.values[key] = check(self.label(key), self.raw[key])
        except _Skip:
            self.failed = True
        except PemError as exc:
            self.problem(key, exc.message)

    def problem(self, key: str, message: Message) -> None:
        self.failed = True
        self.out.append(Problem(self.sheet.title, self.number, self.label(key), message))


def _whole(low: int, high: int, default: int) -> Callable[[str, Any], int]:
    return lambda label, value: whole(label, value, low, high, default)


def check_building(c: RowChecker) -> None:
    c.take("name", key_name)
    c.take("address", text)


def check_gateway(c: RowChecker) -> None:
    c.take("name", key_name)
    c.take("host", lambda label, v: site_rules.host(label, text(label, v)))
    c.take("port_count", _whole(1, 64, 8))
    c.take("first_tcp_port", _whole(1, 65535, 4001))
    c.take("building", text)


def check_bus(c: RowChecker) -> None:
    c.take("name", key_name)
    c.take("port", lambda label, v: "" if blank(v) else site_rules.port(label, text(label, v)))
    c.take("gateway", text)
    c.take("gateway_port", _whole(0, 64, 0))
    c.take("baud", lambda label, v: site_rules.baud(label, v))
    c.take("parity", lambda label, v: site_rules.parity(label, text(label, v)))
    c.take("stopbits", lambda label, v: 1 if blank(v) else site_rules.stopbits(label, v))
    c.take("timeout_ms", _whole(0, 60_000, 0))
    c.take("turnaround_ms", _whole(0, 10_000, 50))
    c.take("profile", lambda label, v: site_rules.profile(label, text(label, v)))
    c.take("building", text)


def check_meter(c: RowChecker) -> None:
    c.take("number", lambda label, v: key_name(label, v, 32))
    c.take("bus", key_name)
    c.take("address", lambda label, v: site_rules.address(label, v if not blank(v) else ""))
    c.take("circuit", lambda label, v: 0 if blank(v) else whole(label, v, 0, 255, 0))
    c.take("building", text)
    c.take("location", lambda label, v: text(label, v, 64))
    c.take(
        "profile", lambda label, v: "" if blank(v) else site_rules.profile(label, text(label, v))
    )
    c.take("serial", lambda label, v: text(label, v, 12))
    c.take("phases", _whole(1, 3, 1))
    c.take("ct_ratio", _whole(1, 10_000, 1))
    c.take("pt_ratio", _whole(1, 10_000, 1))
    c.take("alarm1", lambda label, v: money(label, v, 2000))
    c.take("alarm2", lambda label, v: money(label, v, 500))
    c.take("overload_w", _whole(0, 10_000_000, 0))
    c.take("tariff", lambda label, v: text(label, v, 32))
    c.take("enabled", yes_no)


def check_tenant(c: RowChecker) -> None:
    c.take("name", lambda label, v: key_name(label, v, 60))
    c.take("account_no", lambda label, v: key_name(label, v, 20))
    c.take("meter", key_name)
    c.take("phone", lambda label, v: text(label, v, 20))
    c.take("shop", lambda label, v: text(label, v, 40))
    c.take("opened", date)


ROW_CHECKS = {
    "buildings": check_building,
    "gateways": check_gateway,
    "buses": check_bus,
    "meters": check_meter,
    "tenants": check_tenant,
}
KEYS = {"buildings": "name", "gateways": "name", "buses": "name", "meters": "number"}
KEYS["tenants"] = "meter"  # one row per meter; a tenant with two meters has two rows


def check_book(book: BookRows, site: dict[str, Objects], accounts: dict[str, str],
               account_nos: set[str]) -> dict[str, list[tuple[int, dict[str, Any]]]]:  # fmt: skip
    """The checked rows per sheet; every refusal appended to ``book.problems``."""
    checked: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for key, sheet_rows in book.sheets.items():
        rows = []
        seen: dict[str, int] = {}
        for number, raw in sheet_rows.rows:
            c = RowChecker(sheet_rows.sheet, number, raw, book.problems)
            ROW_CHECKS[key](c)
            ident = c.values.get(KEYS[key])
            if ident is not None:
                if ident in seen:
                    c.problem(
                        KEYS[key],
                        Message(
                            TWICE_IN_FILE,
                            {"field": c.label(KEYS[key]), "value": ident, "row": seen[ident]},
                        ),
                    )
                    continue
                seen[ident] = number
            if not c.failed:
                rows.append((number, c.values))
        checked[key] = rows
    _check_references(book, checked, site)
    if "tenants" in checked:
        _check_tenants(book, checked, site, accounts, account_nos)
    return checked


def merged(site: dict[str, Objects], checked, key: str) -> Objects:
    """The objects of one kind as they would be after the import."""
    out = {k: dict(v) for k, v in site.get(key, {}).items()}
    for _n, values in checked.get(key, []):
        ident = values[KEYS[key]]
        out[ident] = {**out.get(ident, {}), **values}
    return out


def _sheet(key: str) -> layout.Sheet:
    return next(s for s in layout.SHEETS if s.key == key)


def _refuse(book: BookRows, key: str, number: int, column: str, template: str, **params) -> None:
    sheet = _sheet(key)
    book.problems.append(
        Problem(sheet.title, number, sheet.column(column).header, Message(template, params))
    )


def _ref(book, key, number, values, column, known, what) -> bool:
    name = values.get(column, "")
    if name and name not in known:
        label = _sheet(key).column(column).header
        _refuse(book, key, number, column, UNKNOWN_REF[what], field=label, value=name)
        return False
    return True


def _check_references(book: BookRows, checked, site: dict[str, Objects]) -> None:
    buildings = merged(site, checked, "buildings")
    gateways = merged(site, checked, "gateways")
    buses = merged(site, checked, "buses")
    for key in ("gateways", "buses", "meters"):
        for number, values in checked.get(key, []):
            _ref(book, key, number, values, "building", buildings, "building")
    _check_buses(book, checked, site, gateways)
    buses = merged(site, checked, "buses")
    _check_meters(book, checked, site, buses)


def _check_buses(book: BookRows, checked, site, gateways: Objects) -> None:
    label = _sheet("buses").column("gateway_port").header
    for number, values in checked.get("buses", []):
        if not _ref(book, "buses", number, values, "gateway", gateways, "gateway"):
            continue
        bus = {**site["buses"].get(values["name"], {}), **values}
        gw_name = bus.get("gateway", "")
        if not gw_name:
            if not bus.get("port"):
                _refuse(book, "buses", number, "port", PORT_OR_GATEWAY)
            continue
        gw = gateways[gw_name]
        index = bus.get("gateway_port", 0)
        if not 1 <= index <= gw["port_count"]:
            _refuse(
                book,
                "buses",
                number,
                "gateway_port",
                GATEWAY_PORT_RANGE,
                field=label,
                gateway=gw_name,
                last=gw["port_count"],
                value=index,
            )
            continue
        expected = gateway_port(gw["host"], gw["first_tcp_port"], index)
        if bus.get("port") and bus["port"] != expected and "port" in values:
            _refuse(
                book,
                "buses",
                number,
                "port",
                GATEWAY_PORT_DIFFERS,
                field=_sheet("buses").column("port").header,
                value=bus["port"],
                gateway=gw_name,
                port=index,
                expected=expected,
            )
            continue
        values["port"] = expected
    _no_two(book, checked, site, "buses", "port", lambda b: b.get("port") or None)


def _no_two(book, checked, site, key: str, column: str, place) -> None:
    """A place (a port, a bus address) taken by two objects after the import: named."""
    after = merged(site, checked, key)
    rows = {values[KEYS[key]]: number for number, values in checked.get(key, [])}
    holder: dict[Any, str] = {}
    for ident, obj in after.items():
        spot = place(obj)
        if spot is None:
            continue
        if spot in holder:
            mine, other = (ident, holder[spot]) if ident in rows else (holder[spot], ident)
            if mine not in rows:
                continue
            label = _sheet(key).column(column).header
            _refuse(
                book,
                key,
                rows[mine],
                column,
                site_rules.CLASH,
                field=label,
                value=obj.get(column) if column != "address" else spot,
                other=other,
            )
        else:
            holder[spot] = ident


def _check_meters(book: BookRows, checked, site, buses: Objects) -> None:
    from app.services.accounts import check_alarms  # the cashier's rule on thresholds

    sheet = _sheet("meters")
    good = []
    for number, values in checked.get("meters", []):
        if not _ref(book, "meters", number, values, "bus", buses, "bus"):
            continue
        meter = {**site["meters"].get(values["number"], {}), **values}
        if not meter.get("profile"):
            values["profile"] = meter["profile"] = buses[meter["bus"]].get("profile", "default")
        try:
            circuit = meter.get("circuit", 0)
            values["circuit"] = site_rules.circuit(
                sheet.column("circuit").header, circuit, meter["profile"]
            )
            check_alarms(meter.get("alarm1", 2000), meter.get("alarm2", 500))
        except InvalidField as exc:
            column = exc.field if exc.field in ("alarm1", "alarm2") else "circuit"
            _refuse_message(book, number, sheet.column(column).header, exc.message)
            continue
        good.append((number, values))
    checked["meters"] = good
    after = merged(site, checked, "meters")
    rows = {values["number"]: number for number, values in good}
    holder: dict[tuple, str] = {}
    label = sheet.column("address").header
    for ident in sorted(after, key=lambda i: (i in rows, rows.get(i, 0))):  # kept ones first
        m = after[ident]
        spot = (m["bus"], m["address"], m.get("circuit", 0))
        if spot in holder and ident in rows:
            _refuse(
                book,
                "meters",
                rows[ident],
                "address",
                SAME_PLACE,
                field=label,
                bus=spot[0],
                address=spot[1],
                circuit=spot[2],
                other=holder[spot],
            )
        holder.setdefault(spot, ident)


def _refuse_message(book: BookRows, number: int, column: str, message: Message) -> None:
    book.problems.append(Problem(_sheet("meters").title, number, column, message))


def _check_tenants(book, checked, site, accounts: dict[str, str], account_nos: set[str]) -> None:
    from app.services.tenants import ACCOUNT_NO_USED, TenantInfo, check_tenant_info

    meters = merged(site, checked, "meters")
    sheet = _sheet("tenants")
    names: dict[str, str] = {}
    good = []
    for number, values in checked["tenants"]:
        c = RowChecker(sheet, number, {}, book.problems)
        try:
            check_tenant_info(
                TenantInfo(values["name"], values.get("shop", ""), values.get("phone", ""))
            )
        except InvalidField as exc:
            c.problem(exc.field if exc.field in ("name", "phone", "shop") else "name", exc.message)
            continue
        meter = values["meter"]
        holder = accounts.get(meter)
        if not _ref(book, "tenants", number, values, "meter", meters, "meter"):
            continue
        account_no = values["account_no"]
        if names.setdefault(account_no, values["name"]) != values["name"]:
            c.problem(
                "name",
                Message(ONE_ACCOUNT_ONE_NAME, {"account": account_no, "name": names[account_no]}),
            )
            continue
        if holder is not None and holder != values["account_no"]:
            c.problem("meter", Message(METER_HAS_ACCOUNT, {"meter": meter, "account": holder}))
            continue
        family = profiles.get_profile(meters[meter]["profile"])
        if not family.can(Capability.MONEY):
            c.problem("meter", Message(METER_NO_MONEY, {"meter": meter}))
            continue
        if holder is None and account_no in account_nos:
            c.problem("account_no", Message(ACCOUNT_NO_USED, {"account_no": account_no}))
            continue
        good.append((number, values))
    checked["tenants"] = good

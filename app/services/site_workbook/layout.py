"""The workbook's shape: its sheets and columns, each header in Chinese and English.

One table, read by the template writer, the export and the reader, so a column
added here appears in all three. A header cell holds "电表编号 Meter number";
the reader accepts the whole text, the Chinese part or the English part, in
any order of columns (matched by name, never by position).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# What a column holds: the reader converts and the writer validates by it.
TEXT, WHOLE, MONEY, YES_NO, PARITY, PROFILE, BUILDING, DATE = (
    "text", "whole", "money", "yes_no", "parity", "profile", "building", "date",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    key: str  # the model field (or the tenant field) it fills
    zh: str
    en: str
    kind: str = TEXT
    required: bool = False  # the header must be there (a cell may still be blank if allowed)
    width: int = 14

    @property
    def header(self) -> str:
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Sheet:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    optional: bool = False  # a file may leave the sheet out

    @property
    def title(self) -> str:
        return f"{self.zh} {self.en}"

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


BUILDINGS = Sheet("buildings", "楼宇", "Buildings", (
    Column("name", "楼宇名称", "Building name", required=True, width=22),
    Column("address", "地址", "Address", width=30),
))  # fmt: skip

GATEWAYS = Sheet("gateways", "通讯管理机", "Gateways", (
    Column("name", "通讯管理机名称", "Gateway name", required=True, width=20),
    Column("host", "IP地址", "Host", required=True, width=18),
    Column("port_count", "串口数", "Serial ports", WHOLE, required=True, width=12),
    Column("first_tcp_port", "首个TCP端口", "First TCP port", WHOLE, required=True, width=14),
    Column("building", "楼宇", "Building", BUILDING, width=18),
))  # fmt: skip

BUSES = Sheet("buses", "总线", "Buses", (
    Column("name", "总线名称", "Bus name", required=True, width=20),
    Column("port", "串口", "Port", width=24),
    Column("gateway", "通讯管理机", "Gateway", width=18),
    Column("gateway_port", "通讯管理机串口号", "Gateway port", WHOLE, width=12),
    Column("baud", "波特率", "Baud", WHOLE, required=True, width=10),
    Column("parity", "校验", "Parity", PARITY, required=True, width=8),
    Column("stopbits", "停止位", "Stop bits", WHOLE, width=8),
    Column("timeout_ms", "超时(毫秒)", "Timeout ms", WHOLE, width=12),
    Column("turnaround_ms", "间隔(毫秒)", "Turnaround ms", WHOLE, width=14),
    Column("profile", "默认表型", "Default family", PROFILE, width=18),
    Column("building", "楼宇", "Building", BUILDING, width=18),
))  # fmt: skip

METERS = Sheet("meters", "电表", "Meters", (
    Column("number", "电表编号", "Meter number", required=True, width=14),
    Column("bus", "总线", "Bus", required=True, width=18),
    Column("address", "通信地址", "Address", WHOLE, required=True, width=10),
    Column("circuit", "回路", "Circuit", WHOLE, width=8),
    Column("building", "楼宇", "Building", BUILDING, width=18),
    Column("location", "位置", "Location", width=16),
    Column("profile", "表型", "Family", PROFILE, width=18),
    Column("serial", "表号", "Serial", width=16),
    Column("phases", "相数", "Phases", WHOLE, width=8),
    Column("ct_ratio", "电流变比", "CT ratio", WHOLE, width=10),
    Column("pt_ratio", "电压变比", "PT ratio", WHOLE, width=10),
    Column("alarm1", "报警金额1(元)", "Alarm 1 (yuan)", MONEY, width=14),
    Column("alarm2", "报警金额2(元)", "Alarm 2 (yuan)", MONEY, width=14),
    Column("overload_w", "过载功率(瓦)", "Overload W", WHOLE, width=14),
    Column("tariff", "费率", "Tariff", width=12),
    Column("enabled", "启用", "Enabled", YES_NO, width=8),
))  # fmt: skip

TENANTS = Sheet("tenants", "租户", "Tenants", (
    Column("name", "租户名称", "Tenant name", required=True, width=20),
    Column("account_no", "账户号", "Account no.", required=True, width=12),
    Column("meter", "电表编号", "Meter number", required=True, width=14),
    Column("phone", "电话", "Phone", width=16),
    Column("shop", "商铺/房间", "Shop / room", width=16),
    Column("opened", "开户日期", "Opening date", DATE, width=14),
), optional=True)  # fmt: skip

SHEETS = (BUILDINGS, GATEWAYS, BUSES, METERS, TENANTS)
INSTRUCTIONS_TITLE = "说明 Instructions"
LISTS_TITLE = "Lists"  # hidden: the values of the validation lists

YES_WORDS = ("yes", "y", "true", "1", "是", "启用")
NO_WORDS = ("no", "n", "false", "0", "否", "停用")


def words(text: object) -> str:
    """A header or sheet title made comparable: NFKC, one space between words, lower case."""
    plain = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return re.sub(r"\s+", " ", plain).strip().lower()


def names_of(zh: str, en: str) -> frozenset[str]:
    """The spellings a header or title may have: both languages, or either alone."""
    return frozenset({words(f"{zh} {en}"), words(zh), words(en)})

"""Benchmark: the energy and sales reports on a year of data (issue #14).

A temporary site gets a year (2025) of half-hourly readings for N meters
(default 1,000: 17.5 million rows, written with executemany straight into the
``reading`` table, its indexes built after) and 100,000 ledger entries. Then:

- ``daily_totals.rollup`` through the real function, timed on its own for one
  month (January); the other eleven months' ``DailyTotal`` rows are made by
  the same function unless ``--quick`` (then by one SQL aggregate, for a
  quicker setup only: the report reads the same table either way);
- the energy report for a month and for the year (by meter, the whole period,
  ranked, with the month before), through ``energy.energy_report``;
- the sales report for the year, through ``sales.sales_report``.

Target < 2 s each for the reports; the rollup is a night job (G's archiver
runs it) and is reported apart. Run: ``python bench/reports.py [--meters N] [--quick]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models import DailyTotal, close_database, db, open_database
from app.services import daily_totals
from app.services.permissions import SYSTEM
from app.services.reports import energy, sales
from app.services.reports.period import Period, day_start_utc
from bench.report import result

YEAR = 2025
START = dt.date(YEAR, 1, 1)
DAYS = 365
ENTRIES = 100_000
METHODS = ("cash", "card", "wechat", "alipay", "bank_transfer")
OPERATORS = ("ann", "bob", "chen", "dong", "li")


def build_site(meters: int) -> None:
    conn = db.connection()
    conn.execute("PRAGMA synchronous = OFF")
    with db.atomic():
        conn.executemany("INSERT INTO building (id, name, address) VALUES (?, ?, '')",
                         [(b, f"Building {b}") for b in range(1, 11)])  # fmt: skip
        conn.executemany(
            "INSERT INTO bus (id, name, building_id, port, baud, parity, stopbits, timeout_ms,"
            " turnaround_ms, enabled, simulated, sim_state, gateway_id, gateway_port, profile)"
            " VALUES (?, ?, ?, 'x', 9600, 'E', 1, 0, 50, 1, 0, '', NULL, 0, 'default')",
            [(b, f"bus{b}", (b - 1) // 2 + 1) for b in range(1, 21)],
        )
        created = day_start_utc(START) - dt.timedelta(days=60)
        db.execute_sql("DELETE FROM meter")
        for m in range(1, meters + 1):
            bus = (m - 1) % 20 + 1
            db.execute_sql(
                "INSERT INTO meter (id, number, bus_id, address, circuit, building_id, location,"
                " profile, serial, model, phases, firmware, ct_ratio, pt_ratio, alarm1, alarm2,"
                " overload_w, tariff, enabled, created_at) VALUES (?, ?, ?, ?, 0, ?, '',"
                " 'default', '', 0, 1, 0, 1, 1, 2000, 500, 0, '', 1, ?)",
                (m, f"M{m:04d}", bus, m % 247 + 1, (bus - 1) // 2 + 1, created),
            )
        for m in range(1, meters + 1):
            if m % 10:  # every tenth meter is metering only
                db.execute_sql("INSERT INTO tenant (id, account_no, name, shop, phone, id_number,"
                               " pin_hash, created_at) VALUES (?, ?, ?, '', '', '', '', ?)",
                               (m, f"A{m}", f"Tenant {m}", created))  # fmt: skip
                db.execute_sql("INSERT INTO account (tenant_id, meter_id, tariff, opened_at)"
                               " VALUES (?, ?, '', ?)", (m, m, created))  # fmt: skip


def build_readings(meters: int, days: int = DAYS) -> int:
    """Half-hourly readings of ``days`` days from January 1st, the indexes dropped meanwhile."""
    conn = db.connection()
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='reading'"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    slots = days * 48
    t0 = day_start_utc(START)
    times = [t0 + dt.timedelta(minutes=30 * i) for i in range(slots)]
    # sharp 10-12, peak 8-10 and 12-18, flat 18-24, valley 0-8 (rate index of each half hour)
    hours = [3] * 8 + [1] * 2 + [0] * 2 + [1] * 6 + [2] * 6
    rate_of = [r for r in hours for _ in (0, 1)]
    rows = 0
    sql = (
        "INSERT INTO reading (meter_id, taken_at, energy_total, energy_sharp, energy_peak,"
        " energy_flat, energy_valley, balance, purchase_count, power, relay_open)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)"
    )
    for m in range(1, meters + 1):
        rng = random.Random(m)
        counters = [0, 0, 0, 0]
        total, balance = 0, 1_000_000
        batch = []
        for i, at in enumerate(times):
            step = rng.randrange(0, 8 + m % 13)
            counters[rate_of[i % 48]] += step
            total += step
            balance -= step
            batch.append((m, at, total, *counters, balance))
        with db.atomic():
            conn.executemany(sql, batch)
        rows += len(batch)
    t = time.perf_counter()
    for _name, create in indexes:
        conn.execute(create)
    print(f"  reading indexes rebuilt in {time.perf_counter() - t:.1f} s", flush=True)
    return rows


def build_ledger(meters: int) -> None:
    rng = random.Random(14)
    t0 = day_start_utc(START)
    rows = []
    for eid in range(1, ENTRIES + 1):
        kind = rng.choices(
            ("sale", "refund", "correction", "transfer_out", "transfer_in", "close"),
            (85, 5, 3, 3, 3, 1),
        )[0]
        state = "failed" if rng.random() < 0.03 else "confirmed"
        at = t0 + dt.timedelta(seconds=rng.randrange(DAYS * 86400))
        rows.append((eid, kind, state, rng.randrange(1, meters + 1), rng.randrange(100, 50_000),
                     rng.choice(METHODS), rng.choice(OPERATORS), at, f"R{eid}"))  # fmt: skip
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO ledger_entry (id, kind, state, meter_id, amount_fen, payment_method,"
            " operator_name, origin, created_at, reason, estimated, receipt_no, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, '', 0, ?, '-', '-')",
            rows,
        )


def quick_totals(first: dt.date) -> None:
    """DailyTotal rows from first on by one SQL aggregate (UTC days; bench setup only)."""
    db.execute_sql(
        "INSERT OR REPLACE INTO daily_total (meter_id, day, energy_total, energy_sharp,"
        " energy_peak, energy_flat, energy_valley, cost, first_energy, last_energy, balance_end,"
        " readings, complete, reset, made_at)"
        " SELECT meter_id, date(taken_at), max(energy_total) - min(energy_total),"
        " max(energy_sharp) - min(energy_sharp), max(energy_peak) - min(energy_peak),"
        " max(energy_flat) - min(energy_flat), max(energy_valley) - min(energy_valley), NULL,"
        " min(energy_total), max(energy_total), min(balance), count(*), 1, 0, ?"
        " FROM reading WHERE taken_at >= ? GROUP BY meter_id, date(taken_at)",
        (dt.datetime.now(), day_start_utc(first)),
    )


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meters", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="rollup only January for real")
    ap.add_argument(
        "--rollup-only",
        action="store_true",
        help="readings of January only (and a week of February), time its rollup",
    )
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pem-bench-reports-"))
    open_database(folder / "site.db", create=True)
    t = time.perf_counter()
    build_site(args.meters)
    rows = build_readings(args.meters, 38 if args.rollup_only else DAYS)
    if not args.rollup_only:
        build_ledger(args.meters)
    entries = 0 if args.rollup_only else ENTRIES
    print(f"setup: {rows:,} readings of {args.meters} meters and {entries:,} ledger entries "
          f"in {time.perf_counter() - t:.0f} s ({folder})", flush=True)  # fmt: skip
    feb = dt.date(YEAR, 2, 1)
    secs, made = timed(daily_totals.rollup, feb)
    print(f"daily_totals.rollup, January ({made:,} rows): {secs:.1f} s", flush=True)
    figure = f"daily totals rollup, 1 month x {args.meters} meters"
    result(figure, "night job", f"{secs:.1f} s", True, f"{args.meters} meters, {made} meter-days")
    if args.rollup_only:
        return close_database()
    if args.quick:
        quick_totals(feb)
    else:
        secs, more = timed(daily_totals.rollup, dt.date(YEAR + 1, 1, 1))
        print(f"daily_totals.rollup, February-December ({more:,} rows): {secs:.1f} s")
    print(f"{DailyTotal.select().count():,} daily totals", flush=True)
    setup = f"{args.meters} meters, {rows:,} readings, {ENTRIES:,} ledger entries"
    march = Period(dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 31))
    year = Period(START, dt.date(YEAR, 12, 31))
    for name, period, grouping, step in (
        ("energy report, month, by meter", march, energy.METER, energy.TOTAL),
        ("energy report, year, by meter", year, energy.METER, energy.TOTAL),
        ("energy report, year, by tenant", year, energy.TENANT, energy.TOTAL),
        ("energy report, year, by building per month", year, energy.BUILDING, energy.MONTHLY),
    ):
        secs, report = timed(energy.energy_report, SYSTEM, period, grouping, step)
        print(f"{name}: {secs:.2f} s ({len(report.rows)} rows, "
              f"{report.total.total / 100:,.0f} kWh)", flush=True)  # fmt: skip
        result(name, "< 2 s", f"{secs:.2f} s", secs < 2, setup)
    secs, report = timed(sales.sales_report, SYSTEM, year)
    print(f"sales report, year: {secs:.2f} s (net {report.total.net / 100:,.2f} yuan, "
          f"{report.total.entries:,} entries)")  # fmt: skip
    result("sales report, year", "< 2 s", f"{secs:.2f} s", secs < 2, setup)
    close_database()


if __name__ == "__main__":
    main()

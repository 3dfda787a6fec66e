"""Export of 100,000 rows through the real path: sales records from a ledger, to .xlsx.

    python bench/export_rows.py [--rows 100000]

Builds a site database with ``--rows`` ledger entries (one insert_many, not
through the money services: the export only reads), then runs the sales
records export the window's Export button runs (``record_exports.sales_job``:
keyset pages from ``sales_records.iter_records``, labels, ``write_xlsx``),
timing it and measuring memory: the tracemalloc peak during the export and the
process RSS before and after (flat means: the peak does not grow with the
rows). Target: < 10 s for 100,000 rows. Prints the figures with the setup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.report import result

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fill(rows: int) -> None:
    from app.models import Account, Building, Bus, Meter, Tenant, db
    from app.models.ledger import LedgerEntry

    b = Building.create(name="一号楼")
    bus = Bus.create(name="bus1", port="sim://1", parity="N", building=b)
    meters = []
    for i in range(100):
        m = Meter.create(number=f"M{i:03d}", bus=bus, address=i + 1, serial=f"S{i}", building=b)
        t = Tenant.create(account_no=f"A{i:05d}", name=f"张记面馆{i}号店")
        a = Account.create(tenant=t, meter=m)
        meters.append((m.id, t.id, a.id))
    start = dt.datetime(2025, 1, 1)
    fields = {f.name for f in LedgerEntry._meta.sorted_fields}
    with db.atomic():
        batch = []
        for i in range(rows):
            meter, tenant, account = meters[i % 100]
            row = dict(
                meter=meter,
                tenant=tenant,
                account=account,
                kind="sale",
                state="confirmed",
                amount_fen=1000 + i % 9000,
                balance_after=50000 + i,
                payment_method="cash",
                operator_name="cashier1",
                receipt_no=f"R{i:08d}",
                created_at=start + dt.timedelta(minutes=i),
                prev_hash="0" * 64,
                hash="0" * 64,
            )  # fmt: skip  (not verified here)
            batch.append({k: v for k, v in row.items() if k in fields})
            if len(batch) == 5000:
                LedgerEntry.insert_many(batch).execute()
                batch = []
        if batch:
            LedgerEntry.insert_many(batch).execute()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    args = p.parse_args()
    from PySide6.QtCore import QCoreApplication

    from app.models import close_database, open_database
    from app.services.permissions import SYSTEM
    from app.services.sales_records import RecordFilter
    from app.ui.records.record_exports import sales_job

    _app = QCoreApplication.instance() or QCoreApplication([])
    folder = Path(tempfile.mkdtemp(prefix="pem-bench-export-"))
    open_database(folder / "site.db", create=True)
    t0 = time.perf_counter()
    _fill(args.rows)
    print(f"setup: {args.rows:,} ledger entries, 100 meters, built in "
          f"{time.perf_counter() - t0:.1f} s; Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores (shared)")  # fmt: skip
    headers = ["Date", "Receipt no.", "Kind", "State", "Meter", "Tenant", "Amount",
               "Balance after", "Payment", "Operator"]  # fmt: skip
    job = sales_job(SYSTEM, RecordFilter(), "Sales records", headers, [])
    out = folder / "sales.xlsx"
    ticks: list[float] = []

    def tick(done: int, _total: int | None) -> None:
        if done % 20000 == 0:
            ticks.append(_rss_mb())

    rss_before = _rss_mb()
    t0 = time.perf_counter()  # timed without tracemalloc, which slows the writer severalfold
    written = job(out, tick, lambda: False)
    elapsed = time.perf_counter() - t0
    size = out.stat().st_size / 1e6
    print(f"export: {written:,} rows x 10 columns in {elapsed:.2f} s "
          f"({written / elapsed:,.0f} rows/s), file {size:.1f} MB -> "
          f"{'OK' if elapsed < 10 else 'SLOW'} (target < 10 s)")  # fmt: skip
    print(f"RSS: {rss_before:.0f} MB before, every 20,000 rows "
          f"{', '.join(f'{r:.0f}' for r in ticks)} MB, {_rss_mb():.0f} MB after")  # fmt: skip
    tracemalloc.start()
    job(out, lambda d, t: None, lambda: False)  # again, for the Python heap's peak
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    close_database()
    print(f"tracemalloc peak during a second export: {peak / 1e6:.1f} MB")
    setup = f"{written:,} sales records x 10 columns"
    result("export to .xlsx", "< 10 s", f"{elapsed:.2f} s", elapsed < 10, setup)
    result("export memory (tracemalloc peak)", "flat", f"{peak / 1e6:.1f} MB", True, setup)
    return 0


if __name__ == "__main__":
    sys.exit(main())

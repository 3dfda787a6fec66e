"""``--selftest``: the whole product once, offscreen, on a fresh demo site.

Creates a demo site whose simulated bus is served on a pseudo-terminal, opens
the main window offscreen, lets the real bus worker poll every meter once,
then sells, refunds and reverses one sale through the real services, runs the
ledger and meter verification, prints one summary line and exits 0 only if
every step worked. The packaged program runs it too (``make build-test``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from app.paths import SitePaths

TIMEOUT_S = 90.0


class SelftestFailed(Exception):
    pass


def run_selftest(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="pem-selftest-"))
    t0 = time.monotonic()
    summary: dict[str, object] = {}
    try:
        _run(SitePaths(folder), summary)
    except Exception as exc:  # one line for the operator, details in the log
        import logging

        logging.getLogger(__name__).exception("selftest failed")
        print(f"SELFTEST FAILED: {exc} ({_fmt(summary)})")
        return 1
    finally:
        if not getattr(args, "verbose", False):
            shutil.rmtree(folder, ignore_errors=True)
    print(f"SELFTEST OK: {_fmt(summary)} in {time.monotonic() - t0:.1f} s")
    return 0


def _fmt(summary: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in summary.items())


def _run(paths: SitePaths, summary: dict) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.services.demo_site import DEAD, create_demo_site
    from app.services.site import Site
    from app.ui.shell import gc_guard
    from app.ui.support.qt_bridge import BusSignals

    app = QApplication.instance() or QApplication([])
    gc_guard.install(app)
    create_demo_site(paths, transport="pty", history=False)
    signals = BusSignals()
    seen: dict[int, bool] = {}
    cycles: dict[int, float] = {}  # bus id -> its first full poll cycle
    signals.meterUpdated.connect(lambda u: seen.__setitem__(u.meter_id, u.online))
    signals.busUpdated.connect(
        lambda b: b.cycle_s is not None and cycles.setdefault(b.bus_id, b.cycle_s)
    )
    site = Site(paths).open().start(signals)
    window = None
    try:
        from app.ui.shell.main_window import MainWindow

        window = MainWindow(site)
        window.show()
        refs = [ref for bus_id in site.workers for ref in site.meter_refs(bus_id)]
        deadline = time.monotonic() + TIMEOUT_S
        while len(cycles) < len(site.workers) and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if len(cycles) < len(site.workers):
            raise SelftestFailed(f"no full poll cycle of every bus within {TIMEOUT_S:.0f} s")
        missing = [r.meter_id for r in refs if r.meter_id not in seen]
        online = sum(1 for r in refs if seen.get(r.meter_id))
        summary["polled"] = f"{len(refs) - len(missing)}/{len(refs)}"
        summary["online"] = online
        expected_online = len(refs) - len(DEAD)
        if missing or online != expected_online:
            raise SelftestFailed(
                f"expected {expected_online} meters online, got {online}; never polled {missing}"
            )
        _money(site, summary)
        _verify(site, summary)
    finally:
        if window is not None:
            window.close()
        site.stop()
        QCoreApplication.processEvents()


def _money(site, summary: dict) -> None:
    from app.models import Account
    from app.services import billing
    from app.services.auth import AuthService
    from app.services.demo_site import DEAD

    cashier = AuthService().login("cashier", "cashier-demo-1")
    account = next(
        a for a in Account.select().where(Account.closed_at.is_null()).order_by(Account.id)
        if a.meter.number not in DEAD
    )  # fmt: skip
    worker = site.worker_for(account.meter_id)
    sale = billing.sell(worker, cashier, account.meter_id, 5000, "cash", timeout=30)
    refund = billing.refund(worker, cashier, account.meter_id, 1000, timeout=30)
    wrong = billing.sell(worker, cashier, account.meter_id, 2000, "wechat", timeout=30)
    fixed = billing.correct(worker, cashier, wrong.entry_id, "selftest reversal", timeout=30)
    for name, result in (("sale", sale), ("refund", refund), ("sale 2", wrong),
                         ("correction", fixed)):  # fmt: skip
        if result.state != "confirmed":
            raise SelftestFailed(f"{name} ended {result.state}: {result.message}")
    summary["money"] = "sale+refund+correction confirmed"


def _verify(site, summary: dict) -> None:
    from app.services import ledger_verify
    from app.services.audit import verify_log_chain

    problems = list(ledger_verify.verify_ledger().problems) + verify_log_chain()
    checked = 0
    for meter_id in ledger_verify.opened_meter_ids():
        worker = site.worker_for(meter_id)
        if not worker.is_online(meter_id):
            continue
        problems += worker.submit(ledger_verify.check_meter_job(meter_id)).result(30)
        checked += 1
    summary["verified meters"] = checked
    if problems:
        raise SelftestFailed("verify: " + "; ".join(problems[:3]))

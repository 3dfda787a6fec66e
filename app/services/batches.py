"""One command on many meters: a batch, run through each bus's batch lane (issue #12).

``start`` writes a ``Batch`` and one ``BatchItem`` a meter, then hands every
meter's job to the worker of its bus at ``Priority.BATCH``: all buses at once,
one job at a time within a bus (the worker polls once between two batch jobs,
so the grid stays live, and an operator's sale still jumps the queue). A bus
another process owns gets the jobs as job rows (``RemoteBus``), so the batch
runs in the bus owner whoever started it.

Each job is a ``batch_item`` job wrapping the command's own per-meter job kind
(``COMMANDS``: the relay job, the downloads): it first claims its item
(pending -> running, one UPDATE), so ``cancel`` (pending -> cancelled, one
UPDATE) and the job can never both win: a meter's command either ran, and its
own job wrote the system-log row, or it never started. The item then holds
the outcome: ok with the verified state, or failed with the reason, each a
``Message``. A meter whose family cannot do the command is listed as failed
at once with "this meter cannot do X" and is sent nothing; the others run.

No Qt here: the window reads ``progress`` from a background call.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.messages import Message
from app.models import Batch, BatchItem, Bus, Meter
from app.models.site import utcnow
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles.base import CANNOT_DO, Capability
from app.services import jobs
from app.services.ledger import write_txn
from app.services.permissions import Actor, Permission, require

log = logging.getLogger(__name__)

PENDING, RUNNING, OK, FAILED, CANCELLED = "pending", "running", "ok", "failed", "cancelled"
UNFINISHED = (PENDING, RUNNING)

NO_METERS = QT_TRANSLATE_NOOP("Errors", "a batch needs at least one meter: nothing was sent")
NO_SUCH_BATCH = QT_TRANSLATE_NOOP("Errors", "there is no batch {batch}")
NO_FAILED = QT_TRANSLATE_NOOP("Errors", "batch {batch} has no failed meters that can be retried")
NO_SUCH_METER = QT_TRANSLATE_NOOP("Errors", "there is no meter {meter}: nothing was sent")
UNKNOWN_COMMAND = QT_TRANSLATE_NOOP("Errors", "unknown command {command}")
NO_BUSES = QT_TRANSLATE_NOOP("Errors", "no bus is served in this process: start the site first")
NOT_STARTED_STOPPED = QT_TRANSLATE_NOOP(
    "Errors", "the bus stopped before the command was sent: nothing was done"
)
RELAY_OPEN = QT_TRANSLATE_NOOP("Errors", "confirmed: the relay is open (no power)")
RELAY_CLOSED = QT_TRANSLATE_NOOP("Errors", "confirmed: the relay is closed (power on)")
KEPT_ON = QT_TRANSLATE_NOOP("Errors", "confirmed: power is kept on")
KEPT_OFF = QT_TRANSLATE_NOOP("Errors", "confirmed: prepaid control is restored")
PREPAID_IS_ON = QT_TRANSLATE_NOOP("Errors", "confirmed: prepaid mode is on")
PREPAID_IS_OFF = QT_TRANSLATE_NOOP("Errors", "confirmed: prepaid mode is off")
READ_BACK = QT_TRANSLATE_NOOP("Errors", "confirmed by reading the parameters back")
CREDIT_WARNING = QT_TRANSLATE_NOOP(
    "Errors", "{count} tenants still have credit and lose power anyway: {names}"
)
ARREARS_WARNING = QT_TRANSLATE_NOOP(
    "Errors", "{count} meters are in arrears: keeping the power on lets the debt grow: {names}"
)
CANNOT_WARNING = QT_TRANSLATE_NOOP(
    "Errors", "{count} meters cannot do {what} and are not sent anything: {names}"
)


# ---- the commands a batch can run -----------------------------------------------------------
@dataclass(frozen=True)
class CommandSpec:
    """A command by name: the per-meter job kind it runs and what the meter must be able to do.

    The job kind is called as ``run(link, actor=..., meter_id=..., **args, **batch args)``.
    """

    name: str  # trip, close, ... as the CLI and the Batch row spell it
    kind: str  # the per-meter job kind
    capability: Capability
    title: str  # marked, context "Batches"
    args: dict = field(default_factory=dict)
    permission: Permission = Permission.CONTROL


COMMANDS: dict[str, CommandSpec] = {}


def register_command(spec: CommandSpec) -> None:
    """Make ``spec`` a batch command (the downloads and later commands add theirs)."""
    COMMANDS[spec.name] = spec


for _name, _relay, _cap, _title in (
    ("trip", "TRIP", Capability.RELAY, QT_TRANSLATE_NOOP("Batches", "Trip")),
    ("close", "CLOSE", Capability.RELAY, QT_TRANSLATE_NOOP("Batches", "Close")),
    ("keep_power_on", "KEEP_POWER_ON", Capability.KEEP_POWER,
     QT_TRANSLATE_NOOP("Batches", "Keep power on")),
    ("keep_power_off", "KEEP_POWER_OFF", Capability.KEEP_POWER,
     QT_TRANSLATE_NOOP("Batches", "Restore prepaid")),
    ("prepaid_on", "PREPAID_ON", Capability.PREPAID_MODE,
     QT_TRANSLATE_NOOP("Batches", "Prepaid on")),
    ("prepaid_off", "PREPAID_OFF", Capability.PREPAID_MODE,
     QT_TRANSLATE_NOOP("Batches", "Prepaid off")),
):  # fmt: skip
    register_command(CommandSpec(_name, "relay", _cap, _title, {"command": _relay}))
register_command(
    CommandSpec(
        "download_price", "download_price", Capability.TARIFF,
        QT_TRANSLATE_NOOP("Batches", "Download price"),
    )
)  # fmt: skip
register_command(
    CommandSpec(
        "download_settings", "download_settings", Capability.ALARMS,
        QT_TRANSLATE_NOOP("Batches", "Download settings"),
    )
)  # fmt: skip


def command(name: str) -> CommandSpec:
    try:
        return COMMANDS[name]
    except KeyError:
        raise PemError(UNKNOWN_COMMAND, command=name) from None


def verified(spec: CommandSpec, result: object) -> Message:
    """What the meter was read back to show after the command (the item's detail when ok)."""
    if isinstance(result, MeterStatus):
        relay = spec.args.get("command", "")
        if relay == "KEEP_POWER_ON":
            return Message(KEPT_ON)
        if relay == "KEEP_POWER_OFF":
            return Message(KEPT_OFF)
        if relay in ("PREPAID_ON", "PREPAID_OFF"):
            return Message(PREPAID_IS_ON if result.prepaid_mode else PREPAID_IS_OFF)
        return Message(RELAY_OPEN if result.relay_open else RELAY_CLOSED)
    carried = getattr(result, "message", None)
    return carried if isinstance(carried, Message) else Message(READ_BACK)


# ---- which process runs the jobs ------------------------------------------------------------
_bound: list[Callable[[int], object]] = []


def attach(worker_for: Callable[[int], object]) -> None:
    """The running site's ``worker_for``: ``start`` without one submits through it."""
    _bound[:] = [worker_for]


def detach(worker_for: Callable[[int], object]) -> None:
    if _bound and _bound[0] == worker_for:
        _bound.clear()


def _worker_for() -> Callable[[int], object]:
    if not _bound:
        raise PemError(NO_BUSES)
    return _bound[0]


# ---- starting, the job, cancelling ---------------------------------------------------------
_futures: dict[int, list[Future]] = {}  # batch id -> this process's submitted futures
_futures_lock = threading.Lock()


def start(
    actor: Actor,
    command_name: str,
    meter_ids: Iterable[int],
    args: dict | None = None,
    *,
    worker_for: Callable[[int], object] | None = None,
    schedule_id: int | None = None,
) -> int:
    """Write the batch and submit its jobs; the batch id. Refuses zero meters and roles."""
    spec = command(command_name)
    require(actor, spec.permission)
    ids = list(dict.fromkeys(meter_ids))
    if not ids:
        raise PemError(NO_METERS)
    worker_for = worker_for or _worker_for()
    meters = {m.id: m for m in Meter.select().where(Meter.id.in_(ids))}
    missing = [m for m in ids if m not in meters]
    if missing:
        raise PemError(NO_SUCH_METER, meter=missing[0])
    args = dict(args or {})
    now = utcnow()
    runnable: list[tuple[int, int]] = []  # (item id, meter id)
    with write_txn():
        batch = Batch.create(
            command=spec.name,
            args_json=json.dumps(args, ensure_ascii=False),
            created_by=actor.name,
            schedule_id=schedule_id,
        )
        for meter_id in ids:
            refusal = _refusal(spec, meters[meter_id])
            if refusal is None:
                item = BatchItem.create(batch=batch, meter=meter_id)
                runnable.append((item.id, meter_id))
            else:
                BatchItem.create(
                    batch=batch,
                    meter=meter_id,
                    state=FAILED,
                    detail=refusal.to_json(),
                    finished_at=now,
                )
    submitted = []
    for item_id, meter_id in runnable:
        job = jobs.make(
            "batch_item",
            actor=actor,
            item_id=item_id,
            kind=spec.kind,
            args={**spec.args, **args, "meter_id": meter_id},
        )
        try:
            worker = worker_for(meter_id)
            future = worker.submit(job, Priority.BATCH, f"batch {batch.id} {spec.name}")
        except PemError as exc:  # no running bus for this meter: failed, nothing sent
            _finish_item(item_id, FAILED, exc.message, only=(PENDING,))
            continue
        future.add_done_callback(lambda f, i=item_id: _after(i, f))
        submitted.append(future)
    with _futures_lock:
        _futures[batch.id] = submitted
    _maybe_done(batch.id)
    return batch.id


def _refusal(spec: CommandSpec, meter: Meter) -> Message | None:
    from app.services.meter_profiles import profile_named

    profile = profile_named(meter.profile)
    if not profile.can(spec.capability):
        return Message(CANNOT_DO, {"profile": profile.name, "what": spec.capability.title})
    return None


def _permission_of(kind: str) -> Permission:
    """What the command running ``kind`` asks of the operator (the strictest if shared)."""
    needed = {spec.permission for spec in COMMANDS.values() if spec.kind == kind}
    if len(needed) == 1:
        return needed.pop()
    return Permission.SETTINGS if Permission.SETTINGS in needed else Permission.CONTROL


def _run_item(link, actor: Actor, item_id: int, kind: str, args: dict) -> dict:
    """The job in the bus owner: claim the item, run the command's job, keep the outcome."""
    if not _claim(item_id):
        return {"item": item_id, "state": CANCELLED}
    spec_kind = jobs.kind(kind)
    try:
        require(actor, _permission_of(kind))  # again, as the operator's role is now
        result = spec_kind.run(link, actor=actor, **args)
    except PemError as exc:
        _finish_item(item_id, FAILED, exc.message)
        return {"item": item_id, "state": FAILED}
    except Exception as exc:  # a bug: the item says so, the worker goes on
        log.exception("batch item %d: %s failed unexpectedly", item_id, kind)
        _finish_item(item_id, FAILED, Message.of(exc))
        return {"item": item_id, "state": FAILED}
    spec = next(
        (s for s in COMMANDS.values() if s.kind == kind and s.args.items() <= args.items()),
        None,
    )
    detail = verified(spec, result) if spec else Message(READ_BACK)
    _finish_item(item_id, OK, detail)
    out = {"item": item_id, "state": OK}
    if isinstance(result, MeterStatus):
        out["status"] = dataclasses.asdict(result)
    return out


jobs.register("batch_item", _run_item)


def _claim(item_id: int) -> bool:
    with write_txn():
        n = (
            BatchItem.update(state=RUNNING)
            .where((BatchItem.id == item_id) & (BatchItem.state == PENDING))
            .execute()
        )
    return n == 1


def _finish_item(item_id: int, state: str, detail: Message, only=UNFINISHED) -> bool:
    with write_txn():
        n = (
            BatchItem.update(state=state, detail=detail.to_json(), finished_at=utcnow())
            .where((BatchItem.id == item_id) & BatchItem.state.in_(only))
            .execute()
        )
    if n:
        _maybe_done(BatchItem.get_by_id(item_id).batch_id)
    return n == 1


def _after(item_id: int, future: Future) -> None:
    """The submitter's view: a job that never ran (bus stopped, row expired) fails its item."""
    try:
        if future.cancelled() and getattr(future, "job_id", None) is not None:
            return  # this process stopped watching; the bus owner still runs or withdraws it
        if future.cancelled():
            _finish_item(item_id, FAILED, Message(NOT_STARTED_STOPPED), only=(PENDING,))
        elif future.exception() is not None:
            _finish_item(item_id, FAILED, Message.of(future.exception()))
    except Exception:  # the database is gone (the program stops): the item stays unfinished
        log.debug("batch item %d: outcome not stored", item_id, exc_info=True)


def _maybe_done(batch_id: int) -> None:
    """The batch is finished once no item is pending or running."""
    left = (
        BatchItem.select()
        .where((BatchItem.batch == batch_id) & BatchItem.state.in_(UNFINISHED))
        .exists()
    )
    if left:
        return
    with write_txn():
        Batch.update(finished_at=utcnow()).where(
            (Batch.id == batch_id) & Batch.finished_at.is_null()
        ).execute()
        Batch.update(state="done").where(
            (Batch.id == batch_id) & (Batch.state == "running")
        ).execute()
    with _futures_lock:
        _futures.pop(batch_id, None)


def cancel(actor: Actor, batch_id: int) -> int:
    """Items not yet started are cancelled (the running ones finish and are logged); how many."""
    batch = _batch(batch_id)
    require(actor, command(batch.command).permission)
    with write_txn():
        n = (
            BatchItem.update(state=CANCELLED, finished_at=utcnow())
            .where((BatchItem.batch == batch_id) & (BatchItem.state == PENDING))
            .execute()
        )
        Batch.update(state="cancelled").where(
            (Batch.id == batch_id) & (Batch.state == "running")
        ).execute()
    with _futures_lock:
        futures = list(_futures.get(batch_id, ()))
    for future in futures:  # drop them from the queues too (the claim guards either way)
        job_id = getattr(future, "job_id", None)
        if job_id is not None:
            from app.services.bus_jobs import withdraw

            withdraw(job_id)
        else:
            future.cancel()
    _maybe_done(batch_id)
    return n


def _batch(batch_id: int) -> Batch:
    batch = Batch.get_or_none(Batch.id == batch_id)
    if batch is None:
        raise PemError(NO_SUCH_BATCH, batch=batch_id)
    return batch


def retry_failed(actor: Actor, batch_id: int, **kw) -> int:
    """A new batch of the same command on the failed meters that can do it; its id."""
    batch = _batch(batch_id)
    spec = command(batch.command)
    rows = BatchItem.select(BatchItem.meter, BatchItem.detail).where(
        (BatchItem.batch == batch_id) & (BatchItem.state == FAILED)
    )
    ids = [r.meter_id for r in rows if Message.from_json(r.detail).template != CANNOT_DO]
    if not ids:
        raise PemError(NO_FAILED, batch=batch_id)
    return start(actor, spec.name, ids, json.loads(batch.args_json or "{}"), **kw)


# ---- what the window and the command line show ----------------------------------------------
@dataclass(frozen=True)
class BusProgress:
    bus_id: int
    bus_name: str
    done: int = 0
    failed: int = 0
    cancelled: int = 0
    remaining: int = 0


@dataclass(frozen=True)
class Progress:
    batch_id: int
    command: str
    state: str  # running | done | cancelled
    finished: bool
    buses: tuple[BusProgress, ...]

    def total(self, what: str) -> int:
        return sum(getattr(b, what) for b in self.buses)


def progress(batch_id: int) -> Progress:
    """Done / failed / cancelled / remaining per bus (one grouped query)."""
    batch = _batch(batch_id)
    query = (
        BatchItem.select(Meter.bus, Bus.name, BatchItem.state)
        .join(Meter)
        .join(Bus)
        .where(BatchItem.batch == batch_id)
        .tuples()
    )
    counts: dict[int, dict] = {}
    for bus_id, bus_name, state in query:
        c = counts.setdefault(bus_id, {"bus_id": bus_id, "bus_name": bus_name})
        key = {OK: "done", FAILED: "failed", CANCELLED: "cancelled"}.get(state, "remaining")
        c[key] = c.get(key, 0) + 1
    buses = tuple(BusProgress(**c) for _b, c in sorted(counts.items()))
    return Progress(batch_id, batch.command, batch.state, batch.finished_at is not None, buses)


@dataclass(frozen=True)
class ItemResult:
    meter_id: int
    number: str
    bus_name: str
    tenant: str
    state: str
    detail: Message | None


def results(batch_id: int) -> list[ItemResult]:
    """Every meter of the batch with its outcome, in meter order."""
    from app.services.grid_data import natural_key

    _batch(batch_id)
    tenants = _tenants()
    query = (
        BatchItem.select(BatchItem, Meter.number, Bus.name.alias("bus_name"))
        .join(Meter)
        .join(Bus)
        .where(BatchItem.batch == batch_id)
        .dicts()
    )
    out = [
        ItemResult(
            r["meter"], r["number"], r["bus_name"], tenants.get(r["meter"], ""),
            r["state"], Message.from_json(r["detail"]),
        )
        for r in query
    ]  # fmt: skip
    return sorted(out, key=lambda r: natural_key(r.number))


def _tenants() -> dict[int, str]:
    from app.models import Account, Tenant

    q = (
        Account.select(Account.meter, Tenant.name)
        .join(Tenant)
        .where(Account.closed_at.is_null())
        .tuples()
    )
    return dict(q)


def wait(batch_id: int, timeout: float, every: float = 0.1) -> Progress:
    """Block until the batch is finished or ``timeout`` passes (the CLI, tests)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        p = progress(batch_id)
        if p.finished or time.monotonic() >= deadline:
            return p
        time.sleep(every)


# ---- the confirmation ------------------------------------------------------------------------
@dataclass(frozen=True)
class MeterLine:
    meter_id: int
    number: str
    tenant: str
    bus_name: str
    balance: int | None  # fen, as last read; None never read


@dataclass(frozen=True)
class Description:
    """What a batch would do: the meters it runs on, those it cannot, and warnings."""

    command: str
    title: str  # marked, context "Batches"
    meters: tuple[MeterLine, ...]
    cannot: tuple[MeterLine, ...]
    credit: tuple[MeterLine, ...]  # a trip cuts off tenants who still have credit
    arrears: tuple[MeterLine, ...]  # keeping the power on for tenants in arrears

    @property
    def tenants(self) -> int:
        return len({m.tenant for m in self.meters if m.tenant})

    def warnings(self) -> list[Message]:
        out = []
        if self.cannot:
            spec = command(self.command)
            out.append(_listed(CANNOT_WARNING, self.cannot, what=spec.capability.title))
        if self.credit:
            out.append(_listed(CREDIT_WARNING, self.credit, by_tenant=True))
        if self.arrears:
            out.append(_listed(ARREARS_WARNING, self.arrears))
        return out


def _listed(template: str, lines, by_tenant=False, **params) -> Message:
    names = [f"{m.number} {m.tenant}" if by_tenant else m.number for m in lines]
    shown = ", ".join(names[:10]) + (" …" if len(names) > 10 else "")
    return Message(template, {"count": len(lines), "names": shown, **params})


def describe(command_name: str, meter_ids: Iterable[int]) -> Description:
    """The confirmation a window asks and the command line prints, from the stored state."""
    from app.services.grid_data import load_grid_rows
    from app.services.meter_profiles import profile_named

    spec = command(command_name)
    wanted = set(meter_ids)
    can, cannot, credit, arrears = [], [], [], []
    for row in load_grid_rows():
        if row.meter_id not in wanted:
            continue
        balance = row.status.balance if row.status is not None else None
        line = MeterLine(row.meter_id, row.number, row.tenant or "", row.bus_name, balance)
        if not profile_named(row.profile).can(spec.capability):
            cannot.append(line)
            continue
        can.append(line)
        if not row.tenant or balance is None:
            continue
        if spec.name == "trip" and balance > 0:
            credit.append(line)
        if spec.name == "keep_power_on" and balance <= 0:
            arrears.append(line)
    return Description(
        spec.name, spec.title, tuple(can), tuple(cannot), tuple(credit), tuple(arrears)
    )


def capable_commands(meter_ids: Iterable[int]) -> dict[str, int]:
    """For each command, how many of ``meter_ids`` can do it (the window's menu)."""
    from app.services.meter_profiles import profile_named

    ids = list(meter_ids)
    profiles = [
        profile_named(m.profile) for m in Meter.select(Meter.profile).where(Meter.id.in_(ids))
    ]
    return {
        name: sum(1 for p in profiles if p.can(spec.capability)) for name, spec in COMMANDS.items()
    }


# ---- "all meters of this building / bus / state / tariff" -----------------------------------
GROUP_KINDS = ("building", "bus", "state", "tariff")


def _group_value(kind: str, row) -> str:
    from app.services.meter_profiles import profile_named
    from app.services.meter_state import classify

    if kind == "building":
        return row.building or ""
    if kind == "bus":
        return row.bus_name
    if kind == "tariff":
        return row.tariff
    prepaid = profile_named(row.profile).prepaid
    state = classify(row.tenant is not None, row.online, row.status, row.alarm1, row.alarm2,
                     prepaid)  # fmt: skip
    return state.value


def group_choices(kind: str) -> list[str]:
    """The values meters have for ``kind`` (building names, bus names, states, tariffs)."""
    from app.services.grid_data import load_grid_rows, natural_key

    return sorted({_group_value(kind, r) for r in load_grid_rows()} - {""}, key=natural_key)


def meters_in(kind: str, value: str) -> list[int]:
    """Every enabled meter whose ``kind`` is ``value``, in meter order."""
    from app.services.grid_data import load_grid_rows

    return [r.meter_id for r in load_grid_rows() if _group_value(kind, r) == value]


def export_results(batch_id: int, path, translate=lambda _context, text: text) -> int:
    """The batch's per-meter results as .xlsx (the window's "Export"); how many rows.

    ``translate(context, text)``: the window passes QCoreApplication.translate.
    """
    from app.services.xlsx_export import Column, Heading, write_xlsx

    def tr(text: str) -> str:
        return translate("Batches", text)

    batch = _batch(batch_id)
    spec = command(batch.command)
    headers = [tr(h) for h in RESULT_HEADERS]
    body = [
        [r.number, r.tenant, r.bus_name, tr(ITEM_STATES.get(r.state, r.state)),
         _filled(translate("Errors", r.detail.template), r.detail) if r.detail else ""]
        for r in results(batch_id)
    ]  # fmt: skip
    notes = [(tr(QT_TRANSLATE_NOOP("Batches", "Command")), tr(spec.title)),
             (tr(QT_TRANSLATE_NOOP("Batches", "Batch")), str(batch_id))]  # fmt: skip
    heading = Heading(tr(QT_TRANSLATE_NOOP("Batches", "Batch results")), notes)
    return write_xlsx(path, heading, [Column(h) for h in headers], body, len(body),
                      translate=translate)  # fmt: skip


def _filled(template: str, message: Message) -> str:
    try:
        return template.format(**message.params) if message.params else template
    except (KeyError, IndexError, ValueError):
        return message.text()


RESULT_HEADERS = (
    QT_TRANSLATE_NOOP("Batches", "Meter"),
    QT_TRANSLATE_NOOP("Batches", "Tenant"),
    QT_TRANSLATE_NOOP("Batches", "Bus"),
    QT_TRANSLATE_NOOP("Batches", "Result"),
    QT_TRANSLATE_NOOP("Batches", "Verified state or reason"),
)
ITEM_STATES = {
    PENDING: QT_TRANSLATE_NOOP("Batches", "waiting"),
    RUNNING: QT_TRANSLATE_NOOP("Batches", "running"),
    OK: QT_TRANSLATE_NOOP("Batches", "ok"),
    FAILED: QT_TRANSLATE_NOOP("Batches", "failed"),
    CANCELLED: QT_TRANSLATE_NOOP("Batches", "cancelled"),
}

"""Commissioning a meter: set its clock, give it its parameters, record who it is.

Run on meters a scan found (and the technician added), as one job a meter in
the bus owner's worker: read the identity (family from the model code,
serial, model, phases, CT/PT), set the clock where the family can, download
the alarm thresholds (the meter row's, which a new meter takes from the
site's defaults) through ``profile.write_params`` (which reads them back), read
them back once more, and write the identity on the ``Meter`` row. Each step
has its own outcome, so a meter whose clock cannot be set is still recorded;
one system-log row a meter says what happened.

No money moves: a meter with money on it keeps it (the parameter write of
every family keeps balance and purchase count).
"""

from __future__ import annotations

import dataclasses
import time
from concurrent.futures import Future
from dataclasses import dataclass, replace

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.messages import Message
from app.serial_io import profiles
from app.serial_io.events import MeterRef, Priority
from app.serial_io.profiles import Capability
from app.serial_io.profiles.base import CANNOT_DO
from app.services import jobs
from app.services.audit import log_action, log_message
from app.services.permissions import Actor, Permission, require

ACTION = "meter.commission"

# The steps, in order (their names are the log's and the window's keys).
IDENTITY, CLOCK, PARAMS, READ_BACK, RECORD = "identity", "clock", "params", "read_back", "record"
STEP_TEXT = {
    IDENTITY: QT_TRANSLATE_NOOP("Commission", "identity"),
    CLOCK: QT_TRANSLATE_NOOP("Commission", "clock"),
    PARAMS: QT_TRANSLATE_NOOP("Commission", "parameters"),
    READ_BACK: QT_TRANSLATE_NOOP("Commission", "read back"),
    RECORD: QT_TRANSLATE_NOOP("Commission", "recorded"),
}
OK, FAILED, SKIPPED = "ok", "failed", "skipped"

NO_FAMILY = QT_TRANSLATE_NOOP("Errors", "no meter family recognises the meter at address {address}")
READ_BACK_DIFFERS = QT_TRANSLATE_NOOP(
    "Errors",
    "the parameters read back differ from those written (alarm 1 {alarm1}, alarm 2 {alarm2})",
)
EARLIER_FAILED = QT_TRANSLATE_NOOP("Errors", "not done: an earlier step failed")
LOG_DETAIL = QT_TRANSLATE_NOOP(
    "SystemLog",
    "serial {serial}, {profile}, model {model}, {phases}-phase, CT {ct}, PT {pt}; {steps}",
)


@dataclass(frozen=True)
class StepResult:
    step: str
    outcome: str  # OK, FAILED, SKIPPED
    error: str = ""  # Message JSON: why it failed or was skipped

    @property
    def message(self) -> Message | None:
        return Message.from_json(self.error) if self.error else None


@dataclass(frozen=True)
class CommissionResult:
    meter_id: int
    number: str
    steps: tuple[StepResult, ...]
    serial: str = ""
    profile: str = ""

    @property
    def ok(self) -> bool:
        return all(s.outcome != FAILED for s in self.steps)

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.step == name), None)


def codec():
    """(encode, decode) of a CommissionResult for a job row."""

    def encode(result: CommissionResult) -> dict:
        return dataclasses.asdict(result)

    def decode(data: dict) -> CommissionResult:
        steps = tuple(StepResult(**s) for s in data["steps"])
        return CommissionResult(**{**data, "steps": steps})

    return encode, decode


def submit_commission(
    worker, actor: Actor, meter_id: int, set_clock: bool = True, params: bool = True
) -> Future:
    """Commission one meter through its bus owner; a Future of its ``CommissionResult``."""
    require(actor, Permission.COMMISSION)
    job = jobs.make(
        "commission", actor=actor, meter_id=meter_id, set_clock=set_clock, params=params
    )
    return worker.submit(job, Priority.OPERATOR, f"commission meter {meter_id}")


def run_commission(
    link, actor: Actor, meter_id: int, set_clock: bool = True, params: bool = True
) -> CommissionResult:
    """The job (in the bus worker's thread): every step, each with its outcome; one log row."""
    from app.models import Meter

    require(actor, Permission.COMMISSION)
    meter = Meter.get_by_id(meter_id)
    bus = link.bus
    steps: list[StepResult] = []
    failed = False

    def record(step: str, outcome: str, error: Message | PemError | None = None) -> None:
        nonlocal failed
        failed = failed or outcome == FAILED
        text = Message.of(error).to_json() if error is not None else ""
        steps.append(StepResult(step, outcome, text))

    # 1. who is it (the family from the model code where the row does not say)
    profile = ident = None
    try:
        profile = profiles.get_profile(meter.profile)
        found = profiles.detect(bus, meter.address)
        if found is None:
            raise PemError(NO_FAMILY, address=meter.address)
        profile = found[0]
        ident = profile.read_identity(bus, meter.address)
        record(IDENTITY, OK)
    except PemError as exc:
        record(IDENTITY, FAILED, exc)
    except ValueError as exc:
        record(IDENTITY, FAILED, Message.of(str(exc)))

    ref = MeterRef(
        meter.id,
        meter.address,
        ident.serial if ident else meter.serial,
        profile.name if profile else meter.profile,
        meter.circuit,
    )
    keys = link.keys(ref) if profile is not None and not failed else None

    # 2. the clock
    if failed:
        record(CLOCK, SKIPPED, Message(EARLIER_FAILED))
    elif not set_clock:
        record(CLOCK, SKIPPED)
    elif not profile.can(Capability.CLOCK):
        record(
            CLOCK,
            SKIPPED,
            Message(CANNOT_DO, {"profile": profile.name, "what": Capability.CLOCK.title}),
        )
    else:
        try:
            status = profile.read_status(bus, ref)
            profile.set_clock(bus, ref, keys, int(time.time()), status)
            record(CLOCK, OK)
        except PemError as exc:
            record(CLOCK, FAILED, exc)

    # 3, 4. the parameters, written (the profile reads them back) and read back again
    wanted = None
    if failed:
        record(PARAMS, SKIPPED, Message(EARLIER_FAILED))
        record(READ_BACK, SKIPPED, Message(EARLIER_FAILED))
    elif not params:
        record(PARAMS, SKIPPED)
        record(READ_BACK, SKIPPED)
    elif not profile.can(Capability.ALARMS):
        cannot = Message(CANNOT_DO, {"profile": profile.name, "what": Capability.ALARMS.title})
        record(PARAMS, SKIPPED, cannot)
        record(READ_BACK, SKIPPED, cannot)
    else:
        try:
            current = profile.read_params(bus, ref)
            wanted = replace(current, alarm1=meter.alarm1, alarm2=meter.alarm2)
            if profile.can(Capability.OVERLOAD) and meter.overload_w:
                wanted = replace(wanted, overload_w=meter.overload_w)
            status = profile.read_status(bus, ref)  # the frame's counter and epoch come from it
            profile.write_params(bus, ref, keys, wanted, status)
            record(PARAMS, OK)
        except (PemError, ValueError) as exc:
            record(PARAMS, FAILED, exc if isinstance(exc, PemError) else Message.of(str(exc)))
        if wanted is not None and steps[-1].outcome == OK:
            try:
                got = profile.read_params(bus, ref)
                if (got.alarm1, got.alarm2) != (wanted.alarm1, wanted.alarm2):
                    error = Message(READ_BACK_DIFFERS, {"alarm1": got.alarm1, "alarm2": got.alarm2})
                    record(READ_BACK, FAILED, error)
                else:
                    record(READ_BACK, OK)
            except PemError as exc:
                record(READ_BACK, FAILED, exc)
        else:
            record(READ_BACK, SKIPPED, Message(EARLIER_FAILED))

    # 5. the identity on the meter row (whatever the clock and parameters did)
    if ident is not None and profile is not None:
        try:
            _record_identity(meter_id, profile.name, ident)
            record(RECORD, OK)
        except Exception as exc:  # the database refused: say so, the meter is unchanged
            record(RECORD, FAILED, Message.of(str(exc)))
    else:
        record(RECORD, SKIPPED, Message(EARLIER_FAILED))

    serial = ident.serial if ident else ""
    result = CommissionResult(
        meter_id, meter.number, tuple(steps), serial, profile.name if profile else ""
    )
    _log(actor, meter_id, result, ident)
    return result


def _record_identity(meter_id: int, profile_name: str, ident) -> None:
    from app.models import Meter
    from app.services.ledger import write_txn

    with write_txn():
        Meter.update(
            serial=ident.serial,
            model=ident.model,
            phases=ident.phases,
            firmware=ident.firmware,
            ct_ratio=ident.ct_ratio,
            pt_ratio=ident.pt_ratio,
            profile=profile_name,
        ).where(Meter.id == meter_id).execute()


def _log(actor: Actor, meter_id: int, result: CommissionResult, ident) -> None:
    from app.services.billing import meter_target

    steps = ", ".join(f"{s.step} {s.outcome}" for s in result.steps)
    detail = log_message(
        LOG_DETAIL,
        serial=result.serial or "-",
        profile=result.profile or "-",
        model=ident.model if ident else 0,
        phases=ident.phases if ident else 0,
        ct=ident.ct_ratio if ident else 1,
        pt=ident.pt_ratio if ident else 1,
        steps=steps,
    )
    log_action(actor, ACTION, meter_target(meter_id), "ok" if result.ok else "problems", detail)

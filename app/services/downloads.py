"""Price download and settings download, verified by reading back (SPEC "Remote control").

Each is a named job (``download_price``, ``download_settings``) that the bus
owner runs for one meter, alone or as one item of a batch
(``app.services.batches``). The job reads the meter's parameters, changes what
the command is about (the tariff's prices, segments and ladder as the family
can hold them; or alarm 1, alarm 2 and the overload threshold), writes them
through the profile, which reads them back and raises when they differ. A
read-back that differs is reported (``ReadBackDiffers``), never accepted: the
parameters the meter was then found to hold are recorded and the meter stays
"not in sync". Every attempt is one system-log row. ``ParamSync`` keeps what
the database wants each meter to hold and what it was last read to hold; the
grid flags the meters whose two differ.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace

from app.errors import QT_TRANSLATE_NOOP, CommError, MeterOffline, PemError, ValidationError
from app.messages import Message
from app.models import Meter, db
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterParams
from app.serial_io.profiles import Capability, MeterProfile
from app.serial_io.profiles.base import PARAMS_NOT_CONFIRMED
from app.services import jobs, tariffs
from app.services.audit import log_action
from app.services.billing import meter_target
from app.services.meter_profiles import profile_of
from app.services.param_sync import (
    SEGMENTS_HELD,
    record,
)
from app.services.permissions import Actor, Permission, require

DOWNLOAD_PRICE, DOWNLOAD_SETTINGS, CHECK_PARAMS = (
    "download_price",
    "download_settings",
    "check_params",
)
ACTIONS = {DOWNLOAD_PRICE: "download.price", DOWNLOAD_SETTINGS: "download.settings"}

# The largest overload threshold (W) a family's register holds: 16 bits unless named here.
OVERLOAD_MAX = {"default": 0xFFFFFFFF}

NO_TARIFF = QT_TRANSLATE_NOOP("Errors", "meter {meter} has no tariff assigned")
READBACK_DIFFERS = QT_TRANSLATE_NOOP(
    "Errors", "meter {meter} read back other parameters than were sent: not accepted"
)
OVERLOAD_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Errors", "meter {meter}: an overload threshold of {watts} W does not fit this meter"
)
NOTHING_TO_RESEND = QT_TRANSLATE_NOOP(
    "Errors", "None of these meters can take a price or settings download"
)
PRICE_DONE = QT_TRANSLATE_NOOP(
    "Errors", "prices, time segments and ladder downloaded and confirmed (version {version})"
)
PRICE_DONE_PRICES_ONLY = QT_TRANSLATE_NOOP(
    "Errors",
    "prices downloaded and confirmed (version {version}); the time segments are kept by "
    "the meter's own time-of-use table",
)
SETTINGS_DONE = QT_TRANSLATE_NOOP(
    "Errors",
    "alarm 1 {alarm1}, alarm 2 {alarm2} and overload {overload} W downloaded and confirmed",
)
SETTINGS_DONE_NO_OVERLOAD = QT_TRANSLATE_NOOP(
    "Errors",
    "alarm 1 {alarm1} and alarm 2 {alarm2} downloaded and confirmed; "
    "this meter has no overload setting",
)


class ReadBackDiffers(CommError):
    """The meter holds other parameters than were just sent (recorded, not accepted)."""


def _download(link, meter_id: int, actor: Actor, command: str, build) -> Message:
    """Read, change with ``build(meter, profile, current) -> (params, message)``, write,
    verify; one log row whatever happens."""
    ref = link.meter(meter_id)
    action = ACTIONS[command]
    try:
        meter = Meter.get_by_id(meter_id)
        profile = link.profile(ref)
        current = profile.read_params(link.bus, ref)  # CannotDo first on a family without
        wanted, done = build(meter, profile, current)
        status = link.read_status(ref)
        try:
            got = profile.write_params(link.bus, ref, link.keys(ref), wanted, status)
        except MeterOffline as exc:
            if exc.template != PARAMS_NOT_CONFIRMED:
                raise
            record(meter_id, profile.read_params(link.bus, ref), profile)
            raise ReadBackDiffers(READBACK_DIFFERS, ref.address, meter=meter.number) from None
        record(meter_id, got, profile)
    except PemError as exc:
        log_action(actor, action, meter_target(meter_id), "failed", exc.message)
        raise
    log_action(actor, action, meter_target(meter_id), "ok", done)
    return done


def _price(meter: Meter, profile: MeterProfile, current: MeterParams):
    profile.require(Capability.TARIFF)
    assigned = tariffs.meter_tariff(meter.id)
    if assigned is None:
        raise ValidationError(NO_TARIFF, meter=meter.number)
    target = tariffs.tariff_params(assigned.version, assigned.price_override, meter)
    with db.atomic():
        tariffs.want(meter.id, tariffs.params_fields(target, tariffs.TARIFF_FIELDS))
    params = replace(current, prices=target.prices, segments=target.segments, ladder=target.ladder)
    version = assigned.version.version
    if profile.name in SEGMENTS_HELD:
        return params, Message(PRICE_DONE, {"version": version})
    return params, Message(PRICE_DONE_PRICES_ONLY, {"version": version})


def _settings(meter: Meter, profile: MeterProfile, current: MeterParams):
    from app.services.money import format_fen

    profile.require(Capability.ALARMS)
    overload = profile.can(Capability.OVERLOAD)
    if overload and not 0 <= meter.overload_w <= OVERLOAD_MAX.get(profile.name, 0xFFFF):
        raise ValidationError(OVERLOAD_TOO_LARGE, meter=meter.number, watts=meter.overload_w)
    fields = ["alarm1", "alarm2"] + (["overload_w"] if overload else [])
    params = replace(
        current,
        alarm1=meter.alarm1,
        alarm2=meter.alarm2,
        overload_w=meter.overload_w if overload else current.overload_w,
    )
    with db.atomic():
        tariffs.want(meter.id, tariffs.params_fields(params, fields))
    a1, a2 = format_fen(meter.alarm1), format_fen(meter.alarm2)
    if overload:
        return params, Message(
            SETTINGS_DONE, {"alarm1": a1, "alarm2": a2, "overload": meter.overload_w}
        )
    return params, Message(SETTINGS_DONE_NO_OVERLOAD, {"alarm1": a1, "alarm2": a2})


def download_price_job(link, meter_id: int, actor: Actor) -> Message:
    """Download the meter's assigned tariff (as its family can hold it), verified."""
    return _download(link, meter_id, actor, DOWNLOAD_PRICE, _price)


def download_settings_job(link, meter_id: int, actor: Actor) -> Message:
    """Download alarm 1, alarm 2 and (where the family has one) the overload threshold."""
    return _download(link, meter_id, actor, DOWNLOAD_SETTINGS, _settings)


def check_sync_job(link, meter_id: int) -> bool:
    """Read the meter's parameters and compare them with what the database wants (cheap)."""
    ref = link.meter(meter_id)
    profile = link.profile(ref)
    return record(meter_id, profile.read_params(link.bus, ref), profile)


# ---- submitting ----------------------------------------------------------------------------
def submit_download(worker, actor: Actor, meter_id: int, command: str) -> Future:
    """One meter's download through its bus owner; a Future of the result Message."""
    require(actor, Permission.CONTROL)
    job = jobs.make(command, actor=actor, meter_id=meter_id)
    return worker.submit(job, Priority.OPERATOR, f"{ACTIONS[command]} meter {meter_id}")


def submit_check(worker, meter_id: int) -> Future:
    """Read one meter's parameters and compare (a Future of in-sync True/False)."""
    return worker.submit(jobs.make(CHECK_PARAMS, meter_id=meter_id), Priority.OPERATOR,
                         f"check parameters meter {meter_id}")  # fmt: skip


def resend(actor: Actor, meter_ids: list[int]) -> list[int]:
    """Re-send what the meters should hold: a price batch for those with a tariff and a
    price download, a settings batch for those with alarm settings; the batch ids."""
    require(actor, Permission.CONTROL)
    price, settings = [], []
    for meter_id in dict.fromkeys(meter_ids):
        profile = profile_of(meter_id)
        if profile.can(Capability.TARIFF) and tariffs.meter_tariff(meter_id) is not None:
            price.append(meter_id)
        if profile.can(Capability.ALARMS):
            settings.append(meter_id)
    if not price and not settings:
        raise ValidationError(NOTHING_TO_RESEND)
    out = []
    if price:
        out.append(tariffs.start_batch(actor, DOWNLOAD_PRICE, price, {}))
    if settings:
        out.append(tariffs.start_batch(actor, DOWNLOAD_SETTINGS, settings, {}))
    return out


def _encode_message(message: Message) -> str:
    return message.to_json()


jobs.register(DOWNLOAD_PRICE, download_price_job, _encode_message, Message.from_json)
jobs.register(DOWNLOAD_SETTINGS, download_settings_job, _encode_message, Message.from_json)
jobs.register(CHECK_PARAMS, check_sync_job)

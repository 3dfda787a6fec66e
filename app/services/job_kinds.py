"""Job kinds that move no money: "poll now", a live balance, a scan's probe, commissioning.

Kept apart from billing and accounts because they move no money; the bus owner
runs them for a window that owns no port as it runs money jobs (``bus_jobs``).
"""

from __future__ import annotations

import dataclasses

from app.messages import Message
from app.serial_io.address_probe import Probe, probe_address
from app.serial_io.events import MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus
from app.serial_io.profiles import get_profile
from app.services import commission, jobs


def _encode_update(update: MeterUpdate) -> dict:
    data = dataclasses.asdict(update)  # a Message becomes {"template": ..., "params": {...}}
    data["flags"] = sorted(update.flags)
    data["stats"].pop("extra", None)
    return data


def _decode_message(data: dict | str | None) -> Message | None:
    if isinstance(data, dict):
        return Message(data["template"], data.get("params") or {})
    return Message.from_json(data)  # a plain sentence from an older program: as itself


def _decode_update(data: dict) -> MeterUpdate:
    status = MeterStatus(**data["status"]) if data.get("status") else None
    stats = data["stats"]
    return MeterUpdate(
        **{
            **data,
            "status": status,
            "stats": CommStats(**{**stats, "last_error": _decode_message(stats.get("last_error"))}),
            "error": _decode_message(data.get("error")),
            "flags": frozenset(data.get("flags", ())),
        }
    )


def _poll(link, meter_id: int) -> MeterUpdate:
    return link.poll(meter_id)


def _read_balance(link, meter_id: int) -> int:
    return link.read_status(link.meter(meter_id)).balance


def poll_job(meter_id: int) -> jobs.Job:
    """Poll one meter now (the meter detail's "read now")."""
    return jobs.make("poll", meter_id=meter_id)


def read_balance_job(meter_id: int) -> jobs.Job:
    """The meter's live balance in fen (the close-account dialog shows it first)."""
    return jobs.make("read_balance", meter_id=meter_id)


jobs.register("poll", _poll, _encode_update, _decode_update)
jobs.register("read_balance", _read_balance)


# ---- bus scan and commissioning (issue #11): the owner runs them for a window without the port
def _probe(link, address: int, profile: str = "") -> Probe:
    return probe_address(link.bus, address, get_profile(profile) if profile else None)


def probe_job(address: int, profile: str = "") -> jobs.Job:
    """Who answers at ``address`` (a bus scan asks one address a job)."""
    return jobs.make("probe", address=address, profile=profile)


jobs.register("probe", _probe, *jobs.dataclass_codec(Probe))
jobs.register("commission", commission.run_commission, *commission.codec())

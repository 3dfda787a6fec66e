"""Which meters a simulated site has: a JSON site file, or a realistic default mix.

A site file is a JSON list (or ``{"meters": [...]}``) of groups; each group
names addresses (``"1-10,20"``) and optional properties shared by them::

    [{"addresses": "1-30", "model": 1, "phases": 1, "load": {"kind": "shop",
      "base_w": 150, "peak_w": 2500}, "balance": 5000, "prepaid": true,
      "purchase_count": 1, "total_purchased": 5000, "serials": ["PEM000000001", ...],
      "params": {"prices": [12000, 10000, 8000, 4000], "segments": [[0, 3], [480, 2]],
                 "alarm1": 2000, "alarm2": 500, "overload_w": 0}}]

Serials default to "PEM" + 9 digits from the address; a load's seed defaults
to the address so every meter has its own day.

A group may name its meters' family with ``"profile"`` (default ``"default"``):
``"acrel-ddsy1352"`` (``"phases"`` 1: DDSY1352, model 7; 3: DTSY1352, model 5;
``"model": 10`` for an ADF300; ``"encrypted"``, default true), ``"acrel-adl400"``
(metering only: balance and prepaid are ignored) or ``"acrel-adf400l"`` (each
address is one device of ``"circuits"`` circuits, default 12 three-phase;
``"phases": 1`` allows up to 36; ``"model"`` 40 ADF400L or 41 ADF300L; every
circuit starts with the group's balance and purchase count). Acrel serials are
12-digit meter numbers, by default the address padded with zeros.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError, ValidationError
from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator.device import SimDevice
from app.serial_io.simulator.faults import parse_addresses
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter, params_from_dict
from app.serial_io.simulator.personalities import adf400l, adl400, ddsy1352, get_personality

MODEL_SINGLE = 1
MODEL_THREE = 3
MODEL_MULTI = 36  # one circuit of a multi-circuit meter
FIRMWARE = 0x0102

TOU_PARAMS = MeterParams(
    prices=(13000, 11000, 8000, 4000),
    segments=((0, 3), (480, 2), (600, 1), (720, 2), (1080, 0), (1200, 1), (1320, 3)),
    ladder=(),
    alarm1=2000,
    alarm2=500,
    overload_w=0,
)


def default_serial(address: int, site: int = 0) -> str:
    return f"PEM{site:03d}{address:06d}"


def make_default_meters(
    addresses: list[int], seed: int = 0, opened: bool = True, utc_offset: int | None = None
) -> list[SimMeter]:
    """A varied, realistic set: shops, offices and flats, 1- and 3-phase, varied balances.

    With ``opened`` False every meter is factory-fresh (balance 0, no purchases,
    prepaid mode off) for a site that opens its accounts through the protocol.
    """
    rng = random.Random(seed)
    meters = []
    for addr in addresses:
        three = rng.random() < 0.3
        multi = not three and rng.random() < 0.15
        kind = rng.choice(("shop", "shop", "shop", "office", "home"))
        peak = rng.randrange(4000, 15000, 100) if three else rng.randrange(800, 4000, 100)
        load = LoadProfile(kind, base_w=rng.randrange(50, 400, 10), peak_w=peak, seed=seed + addr)
        ident = MeterIdentity(
            serial=default_serial(addr, seed % 1000),
            model=MODEL_THREE if three else (MODEL_MULTI if multi else MODEL_SINGLE),
            phases=3 if three else 1,
            firmware=FIRMWARE,
            ct_ratio=rng.choice((1, 1, 5, 10)) if three else 1,
            pt_ratio=1,
        )
        params = TOU_PARAMS if rng.random() < 0.4 else MeterParams(prices=(8500,) * 4)
        if not opened or rng.random() < 0.08:
            meter = SimMeter(
                addr, ident, load=load, params=params, prepaid_mode=False, utc_offset=utc_offset
            )
        else:
            pick = rng.random()
            if pick < 0.06:
                balance = -rng.randrange(1, 300)
            elif pick < 0.14:
                balance = rng.randrange(1, 500)
            elif pick < 0.25:
                balance = rng.randrange(500, 2000)
            else:
                balance = rng.randrange(2000, 80000)
            spent = rng.randrange(0, 30000)
            meter = SimMeter(
                addr, ident, load=load, params=params, balance=balance, prepaid_mode=True,
                purchase_count=1 + rng.randrange(12), total_purchased=max(balance, 0) + spent,
                utc_offset=utc_offset,
            )  # fmt: skip
        meters.append(meter)
    return meters


def acrel_number(address: int, site: int = 0) -> str:
    """A 12-digit meter number for an Acrel meter made up by the simulator."""
    return f"{site:06d}{address:06d}"


def make_family_meters(
    profile: str, addresses: list[int], seed: int = 0, utc_offset: int | None = None
) -> list[SimMeter | SimDevice]:
    """The default mix made of one family's meters (``simulate --profile``).

    DDSY1352: the default mix's loads, balances and counts on DDSY1352 (1 phase)
    and DTSY1352 (3 phases) meters; ADL400: the same loads, metering only;
    ADF400L: each address one device of 12 three-phase circuits.
    """
    get_personality(profile)  # ConfigError for a family the simulator lacks
    mix = make_default_meters(addresses, seed=seed, utc_offset=utc_offset)
    if profile == "default":
        return list(mix)
    site = seed % 1000
    out: list[SimMeter | SimDevice] = []
    for m in mix:
        number = acrel_number(m.address, site)
        phases = 3 if m.identity.phases == 3 else 1
        if profile == ddsy1352.Ddsy1352Personality.name:
            meter = ddsy1352.make_meter(
                m.address, number, phases=phases, load=m.load, params=m.params,
                balance=m.balance, purchase_count=m.purchase_count,
                total_purchased=m.total_purchased, prepaid=m.prepaid_mode,
                ct_ratio=m.identity.ct_ratio, utc_offset=m.utc_offset,
            )  # fmt: skip
            out.append(meter)
        elif profile == adl400.Adl400Personality.name:
            out.append(adl400.make_meter(m.address, number, phases=phases, load=m.load,
                                         utc_offset=m.utc_offset))  # fmt: skip
        else:
            circuits = make_default_meters(list(range(1, 13)), seed=seed + m.address)
            loads = [c.load for c in circuits]
            out.append(
                adf400l.make_device(m.address, number, loads=loads, params=m.params,
                                    balance=max(m.balance, 0), purchase_count=m.purchase_count,
                                    total_purchased=m.total_purchased, utc_offset=m.utc_offset)
            )  # fmt: skip
    return out


def _family_meter(profile: str, addr: int, serial: str, group: dict, common: dict):
    """One Acrel meter (or ADF400L device) of a site-file group."""
    phases = common["phases"]
    if profile == adl400.Adl400Personality.name:
        return adl400.make_meter(addr, serial, phases=phases, load=common["load"],
                                 ct_ratio=common["ct_ratio"], pt_ratio=common["pt_ratio"],
                                 utc_offset=common["utc_offset"])  # fmt: skip
    money = {k: common[k] for k in ("params", "balance", "purchase_count", "total_purchased",
                                    "prepaid", "encrypted", "utc_offset")}  # fmt: skip
    if profile == adf400l.Adf400lPersonality.name:
        circuits = int(group.get("circuits", 12 if phases == 3 else 36))
        loads = [replace(common["load"], seed=addr * 100 + n) for n in range(1, circuits + 1)]
        model = int(group.get("model", adf400l.MODEL_ADF400L))
        return adf400l.make_device(addr, serial, circuits=circuits, phases=phases, model=model,
                                   loads=loads, **money)  # fmt: skip
    model = group.get("model")
    return ddsy1352.make_meter(addr, serial, phases=phases, model=None if model is None else
                               int(model), load=common["load"], ct_ratio=common["ct_ratio"],
                               pt_ratio=common["pt_ratio"], **money)  # fmt: skip


def _group_meters(group: dict, index: int) -> list[SimMeter | SimDevice]:
    if not isinstance(group, dict) or "addresses" not in group:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "site file group {index} needs an 'addresses' entry"),
            index=index,
        )
    addresses = parse_addresses(str(group["addresses"]))
    serials = group.get("serials")
    if serials is not None and len(serials) != len(addresses):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "Errors", "site file group {index}: one serial per address is required"
            ),
            index=index,
        )
    profile = str(group.get("profile", "default"))
    get_personality(profile)
    acrel = profile != "default"
    three_default = profile in (adl400.Adl400Personality.name, adf400l.Adf400lPersonality.name)
    phases = int(group.get("phases", 3 if three_default else 1))
    if phases not in (1, 3):
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "site file group {index}: phases must be 1 or 3"),
            index=index,
        )
    params = params_from_dict(group["params"]) if "params" in group else None
    out: list[SimMeter | SimDevice] = []
    for i, addr in enumerate(addresses):
        load_spec = dict(group.get("load", {}))
        load_spec.setdefault("seed", addr)
        if acrel:
            common = {
                "phases": phases, "load": LoadProfile.from_dict(load_spec), "params": params,
                "balance": int(group.get("balance", 0)),
                "purchase_count": int(group.get("purchase_count", 0)),
                "total_purchased": int(group.get("total_purchased", 0)),
                "prepaid": bool(group.get("prepaid", True)),
                "encrypted": bool(group.get("encrypted", True)),
                "ct_ratio": int(group.get("ct_ratio", 1)),
                "pt_ratio": int(group.get("pt_ratio", 1)),
                "utc_offset": group.get("utc_offset"),
            }  # fmt: skip
            serial = serials[i] if serials else acrel_number(addr)
            out.append(_family_meter(profile, addr, serial, group, common))
            continue
        ident = MeterIdentity(
            serial=serials[i] if serials else default_serial(addr),
            model=int(group.get("model", MODEL_THREE if phases == 3 else MODEL_SINGLE)),
            phases=phases,
            firmware=int(group.get("firmware", FIRMWARE)),
            ct_ratio=int(group.get("ct_ratio", 1)),
            pt_ratio=int(group.get("pt_ratio", 1)),
        )
        out.append(
            SimMeter(
                addr,
                ident,
                load=LoadProfile.from_dict(load_spec),
                params=params,
                balance=int(group.get("balance", 0)),
                prepaid_mode=bool(group.get("prepaid", True)),
                purchase_count=int(group.get("purchase_count", 0)),
                total_purchased=int(group.get("total_purchased", 0)),
                utc_offset=group.get("utc_offset"),
            )
        )
    return out


def load_site_file(path: str | Path) -> list[SimMeter | SimDevice]:
    """Meters described by a site file; ConfigError names what is wrong."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "cannot read site file {path}: {reason}"),
            path=path,
            reason=exc.strerror,
        ) from exc
    except ValueError as exc:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "site file {path} is not valid JSON: {reason}"),
            path=path,
            reason=exc,
        ) from exc
    groups = doc.get("meters") if isinstance(doc, dict) else doc
    if not isinstance(groups, list) or not groups:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "Errors", "site file {path} must hold a non-empty list of meter groups"
            ),
            path=path,
        )
    meters: list[SimMeter | SimDevice] = []
    seen: set[int] = set()
    for i, group in enumerate(groups):
        try:
            batch = _group_meters(group, i)
        except (ValueError, TypeError, KeyError, ValidationError) as exc:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "site file group {index}: {reason}"),
                index=i,
                reason=exc,
            ) from exc
        for m in batch:
            if m.address in seen:
                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "site file lists address {address} twice"),
                    address=m.address,
                )
            seen.add(m.address)
        meters.extend(batch)
    return meters

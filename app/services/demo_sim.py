"""Serving the simulated buses of a demo or training site.

A simulated bus keeps its simulator description in a small JSON file (seed,
addresses, faults, speed) and the meters' non-volatile state in a state file,
both under the site's ``simulator/`` folder. Whichever process opens the site
first takes the bus's lock and serves it (TCP like a gateway, or a pty); other
processes on the same site find the lock taken and simply connect.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models import Bus
from app.paths import SitePaths
from app.serial_io.simulator import (
    PtyServer,
    SimBus,
    TcpServer,
    make_default_meters,
    parse_addresses,
    parse_faults,
)
from app.serial_io.simulator.personalities import adf400l, adl400, ddsy1352
from app.serial_io.simulator.site_file import acrel_number
from app.serial_io.site_keys import SiteKeys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimConfig:
    addresses: str
    seed: int
    state_file: str
    faults: str = ""
    speed: float = 1.0
    # The meter families on the bus, each {"profile": ..., "addresses": "1-56", "phases": 1}
    # (an ADF400L address is a device of 12 circuits); empty: our default meters only.
    families: tuple = ()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.__dict__, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SimConfig:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            data["families"] = tuple(data.get("families", ()))
            return cls(**data)
        except (OSError, ValueError, TypeError) as exc:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "Errors", "simulated bus description {path} is unusable: {reason}"
                ),
                path=path,
                reason=exc,
            ) from exc


def build_sim_bus(config: SimConfig, keys: SiteKeys | bytes, base: Path) -> SimBus:
    if config.families:
        meters = [m for group in config.families for m in family_meters(group, config.seed)]
    else:
        meters = make_default_meters(parse_addresses(config.addresses), config.seed, opened=False)
    return SimBus(
        meters,
        keys,
        speed=config.speed,
        state_file=base / config.state_file,
        faults=parse_faults(config.faults),
        seed=config.seed,
    )


def family_meters(group: dict, seed: int) -> list:
    """Factory-fresh meters of one family (no money, no purchases), with the default mix's
    varied loads; an Acrel prepaid meter leaves the factory in prepaid mode."""
    profile = group.get("profile", "default")
    addresses = parse_addresses(str(group["addresses"]))
    fresh = make_default_meters(addresses, seed, opened=False)
    if profile == "default":
        return fresh
    phases = int(group.get("phases", 1))
    out = []
    for m in fresh:
        number = acrel_number(m.address, seed % 1000)
        if profile == "acrel-adl400":
            out.append(adl400.make_meter(m.address, number, phases=phases, load=m.load))
        elif profile == "acrel-adf400l":
            loads = [c.load for c in make_default_meters(list(range(1, 13)), seed + m.address)]
            out.append(adf400l.make_device(m.address, number, circuits=len(loads), loads=loads))
        else:
            meter = ddsy1352.make_meter(
                m.address, number, phases=phases, load=m.load, params=m.params,
                ct_ratio=m.identity.ct_ratio,
            )  # fmt: skip
            out.append(meter)
    return out


class RunningSimulator:
    """A simulator this process serves, and the lock that says so."""

    def __init__(self, sim_bus: SimBus, server, lock_fd: int) -> None:
        self.sim_bus = sim_bus
        self.server = server
        self._lock_fd = lock_fd

    def stop(self) -> None:
        self.server.stop()
        self.sim_bus.save_state()
        os.close(self._lock_fd)  # releases the flock


def _take_lock(path: Path) -> int | None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def start_simulator_for(bus: Bus, paths: SitePaths, keys: SiteKeys) -> RunningSimulator | None:
    """Serve ``bus`` from this process, or return None when another process already does."""
    desc = Path(bus.sim_state)
    if not desc.is_absolute():
        desc = paths.data_dir / desc
    config = SimConfig.load(desc)
    lock_fd = _take_lock(desc.with_suffix(".lock"))
    if lock_fd is None:
        log.info("bus %s is served by another process on this site", bus.name)
        return None
    try:
        sim_bus = build_sim_bus(config, keys, desc.parent)
        server = _serve(bus, sim_bus)
    except Exception:
        os.close(lock_fd)
        raise
    return RunningSimulator(sim_bus, server, lock_fd)


def _serve(bus: Bus, sim_bus: SimBus):
    if bus.port.startswith("socket://"):
        port = int(bus.port.rsplit(":", 1)[1])
        server = TcpServer(sim_bus, port=port)
        try:
            server.start()
        except ConfigError:  # the port was taken by another program since: move
            server = TcpServer(sim_bus, port=0)
            server.start()
            Bus.update(port=server.url).where(Bus.id == bus.id).execute()
            log.info("simulated bus %s moved to %s", bus.name, server.url)
        return server
    server = PtyServer(sim_bus, link=bus.port)
    server.start()
    return server

"""The meter simulator: SPEC "The simulator", as a library and as ``main.py simulate``.

Typical use (tests, demo)::

    meters = make_default_meters(range(1, 91), seed=1)
    bus = SimBus(meters, master_key, speed=60, state_file=path)   # or SiteKeys (Acrel key)
    with PtyServer(bus) as server:      # or TcpServer(bus, port=0)
        ...  # open server.port with minimalmodbus / the bus worker
"""

from app.serial_io.simulator.bus import Answer, SimBus, SimClock
from app.serial_io.simulator.device import SimDevice
from app.serial_io.simulator.faults import Faults, parse_addresses, parse_faults
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities import PERSONALITIES
from app.serial_io.simulator.server import PtyServer, TcpServer
from app.serial_io.simulator.site_file import (
    acrel_number,
    default_serial,
    load_site_file,
    make_default_meters,
    make_family_meters,
)

__all__ = [
    "PERSONALITIES",
    "Answer",
    "Faults",
    "LoadProfile",
    "PtyServer",
    "SimBus",
    "SimClock",
    "SimDevice",
    "SimMeter",
    "TcpServer",
    "acrel_number",
    "default_serial",
    "load_site_file",
    "make_default_meters",
    "make_family_meters",
    "parse_addresses",
    "parse_faults",
]

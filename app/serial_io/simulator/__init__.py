"""The meter simulator: SPEC "The simulator", as a library and as ``main.py simulate``.

Typical use (tests, demo)::

    meters = make_default_meters(range(1, 91), seed=1)
    bus = SimBus(meters, master_key, speed=60, state_file=path)
    with PtyServer(bus) as server:      # or TcpServer(bus, port=0)
        ...  # open server.port with minimalmodbus / the bus worker
"""

from app.serial_io.simulator.bus import Answer, SimBus, SimClock
from app.serial_io.simulator.faults import Faults, parse_addresses, parse_faults
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.server import PtyServer, TcpServer
from app.serial_io.simulator.site_file import (
    default_serial,
    load_site_file,
    make_default_meters,
)

__all__ = [
    "Answer",
    "Faults",
    "LoadProfile",
    "PtyServer",
    "SimBus",
    "SimClock",
    "SimMeter",
    "TcpServer",
    "default_serial",
    "load_site_file",
    "make_default_meters",
    "parse_addresses",
    "parse_faults",
]

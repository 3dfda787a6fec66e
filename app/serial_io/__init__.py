"""Everything that talks to meters: profiles, frame security, bus worker, simulator.

No Qt widgets here; the only Qt is QtCore in ``qt_bridge``.
"""

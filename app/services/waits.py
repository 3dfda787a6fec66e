"""How long a caller waits for one meter operation: one number for every window and command.

A meter operation (open, transfer out, transfer in) runs on its bus's
worker; a caller that blocks on it gives up after ``METER_OPERATION_S``.
Giving up does not undo anything: the ledger entry settles from the meter
later, so the wait only decides when the operator is told "not known yet".
Not a site setting: it depends on the protocol's retry budget, not on the site.
"""

from __future__ import annotations

METER_OPERATION_S = 60.0

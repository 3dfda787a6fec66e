"""The simulator's state file: every meter's non-volatile state as JSON.

Written atomically (temp file, fsync, os.replace, fsync of the folder) so a
kill at any moment leaves either the old or the new file, never half of one;
the bus writes it before answering an accepted command.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.paths import fsync_folder
from app.serial_io.simulator.meter import SimMeter

log = logging.getLogger(__name__)

STATE_VERSION = 1


def write_state(path: Path, meters: dict[int, SimMeter], sim_time: float) -> None:
    doc = {
        "version": STATE_VERSION,
        "sim_time": sim_time,
        "meters": {str(a): m.to_state() for a, m in sorted(meters.items())},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_folder(path.parent)


def read_state(path: Path, meters: dict[int, SimMeter]) -> float | None:
    """Restore the meters found in ``path``; returns the saved sim time (None: no file)."""
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        saved = doc["meters"]
        sim_time = float(doc["sim_time"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "simulator state file {path} is unreadable: {reason}"),
            path=path,
            reason=exc,
        ) from exc
    for key, state in saved.items():
        meter = meters.get(int(key))
        if meter is None:
            continue
        if state.get("serial") != meter.identity.serial:
            log.warning(
                "state of meter %s is for serial %s, not %s: starting it fresh",
                key,
                state.get("serial"),
                meter.identity.serial,
            )
            continue
        meter.load_state(state)
    log.info("loaded simulator state of %d meters from %s", len(saved), path)
    return sim_time

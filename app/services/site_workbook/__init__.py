"""Excel import and export of a site's buildings, gateways, buses, meters (and tenants).

The two steps every caller (the import dialog, the first-start wizard,
``main.py import``) takes:

    preview = preview_file(path)          # read + check + compare; writes nothing
    if preview.ok and not preview.nothing_to_change:
        outcome = apply_preview(preview, actor, worker_for)   # one transaction

``write_template(path)`` writes the empty template, ``export_config(path)`` the
open site in the same template (export, import into an empty site, export
again: the same cells). No Qt here; ``preview_file`` and ``apply_preview`` block
(run them off the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.services.permissions import Actor
from app.services.site_workbook.apply import Applied, apply_topology
from app.services.site_workbook.check_file import preview_file
from app.services.site_workbook.preview import Change, Preview, Problem
from app.services.site_workbook.reader import WorkbookUnusable
from app.services.site_workbook.takeover import TakeoverRow, take_over
from app.services.site_workbook.writer import export_config, write_template

__all__ = [
    "Applied",
    "Change",
    "ImportOutcome",
    "Preview",
    "Problem",
    "TakeoverRow",
    "WorkbookUnusable",
    "apply_preview",
    "export_config",
    "preview_file",
    "write_template",
]


@dataclass(frozen=True)
class ImportOutcome:
    applied: Applied
    takeover: list[TakeoverRow] = field(default_factory=list)

    @property
    def not_taken_over(self) -> list[TakeoverRow]:
        return [row for row in self.takeover if not row.ok]


def apply_preview(
    preview: Preview,
    actor: Actor,
    worker_for: Callable[[int], object] | None = None,
    after_topology: Callable[[], Callable[[int], object]] | None = None,
) -> ImportOutcome:
    """Write a problem-free preview: the site in one transaction, then the tenants' takeover.

    The takeover needs each meter's bus owner: ``worker_for(meter_id)``, or
    ``after_topology()`` returning one once the new meters are written (the
    command line starts the site's buses then). Without either, tenant rows
    are left for a later import (they stay "new" in its preview).
    """
    applied = apply_topology(preview, actor)
    if not any(c.sheet == "tenants" for c in preview.changes):
        return ImportOutcome(applied)
    if after_topology is not None:
        worker_for = after_topology()
    if worker_for is None:
        return ImportOutcome(applied)
    return ImportOutcome(applied, take_over(preview, actor, worker_for))

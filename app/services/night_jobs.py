"""Night jobs: archiving and the daily backup (issue #14). STUB: helper G."""

from __future__ import annotations


def start(site):
    return None

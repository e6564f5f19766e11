"""The editors of the item kinds: one module each, registered here as the core's kinds are
(`retro_tui.kinds`). A section shows each item as its label, then what its kind's module makes
of it (`editor`, then anything `below` it)."""

from __future__ import annotations

from . import checks, choice, gap, ledger, note, number, rating, records, targets, text
from .base import View

VIEWS: dict[str, View] = {
    "text": text.VIEW,
    "note": note.VIEW,
    "number": number.VIEW,
    "choice": choice.VIEW,
    "checks": checks.VIEW,
    "records": records.VIEW,
    "targets": targets.VIEW,
    "ledger": ledger.VIEW,
    "gap": gap.VIEW,
    "rating": rating.VIEW,
}


def view_of(item) -> View:
    """How an item of the checklist is shown and edited."""
    return VIEWS[item.kind]

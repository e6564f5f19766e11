"""The item kinds: one module each, holding its checklist entry (a struct tagged with the
kind's name), its checks, what counts as its answer and how the report shows it. The UI's
editors are registered the same way (`retro_tui.ui.kinds`).

Adding a kind is a module here, one in the UI, and its line in KINDS (order: as the format
lists them)."""

from __future__ import annotations

from . import checks, choice, gap, ledger, note, number, rating, records, targets, text
from .base import Kind

KINDS: dict[str, Kind] = {kind.tag: kind for kind in (
    text.KIND,
    note.KIND,
    number.KIND,
    choice.KIND,
    checks.KIND,
    records.KIND,
    targets.KIND,
    ledger.KIND,
    gap.KIND,
    rating.KIND,
)}


def kind_of(item) -> Kind:
    """The kind of a checklist item."""
    return KINDS[item.kind]

"""The editors of the item kinds: one module each, registered here as the core's kinds are
(`retro_tui.kinds`). A section shows each item as its label, then what its kind's module makes
of it (`editor`, then anything `below` it). A kind's module is imported when an item of that
kind is first shown: what the first screenful does not show (a choice's radio buttons, a
checklist's selection list) costs nothing before the first frame."""

from __future__ import annotations

from importlib import import_module

from .base import View

VIEWS: dict[str, str] = {
    "text": "text",
    "note": "note",
    "number": "number",
    "choice": "choice",
    "checks": "checks",
    "records": "records",
    "targets": "targets",
    "ledger": "ledger",
    "gap": "gap",
    "rating": "rating",
}
"""Each kind's module (its `VIEW`)."""

_views: dict[str, View] = {}


def view_of(item) -> View:
    """How an item of the checklist is shown and edited."""
    view = _views.get(item.kind)
    if view is None:
        view = _views[item.kind] = import_module(f"{__name__}.{VIEWS[item.kind]}").VIEW
    return view

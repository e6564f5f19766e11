"""Key binding descriptions in the interface language."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from ..i18n import MESSAGES, Lang, tr


def localize_bindings(node: DOMNode, lang: Lang) -> None:
    """Give each binding whose `id` is a message key its description in `lang`."""
    keys = node._bindings.key_to_bindings
    for key, bindings in keys.items():
        keys[key] = [replace(b, description=tr(b.id, lang)) if b.id in MESSAGES else b for b in bindings]

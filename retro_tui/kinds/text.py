"""`text`: one line of text."""

from __future__ import annotations

from ..i18n import Text
from .base import ItemBase, Kind


class TextItem(ItemBase, tag="text"):
    """One line of text."""

    placeholder: Text | None = None


class TextKind(Kind):
    item = TextItem


KIND = TextKind()

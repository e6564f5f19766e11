"""The footer of every screen: its keys, all of them on a laptop's 80 columns too."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100
"""Below this many columns the keys sit closer and the command palette's key is left out (Ctrl+P still opens it)."""


class KeysFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        self.compact, self.show_command_palette = narrow, not narrow

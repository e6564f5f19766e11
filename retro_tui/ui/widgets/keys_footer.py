"""The footer of every screen: its keys, all of them on a laptop's 80 columns too."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 100
"""Below this many columns the keys sit closer and the command palette's key is left out (Ctrl+P still opens it)."""


class KeysFooter(Footer):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # The keys in the first frame, as the screen binds them (Textual's footer waits for the
        # screen to say its bindings are ready, a frame or more later, and is composed again then)
        self.set_reactive(Footer._bindings_ready, True)
        self._keys: tuple | None = None
        """The keys shown (see `bindings_changed`)."""

    def _shown_keys(self) -> tuple:
        return tuple((binding.key, binding.description, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show)

    def compose(self) -> ComposeResult:
        narrow = self.app.size.width < NARROW  # (as `on_resize` will have it: not composed twice)
        self.set_reactive(Footer.compact, narrow)
        self.set_class(narrow, "-compact")
        self.set_reactive(Footer.show_command_palette, not narrow)
        self._keys = self._shown_keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # compact as the footer is, from the start (a key is made compact, then not: each
                # restyled twice, a frame's worth of time for the footer's keys); the palette's
                # key is always drawn compact
                widget.set_reactive(FooterKey.compact, narrow)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Composed again only when the keys to show changed (each focus change says the
        bindings changed, and composing the footer costs a frame's worth of time)."""
        if self.is_attached and screen is self.screen and self._shown_keys() == self._keys:
            return
        super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        self.compact = narrow
        if self.show_command_palette == narrow:  # its key shown or left out: composed again
            self.show_command_palette = not narrow
            self.refresh(recompose=True)

"""The footer of every screen: its keys, all of them on a laptop's 80 columns too.

One widget draws them all, as Textual's footer looks (its colours and spacing, the command
palette's key at the right): Textual's own makes a widget of each key, eight widgets styled,
laid out and drawn before the first frame (≈ 15 ms of its CPU time). A key is clicked as
there (it is pressed), its tooltip shown when the mouse is over it."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

NARROW = 100
"""Below this many columns the keys sit closer and the command palette's key is left out (Ctrl+P still opens it)."""


class Key(NamedTuple):
    """A key the footer shows."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False
    """The command palette's key, at the right."""


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "keys-footer--hover", "keys-footer--divider"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .keys-footer--divider {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._keys: tuple[Key, ...] = ()
        """The keys last drawn."""
        self._spans: list[tuple[int, int, Key]] = []
        """Where each key was drawn: its first column and the one after its last."""
        self._hover: Key | None = None

    @property
    def compact(self) -> bool:
        """The keys closer together, and the command palette's key left out (under NARROW columns)."""
        return self.app.size.width < NARROW

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys to show now, in order (the command palette's last): one per action, as the
        screen binds them where the focus is."""
        app = self.app
        active = self.screen.active_bindings
        keys, actions = [], set()
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(Key(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip))
        if not self.compact and app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            keys.append(Key(binding.key, app.get_key_display(binding), binding.description, enabled,
                            binding.tooltip or binding.description, palette=True))
        return tuple(keys)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def bindings_changed(self, screen: Screen) -> None:
        """Drawn again only when the keys to show changed (each focus change says the bindings
        changed)."""
        if self.is_attached and screen is self.screen and self.keys != self._keys:
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh()

    def render(self) -> Text:
        if not self.is_attached:  # a frame asked for as the screen it was on is rebuilt (F2)
            return Text()
        self._keys = keys = self.keys
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("keys-footer--hover")
        compact, width = self.compact, self.size.width
        line, spans = Text(no_wrap=True, end=""), []

        def add(key: Key, parts: list[tuple[str, Style]]) -> None:
            first, column = len(line), line.cell_len  # (a character's offset; a column: Chinese takes two)
            for text, style in parts:
                line.append(text, style + Style(dim=True) if not key.enabled else style)
            if key == self._hover:
                line.stylize_before(hover_style, first, len(line))
            spans.append((column, line.cell_len, key))

        for key in keys:
            if key.palette:
                continue
            if compact:  # the key, a space, what it does; then a space between keys
                add(key, [(key.display, key_style), (f" {key.description}" if key.description else "", description_style)])
                line.append(" ", description_style)
            else:
                add(key, [(f" {key.display} ", key_style), (f"{key.description} " if key.description else "", description_style)])
        palette = next((key for key in keys if key.palette), None)
        if palette is not None:  # at the right, after a thin line: drawn compact, a space after it
            parts = [(palette.display, key_style), (f" {palette.description} ", description_style)]
            room = width - 1 - sum(Text(text).cell_len for text, _ in parts) - line.cell_len
            if room >= 0:
                line.append(" " * room, description_style)  # (as Textual's footer draws it: one run with the key before)
                line.append("▏", self.get_component_rich_style("keys-footer--divider"))
                add(palette, parts)
        self._spans = spans
        return line

    def drawn(self) -> dict[Key, tuple[int, int]]:
        """The keys as last drawn, each with its first column and the one after its last."""
        return {key: (start, end) for start, end, key in self._spans}

    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or None) if key else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover, self.tooltip = None, None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

"""Keys done as they come, in the order typed, whatever the machine's load.

Textual hands a key to the focused widget's queue and runs what the key is bound to (an arrow,
Home, Space on a choice) only when the key comes back up to the app, while a widget inserts a
typed character in its own queue: in a burst of keys — fast typing, an input method's whole
word, a busy machine — `先查库存` Home `大促前` came out `先查库存大促前`, and keys typed
after Enter or Tab went to whatever had the focus a moment before. In the workbook screen the
app does each key itself, at once: the screen's own keys first (F8, Tab, Ctrl+Z …), then a
table's, then the focused field's — a character inserted, a bound key run."""

from __future__ import annotations

from textual import events
from textual.binding import NoBinding
from textual.widget import Widget
from textual.widgets import Input


def grid_of(focused: Widget | None, kind: type | None = None):
    """The table (a CellGrid, or one of `kind`) the focused widget is in, or None."""
    from .widgets.cell_grid import CellGrid

    kind = kind or CellGrid
    return next((node for node in (focused.ancestors_with_self if focused else ()) if isinstance(node, kind)), None)


def multiline(widget: Widget) -> bool:
    """Whether `widget` is a field of several lines (a note's), where Enter is a new line."""
    return getattr(widget, "multiline", False)


async def run_binding(widget: Widget, key: str) -> bool:
    """Run what `key` is bound to on `widget` itself (not its parents); False if nothing."""
    try:
        bindings = widget._bindings.get_bindings_for_key(key)
    except NoBinding:
        return False
    await widget.run_action(bindings[0].action)
    return True


async def key_now(app, event: events.Key) -> bool:
    """Do a key typed in the workbook screen now; False to leave it to Textual (a key nothing
    here is bound to, or another screen's)."""
    from .screens.workbook import WorkbookScreen

    screen = app.screen
    focused = screen.focused
    if not isinstance(screen, WorkbookScreen) or focused is None:
        return False
    app.app_focus = True
    if await app._check_bindings(event.key, priority=True):
        return True
    grid = grid_of(focused)
    if grid is not None:
        return await grid.take_key(event)
    if (isinstance(focused, Input) and event.is_printable
            or multiline(focused) and (event.is_printable or event.key == "enter")):
        await focused._on_key(event)  # the field's own handler: inserts (over a selection), as typed
        return True
    return await run_binding(focused, event.key)


async def paste_now(app, event: events.Paste) -> bool:
    """Do a paste in the workbook screen now, between the keys typed before and after it (a
    paste then Enter: the Enter commits what was pasted); False to leave it to Textual."""
    import inspect

    from .screens.workbook import WorkbookScreen

    screen = app.screen
    focused = screen.focused
    if not isinstance(screen, WorkbookScreen) or focused is None:
        return False
    grid = grid_of(focused)
    if grid is not None and focused is grid.table:  # (not its cell editor: that field takes the paste)
        grid.on_paste(event)
    elif isinstance(focused, Input) or multiline(focused):
        done = focused._on_paste(event)  # the field's own handler (a coroutine in a TextArea)
        if inspect.isawaitable(done):
            await done
    else:
        return False
    return True

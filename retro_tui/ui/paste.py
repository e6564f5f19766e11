"""Pasted text is only text. A terminal sends a paste between `ESC [200~` and `ESC [201~`;
text copied from another terminal brings its colour codes (`ESC [31m`) with it, and Textual's
parser reads everything after such an escape as keys typed after the paste — letters out of
order, and a line break as Enter. Here colour codes are dropped from a paste and any other
escape is kept as visible text (`\\x1b`), so the paste arrives whole, as one paste."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

START, END = "\x1b[200~", "\x1b[201~"
_COLOUR = re.compile(r"\x1b\[[0-9;:]*m")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, line feed and carriage return kept
_UNFINISHED = re.compile(r"\x1b(\[[0-9;:]*)?$")
"""An escape cut off at the end of what the terminal sent so far (its rest comes next)."""


def paste_text(body: str) -> str:
    """A paste's text: no colour codes, every other control character written out (`\\x1b`)."""
    return _CONTROL.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), _COLOUR.sub("", body))


class PasteParser(XTermParser):
    """Textual's parser, given each paste's text without the escapes in it."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting = False
        self._held = ""  # inside a paste: the start of an escape whose rest has not come yet
        self._seen = ""  # outside one: the last bytes, where a paste's start may begin

    def feed(self, data: str) -> Iterable[Message]:
        return super().feed(self._cleaned(data) if data else data)

    def _cleaned(self, data: str) -> str:
        out = []
        while data:
            if not self._pasting:
                seen = self._seen + data
                at = seen.find(START)
                if at < 0:
                    self._seen = seen[-(len(START) - 1):]
                    out.append(data)
                    break
                begun = at + len(START) - len(self._seen)  # where the paste's text begins in `data`
                out.append(data[:begun])
                data, self._pasting, self._seen = data[begun:], True, ""
            else:
                data, self._held = self._held + data, ""
                at = data.find(END)
                body = data if at < 0 else data[:at]
                if at < 0 and (cut := _UNFINISHED.search(body)):
                    body, self._held = body[:cut.start()], body[cut.start():]
                out.append(paste_text(body))
                if at < 0:
                    break
                out.append(END)
                data, self._pasting = data[at + len(END):], False
        return "".join(out)


def read_pastes_whole() -> None:
    """Have the terminal driver parse with `PasteParser` (on Linux and macOS; Windows' console
    sends no escapes in a paste)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # no termios
        return
    setattr(linux_driver, "XTermParser", PasteParser)  # noqa: B010 (a class of Textual's, replaced)

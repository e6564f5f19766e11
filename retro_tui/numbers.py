"""Numbers as people type them, and as a report shows them."""

from __future__ import annotations

import math
import re

from .i18n import Lang, tr

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000, "w": 10_000, "W": 10_000}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_EMPTY = {"", "-", "--", "—", "n/a", "N/A", "null", "None"}


LARGEST = 10**13
"""Numbers this large (10 万亿) or larger are no shop's figure: more than a whole platform
sells in a year, they are a slip of the keyboard (`1e20`, a zero too many) or a pasted order
number. Below it a number still holds every cent (a float does up to 2**46 ≈ 7 × 10**13)."""


class TooLarge(ValueError):
    """A number too large to be a shop's figure (see LARGEST)."""


def parse_number(text: str) -> float | int | None:
    """`"¥1,234.50"` → 1234.5, `"-¥12"` → -12, `"1.2万"` → 12000, `"12.5%"` → 12.5, `"-"` → None.

    A `%` sign is dropped: the value is in the unit the field declares (a `%` field holds
    12.5 for 12.5 %). Raises ValueError with the text when it is not a number (`NaN`, `inf`
    and `Infinity` are not), TooLarge when it is LARGEST or more.
    """
    raw = text
    text = text.strip().translate(_FULL_WIDTH)
    if text in _EMPTY:
        return None
    sign = text[0] if text[0] in "+-" else ""  # -¥12.00, as refunds are written
    text = sign + text.removeprefix(sign).lstrip().lstrip("¥￥$").replace(",", "").replace(" ", "").replace("\u00a0", "")
    text = text.removesuffix("%").removesuffix("元").removesuffix("倍")
    factor = 1
    if text and text[-1] in _MULTIPLIERS:
        factor, text = _MULTIPLIERS[text[-1]], text[:-1]
    if not _NUMBER.match(text):
        raise ValueError(f"not a number: {raw!r}")
    value = float(text) * factor
    if not abs(value) < LARGEST:  # (1e400 is infinite)
        raise TooLarge(f"too large to be an amount: {raw!r}")
    return tidy(value)


def refusal(error: ValueError, text: str, lang: Lang) -> str:
    """What the app says of a typed number it refuses (`error`, from parse_number)."""
    if isinstance(error, TooLarge):
        return tr("number_too_large", lang, value=text.strip(), limit=format_number(LARGEST))
    return tr("invalid_number", lang, value=text.strip())


def tidy(value: float) -> float | int:
    """An integral float as an int (so TOML shows `12000`, not `12000.0`), else rounded noise away."""
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return round(value, 10)


def format_number(value: float | int | None, decimals: int = 2) -> str:
    """`1234567.891` → `1,234,567.89`; trailing zeros dropped; None → ``."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


FIXED_DECIMALS = {"元": 2, "CNY": 2, "%": 2, "倍": 2, "人": 0, "单": 0, "件": 0, "次": 0, "名": 0}
"""Decimals always shown per unit: money to the cent (`661,308.70` beside `637,761.00`),
ratios alike, counts whole."""


def format_amount(value: float | int | None, unit: str) -> str:
    """A value in its unit (`元`, `%`, `人` …): a fixed number of decimals where the unit has
    one (see FIXED_DECIMALS), else as `format_number`; None → ``."""
    decimals = FIXED_DECIMALS.get(unit.strip())
    if value is None or decimals is None:
        return format_number(value)
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no -0.00


def signed(text: str, number: float) -> str:
    """`text` with a `+` before it when `number` is positive (a minus is already there)."""
    return ("+" if number > 0 else "") + text


def format_percent(ratio: float | None, decimals: int = 1) -> str:
    """0.9478 → `94.8%`."""
    if ratio is None:
        return ""
    return f"{ratio * 100:.{decimals}f}%"


_EIGHTHS = " ▏▎▍▌▋▊▉"


def text_bar(fraction: float | None, width: int = 10) -> str:
    """A bar of block characters `width` cells long when `fraction` is 1 (or more), in eighths
    of a cell: 0.5 → `█████`, 0.72 → `███████▎`; "" for None or nothing to draw."""
    if fraction is None or not math.isfinite(fraction) or fraction <= 0:
        return ""
    eighths = round(min(fraction, 1) * width * 8)
    return ("█" * (eighths // 8) + _EIGHTHS[eighths % 8]).rstrip()

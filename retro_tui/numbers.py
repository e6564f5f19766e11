"""Numbers as people type them, and as a report shows them."""

from __future__ import annotations

import math
import re

from .i18n import Lang, tr

FULL_WIDTH_FORMS = ("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
"""Digits and signs as a Chinese input method writes them, and as they are read."""
FULL_WIDTH = str.maketrans(*FULL_WIDTH_FORMS)
EMPTY = ["", "-", "--", "—", "n/a", "N/A", "null", "None"]
"""Written for no value, typed or in a file (a file has words of its own: see metrics.reader)."""
BOUNDS = "≤≥<>~约"
"""Written before a number that is a bound or a guess (`≤10%`, `>=5`, `约100`): the number is
read. (An `=` alone before it is a spreadsheet formula: not a number.)"""
MARKS = "¥￥$,%元倍"
"""Currency signs, thousands separators and units: left out wherever they stand, as white space is."""
WHITESPACE = "".join(chr(c) for c in (0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                                       *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
"""What Python's `str.strip()` and `\\s` take for white space (and pandas' `.str.strip()`)."""
MULTIPLIERS = {"万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000}
"""One of these after the number multiplies it (`1.2万` is 12,000)."""
BOUND_PATTERN = "^[" + BOUNDS + "][=" + BOUNDS + "]*"
MARK_PATTERN = "[" + MARKS + WHITESPACE + "]"
MULTIPLIED_PATTERN = "(?s)^(.*?)([" + "".join(MULTIPLIERS) + "]?)$"
NUMBER_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
"""The number rule, for a value typed and for a column of a file alike (`parse_number`, and
`metrics.reader.parse_numbers` and `metrics.duck.number_sql` column by column): white space
around it and full-width digits aside, a value written for none is none; else any bounds before
it and every mark are left out, one multiplier may follow, and what remains is a decimal number
(with an exponent, or not)."""
_BOUND = re.compile(BOUND_PATTERN)
_MARK = re.compile(MARK_PATTERN)
_MULTIPLIED = re.compile(MULTIPLIED_PATTERN)
_NUMBER = re.compile(NUMBER_PATTERN)


LARGEST = 10**13
"""Numbers this large (10 万亿) or larger are no shop's figure: more than a whole platform
sells in a year, they are a slip of the keyboard (`1e20`, a zero too many) or a pasted order
number. Below it a number still holds every cent (a float does up to 2**46 ≈ 7 × 10**13)."""


class TooLarge(ValueError):
    """A number too large to be a shop's figure (see LARGEST)."""


def parse_number(text: str) -> float | int | None:
    """`"¥1,234.50"` → 1234.5, `"-¥12"` → -12, `"1.2万"` → 12000, `"12.5%"` → 12.5, `"≤10%"` → 10,
    `"-"` → None (see NUMBER_PATTERN).

    A `%` sign is dropped: the value is in the unit the field declares (a `%` field holds
    12.5 for 12.5 %). Raises ValueError with the text when it is not a number (`NaN`, `inf`
    and `Infinity` are not), TooLarge when it is LARGEST or more.
    """
    raw = text
    text = text.strip().translate(FULL_WIDTH)
    if text in EMPTY:
        return None
    number, multiplier = _MULTIPLIED.match(_MARK.sub("", _BOUND.sub("", text))).groups()  # type: ignore[union-attr]
    if not _NUMBER.match(number):
        raise ValueError(f"not a number: {raw!r}")
    value = float(number) * MULTIPLIERS.get(multiplier, 1)
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

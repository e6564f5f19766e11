"""Platform export formats (`checklists/formats.yaml`): how a shop's download is recognised,
which platform it belongs to, and the rules that turn its rows into sales — and the names
channels go by."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import msgspec

from ..checklist import bundled_dir
from ..datafile import line_of, parse_struct, read_text
from ..i18n import Text, pick
from .catalogue import Catalogue, CatalogueError, normalize


class FormatsError(CatalogueError):
    """A formats file that cannot be used."""


class Refunds(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Where an export's refunds come from."""

    when: dict[str, list[str]] = {}
    """Field → statuses meaning the refund went through; any one of them holding counts."""
    whole_line: bool = False
    """The refund is the line's paid amount (the export says only that it was refunded)."""
    file: Text | None = None
    """The refunds are in another export (named here), imported beside the orders."""


class Format(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    label: Text
    download: Text
    kind: str
    platform: list[str] = []
    columns: list[str]
    """`A|B`: either column."""
    grain: Literal["order", "line", "sku-line"] = "line"
    fields: dict[str, list[str]] = {}
    order_level: list[str] = []
    weight: list[str] = []
    not_sales: list[str] = []
    unpaid_if_zero: list[str] = []
    plus: dict[str, list[str]] = {}
    """Field → columns whose values are added to it (a refund of postage to that of goods)."""
    prefer: dict[str, list[str]] = {}
    """Field → values: only the rows of the first value the file has count (one attribution window)."""
    refunds: Refunds | None = None
    tool: str | None = None
    skip: Text | None = None

    def matches(self, headers: set[str]) -> bool:
        return all(any(normalize(c) in headers for c in column.split("|")) for column in self.columns)

    def rule_fields(self) -> set[str]:
        """Fields the format's rules read besides the metrics' (statuses, unit prices)."""
        fields = {*self.weight, *(self.refunds.when if self.refunds else {}), *self.prefer}
        if self.not_sales or self.unpaid_if_zero:
            fields.add("status")
        return fields


class Formats(msgspec.Struct, forbid_unknown_fields=True, dict=True):
    id: str = "formats"
    version: int = 1
    channels: dict[str, list[str]] = {}
    formats: dict[str, Format] = {}

    def match(self, headers: list[str]) -> tuple[str, Format] | None:
        """The format of a file with these column headers (the most specific that fits)."""
        keys = {normalize(h) for h in headers if h}
        fitting = [(len(f.columns), fid, f) for fid, f in self.formats.items() if f.matches(keys)]
        if not fitting:
            return None
        _, format_id, found = max(fitting, key=lambda t: t[0])
        return format_id, found

    @cached_property
    def column_names(self) -> frozenset[str]:
        """Every column a format names (compared as the catalogue compares headers)."""
        names = {c for f in self.formats.values() for column in f.columns for c in column.split("|")}
        names |= {c for f in self.formats.values() for columns in [*f.fields.values(), *f.plus.values()] for c in columns}
        return frozenset(normalize(name) for name in names)

    @cached_property
    def _channel_names(self) -> dict[str, str]:
        return {channel_key(name): channel for channel, names in self.channels.items() for name in [channel, *names]}

    def channel(self, name: str) -> str:
        """A channel's name as the catalogue writes it (`Tmall`, `天貓`, `天猫商城` → 天猫);
        an unknown name comes back cleaned (NFKC, no spaces or zero-width characters)."""
        key = channel_key(name)
        return self._channel_names.get(key, clean_channel(name))


_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]+")


def clean_channel(name: str) -> str:
    """NFKC, without spaces or zero-width characters, traditional characters as simplified."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(name)))
    return _simplified(text) if not text.isascii() else text


def channel_key(name: str) -> str:
    return clean_channel(name).casefold()


@lru_cache(maxsize=256)
def _simplified(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def status_key(status: str) -> str:
    """An order status compared without width, spaces or a `(删除)` mark (JD's deleted orders)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(status)))
    return re.sub(r"^\(删除\)", "", text)


@lru_cache(maxsize=1)
def formats_path() -> Path:
    return bundled_dir() / "formats.yaml"


def user_formats_path() -> Path:
    """The user's own formats (beside their checklists): added to the bundled ones, and taking
    the place of a bundled format or channel of the same id."""
    import os

    return _user_formats_path(os.environ.get("XDG_DATA_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=4)
def _user_formats_path(*where: str | None) -> Path:
    """(Worked out once per data directory: an import asks for the formats many times.)"""
    from ..paths import user_checklist_dir

    return user_checklist_dir() / "formats.yaml"


def load(path: Path | None = None) -> Formats:
    """The bundled formats (or those of `path`) with the user's own, each checked against the
    metric catalogue."""
    user = user_formats_path()
    if path is None and user.is_file():
        return _load(formats_path(), user, user.stat().st_mtime_ns)  # read again once the user changes it
    return _load(path or formats_path(), None, 0)


@lru_cache(maxsize=8)
def _load(path: Path, user: Path | None, changed: int) -> Formats:
    formats = _read(path)
    if user is not None:
        own = _read(user, formats.channels)
        formats = Formats(formats.id, formats.version, formats.channels | own.channels, formats.formats | own.formats)
    return formats


def _read(path: Path, channels: dict[str, list[str]] | None = None) -> Formats:
    from .catalogue import load as load_catalogue

    text = read_text(path, FormatsError)
    formats = parse_struct(text, path, Formats, FormatsError)
    known = Formats(formats.id, formats.version, (channels or {}) | formats.channels, formats.formats)
    for where, message in _problems(known, load_catalogue()):
        raise FormatsError(path, line_of(text, where), where, message)
    return formats


def _problems(formats: Formats, catalogue: Catalogue):
    for format_id, found in formats.formats.items():
        where = f"formats.{format_id}"
        if found.kind not in catalogue.kinds:
            yield f"{where}.kind", f"unknown kind '{found.kind}'"
        for field in [*found.fields, *found.plus, *found.prefer, *found.order_level, *found.weight, *(found.refunds.when if found.refunds else {})]:
            if field not in catalogue.fields:
                yield f"{where}.fields", f"unknown field '{field}'"
        for name in found.platform:
            if name not in formats.channels:
                yield f"{where}.platform", f"unknown channel '{name}' (channels: {', '.join(formats.channels)})"
        if found.refunds and found.refunds.whole_line and found.refunds.file:
            yield f"{where}.refunds", "whole_line and file exclude each other"
        if (found.grain == "sku-line") != bool(found.order_level) and not found.skip:
            yield f"{where}.grain", "a sku-line export names its order_level amounts (and only it does)"


class ChannelUnclear(Exception):
    """A platform's export that serves several channels, in a workbook that has more than one
    of them: the user must say which (`--channel`)."""

    def __init__(self, found: Format, named: list[str], given: str | None = None):
        self.found, self.named = found, named
        label = pick(found.label, "en")
        if given:
            message = f"{label}: an export of {' or '.join(named)}, not of {given}"
        else:
            message = (f"{label}: an export of {' or '.join(named)}, and the workbook has both: say which channel it is "
                       "(--channel, or the import screen's channel)")
        super().__init__(message)


def file_channel(found: Format | None, channel: str | None, channels: tuple[str, ...] = ()) -> str | None:
    """The channel of every row of a file without a channel column: its format's platform; for
    an export that serves several (Taobao and Tmall), or of no known format, the one the user
    gave, else the one of them the workbook has (the first if it has none: the shop's figures
    are the same either way)."""
    formats = load()
    if found is not None and len(found.platform) == 1:
        return found.platform[0]  # a JD export is JD's, whatever channel was given for the others
    if channel:
        named = formats.channel(channel)
        if found is not None and found.platform and named not in found.platform:
            raise ChannelUnclear(found, found.platform, named)
        return named
    if found is None or not found.platform:
        return None
    known = {formats.channel(name) for name in channels}
    matching = [name for name in found.platform if name in known]
    if len(matching) > 1:
        raise ChannelUnclear(found, matching)
    return matching[0] if matching else None  # the workbook has none of them: the shop's figures need no channel


def format_fields(found: Format, headers: list[str], mapped: dict[str, str]) -> dict[str, str]:
    """Column → field for the columns the format names (those the user did not map): the first
    column found for a field is the field; the next ones are `field~1`, `field~2` (used where
    the first is empty), and columns added to a field are `field+1` …"""
    taken, columns = set(mapped.values()), {}
    for field, names in [*found.fields.items(), *(((f"{f}+", n) for f, n in found.plus.items()))]:
        if field in taken:
            continue
        present = [column for column in _present(names, headers) if column not in mapped and column not in columns]
        for index, column in enumerate(present):
            if field.endswith("+"):
                columns[column] = f"{field}{index + 1}"
            else:
                columns[column] = field if index == 0 else f"{field}~{index}"
    return columns


def _present(names: list[str], headers: list[str]) -> list[str]:
    by_key = {normalize(header): header for header in reversed(headers)}
    return [by_key[normalize(name)] for name in names if normalize(name) in by_key]


def normalize_channels(values):
    """A channel column with each name as the catalogue writes it (the column as it is when
    every name already is)."""
    formats = load()
    if all(formats.channel(name) == name for name in values.dropna().unique()):
        return values
    return _each_distinct(values, formats.channel)


def _each_distinct(values, rewrite):
    """A text column with `rewrite` applied to each distinct value once (a million rows, a
    handful of channel names or statuses)."""
    import pandas as pd

    codes, names = pd.factorize(values)
    rewritten = pd.array([rewrite(name) for name in names], dtype="string[pyarrow]")
    return pd.Series(rewritten.take(codes, allow_fill=True), index=values.index, dtype="string[pyarrow]")


def base_field(column: str) -> str:
    """`paid_at` of `paid_at~1` (a format's next column for the field) or `refund+1` (added to it)."""
    return column.split("~", 1)[0].split("+", 1)[0]


def apply_format(table, found: Format) -> None:
    """A platform export's rows as sales: the fields given by several columns made one, rows of
    statuses that are no sale left out (and counted), refunds as the export gives them, and
    order-level amounts repeated on each line spread over the lines."""
    import pandas as pd

    frame = table.frame
    for column in sorted(c for c in frame.columns if "~" in c or "+" in c):
        base = base_field(column)
        if "~" in column:  # the next column, where the first is empty
            frame[base] = frame[base].fillna(frame[column]) if base in frame else frame[column]
        else:  # added to the field
            frame[base] = frame[base].add(frame[column], fill_value=0) if base in frame else frame[column]
        frame = frame.drop(columns=column)
    if "status" in frame and (found.not_sales or found.unpaid_if_zero):
        keys = _status_keys(frame["status"])
        drop = keys.isin([status_key(s) for s in found.not_sales])
        if found.unpaid_if_zero and "paid_amount" in frame:
            drop |= keys.isin([status_key(s) for s in found.unpaid_if_zero]) & frame["paid_amount"].fillna(0).eq(0)
        drop = drop.fillna(False).astype(bool)
        if drop.any():
            table.left_out["not_sales"] = int(drop.sum())
            frame = frame[~drop.to_numpy()]
    for field, values in found.prefer.items():
        if field in frame:
            keys = _status_keys(frame[field])
            kept = next((value for value in map(status_key, values) if keys.eq(value).any()), None)
            if kept is not None:
                other = keys.ne(kept).fillna(True).to_numpy()
                if other.any():
                    table.left_out["other_window"] = int(other.sum())
                    frame = frame[~other]
    refunds = found.refunds
    if refunds is not None and not refunds.file:
        source = frame.get("paid_amount") if refunds.whole_line else frame.get("refund")
        if source is not None:
            succeeded = pd.Series(not refunds.when, index=frame.index)
            for field, values in refunds.when.items():
                if field in frame:
                    succeeded |= _status_keys(frame[field]).isin([status_key(v) for v in values]).fillna(False).astype(bool)
            frame = frame.assign(refund=source.where(succeeded.to_numpy(), 0.0).fillna(0.0))
    if found.order_level and "order_id" in frame:
        weight = pd.Series(1.0, index=frame.index)
        for field in found.weight:
            weight = weight * frame[field].fillna(0) if field in frame else weight
        frame = frame.assign(**{field: spread(frame["order_id"], frame[field], weight)
                                for field in found.order_level if field in frame})
    if found.tool and "tool" not in frame and "channel" not in frame:  # a platform's own report, not a shop's of many
        frame = frame.assign(tool=constant(found.tool, frame.index))
    table.frame = frame


def constant(value: str, index):
    """A text column holding one value on every row (a file's channel, a report's ad tool)."""
    import pandas as pd

    return pd.Series(value, index=index, dtype="string[pyarrow]")


def _status_keys(values):
    return _each_distinct(values, status_key)


def spread(orders, amounts, weights):
    """An amount repeated on the lines of an order (blank on some of them, or not), shared out
    over its lines in proportion to `weights` (equally where they are all 0), to the cent: the
    lines add up to the amount once. An order whose lines give different amounts, or a line of
    no order, keeps its values as they are."""
    import numpy as np
    import pandas as pd

    codes, _ = pd.factorize(orders)
    by = pd.Series(np.where(codes >= 0, codes, np.nan), index=amounts.index)  # no order: in no group
    grouped = amounts.groupby(by)
    low, high = grouped.transform("min"), grouped.transform("max")
    repeated = (low.notna() & (low == high)).to_numpy()
    w = weights.astype("float64").replace([np.inf, -np.inf], 0).fillna(0).clip(lower=0)
    w = w.where(w.groupby(by).transform("sum") > 0, 1.0)
    cents = (low * 100).round()
    share = np.floor(cents * w / w.groupby(by).transform("sum"))
    rest = cents - share.groupby(by).transform("sum")
    share = share + (amounts.groupby(by).cumcount() < rest).astype("float64")
    return (share / 100).where(repeated, amounts)

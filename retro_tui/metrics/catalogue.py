"""The metric catalogue (`checklists/metrics.yaml`): canonical fields and their aliases, the
kinds of file, and how each metric is computed."""

from __future__ import annotations

import ast
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import msgspec

from ..checklist import bundled_dir
from ..datafile import DataFileError, line_of, parse_struct, read_text
from ..i18n import Lang, Text, pick

FieldType = Literal["id", "text", "money", "number", "datetime", "date", "month", "percent"]
Filter = Literal["paid", "returning", "kept"]


FILTER_FIELDS = {"paid": {"paid_at"}, "returning": {"paid_at", "buyer_id"},
                 "kept": {"paid_at", "paid_amount", "shipping", "refund"}}
"""The fields each filter looks at."""


class CatalogueError(DataFileError):
    """A metric catalogue that cannot be used."""


class Field(msgspec.Struct, forbid_unknown_fields=True):
    type: FieldType
    aliases: list[str]
    """Column names that mean this field, in any language (compared without case, spaces,
    quotes or a unit in brackets)."""


class Kind(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    label: Text
    required: list[str]
    time: str | None = None
    """The field that places a row in time; rows outside the period are left out."""
    monthly: bool = False
    """Rows are whole months: one counts only if the period holds all of it."""
    adds_up: bool = False
    """Files of this kind imported at different times all count (lists of customers, targets);
    otherwise a new file replaces an earlier one over the same days."""
    key: list[str] = []
    """The fields that make a row the same row in another file of the kind (those a file has):
    of two such rows, the later import's counts."""
    attributes: list[str] = []
    """Fields describing each row that a target row may narrow by (`product: {season: 春夏}`)
    and that rows of other kinds take from it by SKU (a product master's season, unit cost)."""


class TargetWords(msgspec.Struct, forbid_unknown_fields=True):
    """Words that, around a metric's name, make a column of targets or of last year's values."""

    target: list[str]
    last_year: list[str]


class Metric(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    label: Text
    unit: str = ""
    aliases: list[str] = []
    """Other names of the metric, as a targets file may write them."""
    sum: str | None = None
    distinct: str | None = None
    of: str | None = None
    """The kind of file whose rows are summed or counted."""
    times: str | None = None
    """With `sum`: each row's value times this field, from the row or else from the product
    master by SKU (units × unit cost)."""
    where: Filter | None = None
    """`paid`: rows with a payment time; `returning`: paid rows of customers from earlier years;
    `kept`: paid rows not refunded in full (the goods were kept)."""
    formula: str | None = None
    """Arithmetic over other metrics' ids, e.g. `(net-sales - cost-product) / net-sales * 100`."""
    first: list[str] = []
    """The first of these metrics that has a value (the same figure from other files)."""
    growth: str | None = None
    """Growth of that metric over the same period a year before, in %."""
    additive: bool | None = None
    """Whether values over parts (months, channels) add up to the whole; by default true of
    sums and of + and − over them. Orders are: each belongs to one month and one channel."""
    manual: bool = False
    """Not in any export (market share, staff turnover): targets files may give its target,
    the actual is typed."""
    signed: bool | None = None
    """Whether a value may be below zero; by default true of a growth, of a difference (a
    formula with −: profit, a margin) and of what is computed from one (see Catalogue.signed)."""

    def parts(self) -> list[str]:
        """The metrics this one is computed from."""
        if self.formula:
            return formula_names(self.formula)
        return [self.growth] if self.growth else list(self.first)

    def names(self) -> list[str]:
        """Every name the metric goes by, in both languages."""
        label = self.label
        names = [label] if isinstance(label, str) else [label.zh, label.en]
        return names + self.aliases


class Catalogue(msgspec.Struct, forbid_unknown_fields=True, dict=True):
    id: str
    version: int
    fields: dict[str, Field]
    kinds: dict[str, Kind]
    metrics: dict[str, Metric]
    derived: list[str] = []
    """Columns that are ratios of others: recognised, never read (the metrics recompute them)."""
    target_words: TargetWords = msgspec.field(default_factory=lambda: TargetWords([], []))

    KEYS = ("channel", "sku")
    """Fields that split any kind's rows, read whenever a file has them."""

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return {normalize(alias): field_id for field_id, field in self.fields.items() for alias in [field_id, *field.aliases]}

    def field_for(self, header: str) -> str | None:
        """The canonical field a column header names, if any."""
        return self._aliases.get(normalize(header))

    @cached_property
    def _metric_names(self) -> dict[str, str]:
        return {normalize(n): metric_id for metric_id, metric in reversed(self.metrics.items())
                for n in [metric_id, *metric.names()]}

    def metric_for(self, name: str) -> str | None:
        """The metric a targets file's row names (by id, label or alias), if any."""
        return self._metric_names.get(normalize(name))

    def is_derived(self, header: str) -> bool:
        return normalize(header) in {normalize(h) for h in self.derived}

    def wide_target(self, header: str) -> tuple[str, str] | None:
        """(metric, `target` or `last_year`) for a column such as `销售额目标`, `目标销售额`,
        `去年同期销售额` or `Sales target`; None for any other column."""
        key = normalize(header)
        for role in ("last_year", "target"):
            for word in sorted(getattr(self.target_words, role), key=len, reverse=True):
                word = normalize(word)
                for rest in (key.removeprefix(word), key.removesuffix(word)):
                    if rest != key and (metric := self.metric_for(rest.strip())):
                        return metric, role
        return None

    def additive(self, metric_id: str) -> bool:
        """Whether values over parts of a period add up to the whole (sums, and + − of sums)."""
        metric = self.metrics[metric_id]
        if metric.additive is not None:
            return metric.additive
        if metric.sum:
            return True
        if metric.formula:
            return not re.search(r"[*/]", metric.formula) and all(self.additive(m) for m in metric.parts())
        return bool(metric.first) and all(self.additive(m) for m in metric.first)

    def signed(self, metric_id: str) -> bool:
        """Whether a value of the metric may be below zero (a sales amount, a count or a cost
        may not: one typed below zero is said, see signs.py)."""
        metric = self.metrics[metric_id]
        if metric.signed is not None:
            return metric.signed
        if metric.growth or "-" in _FORMULA_NAME.sub("", metric.formula or ""):
            return True
        return any(self.signed(part) for part in metric.parts() if part in self.metrics)

    def needed_fields(self, kind: str) -> set[str]:
        """The fields a file of `kind` must be read for: its required ones, those its metrics
        sum, count or filter on (reading only these keeps large files fast) and those that tell
        its rows from another file's (see Kind.key)."""
        spec = self.kinds[kind]
        needed: set[str] = {*spec.required, *self.KEYS, *([spec.time] if spec.time else []), *spec.attributes, *spec.key}
        if kind == "targets":
            needed |= {"last_year", "month", "campaign", "start", "end"}
        for metric in self.metrics.values():
            if metric.of == kind:
                if counted := metric.sum or metric.distinct:
                    needed.add(counted)
                needed |= FILTER_FIELDS.get(metric.where or "", set())
                if metric.times:
                    needed.add(metric.times)
        return needed & set(self.fields)

    def kind_label(self, kind: str, lang: Lang) -> str:
        return pick(self.kinds[kind].label, lang)


_UNIT = re.compile(r"[（(][^（）()]*[)）]$")


def normalize(header: str) -> str:
    """`"订单付款时间 "`, `"用户实付金额(元)"`, `"Paid Amount"` → comparable keys."""
    text = str(header).replace("\u3000", " ").replace("\ufeff", "").strip().strip("\"'")
    text = _UNIT.sub("", text).strip()
    return re.sub(r"[\s_]+", " ", text).casefold()


def catalogue_path() -> Path:
    return bundled_dir() / "metrics.yaml"


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue (the bundled one by default)."""
    path = path or catalogue_path()
    text = read_text(path, CatalogueError)
    catalogue = parse_struct(text, path, Catalogue, CatalogueError)
    for where, message in _problems(catalogue):
        raise CatalogueError(path, line_of(text, where), where, message)
    return catalogue


_FORMULA_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def formula_names(formula: str) -> list[str]:
    """The metric ids a formula uses (ids may contain '-': `net-sales - refunds`)."""
    return _FORMULA_NAME.findall(formula)


def evaluate_formula(formula: str, values: dict[str, float | None]) -> float | None:
    """A formula's value; None when a part is missing or a division by zero would happen."""
    names = formula_names(formula)
    expression = formula
    for index, name in sorted(enumerate(names), key=lambda pair: -len(pair[1])):
        expression = re.sub(rf"(?<![a-z0-9-]){re.escape(name)}(?![a-z0-9-])", f"_v{index}", expression)
    env = {f"_v{index}": values.get(name) for index, name in enumerate(names)}
    if any(value is None for value in env.values()):
        return None
    try:
        return _eval(ast.parse(expression, mode="eval").body, env)
    except ZeroDivisionError:
        return None


def _eval(node: ast.AST, env: dict[str, float | None]) -> float:
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
        left, right = _eval(node.left, env), _eval(node.right, env)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, env)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in env:
        return float(env[node.id])  # type: ignore[arg-type]
    raise ValueError("only numbers, metric ids, + - * / and parentheses are allowed")


def _problems(catalogue: Catalogue):
    for kind_id, kind in catalogue.kinds.items():
        for field in kind.required:
            if field not in catalogue.fields:
                yield f"kinds.{kind_id}.required", f"unknown field '{field}'"
    for kind_id, kind in catalogue.kinds.items():
        if kind.time is not None and kind.time not in catalogue.fields:
            yield f"kinds.{kind_id}.time", f"unknown field '{kind.time}'"
        for name in ("attributes", "key"):
            for field in getattr(kind, name):
                if field not in catalogue.fields:
                    yield f"kinds.{kind_id}.{name}", f"unknown field '{field}'"
    for metric_id, metric in catalogue.metrics.items():
        where = f"metrics.{metric_id}"
        ways = [way for way in (metric.sum, metric.distinct, metric.formula, metric.first, metric.growth,
                                metric.manual) if way]
        if len(ways) != 1:
            yield where, "needs exactly one of sum, distinct, formula, first, growth, manual"
        elif metric.first or metric.growth:
            for name in metric.parts():
                if name not in catalogue.metrics:
                    yield f"{where}.{'first' if metric.first else 'growth'}", f"unknown metric '{name}'"
        elif metric.formula:
            for name in formula_names(metric.formula):
                if name not in catalogue.metrics:
                    yield f"{where}.formula", f"unknown metric '{name}'"
            try:
                evaluate_formula(metric.formula, dict.fromkeys(formula_names(metric.formula), 1.0))
            except (SyntaxError, ValueError) as exc:
                yield f"{where}.formula", str(exc)
        elif not metric.manual:
            if metric.of not in catalogue.kinds:
                yield f"{where}.of", f"unknown kind '{metric.of}'"
            for named in (metric.sum or metric.distinct, *([metric.times] if metric.times else [])):
                if named not in catalogue.fields:
                    yield where, f"unknown field '{named}'"

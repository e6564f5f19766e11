"""Typed answers (retro_tui/answers.py): a targets row and a sales-gap split are read as types,
written back in the layout the file already has, and refused with the key a person must fix."""

from __future__ import annotations

import pytest

from retro_tui.answers import GapSplit, Record, TargetValues, problem
from retro_tui.checklist import TargetsItem
from retro_tui.workbook import Workbook


def test_the_demo_s_answers_read_as_types_and_write_back_to_the_same_text(demo_copy):
    book = Workbook.load(demo_copy, for_editing=True)
    before = book.dumps()
    rows = 0
    for section in book.checklist.sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                for row in item.rows:
                    values = book.target_row(section.id, item.id, row.id)
                    assert isinstance(values, TargetValues)
                    for field, files in values.sources().items():  # set again as the import set it
                        book.set_target(section.id, item.id, row.id, field, getattr(values, field), files)
                        rows += 1
    assert rows > 20  # the demo's imported values, every one written again
    assert book.dumps() == before
    split = book.gap("goals", "sales-gap")
    assert isinstance(split, GapSplit) and split.visitors is not None and split.months
    book.set_gap("goals", "sales-gap", split)
    assert book.dumps() == before


def test_a_value_set_keeps_the_row_s_other_keys_its_integers_and_its_unknown_keys(tmp_path, demo_copy):
    text = demo_copy.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("sales = {target = "))
    edited = row.replace("{target = ", '{note = "手填", target = ', 1)
    demo_copy.write_text(text.replace(row, edited), encoding="utf-8")
    book = Workbook.load(demo_copy, for_editing=True)
    before = book.target_row("goals", "targets", "sales")
    assert isinstance(before.target, int)  # as written: 6190000, not 6190000.0
    book.set_target("goals", "targets", "sales", "actual", 1.5)
    after = book.target_row("goals", "targets", "sales")
    assert (after.target, after.actual, after.actual_from) == (before.target, 1.5, None)  # typed by hand now
    line = next(line for line in book.dumps().splitlines() if line.startswith("sales = "))
    assert line == (f'sales = {{target = {before.target}, actual = 1.5, last_year = {before.last_year}, '
                    'target_from = ["targets_annual.csv"], last_year_from = ["targets_annual.csv"], note = "手填"}')
    book.set_target("goals", "targets", "sales", "target", None)
    book.set_target("goals", "targets", "sales", "actual", None)
    assert "note" in book.value("goals", "targets")["sales"]  # a key the app does not know survives


@pytest.mark.parametrize("value, said", [
    ({"target": "lots"}, "sales.target: expected a number, got 'lots'"),
    ({"actual": True}, "sales.actual: expected a number, got True"),
    ({"actual": float("inf")}, "sales.actual: expected a number, got inf"),
    ({"target_from": "orders.csv"}, "sales.target_from: expected a list of file names, got 'orders.csv'"),
    ({"monthly": {"2025-01": "多"}}, "sales.monthly: expected a table of month = number"),
    ({"actual_lacking": [3]}, "sales.actual_lacking: expected a list of file names"),
    (7, "sales: expected `{ target = …, actual = … }`"),
])
def test_a_targets_row_that_is_not_one_is_refused_with_its_key(value, said):
    found = problem(TargetValues, value, "sales")
    assert found == said and found.key == "sales"


@pytest.mark.parametrize("value, said", [
    ({"target": 1}, "expected a table with target and actual sales"),
    ({"target": 1, "actual": "x"}, "actual: expected a number, got 'x'"),
    ({"target": 1, "actual": 2, "aov": {"target": 1}}, "aov: expected `{ target = …, actual = …, contribution = … }`"),
    ({"target": 1, "actual": 2, "months": ["2025-01", 2]}, "months: expected a list of names"),
])
def test_a_gap_split_that_is_not_one_is_refused_with_its_key(value, said):
    assert problem(GapSplit, value).startswith(said)
    assert problem(GapSplit, {"target": 1, "actual": 2.5, "plan": {"contribution": 0}}) is None


def test_a_records_row_says_which_values_were_imported_and_a_value_typed_over_one_is_typed(demo_copy):
    book = Workbook.load(demo_copy, for_editing=True)
    rows = book.records("timeline", "events")
    index, row = next((i, row) for i, row in enumerate(rows) if row.sources("sales"))
    assert isinstance(row, Record) and row.sources("sales") == ["orders.csv"]
    assert row.sources("event") is None  # typed
    book.set_cell("timeline", "events", index, "sales", 123)
    typed = book.records("timeline", "events")[index]
    assert typed["sales"] == 123 and typed.sources("sales") is None  # the next import keeps it
    book.set_cell("timeline", "events", index, "sales", 456.5, ["orders.csv", "京东订单.xls"])
    assert book.records("timeline", "events")[index].sources("sales") == ["orders.csv", "京东订单.xls"]
    book.set_cell("timeline", "events", index, "sales", None, ["orders.csv"])  # emptied: no files either
    assert "sales" not in book.records("timeline", "events")[index]
    assert book.records("timeline", "events")[index].sources("sales") is None

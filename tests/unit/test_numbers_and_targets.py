"""Numbers as typed, and the computed columns of a target row."""

from __future__ import annotations

import pytest

from retro_tui.numbers import TooLarge, format_number, format_percent, parse_number, refusal
from retro_tui.targets import evaluate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234", 1234), ("¥1,234.50", 1234.5), ("￥36,059.25", 36059.25), ("1.2万", 12000),
        ("3.4亿", 340_000_000), ("12.5%", 12.5), ("-7.5", -7.5), ("１２３", 123), ("-", None),
        ("--", None), ("", None), ("  42  ", 42), ("6,470,283.44元", 6470283.44),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12a", "万", "nan", "inf", "1e999"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text", ["NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "∞", "1e", "e5"])
def test_nan_and_infinity_typed_are_not_numbers(text):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert not isinstance(info.value, TooLarge) and str(info.value) == f"not a number: {text!r}"
    assert refusal(info.value, f" {text} ", "zh") == f"不是数字：{text}"
    assert refusal(info.value, text, "en") == f"not a number: {text}"


@pytest.mark.parametrize("text", ["1e20", "1e13", "-1e13", "10,000,000,000,000", "100000亿", "-¥1e15", "1e400"])
def test_a_number_too_large_for_any_shop_is_refused_as_such(text):
    with pytest.raises(TooLarge) as info:
        parse_number(text)
    assert str(info.value) == f"too large to be an amount: {text!r}"
    assert refusal(info.value, text, "en") == f"too large to be an amount: {text} (10,000,000,000,000 or more); check the digits"
    assert refusal(info.value, text, "zh") == f"数字太大，不会是金额：{text}（10,000,000,000,000 及以上），请核对位数"


def test_the_largest_figures_a_shop_may_have_are_read_to_the_cent():
    assert parse_number("9,999,999,999,999.99") == 9999999999999.99
    assert parse_number("-99999亿") == -9_999_900_000_000
    assert f"{parse_number('9999999999999.99') - 9999999999999:.2f}" == "0.99"


def test_format_number_and_percent():
    assert format_number(6470283.44) == "6,470,283.44"
    assert format_number(6190000) == "6,190,000"
    assert format_number(0.5) == "0.5"
    assert format_number(None) == ""
    assert format_percent(1.04528) == "104.5%"


def test_higher_is_better():
    result = evaluate(6190000, 6470283.44, "higher")
    assert result.status == "met"
    assert result.variance == pytest.approx(280283.44)
    assert result.completion == pytest.approx(6470283.44 / 6190000)
    assert evaluate(9980, 9019, "higher").status == "missed"


def test_lower_is_better_inverts_completion_and_status():
    assert evaluate(10, 12.5, "lower").status == "missed"
    assert evaluate(10, 12.5, "lower").completion == pytest.approx(0.8)
    under_budget = evaluate(600000, 595291, "lower")
    assert under_budget.status == "met" and under_budget.completion > 1


def test_missing_values_are_pending_not_zero():
    assert evaluate(None, 5, "higher") == evaluate(5, None, "higher") == evaluate(None, None, "lower")
    assert evaluate(None, 5, "higher").status == "pending"
    assert evaluate(5, None, "higher").variance is None and evaluate(5, None, "higher").completion is None


@pytest.mark.parametrize("target", [0, -100])
def test_zero_or_negative_target_has_status_but_no_completion(target):
    result = evaluate(target, 50, "higher")
    assert result.completion is None and result.reason == "reason_target_not_positive"
    assert result.status == "met"
    assert evaluate(target, target - 1, "higher").status == "missed"


def test_lower_is_better_with_zero_actual():
    result = evaluate(100, 0, "lower")
    assert result.status == "met" and result.completion is None and result.reason == "reason_actual_zero"


def test_the_completion_bar_fills_in_proportion_and_takes_the_status_colour():
    from retro_tui.ui.widgets.targets_table import completion_bar

    half = completion_bar("  50.0%", 0.5, "missed")
    assert [(span.start, span.end, str(span.style)) for span in half.spans] == [(0, 4, "on dark_red")]
    over = completion_bar(" 104.5%", 1.045, "met")
    assert [(span.start, span.end, str(span.style)) for span in over.spans] == [(0, 7, "on dark_green")]
    assert completion_bar("      —", None, "met").spans == []


@pytest.mark.parametrize("fraction, bar", [
    (None, ""), (0, ""), (-0.3, ""), (float("nan"), ""), (0.5, "█████"), (0.72, "███████▎"),
    (0.999, "██████████"), (1.8, "██████████"), (0.005, ""), (0.01, "▏"),
])
def test_text_bar_is_ten_cells_at_full_in_eighths(fraction, bar):
    from retro_tui.numbers import text_bar

    assert text_bar(fraction) == bar
    assert len(text_bar(fraction, 20)) <= 20


@pytest.mark.parametrize("label, unit, lang, shown", [
    ("销售额", "元", "zh", "销售额（元）"), ("Sales", "CNY", "en", "Sales (CNY)"), ("Paid orders", "orders", "en", "Paid orders"),
    ("SKU · units", "units", "en", "SKU · units"), ("Category rank", "rank", "en", "Category rank"),
    ("支付订单数", "单", "zh", "支付订单数（单）"), ("ROI", "", "en", "ROI"),
])
def test_a_label_carries_its_unit_unless_it_already_ends_with_it(label, unit, lang, shown):
    from retro_tui.i18n import label_with_unit

    assert label_with_unit(label, unit, lang) == shown


@pytest.mark.parametrize("formula", ["=1", "=1+2", "=SUM(A1:A3)", "＝1"])
def test_a_spreadsheet_formula_is_not_a_number(formula):
    with pytest.raises(ValueError, match="not a number"):  # as the README says: a formula's result is typed, not the formula
        parse_number(formula)

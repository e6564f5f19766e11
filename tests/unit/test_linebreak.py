"""Chinese broken into lines between characters, with the usual rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retro_tui.linebreak import CLOSING, OPENING, cell_len, wrap

GUIDE = "一行一个问题。写清发生在哪个环节（备货、客服、物流、推广、设计、平台规则……）以及造成了什么影响。GMV 同比 +32%"


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one():
    for width in range(6, 60):
        lines = wrap(GUIDE, width)
        assert "".join(lines).replace(" ", "") == GUIDE.replace(" ", "")  # nothing lost, nothing added
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in CLOSING for line in lines[1:] if line)
        assert not any(line[-1] in OPENING for line in lines if line)


def test_a_word_or_a_number_stays_whole_and_english_breaks_at_spaces():
    assert wrap("GMV 同比 +32%，¥1,234.50 元", 12) == ["GMV 同比", "+32%，", "¥1,234.50 元"]
    assert wrap("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert wrap("第一段\n第二段", 20) == ["第一段", "第二段"]


def test_a_straight_quote_stays_with_the_word_it_opens_or_closes():
    text = 'rounded from it. "Plan rounding" is the target'
    for width in range(10, 30):  # (each word fits a line)
        lines = wrap(text, width)
        assert not any(line.endswith(' "') or line == '"' for line in lines), lines  # an opening quote never ends a line
        assert not any(line.startswith('" ') for line in lines), lines  # nor a closing one starts it
    assert wrap(text, 18) == ["rounded from it.", '"Plan rounding" is', "the target"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="复盘目标。，、（）ab1 ", max_size=80), st.integers(min_value=2, max_value=30))
def test_every_line_fits_and_every_character_is_kept(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")

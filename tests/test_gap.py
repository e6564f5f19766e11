"""The sales-gap decomposition: visitors × conversion × AOV."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro_tui.gap import FACTORS, decompose

positive = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)
sides = st.fixed_dictionaries({"visitors": st.integers(1, 10**7).map(float), "conversion": st.floats(0.01, 100),
                               "aov": positive})


@settings(max_examples=300, deadline=None)
@given(sides, sides)
def test_the_contributions_add_up_to_the_gap(base, actual):
    gap = decompose(base, actual)
    assert math.isclose(sum(gap.contributions.values()), gap.total, rel_tol=1e-9, abs_tol=1e-6)
    assert sum(gap.in_cents().values()) == round(gap.actual * 100) - round(gap.base * 100)  # exactly, as shown


@settings(max_examples=100, deadline=None)
@given(sides, sides, st.sampled_from(FACTORS))
def test_a_factor_that_did_not_change_contributes_nothing(base, actual, same):
    actual = {**actual, same: base[same]}
    assert decompose(base, actual).contributions[same] == 0


def test_the_tmall_january_gap_from_the_sample_targets():
    # Tmall, January 2025: visitors 9,248 × 2.69% × 607 元 planned
    gap = decompose({"visitors": 9248, "conversion": 2.69, "aov": 607}, {"visitors": 10000, "conversion": 2.5, "aov": 505.51})
    assert gap.base == pytest.approx(9248 * 0.0269 * 607)
    assert gap.contributions["visitors"] > 0 > gap.contributions["aov"] and gap.contributions["conversion"] < 0


@pytest.mark.parametrize("missing", [{"visitors": None}, {"conversion": 0}, {"aov": -5}])
def test_no_split_without_every_factor_positive(missing):
    base = {"visitors": 100, "conversion": 2, "aov": 300}
    assert decompose(base, {**base, **missing}) is None

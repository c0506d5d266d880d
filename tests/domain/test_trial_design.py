"""The trial's design and its seeded draw."""

from __future__ import annotations

from collections import Counter

import pytest

from rlstracker.domain.trial import TrialDesign, design_problems, draw_orders
from rlstracker.domain.trial.design import Condition, period_conditions


def test_the_default_design_is_four_pairs_of_weeks_with_a_meaningful_difference_of_1_5():
    design = TrialDesign()
    assert (design.pairs, design.period_nights, design.min_difference, design.blind) == (
        4,
        7,
        1.5,
        False,
    )
    assert (design.periods, design.planned_nights, design.period_word) == (8, 56, "week")
    assert design_problems(design) == []


@pytest.mark.parametrize(
    ("design", "field"),
    [
        (TrialDesign(pairs=2), "pairs"),
        (TrialDesign(pairs=7), "pairs"),
        (TrialDesign(period_nights=5), "period_nights"),
        (TrialDesign(period_nights=13), "period_nights"),
        (TrialDesign(period_nights=14), "period_nights"),
        (TrialDesign(min_difference=0.4), "min_difference"),
        (TrialDesign(min_difference=5.5), "min_difference"),
    ],
)
def test_values_outside_the_bounds_are_refused_by_name(design, field):
    assert [name for name, _ in design_problems(design)] == [field]


def test_a_period_of_13_nights_is_refused_because_the_guide_would_count_a_break():
    (why,) = [why for _, why in design_problems(TrialDesign(period_nights=13))]
    assert "break" in why and "start dose" in why


@pytest.mark.parametrize("pairs", [3, 4, 5, 6])
@pytest.mark.parametrize("nights", [6, 7, 12])
def test_the_bounds_themselves_are_allowed(pairs, nights):
    assert design_problems(TrialDesign(pairs=pairs, period_nights=nights)) == []


def test_the_draw_is_the_same_from_the_same_seed_on_any_computer():
    # Pinned: a stored trial must draw the same schedule after any update of the app.
    assert draw_orders(12345, 6) == (True, True, False, True, True, True)
    assert draw_orders(12345, 4) == draw_orders(12345, 6)[:4]
    assert draw_orders(1, 4) == draw_orders(1, 4)


def test_every_pair_is_one_period_on_and_one_off():
    for seed in range(50):
        conditions = period_conditions(seed, 5)
        for pair in range(5):
            assert set(conditions[2 * pair : 2 * pair + 2]) == {Condition.ON, Condition.OFF}


def test_each_of_the_sixteen_orders_of_four_pairs_is_about_equally_likely():
    counts = Counter(draw_orders(seed, 4) for seed in range(3200))
    assert len(counts) == 16
    # 200 expected each; a fair draw stays well inside this band (about 5 standard deviations).
    assert all(130 <= count <= 270 for count in counts.values()), counts

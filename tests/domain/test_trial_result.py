"""The trial's analysis: a hand calculation, and the randomisation test's exactness."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlstracker.domain.trial import TrialDesign, Verdict, advance, view
from rlstracker.domain.trial.result import (
    CHANCE_EACH_WAY,
    INTERVAL_LEVEL,
    randomisation_interval,
    randomisation_test,
    result_lines,
    verdict_for,
)
from tests.domain.builders import night
from tests.domain.test_trial_periods import seed_for
from tests.domain.trial_sim import STEADY_MG, new_trial

S = date(2026, 5, 4)
DAY = timedelta(days=1)


def test_the_verdict_matches_a_hand_calculation():
    """Four pairs; each period's four counted nights (after three settling nights) given."""
    trial = new_trial(S, seed_for("+--+-++-"))
    counted = [
        [2, 3, 2, 3],  # pair 1, on: mean 2.5
        [5, 4, 5, 4],  # pair 1, off: 4.5 -> difference +2.0
        [6, 5, 6, 5],  # pair 2, off: 5.5
        [3, 2, 2, 3],  # pair 2, on: 2.5 -> +3.0
        [4, 4, 3, 3],  # pair 3, off: 3.5
        [3, 2, 3, 2],  # pair 3, on: 2.5 -> +1.0
        [2, 1, 2, 1],  # pair 4, on: 1.5
        [4, 4, 4, 4],  # pair 4, off: 4.0 -> +2.5
    ]
    nights = []
    for period, severities in enumerate(counted):
        first = S + 7 * period * DAY
        dose = STEADY_MG if "+--+-++-"[period] == "+" else 0
        # Settling nights, left out; where two periods without meet, the first has one dose.
        bridge = period == 2
        nights += [
            night(first + k * DAY, STEADY_MG if bridge and k == 0 else dose, 9) for k in range(3)
        ]
        nights += [night(first + (3 + k) * DAY, dose, s) for k, s in enumerate(severities)]
    trial = advance(trial, nights, S + 56 * DAY)
    result = view(trial, nights, S + 56 * DAY).result
    assert result is not None
    assert [p.difference for p in result.pairs] == [2.0, 3.0, 1.0, 2.5]
    # By hand: mean (2 + 3 + 1 + 2.5) / 4 = 2.125. Of the 16 sign patterns, only "all +"
    # reaches +8.5 in sum, and only "all -" reaches -8.5: p two-sided 2/16, one-sided 1/16.
    assert result.difference == pytest.approx(2.125)
    assert (result.test.orders, result.test.as_large_either_way, result.test.as_high) == (16, 2, 1)
    assert result.test.p_value == 0.125
    # The interval at 1 in 8 each side: 16/8 - 1 = 1 subset may fall below its lower end, so
    # it is the second smallest of the 15 subset means (1.0, 1.5, 1.75, 1.83, 2.0, ...), and
    # the upper end the second largest (3.0, 2.75, ...).
    assert result.interval == pytest.approx((1.5, 2.75))
    assert result.verdict is Verdict.BETTER  # 2.125 >= 1.5 and 1/16 <= 1/8
    assert result.to_json() == {
        "difference": 2.12,
        "interval": [1.5, 2.75],
        "p_value": 0.125,
        "verdict": "better",
    }
    text = " ".join(result_lines(result))
    assert "Better on magnesium" in text and "can't prove" in text and "75% interval" in text


def brute_force(differences):
    """An independent count: swap the on/off labels of every subset of pairs."""
    k = len(differences)
    observed = Fraction(sum(differences))
    higher = either = 0
    for flipped in itertools.chain.from_iterable(
        itertools.combinations(range(k), r) for r in range(k + 1)
    ):
        total = sum(-d if i in flipped else d for i, d in enumerate(differences))
        higher += total >= observed
        either += abs(total) >= abs(observed)
    return higher, either, 2**k


# Pair differences are differences of means of whole numbers: quarters and thirds are typical.
differences = st.lists(st.integers(-40, 40).map(lambda n: Fraction(n, 4)), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(differences)
def test_the_p_value_is_the_exact_share_of_all_2_to_the_k_orders(values):
    test = randomisation_test([float(v) for v in values])
    higher, either, orders = brute_force(values)
    assert (test.orders, test.as_high, test.as_large_either_way) == (orders, higher, either)
    assert test.p_value >= 2 / orders or test.p_value == 1.0 or sum(values) == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=3, max_size=6))
def test_with_no_effect_better_comes_at_most_at_the_tests_level(magnitudes):
    """With no effect, every sign pattern of the pair differences is equally likely. Over all
    of them, the verdict "better" (even with no meaningful difference asked) comes in at most
    1 in 8: the randomisation test is exact."""
    patterns = list(itertools.product((1, -1), repeat=len(magnitudes)))
    better = sum(
        verdict_for(
            sum(s * m for s, m in zip(signs, magnitudes, strict=True)) / len(magnitudes),
            randomisation_test([s * m for s, m in zip(signs, magnitudes, strict=True)]),
            min_difference=0,
        )
        is Verdict.BETTER
        for signs in patterns
    )
    assert better / len(patterns) <= CHANCE_EACH_WAY


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-40, 40).map(lambda n: n / 4), min_size=3, max_size=6))
def test_the_interval_is_the_differences_the_test_cant_rule_out(values):
    low, high = randomisation_interval(values)
    mean = sum(values) / len(values)
    assert low <= mean <= high
    # Its lower end is above 0 exactly when the test rules out "no difference" from below.
    assert (low > 1e-9) == (randomisation_test(values).p_better <= CHANCE_EACH_WAY)
    # Shifting every pair by a value just under the lower end is ruled out; by the end itself,
    # not.
    below = [v - (low - 1e-6) for v in values]
    at = [v - low for v in values]
    assert randomisation_test(below).p_better <= CHANCE_EACH_WAY
    assert randomisation_test(at).p_better > CHANCE_EACH_WAY


def test_the_interval_is_75_percent_for_any_number_of_pairs():
    assert INTERVAL_LEVEL == 0.75
    assert randomisation_interval([1.0, 2.0]) is None  # 2 pairs can't rule anything out


@pytest.mark.parametrize(
    ("differences", "minimum", "verdict"),
    [
        ([2.0, 3.0, 1.0, 2.5], 1.5, Verdict.BETTER),
        ([-2.0, -3.0, -1.0, -2.5], 1.5, Verdict.WORSE),
        ([1.0, 1.5, 1.25, 1.5], 1.5, Verdict.NO_CLEAR_DIFFERENCE),  # smaller than meaningful
        ([4.0, -3.0, 3.0, 2.5], 1.5, Verdict.NO_CLEAR_DIFFERENCE),  # chance: 4 in 16
        ([4.0, -0.5, 3.0, 2.5], 1.5, Verdict.BETTER),  # one small the other way: 2 in 16
        ([2.0, 2.0, 2.0], 1.5, Verdict.BETTER),  # 3 pairs, all one way: 1 in 8
        ([2.0, 2.0, 2.0], 2.5, Verdict.NO_CLEAR_DIFFERENCE),
    ],
)
def test_the_verdict_rules(differences, minimum, verdict):
    mean = sum(differences) / len(differences)
    assert verdict_for(mean, randomisation_test(differences), minimum) is verdict


def test_no_result_with_fewer_than_three_complete_pairs():
    trial = new_trial(S, seed_for("+-+-+-+-"), TrialDesign())
    nights = [night(S + k * DAY, STEADY_MG if (k // 7) % 2 == 0 else 0, 3) for k in range(14)]
    # The rest: magnesium every night, symptoms never rated (nothing at all would be a break).
    nights += [night(S + k * DAY, STEADY_MG, None) for k in range(14, 200)]
    done = advance(trial, nights, S + 200 * DAY)  # all left out
    assert done.finished and view(done, nights, S + 200 * DAY).result is None

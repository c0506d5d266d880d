"""Simulated trials, start to end: a person whose symptoms wander from week to week, who
forgets to rate a tenth of the nights, with a true effect of magnesium or none."""

from __future__ import annotations

from collections import Counter

from rlstracker.domain.trial import Verdict
from rlstracker.domain.trial.result import CHANCE_EACH_WAY
from tests.domain.trial_sim import simulate

SEEDS = 150


def verdicts(effect: float, seeds: int = SEEDS, first: int = 0) -> Counter:
    found: Counter = Counter()
    for seed in range(first, first + seeds):
        result = simulate(seed, effect).view.result
        found[result.verdict if result else None] += 1
    return found


def test_a_true_effect_of_3_points_is_found_better_in_nearly_every_trial():
    found = verdicts(3.0)
    assert found[Verdict.BETTER] >= 0.95 * SEEDS, found
    assert found[Verdict.WORSE] == 0


def test_with_no_effect_better_comes_no_more_often_than_the_tests_level():
    found = verdicts(0.0, seeds=2 * SEEDS, first=1000)
    assert found[Verdict.BETTER] <= CHANCE_EACH_WAY * 2 * SEEDS, found
    assert found[Verdict.WORSE] <= CHANCE_EACH_WAY * 2 * SEEDS, found
    assert found[Verdict.NO_CLEAR_DIFFERENCE] >= 0.8 * 2 * SEEDS


def test_magnesium_that_makes_it_worse_by_3_points_is_found_worse():
    found = verdicts(-3.0, seeds=50, first=2000)
    assert found[Verdict.WORSE] >= 0.9 * 50 and found[Verdict.BETTER] == 0, found

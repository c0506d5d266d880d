"""The trial's analysis: the difference off minus on, pair by pair, its interval, the exact
randomisation test over every order the draw could have given, and the verdict by rules fixed
before the trial began. The README's "Does it help me?" says each in plain words."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from rlstracker.domain.language import N_, Translated, _, decimal_mark, ngettext, number, percent
from rlstracker.domain.trial.design import Condition, TrialDesign

if TYPE_CHECKING:
    from rlstracker.domain.trial.periods import Period

# The chance the verdict accepts, in each direction: the share of the equally likely orders of
# the draw that give a difference at least as large as the one seen. 1 in 8 is the smallest
# share 3 pairs can give (every pair the same way), so the smallest design can speak at all;
# one level for every design keeps the rule one rule.
CHANCE_EACH_WAY = 1 / 8
INTERVAL_LEVEL = 1 - 2 * CHANCE_EACH_WAY  # 75 %: the interval matches the verdict's test
MIN_PAIRS_FOR_RESULT = 3
_EPS = 1e-9


class Verdict(str, Enum):
    BETTER = "better"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    WORSE = "worse"


VERDICT_WORDS = Translated(
    {
        Verdict.BETTER: N_("Better on magnesium"),
        Verdict.NO_CLEAR_DIFFERENCE: N_("No clear difference"),
        Verdict.WORSE: N_("Worse on magnesium"),
    }
)


@dataclass(frozen=True)
class PairDifference:
    pair: int
    on_mean: float
    off_mean: float

    @property
    def difference(self) -> float:
        """Off minus on: positive when symptoms were lower with magnesium."""
        return self.off_mean - self.on_mean


@dataclass(frozen=True)
class RandomisationTest:
    """The exact randomisation test: every one of the 2^k orders of the k pairs, each equally
    likely under the draw, with the mean difference it would have given if magnesium made no
    difference to any night (the same nights, the labels of a pair swapped)."""

    orders: int
    as_large_either_way: int  # orders whose difference is at least as far from 0
    as_high: int  # orders whose difference is at least the one seen
    as_low: int  # orders whose difference is at most the one seen

    @property
    def p_value(self) -> float:
        return self.as_large_either_way / self.orders

    @property
    def p_better(self) -> float:
        return self.as_high / self.orders

    @property
    def p_worse(self) -> float:
        return self.as_low / self.orders


def randomisation_test(differences: Sequence[float]) -> RandomisationTest:
    observed = sum(differences)
    orders = as_far = as_high = as_low = 0
    for signs in itertools.product((1, -1), repeat=len(differences)):
        total = sum(s * d for s, d in zip(signs, differences, strict=True))
        orders += 1
        as_far += abs(total) >= abs(observed) - _EPS
        as_high += total >= observed - _EPS
        as_low += total <= observed + _EPS
    return RandomisationTest(orders, as_far, as_high, as_low)


def randomisation_interval(
    differences: Sequence[float], chance_each_way: float = CHANCE_EACH_WAY
) -> tuple[float, float] | None:
    """The true differences (a shift of every pair alike) that the randomisation test can't
    rule out at `chance_each_way` on either side. Shifting every pair by x, the order test
    rejects x from below exactly while fewer than chance × 2^k − 1 subsets of the pairs have a
    mean difference at or below x: so the ends are subset means. None when too few pairs can't
    rule anything out."""
    count = len(differences)
    allowed = int(chance_each_way * 2**count + _EPS) - 1
    if allowed < 0:
        return None
    means = sorted(
        sum(subset) / size
        for size in range(1, count + 1)
        for subset in itertools.combinations(differences, size)
    )
    return means[allowed], means[-1 - allowed]


@dataclass(frozen=True)
class TrialResult:
    pairs: tuple[PairDifference, ...]  # the complete pairs, in order
    left_out: tuple[int, ...]  # pairs with a period of too few usable nights
    min_difference: float
    test: RandomisationTest
    interval: tuple[float, float]
    verdict: Verdict

    @property
    def difference(self) -> float:
        """The mean of the pair differences, off minus on."""
        return sum(p.difference for p in self.pairs) / len(self.pairs)

    @property
    def on_mean(self) -> float:
        return sum(p.on_mean for p in self.pairs) / len(self.pairs)

    @property
    def off_mean(self) -> float:
        return sum(p.off_mean for p in self.pairs) / len(self.pairs)

    def to_json(self) -> dict[str, object]:
        return {
            "difference": round(self.difference, 2),
            "interval": [round(self.interval[0], 2), round(self.interval[1], 2)],
            "p_value": round(self.test.p_value, 4),
            "verdict": self.verdict.value,
        }


def verdict_for(difference: float, test: RandomisationTest, min_difference: float) -> Verdict:
    """Fixed before the trial: better (or worse) only when the difference is at least the
    meaningful one and the order test puts chance at 1 in 8 or less in that direction."""
    if difference >= min_difference - _EPS and test.p_better <= CHANCE_EACH_WAY + _EPS:
        return Verdict.BETTER
    if difference <= -min_difference + _EPS and test.p_worse <= CHANCE_EACH_WAY + _EPS:
        return Verdict.WORSE
    return Verdict.NO_CLEAR_DIFFERENCE


def pair_differences(periods: Sequence[Period]) -> tuple[list[PairDifference], list[int]]:
    """The pairs whose two periods are complete, and the numbers of those left out."""
    found, left_out = [], []
    for pair in sorted({p.pair for p in periods}):
        both = [p for p in periods if p.pair == pair]
        on = [p for p in both if p.condition is Condition.ON]
        off = [p for p in both if p.condition is Condition.OFF]
        if len(both) == 2 and all(p.complete for p in both):
            assert on[0].mean is not None and off[0].mean is not None
            found.append(PairDifference(pair, on[0].mean, off[0].mean))
        else:
            left_out.append(pair)
    return found, left_out


def analyse(periods: Sequence[Period], design: TrialDesign) -> TrialResult | None:
    """The result over the complete pairs; None with fewer than 3 of them."""
    pairs, left_out = pair_differences(periods)
    if len(pairs) < MIN_PAIRS_FOR_RESULT:
        return None
    differences = [p.difference for p in pairs]
    test = randomisation_test(differences)
    interval = randomisation_interval(differences)
    assert interval is not None  # 3 pairs or more
    mean = sum(differences) / len(differences)
    return TrialResult(
        pairs=tuple(pairs),
        left_out=tuple(left_out),
        min_difference=design.min_difference,
        test=test,
        interval=interval,
        verdict=verdict_for(mean, test, design.min_difference),
    )


def points(value: float) -> str:
    """'2.3 points', '1 point' ('2,3 Punkte' in German)."""
    rounded = round(abs(value), 1)
    # A count for the plural rule: the number itself when whole, else one that takes the plural
    # (English and German write '1.5 points').
    count = int(rounded) if rounded == int(rounded) else 2
    return ngettext("{points} point", "{points} points", count).format(points=number(rounded))


def signed(value: float) -> str:
    """'+1.2', '-0.3' ('+1,2' where the language writes a decimal comma): a difference."""
    return f"{value:+.1f}".replace(".", decimal_mark())


def result_lines(result: TrialResult) -> list[str]:
    """The result in plain words, for the window, the command line and the report."""
    diff = result.difference
    if abs(diff) < 0.05:
        how = _("about the same")
    elif diff > 0:
        how = _("{points} lower on magnesium").format(points=points(diff))
    else:
        how = _("{points} higher on magnesium").format(points=points(diff))
    pair_words = ", ".join(signed(p.difference) for p in result.pairs)
    test = result.test
    low, high = result.interval
    lines = [
        # Translators: {how} is "2.5 points lower on magnesium", "1 point higher on magnesium"
        # or "about the same"; {difference} is signed, "+2.5".
        _(
            "Symptoms averaged {on} of 10 in the periods on magnesium and {off} in the periods "
            "without: {how} (the difference off minus on, {difference})."
        ).format(
            on=number(result.on_mean, 1),
            off=number(result.off_mean, 1),
            how=how,
            difference=signed(diff),
        ),
        # Translators: {differences} is a list of signed numbers, "+2.0, +1.5, -0.5".
        _("Pair by pair: {differences} (positive: lower with magnesium).").format(
            differences=pair_words
        ),
        # Translators: {level} is a percentage, "75%"; {low} and {high} are signed, "+0.5".
        _(
            "{level} interval: {low} to {high} points: the true differences that the test "
            "below can't rule out on either side."
        ).format(level=percent(INTERVAL_LEVEL, 0), low=signed(low), high=signed(high)),
        _(
            "Randomisation test: of the {orders} orders the draw could have given, {count} give "
            "a difference at least this large either way (p = {p})."
        ).format(
            orders=test.orders,
            count=test.as_large_either_way,
            p=f"{test.p_value:.3g}".replace(".", decimal_mark()),
        ),
    ]
    if result.left_out:
        numbers = ", ".join(str(n) for n in result.left_out)
        counted, total = len(result.pairs), len(result.pairs) + len(result.left_out)
        lines.append(
            ngettext(
                "Left out: pair {numbers}, with a period of too few usable nights ({counted} of "
                "{total} pairs counted).",
                "Left out: pairs {numbers}, each with a period of too few usable nights "
                "({counted} of {total} pairs counted).",
                len(result.left_out),
            ).format(numbers=numbers, counted=counted, total=total)
        )
    lines.append(verdict_line(result))
    return lines


def verdict_line(result: TrialResult) -> str:
    """The verdict and why, in the words decided before the trial began."""
    meaningful = points(result.min_difference)
    chance = result.test.as_high if result.difference >= 0 else result.test.as_low
    orders = result.test.orders
    if result.verdict is Verdict.BETTER:
        # Translators: {points} is "1.5 points"; "only 1 in 8 times".
        why = _(
            "Better on magnesium: symptoms were lower on magnesium by at least the {points} you "
            "set as meaningful, and the order of the periods alone would give so large a "
            "difference only {chance} in {orders} times."
        )
    elif result.verdict is Verdict.WORSE:
        why = _(
            "Worse on magnesium: symptoms were higher on magnesium by at least the {points} you "
            "set as meaningful, and the order of the periods alone would give so large a "
            "difference only {chance} in {orders} times."
        )
    elif abs(result.difference) < result.min_difference:
        why = _(
            "No clear difference: the difference is smaller than the {points} you set as "
            "meaningful."
        )
    else:
        why = _(
            "No clear difference: the order of the periods alone would give a difference this "
            "large {chance} in {orders} times: more often than 1 in 8."
        )
    said = why.format(points=meaningful, chance=chance, orders=orders)
    return (
        said
        + " "
        + _(
            "A small trial that you rated yourself can suggest this; it can't prove it. Talk it "
            "over with your clinician."
        )
    )

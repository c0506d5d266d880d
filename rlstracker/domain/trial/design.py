"""The trial's design, fixed before it starts, and the seeded draw of its order."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from rlstracker.domain.analysis import SETTLING_NIGHTS
from rlstracker.domain.history import BREAK_DAYS
from rlstracker.domain.language import _, number

PAIRS_MIN, PAIRS_MAX, PAIRS_DEFAULT = 3, 6, 4
# The issue asked for 5 to 14 nights. Five would leave 2 nights to count after the 3 settling
# nights, fewer than a period needs, so every such period would be extended. And the guide
# counts 14 days without magnesium as a break, after which it starts again from the start
# dose: so that a trial never makes a break, no stretch of it goes more than
# LONGEST_WITHOUT_NIGHTS nights without magnesium, which an "off" period of 13 or 14 would.
PERIOD_NIGHTS_MIN, PERIOD_NIGHTS_MAX, PERIOD_NIGHTS_DEFAULT = 6, 12, 7
MIN_DIFFERENCE_MIN, MIN_DIFFERENCE_MAX, MIN_DIFFERENCE_DEFAULT = 0.5, 5.0, 1.5
# The first nights of each period are left out: the guide's own window for a change to show.
TRIAL_SETTLING_NIGHTS = SETTLING_NIGHTS
MIN_USABLE_NIGHTS = 3  # a period with fewer is extended, never silently counted
# The last dose on night D, none on D+1 … D+12, the next on D+13: 13 days apart, no break.
LONGEST_WITHOUT_NIGHTS = BREAK_DAYS - 2
# How the reason of a trial stopped by a break begins (periods.BreakSeen.reason writes it): a
# break means the dose is built up again from the start, so the trial can't go on. The diary
# keeps it in English, whatever the language; words.stop_reason_words says it.
BREAK_REASON_START = "a break ("  # not user text: the diary's record of a break's stop


class Condition(str, Enum):
    ON = "on"  # the steady dose
    OFF = "off"  # no magnesium


@dataclass(frozen=True)
class TrialDesign:
    """Set before the trial begins and never changed after."""

    pairs: int = PAIRS_DEFAULT
    period_nights: int = PERIOD_NIGHTS_DEFAULT
    min_difference: float = MIN_DIFFERENCE_DEFAULT  # points on the 0-10 scale
    blind: bool = False

    @property
    def periods(self) -> int:
        return 2 * self.pairs

    @property
    def planned_nights(self) -> int:
        return self.periods * self.period_nights

    @property
    def weekly(self) -> bool:
        """7-night periods, which people call weeks: the words say 'week' for them."""
        return self.period_nights == 7

    @property
    def period_word(self) -> str:
        """'week' for 7-night periods, else 'period': a key, never glued into a sentence (each
        sentence has its own message for weeks and for periods)."""
        return "week" if self.weekly else "period"


def design_problems(design: TrialDesign) -> list[tuple[str, str]]:
    """(field, why) for each value outside the bounds; empty when the design can be run."""
    problems: list[tuple[str, str]] = []
    if not PAIRS_MIN <= design.pairs <= PAIRS_MAX:
        problems.append(
            (
                "pairs",
                _("give {least} to {most} pairs of periods").format(
                    least=PAIRS_MIN, most=PAIRS_MAX
                ),
            )
        )
    if design.period_nights < PERIOD_NIGHTS_MIN:
        why = _(
            "give {least} to {most} nights a period (the first {settling} are left out, and a "
            "period needs {usable} more to count)"
        ).format(
            least=PERIOD_NIGHTS_MIN,
            most=PERIOD_NIGHTS_MAX,
            settling=TRIAL_SETTLING_NIGHTS,
            usable=MIN_USABLE_NIGHTS,
        )
        problems.append(("period_nights", why))
    elif design.period_nights > PERIOD_NIGHTS_MAX:
        why = _(
            "give {least} to {most} nights a period (a period without magnesium of more than "
            "{longest} nights would count as a break for the guide, which then starts again from "
            "your start dose)"
        ).format(least=PERIOD_NIGHTS_MIN, most=PERIOD_NIGHTS_MAX, longest=LONGEST_WITHOUT_NIGHTS)
        problems.append(("period_nights", why))
    if not MIN_DIFFERENCE_MIN <= design.min_difference <= MIN_DIFFERENCE_MAX:
        problems.append(
            (
                "min_difference",
                _("give a meaningful difference of {least} to {most} points").format(
                    least=number(MIN_DIFFERENCE_MIN), most=number(MIN_DIFFERENCE_MAX)
                ),
            )
        )
    return problems


def draw_orders(seed: int, pairs: int) -> tuple[bool, ...]:
    """For each pair, True when magnesium comes first: an independent fair draw each, from the
    stored seed. Python guarantees that random.Random(seed).random() gives the same sequence
    on every version and computer, so the schedule can always be drawn again, and each of the
    2^pairs orders is equally likely."""
    draw = random.Random(seed)
    return tuple(draw.random() < 0.5 for _pair in range(pairs))


def period_conditions(seed: int, pairs: int) -> tuple[Condition, ...]:
    """The condition of each period, in order: two per pair."""
    found: list[Condition] = []
    for on_first in draw_orders(seed, pairs):
        found += [Condition.ON, Condition.OFF] if on_first else [Condition.OFF, Condition.ON]
    return tuple(found)


@dataclass(frozen=True)
class Trial:
    """A trial as the diary keeps it: the design, the seed of its draw, the first night, the
    steady dose of its "on" nights, and what the app has fixed since: the last night of each
    period that has ended (an extended period ends later than planned), an early stop, and the
    reveal of a blind trial's order."""

    design: TrialDesign
    seed: int
    first_night: date
    dose_mg: float
    set_up_on: date
    period_ends: tuple[date, ...] = field(default_factory=tuple)
    stopped_on: date | None = None
    stop_reason: str = ""
    revealed_on: date | None = None
    id: int | None = None

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return period_conditions(self.seed, self.design.pairs)

    @property
    def finished(self) -> bool:
        """Every period has ended."""
        return len(self.period_ends) == self.design.periods

    @property
    def running(self) -> bool:
        return self.stopped_on is None and not self.finished

    @property
    def stopped_by_break(self) -> bool:
        """Stopped because the guide counted a break (see periods.break_seen), not by the
        person: only the app writes a reason, and a break's begins so."""
        return self.stopped_on is not None and self.stop_reason.startswith(BREAK_REASON_START)

    @property
    def sealed(self) -> bool:
        """A blind trial whose order the person's screens must not show yet."""
        return self.design.blind and self.revealed_on is None

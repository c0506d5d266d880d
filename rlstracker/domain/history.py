"""The diary as the guide's rules read it: the words of the rules (v2), one notion each.

Night, last N nights, grade, dose of a night, current dose, last dose taken, a break, nights at
a dose, tolerated dose, intolerance cap, baseline. The README's "The guide's rules" says each in
plain words.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import _
from rlstracker.domain.models import SIDE_EFFECTS, Night, effect_at_grade
from rlstracker.domain.plan import Plan
from rlstracker.domain.wording import joined

BREAK_DAYS = 14  # no dose taken for this many calendar days is a break
MISSED_NIGHTS_MAX = 2  # forgotten nights (0 mg) between nights at a dose that don't end it
TOLERATED_MIN_NIGHTS = 3
BASELINE_MEAN_NIGHTS = 14  # the latest baseline nights the baseline mean is taken over
_EPS = 1e-6


def in_date_order(nights: Iterable[Night]) -> list[Night]:
    ordered = sorted(nights, key=lambda n: n.date)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.date == later.date:
            raise ValueError(f"two diary entries for {later.date}")  # not user text: a bug
    return ordered


def grade(night: Night) -> int:
    """The highest of the night's four side effects; 0 where none is recorded."""
    return night.worst_grade or 0


def effects_words(night: Night, at_least: int = 1) -> str:
    """'moderate diarrhoea and mild nausea': the side effects of this grade or more."""
    parts = [
        effect_at_grade(e, night.grade(e) or 0)
        for e in sorted(SIDE_EFFECTS, key=lambda e: -(night.grade(e) or 0))
        if (night.grade(e) or 0) >= at_least
    ]
    return joined(parts) or _("side effects")


def mean_severity(nights: Iterable[Night]) -> float | None:
    values = [n.symptom_severity for n in nights if n.symptom_severity is not None]
    return math.fsum(values) / len(values) if values else None  # as statistics.fmean


@dataclass(frozen=True)
class Intolerance:
    """The intolerance cap: the lowest dose of a night, above 0, that brought a grade of 2 or
    more or a warning sign; the night it did, and what it brought."""

    dose_mg: float
    date: date
    what: str


class History:
    """The nights before `tonight` that the rules read, and the words of the rules over them."""

    def __init__(self, nights: Iterable[Night], tonight: date, plan: Plan, ladder: Ladder) -> None:
        self.tonight = tonight
        self.plan = plan
        self.ladder = ladder
        ordered = in_date_order(nights)
        self.all_entries = ordered
        self.nights = [n for n in ordered if n.date < tonight and n.counts_for_the_guide]
        # Tonight's own entry: its dose is tonight's, not a night past; but a warning sign or
        # a side effect written on it already counts for the rules that keep people safe.
        tonight_entry = [n for n in ordered if n.date == tonight and (n.red_flags or n.worst_grade)]
        self.tonight_entry: Night | None = tonight_entry[0] if tonight_entry else None
        self._dose_of: dict[date, float | None] = {}
        current: float | None = None
        for night in self.nights:
            if night.dose_mg is not None:
                current = night.dose_mg
            self._dose_of[night.date] = current
        self.current_dose = current
        self.taken = [n for n in self.nights if n.took_magnesium]
        self.ever_dosed = bool(self.taken)
        self.last_taken: Night | None = self.taken[-1] if self.taken else None
        self.on_break = (
            self.last_taken is not None and (tonight - self.last_taken.date).days >= BREAK_DAYS
        )
        # Tolerance is judged since the latest past break (or since the first dose).
        self.era_start: date | None = self.taken[0].date if self.taken else None
        for before, after in itertools.pairwise(self.taken):
            if (after.date - before.date).days >= BREAK_DAYS:
                self.era_start = after.date
        self.cap = self._intolerance()
        self.tolerated = self._tolerated_doses()
        self.baseline = self._baseline_nights()

    def last(self, count: int) -> list[Night]:
        """The `count` latest nights before tonight, however far apart."""
        return self.nights[-count:]

    def recent(self, count: int) -> list[Night]:
        """The last `count` nights, and tonight's entry where it already holds a warning sign
        or a side effect."""
        entry = [self.tonight_entry] if self.tonight_entry is not None else []
        return [*self.last(count), *entry]

    def dose_of(self, night: Night) -> float | None:
        """Its recorded dose; where not recorded, the current dose at that night."""
        if night.dose_mg is None and night.date not in self._dose_of:
            return self.current_dose  # tonight's entry
        return self._dose_of.get(night.date, night.dose_mg)

    def before(self, night: Night, count: int) -> list[Night]:
        """The `count` nights before `night` (before tonight, for tonight's entry)."""
        if night not in self.nights:
            return self.last(count)
        index = self.nights.index(night)
        return self.nights[max(0, index - count) : index]

    def nights_at(self, dose: float) -> list[Night]:
        """The nights at `dose`, oldest first, counted back from the latest whose recorded dose
        it is. A night with no dose recorded neither counts nor ends the run; one or two
        forgotten nights (0 mg) between nights at the dose neither count nor end it; another
        recorded dose, three forgotten nights, or two consecutive nights 14 or more days apart
        end it."""
        run: list[Night] = []
        zeros = 0
        later: Night | None = None
        for night in reversed(self.nights):
            if run and later is not None and (later.date - night.date).days >= BREAK_DAYS:
                break
            later = night
            if night.dose_mg is None:
                continue
            if abs(night.dose_mg - dose) <= _EPS:
                run.append(night)
                zeros = 0
            elif not run:
                continue  # after the latest night at the dose: not part of the run
            elif night.dose_mg == 0 and zeros < MISSED_NIGHTS_MAX:
                zeros += 1
            else:
                break
        return run[::-1]

    def trailing_zero_nights(self) -> int:
        """Forgotten or paused nights (0 mg recorded) since the last dose taken."""
        if self.last_taken is None:
            return 0
        return sum(1 for n in self.nights if n.date > self.last_taken.date and n.dose_mg == 0)

    def _intolerance(self) -> Intolerance | None:
        found: Intolerance | None = None
        reset_on = self.plan.reset_on
        for night in self.recent(len(self.nights)):
            if reset_on is not None and night.date < reset_on:
                continue
            dose = self.dose_of(night)
            if not dose or dose <= 0:
                continue  # nights without magnesium never set the cap
            bad_effects = grade(night) >= 2
            if (bad_effects or night.red_flags) and (found is None or dose < found.dose_mg):
                what = effects_words(night, 2) if bad_effects else _("a warning sign")
                found = Intolerance(dose, night.date, what)
        return found

    def _tolerated_doses(self) -> list[float]:
        """Tolerated doses, lowest first: since the latest past break, at least 3 nights at the
        dose with all four side effects recorded, no night at it (by the dose of a night) with a
        grade of 2 or more or a warning sign, and reached step by step."""
        if self.era_start is None:
            return []
        complete: dict[float, int] = defaultdict(int)
        troubled: set[float] = set()
        for night in self.nights:
            if night.date < self.era_start:
                continue
            dose = self.dose_of(night)
            if dose and (grade(night) >= 2 or night.red_flags):
                troubled.add(dose)
            if night.took_magnesium and night.side_effects_recorded:
                assert night.dose_mg is not None
                complete[night.dose_mg] += 1
        plan, ladder = self.plan, self.ladder
        start_rung = ladder.at_or_below(plan.start_mg)
        tolerated: list[float] = []
        for dose in sorted(complete):
            if complete[dose] < TOLERATED_MIN_NIGHTS or dose in troubled:
                continue
            from_start = dose <= plan.start_mg + _EPS or (
                start_rung is not None and dose <= start_rung + _EPS
            )
            if from_start or any(
                ladder.within_one_step(lower, dose, plan.step_mg) for lower in tolerated
            ):
                tolerated.append(dose)
        return tolerated

    def highest_tolerated(
        self, below: float | None = None, at_most: float | None = None
    ) -> float | None:
        found = [
            d
            for d in self.tolerated
            if (below is None or d < below - _EPS) and (at_most is None or d <= at_most + _EPS)
        ]
        return found[-1] if found else None

    def _baseline_nights(self) -> list[Night]:
        """Nights before the first dose taken, with 0 mg and a severity recorded."""
        first = self.taken[0].date if self.taken else None
        return [
            n
            for n in self.nights
            if (first is None or n.date < first)
            and n.dose_mg == 0
            and n.symptom_severity is not None
        ]

    @property
    def baseline_mean(self) -> float | None:
        return mean_severity(self.baseline[-BASELINE_MEAN_NIGHTS:])

    def usual_effects(self) -> dict[str, tuple[int, int]]:
        """Side effects that at least half of the baseline nights showed (grade 1 or more):
        effect → (nights that showed it, baseline nights). All the baseline nights count here;
        only the baseline mean is limited to the latest 14."""
        nights = self.baseline
        found = {}
        for effect in SIDE_EFFECTS:
            showed = sum(1 for n in nights if (n.grade(effect) or 0) >= 1)
            if nights and showed * 2 >= len(nights):
                found[effect] = (showed, len(nights))
        return found

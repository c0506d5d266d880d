"""What the diary shows: dose steps, the guide's limits, the baseline comparison, rolling means."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rlstracker.domain.forms import Product
from rlstracker.domain.history import (
    BASELINE_MEAN_NIGHTS,
    MISSED_NIGHTS_MAX,
    History,
    Intolerance,
    in_date_order,
    mean_severity,
)
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.wording import mg

SETTLING_NIGHTS = 3  # nights after a dose change left out when judging that dose's effect
RECENT_NIGHTS = 14  # nights compared with the baseline


@dataclass(frozen=True)
class GuideLimits:
    """What the guide has learnt of the doses, for the charts and the report."""

    highest_tolerated: float | None
    cap: Intolerance | None


def guide_limits(
    nights: Iterable[Night], plan: Plan, product: Product | None = None
) -> GuideLimits:
    """The highest tolerated dose and the intolerance cap, over the whole diary."""
    ordered = in_date_order(nights)
    if not ordered:
        return GuideLimits(None, None)
    history = History(ordered, ordered[-1].date + timedelta(days=1), plan, Ladder.of(product))
    return GuideLimits(history.highest_tolerated(), history.cap)


def baseline_nights(nights: Iterable[Night]) -> list[Night]:
    """Nights without magnesium, severity recorded, before the first dose was ever taken."""
    found = []
    for night in in_date_order(nights):
        if night.took_magnesium:
            break
        if night.dose_mg == 0 and night.symptom_severity is not None:
            found.append(night)
    return found


def baseline_dates(
    nights: Iterable[Night], tonight: date, baseline_nights: int, tonight_too: bool
) -> frozenset[date]:
    """The nights of the baseline period, where a night not yet recorded starts at 0 mg: every
    night before the first dose taken, from the diary's first night (in a diary just begun,
    from a planned baseline's length before tonight), up to last night; tonight too when
    `tonight_too` (the guide still asks for a baseline night tonight)."""
    ordered = in_date_order(nights)
    first_dose = next((n.date for n in ordered if n.took_magnesium), None)
    if first_dose is not None:
        last = min(first_dose - timedelta(days=1), tonight)
    else:
        last = tonight if tonight_too else tonight - timedelta(days=1)
    first = ordered[0].date if ordered else tonight
    if first_dose is None and baseline_nights:
        first = min(first, tonight - timedelta(days=baseline_nights - 1))
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


@dataclass(frozen=True)
class BaselineComparison:
    baseline_mean: float | None
    baseline_count: int
    recent_mean: float | None
    recent_count: int

    @property
    def improvement(self) -> float | None:
        """Points of severity lower now than at baseline (positive is better)."""
        if self.baseline_mean is None or self.recent_mean is None:
            return None
        return self.baseline_mean - self.recent_mean


def compare_with_baseline(
    nights: Sequence[Night], recent: Sequence[Night] | None = None
) -> BaselineComparison:
    """The baseline's mean severity against `recent` (by default the last 14 nights with a
    severity recorded)."""
    baseline = baseline_nights(nights)[-BASELINE_MEAN_NIGHTS:]
    if recent is None:
        with_severity = [n for n in in_date_order(nights) if n.symptom_severity is not None]
        recent = [n for n in with_severity if n.took_magnesium][-RECENT_NIGHTS:]
    recent_values = [n for n in recent if n.symptom_severity is not None]
    return BaselineComparison(
        mean_severity(baseline), len(baseline), mean_severity(recent_values), len(recent_values)
    )


@dataclass(frozen=True)
class DoseStep:
    """A stretch of nights meant to be at one dose; 0 is the baseline or a pause, None a
    stretch whose dose was never recorded."""

    dose_mg: float | None
    first_date: date
    last_date: date
    nights: tuple[Night, ...]

    @property
    def night_count(self) -> int:
        return len(self.nights)

    @property
    def taken_nights(self) -> int:
        return sum(1 for n in self.nights if n.dose_mg == self.dose_mg)

    @property
    def adherence(self) -> float | None:
        """Share of the nights with a dose recorded on which the step's dose was taken."""
        recorded = [n for n in self.nights if n.dose_mg is not None]
        if not recorded or not self.dose_mg:
            return None
        return self.taken_nights / len(recorded)

    @property
    def settled_nights(self) -> tuple[Night, ...]:
        """The nights after the first 3 of the step, when the body has adjusted to the dose."""
        settle_until = self.first_date + timedelta(days=SETTLING_NIGHTS)
        return tuple(n for n in self.nights if n.date >= settle_until)

    @property
    def settled_severities(self) -> list[int]:
        return [n.symptom_severity for n in self.settled_nights if n.symptom_severity is not None]

    @property
    def mean_severity(self) -> float | None:
        values = self.settled_severities
        # fmean's own sum: statistics (with fractions and decimal) loads only for a median
        return math.fsum(values) / len(values) if values else None

    @property
    def median_severity(self) -> float | None:
        values = self.settled_severities
        import statistics

        return statistics.median(values) if values else None

    @property
    def side_effect_nights(self) -> dict[int, int]:
        """Nights by their worst side-effect grade, for grades 1 (mild) to 3 (severe)."""
        counts = {1: 0, 2: 0, 3: 0}
        for night in self.nights:
            if night.worst_grade:
                counts[night.worst_grade] += 1
        return counts


def dose_steps(nights: Iterable[Night]) -> list[DoseStep]:
    """Split the diary into dose steps.

    A short run of nights without magnesium (up to 2) followed by the same dose again is a missed
    dose inside the step, not a pause: that is what adherence counts. Nights whose dose is not
    recorded belong to the step around them.
    """
    ordered = in_date_order(nights)
    groups: list[tuple[float | None, list[Night]]] = []
    i = 0
    while i < len(ordered):
        night = ordered[i]
        dose = night.dose_mg
        if not groups:
            groups.append((dose, [night]))
        elif dose is None or dose == groups[-1][0]:
            groups[-1][1].append(night)
        elif groups[-1][0] is None:
            groups[-1] = (dose, [*groups[-1][1], night])
        elif dose == 0 and (missed := _missed_run(ordered, i, groups[-1][0])):
            groups[-1][1].extend(missed)
            i += len(missed)
            continue
        else:
            groups.append((dose, [night]))
        i += 1
    return [DoseStep(dose, group[0].date, group[-1].date, tuple(group)) for dose, group in groups]


def _missed_run(ordered: list[Night], i: int, step_dose: float | None) -> list[Night]:
    """The nights from `i` up to the step's dose taken again, if they are a short gap."""
    if not step_dose:
        return []
    j = i
    while j < len(ordered) and ordered[j].dose_mg in (0, None):
        j += 1
    zeros = sum(1 for n in ordered[i:j] if n.dose_mg == 0)
    if j < len(ordered) and ordered[j].dose_mg == step_dose and zeros <= MISSED_NIGHTS_MAX:
        return ordered[i:j]
    return []


@dataclass(frozen=True)
class RollingPoint:
    date: date
    mean: float
    count: int


def rolling_mean_severity(nights: Iterable[Night], window_nights: int = 7) -> list[RollingPoint]:
    """For each night with a severity, the mean of the severities recorded in the `window_nights`
    calendar nights ending on it. Missing nights shrink the window's count; they are not zeros."""
    points = [
        (n.date, n.symptom_severity)
        for n in in_date_order(nights)
        if n.symptom_severity is not None
    ]
    result = []
    start = 0
    total = 0
    for end, (day, severity) in enumerate(points):
        total += severity
        while points[start][0] <= day - timedelta(days=window_nights):
            total -= points[start][1]
            start += 1
        count = end - start + 1
        result.append(RollingPoint(day, total / count, count))
    return result


@dataclass(frozen=True)
class DoseColumn:
    """One column of the dose-response chart."""

    label: str
    dose_mg: float | None  # None: the baseline
    severities: tuple[int, ...]
    tolerated_best: bool = False
    not_tolerated: bool = False


def dose_columns(
    nights: Sequence[Night],
    limits: GuideLimits | None = None,
    baseline: Sequence[Night] | None = None,
) -> list[DoseColumn]:
    """The baseline, then each dose taken, lowest first, with the severities of its settled
    nights (the first 3 nights after each change left out); the highest tolerated dose and the
    doses at or above the intolerance cap marked, as `limits` (the guide's) says."""
    ordered = in_date_order(nights)
    columns = []
    # The baseline is before the first dose: a report of later dates passes it in, so that the
    # chart compares with it as the summary does.
    if baseline is None:
        baseline = baseline_nights(ordered)
    if baseline:
        columns.append(
            DoseColumn(
                "Before\n(baseline)",
                None,
                tuple(n.symptom_severity for n in baseline if n.symptom_severity is not None),
            )
        )
    by_dose: dict[float, list[int]] = {}
    for step in dose_steps(ordered):
        if step.dose_mg:
            by_dose.setdefault(step.dose_mg, []).extend(step.settled_severities)
    best = limits.highest_tolerated if limits else None
    trouble = limits.cap if limits else None
    for dose in sorted(by_dose):
        columns.append(
            DoseColumn(
                mg(dose),
                dose,
                tuple(by_dose[dose]),
                tolerated_best=dose == best,
                not_tolerated=trouble is not None and dose >= trouble.dose_mg,
            )
        )
    return columns

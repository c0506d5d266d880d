"""The trial's periods as they happen: their dates, which of their nights count, the periods the
app extends, and where the trial stands on a given evening."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from rlstracker.domain.history import BREAK_DAYS, in_date_order
from rlstracker.domain.models import Night
from rlstracker.domain.trial.design import (
    BREAK_REASON_START,
    LONGEST_WITHOUT_NIGHTS,
    MIN_USABLE_NIGHTS,
    TRIAL_SETTLING_NIGHTS,
    Condition,
    Trial,
)
from rlstracker.domain.trial.result import TrialResult, analyse

DAY = timedelta(days=1)
# An "on" night counts when the dose recorded is the trial's dose, give or take this share (a
# label's figure rounded by hand).
DOSE_WITHIN = 0.05


class NightUse(str, Enum):
    SETTLING = "settling"  # one of the first nights of a period: left out by design
    USABLE = "usable"  # after settling, symptoms recorded, taken as planned
    NOT_RECORDED = "not_recorded"  # no diary entry, or no symptoms in it
    NOT_AS_PLANNED = "not_as_planned"  # the dose recorded is not the period's, or not recorded
    UPCOMING = "upcoming"  # tonight or later: not lived yet


@dataclass(frozen=True)
class Period:
    """One period of the trial: its dates, what it was (or is to be), and its nights."""

    number: int  # 1 … 2 × pairs
    pair: int  # 1 … pairs
    condition: Condition
    first: date
    last: date  # as fixed when it ended; while it runs, the planned last night or tonight
    planned_last: date
    ended: bool
    cut_short: bool  # the trial was stopped during it
    bridge: date | None  # one night of magnesium between two periods without (see README)
    uses: tuple[tuple[date, NightUse], ...]
    severities: tuple[int, ...]  # the usable nights' symptoms
    # What the diary holds for the bridge night once it has been lived: its recorded dose
    # (None: no dose recorded), or None with bridge_lived False while it is still to come.
    bridge_dose: float | None = None
    bridge_lived: bool = False

    @property
    def usable(self) -> int:
        return len(self.severities)

    @property
    def mean(self) -> float | None:
        return sum(self.severities) / len(self.severities) if self.severities else None

    @property
    def complete(self) -> bool:
        """Ended, and enough usable nights to be counted."""
        return self.ended and not self.cut_short and self.usable >= MIN_USABLE_NIGHTS

    @property
    def extra_nights(self) -> int:
        return max(0, (self.last - self.planned_last).days)

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1

    def dates_of(self, use: NightUse) -> list[date]:
        return [day for day, found in self.uses if found is use]

    def magnesium_on(self, day: date) -> bool:
        """Whether the schedule gives magnesium on the evening of `day`."""
        return self.condition is Condition.ON or day == self.bridge


@dataclass(frozen=True)
class TrialView:
    """Where a trial stands on the evening `tonight`."""

    trial: Trial
    tonight: date
    periods: tuple[Period, ...]  # planned ones too; a stopped trial's only up to the stop
    result: TrialResult | None  # once it is done, and its order is no longer sealed

    @property
    def state(self) -> str:
        """'running', 'done' or 'stopped' (the words of `trial status --json`)."""
        if self.trial.stopped_on is not None:
            return "stopped"
        return "done" if self.trial.finished else "running"

    @property
    def sealed(self) -> bool:
        return self.trial.sealed

    @property
    def current(self) -> Period | None:
        """The period tonight belongs to, while the trial runs."""
        if self.state != "running":
            return None
        return next((p for p in self.periods if p.first <= self.tonight <= p.last), None)

    @property
    def last_night(self) -> date:
        """The trial's last night, as planned now (or as it happened)."""
        return self.periods[-1].last if self.periods else self.trial.first_night - DAY

    def planned_nights(self) -> int:
        """The trial's nights as planned now, extensions included."""
        return (self.last_night - self.trial.first_night).days + 1

    def night_number(self) -> int:
        """Tonight's night of the trial, counting from 1."""
        return (self.tonight - self.trial.first_night).days + 1

    def magnesium_tonight(self) -> bool | None:
        """Whether the schedule gives magnesium tonight; None outside a running trial."""
        current = self.current
        return None if current is None else current.magnesium_on(self.tonight)


def is_trials_dose(trial: Trial, dose_mg: float | None) -> bool:
    """Whether `dose_mg` is the trial's dose (the box's, in a blind trial), give or take a
    label's figure rounded by hand."""
    return dose_mg is not None and abs(dose_mg - trial.dose_mg) <= DOSE_WITHIN * trial.dose_mg


def _use(night: Night | None, index: int, condition: Condition, trial: Trial) -> NightUse:
    if index <= TRIAL_SETTLING_NIGHTS:
        return NightUse.SETTLING
    if night is None or night.symptom_severity is None:
        return NightUse.NOT_RECORDED
    dose = night.dose_mg
    if dose is None:
        return NightUse.NOT_AS_PLANNED
    # A sealed trial's diary holds the box's dose every night; once revealed, the nights of
    # the periods without magnesium hold 0 (see reveal.py).
    ok = is_trials_dose(trial, dose) if condition is Condition.ON or trial.sealed else dose == 0
    return NightUse.USABLE if ok else NightUse.NOT_AS_PLANNED


def _period(
    trial: Trial,
    number: int,
    first: date,
    last: date,
    ended: bool,
    cut_short: bool,
    bridge: date | None,
    by_date: dict[date, Night],
    tonight: date,
) -> Period:
    condition = trial.conditions[number - 1]
    uses: list[tuple[date, NightUse]] = []
    severities: list[int] = []
    day = first
    while day <= last:
        if day >= tonight and not ended:
            use = NightUse.UPCOMING
        else:
            night = by_date.get(day)
            use = _use(night, (day - first).days + 1, condition, trial)
            if use is NightUse.USABLE:
                assert night is not None and night.symptom_severity is not None
                severities.append(night.symptom_severity)
        uses.append((day, use))
        day += DAY
    bridge_night = by_date.get(bridge) if bridge is not None else None
    bridge_lived = bridge is not None and bridge <= last and (bridge < tonight or ended)
    return Period(
        number=number,
        pair=(number + 1) // 2,
        condition=condition,
        first=first,
        last=last,
        planned_last=first + (trial.design.period_nights - 1) * DAY,
        ended=ended,
        cut_short=cut_short,
        bridge=bridge,
        uses=tuple(uses),
        severities=tuple(severities),
        bridge_dose=bridge_night.dose_mg if bridge_lived and bridge_night is not None else None,
        bridge_lived=bridge_lived,
    )


def _walk(trial: Trial, nights: Iterable[Night], tonight: date) -> tuple[list[date], list[Period]]:
    """The periods as of the evening `tonight`, and the last nights of those that have ended:
    the ones the trial had fixed, and any that end (or go on a night longer) by tonight."""
    by_date = {n.date: n for n in in_date_order(nights)}
    design = trial.design
    conditions = trial.conditions
    ends = list(trial.period_ends)
    periods: list[Period] = []
    first = trial.first_night
    last_magnesium = first - DAY  # the steady dose, the night before the trial
    for index, condition in enumerate(conditions):
        number = index + 1
        if trial.stopped_on is not None and index >= len(ends) and first >= trial.stopped_on:
            break  # never began
        planned = first + (design.period_nights - 1) * DAY
        bridge = None
        if condition is Condition.OFF and index and conditions[index - 1] is Condition.OFF:
            bridge = first  # two periods without magnesium meet: see LONGEST_WITHOUT_NIGHTS
        cut_short = False
        if index < len(ends):
            last, ended = ends[index], True
        elif trial.stopped_on is not None:
            last, ended, cut_short = trial.stopped_on - DAY, True, True
        else:
            last, ended = planned, False
            while tonight > last:
                period = _period(trial, number, first, last, True, False, bridge, by_date, tonight)
                recorded = _last_recorded_magnesium(by_date, last)
                kind, since = _extended_as(
                    trial, condition, first, bridge, last_magnesium, recorded
                )
                if period.usable >= MIN_USABLE_NIGHTS or not _can_extend(
                    trial, kind, planned, last, since
                ):
                    ends.append(last)
                    ended = True
                    break
                last += DAY
        periods.append(
            _period(trial, number, first, last, ended, cut_short, bridge, by_date, tonight)
        )
        if condition is Condition.ON:
            last_magnesium = last
        elif bridge is not None:
            last_magnesium = bridge
        if cut_short:
            break
        first = last + DAY
    return ends, periods


def _extended_as(
    trial: Trial,
    condition: Condition,
    first: date,
    bridge: date | None,
    last_magnesium: date,
    recorded: date | None,
) -> tuple[Condition, date]:
    """What a period is extended as: its condition, and the last night of magnesium it counts
    from (the schedule's, or the last recorded if that is earlier). While sealed, every period
    is extended as one without magnesium after a night with: the same limit whatever the box
    holds, so how long a period goes on never tells which it is (and no stretch without can
    reach a break)."""
    if trial.sealed:
        before = first - DAY
        return Condition.OFF, min(before, recorded or before)
    return condition, min(bridge or last_magnesium, recorded or last_magnesium)


def _last_recorded_magnesium(by_date: dict[date, Night], last: date) -> date | None:
    """The latest night up to `last` with magnesium recorded: the guide counts a break from the
    diary, so a dose taken but not recorded counts for nothing there."""
    taken = [day for day, n in by_date.items() if day <= last and (n.dose_mg or 0) > 0]
    return max(taken) if taken else None


def _can_extend(
    trial: Trial, condition: Condition, planned: date, last: date, last_magnesium: date
) -> bool:
    """A period goes on one more night while it has too few usable nights, at most doubling,
    and never so long without magnesium that the guide would count a break."""
    if (last - planned).days >= trial.design.period_nights:
        return False
    if condition is Condition.OFF:
        return (last + DAY - last_magnesium).days <= LONGEST_WITHOUT_NIGHTS
    return True


@dataclass(frozen=True)
class BreakSeen:
    """A break the guide counts during a trial: no dose recorded for BREAK_DAYS days or more
    after the night `last_dose`, first counted on the evening `evening` (the trial's first night
    at the earliest)."""

    evening: date
    last_dose: date

    @property
    def days(self) -> int:
        return (self.evening - self.last_dose).days

    @property
    def reason(self) -> str:
        """The stop's reason as the diary keeps it, the same in every language (the date ISO);
        `trial status`, the report and Tonight say it through words.stop_reason_words."""
        return (  # not user text: the diary's record, said by words.stop_reason_words
            f"{BREAK_REASON_START}no dose recorded for {self.days} days after "
            f"{self.last_dose.isoformat()})"
        )


def break_seen(trial: Trial, nights: Iterable[Night], tonight: date) -> BreakSeen | None:
    """The first evening from the trial's first night up to `tonight` on which the guide counts
    a break (its History.on_break: doses taken before, none recorded for BREAK_DAYS or more
    days), or None. Read from the diary as the guide reads it: in a sealed trial the box's dose
    counts as a dose, so a break never tells what the box held."""
    taken = sorted(
        n.date for n in nights if n.took_magnesium and n.counts_for_the_guide and n.date < tonight
    )
    for index, before in enumerate(taken):
        after = taken[index + 1] if index + 1 < len(taken) else None
        evening = max(before + BREAK_DAYS * DAY, trial.first_night)
        if evening <= tonight and (after is None or evening <= after):
            return BreakSeen(evening, before)
    return None


def _stopped_by_break(trial: Trial, nights: list[Night], tonight: date) -> Trial | None:
    """A running trial as a break leaves it: stopped on the evening the guide counts the break,
    with the periods that ended before fixed, or None when there is no break by `tonight` (or
    the trial had ended before it). After a break the guide builds the dose up again from the
    start, so the trial's question can no longer be answered: it ends there, as if the person
    had stopped it, and from that evening the guide alone answers."""
    if not trial.running:
        return None
    seen = break_seen(trial, nights, tonight)
    if seen is None:
        return None
    ends, _periods = _walk(trial, nights, seen.evening)
    if len(ends) == trial.design.periods:
        return None  # every period had ended before the break
    return dataclasses.replace(
        trial, period_ends=tuple(ends), stopped_on=seen.evening, stop_reason=seen.reason
    )


def advance(trial: Trial, nights: Iterable[Night], tonight: date) -> Trial:
    """The trial with every period that has ended by the evening `tonight` fixed, or stopped
    where the guide has counted a break by then (see _stopped_by_break): a period
    ends after its planned nights when it has at least 3 usable nights, else it goes on a
    night at a time (see _can_extend). Only an end is fixed, never a night of going on: people
    rate a night the evening after, and once last night is rated the period may end on its
    planned night after all (tonight then begins the next one, as a settling night that
    doesn't count whatever was taken). The app keeps the ends, so that a night recorded late
    never moves a period that has ended."""
    if not trial.running:
        return trial
    nights = list(nights)
    broken = _stopped_by_break(trial, nights, tonight)
    if broken is not None:
        return broken
    ends, _periods = _walk(trial, nights, tonight)
    if len(ends) == len(trial.period_ends):
        return trial
    return dataclasses.replace(trial, period_ends=tuple(ends))


def view(trial: Trial, nights: Iterable[Night], tonight: date) -> TrialView:
    """Where `trial` stands on the evening `tonight` (with the ends advance() would fix, and
    stopped where a break has stopped it: the same whether or not that was kept)."""
    nights = list(nights)
    trial = _stopped_by_break(trial, nights, tonight) or trial
    _ends, periods = _walk(trial, nights, tonight)
    result = None
    if trial.finished and trial.stopped_on is None and not trial.sealed:
        result = analyse(periods, trial.design)
    return TrialView(trial, tonight, tuple(periods), result)


def stopped(trial: Trial, nights: Iterable[Night], day: date, reason: str = "") -> Trial:
    """The trial stopped by the person on the evening `day`: the periods that ended before are
    fixed; the one under way is cut short; from tonight on, the guide alone answers. A trial
    a break has stopped before stays stopped by it."""
    moved = advance(trial, nights, day)
    if moved.stopped_on is not None:
        return moved
    return dataclasses.replace(moved, stopped_on=day, stop_reason=reason)


def as_it_was(trial: Trial, day: date) -> Trial:
    """The trial as the app knew it on the evening `day`: the periods that had ended by then,
    not yet stopped or revealed if that came later (for looking back, as the report does)."""
    return dataclasses.replace(
        trial,
        period_ends=tuple(end for end in trial.period_ends if end < day),
        stopped_on=trial.stopped_on if trial.stopped_on and trial.stopped_on <= day else None,
        revealed_on=trial.revealed_on if trial.revealed_on and trial.revealed_on <= day else None,
    )

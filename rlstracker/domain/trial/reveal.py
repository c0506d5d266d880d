"""The end of a blind trial: which nights the box held look-alike capsules, and the diary as
it really was."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rlstracker.domain.models import Night
from rlstracker.domain.trial.design import Condition, Trial
from rlstracker.domain.trial.periods import advance, is_trials_dose, view


def placebo_nights(trial: Trial, nights: Iterable[Night]) -> list[Night]:
    """When a blind trial's order is revealed: the nights the box held look-alikes (its
    periods without magnesium, but the bridge night, up to and with the evening of a stop;
    up to the evening before a break's, since from that evening the guide's restart dose is
    taken), with 0 mg, as they really were. Only a night that holds the box's dose came from
    the box: another dose recorded (less, after the guide's step back) is kept as it is."""
    assert not trial.running, "a running trial's order stays sealed"  # not user text: a bug
    nights = list(nights)
    # The box as the helper filled it: the schedule without the stop, up to its evening.
    until = trial.stopped_on or date.max
    if trial.stopped_by_break:
        until -= timedelta(days=1)
    boxed = dataclasses.replace(trial, stopped_on=None)
    by_date = {n.date: n for n in nights}
    found = []
    for period in view(boxed, nights, until).periods:
        if period.condition is not Condition.OFF:
            continue
        for day, _use in period.uses:
            night = by_date.get(day)
            boxed_look_alikes = day <= until and day != period.bridge
            if boxed_look_alikes and night is not None and is_trials_dose(trial, night.dose_mg):
                found.append(dataclasses.replace(night, dose_mg=0, form=None))
    return found


@dataclass(frozen=True)
class TrialEvening:
    """The latest trial as of an evening, and the diary's nights as they stand then: what the
    guide, the screens and the report read."""

    trial: Trial | None
    nights: tuple[Night, ...]
    placebo: tuple[Night, ...] = ()  # the nights a reveal tonight changed (for storage to keep)


def trial_evening(trial: Trial | None, nights: Iterable[Night], tonight: date) -> TrialEvening:
    """`trial` brought up to the evening `tonight` (the periods that ended fixed) and the
    diary with it: a blind trial that is over is revealed first, so that nothing is asked of
    the guide, nor shown, from look-alike nights that still hold the box's dose."""
    nights = tuple(nights)
    if trial is None:
        return TrialEvening(None, nights)
    moved = advance(trial, nights, tonight)
    if moved.running or not moved.sealed:
        return TrialEvening(moved, nights)
    return revealed(moved, nights, tonight)


def revealed(trial: Trial, nights: Iterable[Night], day: date) -> TrialEvening:
    """A blind trial that is over with its order revealed on the evening `day`, and the diary
    as it really was."""
    placebo = tuple(placebo_nights(trial, nights))
    by_date = {n.date: n for n in nights} | {n.date: n for n in placebo}
    return TrialEvening(
        dataclasses.replace(trial, revealed_on=day),
        tuple(by_date[d] for d in sorted(by_date)),
        placebo,
    )

"""Diaries for trial tests: a person who reached a steady dose, and simulated trials.

`simulate` plays a trial night by night. The person follows the schedule (or, with
`follow_guide`, tonight's full answer, safety rules and all) and rates their symptoms: a level
that wanders slowly (RLS waxes and wanes), nightly noise, and a true effect of magnesium that
builds over three nights and fades over three.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from rlstracker.domain.models import Night
from rlstracker.domain.plan import Plan
from rlstracker.domain.titration import Action, Suggestion
from rlstracker.domain.trial import Trial, TrialDesign, TrialView, advance, guide, view
from rlstracker.domain.trial.reveal import trial_evening
from rlstracker.domain.trial.tonight import tonight_answer, trial_suggestion
from tests.domain.builders import SAFE, night

STEADY_MG = 200
START = date(2026, 3, 1)


def steady_diary(start: date = START, steady_nights: int = 35) -> list[Night]:
    """A baseline week, 100 and 150 mg for a week each, then `steady_nights` at 200 mg: the
    guide's maintain review once it reaches 28 nights (symptoms at 2, the target)."""
    doses = [0] * 7 + [100] * 7 + [150] * 7 + [STEADY_MG] * steady_nights
    return [
        night(start + timedelta(days=i), dose, 6 if dose == 0 else (4 if dose < 200 else 2))
        for i, dose in enumerate(doses)
    ]


def next_day(nights: list[Night]) -> date:
    return nights[-1].date + timedelta(days=1)


def new_trial(
    first_night: date, seed: int = 7, design: TrialDesign | None = None, dose: float = STEADY_MG
) -> Trial:
    return Trial(design or TrialDesign(), seed, first_night, dose, first_night)


@dataclass
class Simulated:
    trial: Trial
    nights: list[Night]
    view: TrialView
    answers: list  # tonight's suggestion, each evening (with follow_guide)


def simulate(
    seed: int,
    effect: float,
    design: TrialDesign | None = None,
    missing: float = 0.1,
    unrecorded: float = 0.025,
    noise: float = 1.5,
    drift: float = 0.3,
    follow_guide: bool = False,
    plan: Plan | None = None,
) -> Simulated:
    rng = random.Random(seed)
    nights = steady_diary()
    start = next_day(nights)
    trial = new_trial(start, rng.getrandbits(31), design)
    person = guide(plan or Plan(), SAFE, nights)
    taken: list[bool] = []
    answers = []
    level = 0.0
    day = start
    while trial.running:
        if follow_guide:
            person = guide(plan or Plan(), SAFE, nights)
            answer = trial_suggestion(trial, person, day)
            answers.append(answer)
            dose = STEADY_MG if answer.dose_mg is None else answer.dose_mg
            magnesium = (
                view(trial, nights, day).magnesium_tonight() if answer.dose_mg is None else dose > 0
            )
        else:
            magnesium = view(trial, nights, day).magnesium_tonight()
            dose = STEADY_MG if magnesium or trial.sealed else 0
        taken.append(bool(magnesium))
        level = 0.9 * level + rng.gauss(0, drift)
        recent = taken[-3:]
        severity = 6 + level + rng.gauss(0, noise) - effect * sum(recent) / 3
        # The dose is recorded with a button ("Record as taken"); symptoms are forgotten more
        # often (`missing`), and now and then a whole evening (`unrecorded`).
        if rng.random() >= unrecorded:
            rated = rng.random() >= missing
            nights.append(night(day, dose, max(0, min(10, round(severity))) if rated else None))
        day += timedelta(days=1)
        trial = advance(trial, nights, day)
    return Simulated(trial, nights, view(trial, nights, day), answers)


@dataclass
class Evening:
    day: date
    answer: Suggestion
    trial: Trial


def live_with_a_gap(
    trial: Trial,
    nights: list[Night],
    gap_from: date,
    gap_nights: int,
    until: date,
    plan: Plan | None = None,
) -> tuple[list[Evening], list[Night]]:
    """Evening by evening as the app does it (the trial brought up to the evening, a blind one
    revealed when it is over, then tonight's answer), each night recorded as suggested (the
    box's dose when blind), symptoms 3; but nothing at all recorded for `gap_nights` evenings
    from `gap_from` (the person away, the app not opened)."""
    nights = list(nights)
    evenings: list[Evening] = []
    day = trial.first_night
    while day < until:
        if gap_from <= day < gap_from + timedelta(days=gap_nights):
            day += timedelta(days=1)
            continue
        evening = trial_evening(trial, nights, day)
        assert evening.trial is not None
        trial, nights = evening.trial, list(evening.nights)
        answer = tonight_answer(trial, guide(plan or Plan(), SAFE, nights), day)
        evenings.append(Evening(day, answer, trial))
        dose = STEADY_MG if answer.action is Action.TRIAL_BLIND else answer.dose_mg
        nights.append(night(day, dose, 3))
        day += timedelta(days=1)
    return evenings, nights

"""Short ways to write diary histories in tests."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from rlstracker.domain.models import Night
from rlstracker.domain.safety import AgeGroup, Kidney, SafetyAnswers

D0 = date(2026, 3, 1)


def night(day: date, dose: float | None = 0, severity: int | None = 5, **fields) -> Night:
    """A night with every side effect recorded as none unless given."""
    values = {"diarrhoea": 0, "nausea": 0, "stomach_cramps": 0, "drowsiness": 0, **fields}
    return Night(date=day, dose_mg=dose, symptom_severity=severity, **values)


def run(*doses: float | None, start: date = D0, severity: int | None = 5, **fields) -> list[Night]:
    """Consecutive nights from `start`, one per dose given."""
    return [
        night(start + timedelta(days=i), dose, severity, **fields) for i, dose in enumerate(doses)
    ]


def then(
    nights: list[Night], *doses: float | None, severity: int | None = 5, **fields
) -> list[Night]:
    """`nights` followed by consecutive nights at `doses`."""
    start = nights[-1].date + timedelta(days=1) if nights else D0
    return nights + run(*doses, start=start, severity=severity, **fields)


def change(nights: list[Night], index: int, **fields) -> list[Night]:
    """A copy of `nights` with night `index` (negative counts from the end) changed."""
    changed = list(nights)
    changed[index] = dataclasses.replace(changed[index], **fields)
    return changed


def after(nights: list[Night]) -> date:
    """The evening after the last night."""
    return nights[-1].date + timedelta(days=1)


BASELINE = run(*[0] * 7, severity=6)


def safe_answers(on: date = date(2026, 1, 1), **answers) -> SafetyAnswers:
    """Complete safety answers with nothing that needs a clinician, given and confirmed `on`."""
    values = {
        "kidney": Kidney.NONE,
        "heart_block": False,
        "pregnant": False,
        "age_group": AgeGroup.ADULT,
        "medicines": frozenset(),
        **answers,
    }
    return SafetyAnswers(**values, answered_on=on, confirmed_on=on)


SAFE = safe_answers()

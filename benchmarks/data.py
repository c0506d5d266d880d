"""Diaries for the benchmarks: the demo's 16 weeks, one month of it, and ten synthetic years."""

from __future__ import annotations

import random
from datetime import date, timedelta

from rlstracker.demo import demo_diary
from rlstracker.domain.models import Night

YEARS = 10


def month_of_nights(today: date) -> list[Night]:
    return list(demo_diary(today).nights)[-30:]


def years_of_nights(today: date, years: int = YEARS) -> list[Night]:
    """A plausible long diary: dose steps up and back, side effects, gaps, notes."""
    rng = random.Random(7)
    first = today - timedelta(days=365 * years)
    nights = []
    dose = 0.0
    for offset in range(365 * years):
        day = first + timedelta(days=offset)
        if offset % 28 == 0 and offset > 7:
            dose = rng.choice([100.0, 150.0, 200.0, 250.0, 200.0, 150.0])
        if rng.random() < 0.04:
            continue  # not recorded
        taken = 0.0 if rng.random() < 0.03 else dose
        diarrhoea = 1 if taken >= 200 and rng.random() < 0.08 else 0
        if taken >= 250 and rng.random() < 0.02:
            diarrhoea = 2
        nights.append(
            Night(
                date=day,
                dose_mg=taken,
                form="citrate" if taken else None,
                symptom_severity=max(0, min(10, round(rng.gauss(6 - taken / 100, 1.4)))),
                sleep_quality=max(0, min(10, round(rng.gauss(5 + taken / 100, 1.3)))),
                diarrhoea=diarrhoea,
                nausea=0,
                stomach_cramps=1 if diarrhoea and rng.random() < 0.5 else 0,
                drowsiness=0,
                notes=rng.choice(["", "", "", "", "Long day.", 'Walked, "helped".']),
            )
        )
    return nights

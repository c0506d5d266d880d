"""Iron: blood test results, and what to say about them. Iron comes before magnesium in RLS care
(AASM guideline 2024); the guide's dose rules are unchanged by it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rlstracker.domain.language import _, number
from rlstracker.domain.models import InvalidRecord
from rlstracker.domain.wording import day_words, joined

# AASM 2024: offer iron when ferritin is at or below 75 ng/mL or transferrin saturation is
# below 20 %.
FERRITIN_LOW_NG_PER_ML = 75
SATURATION_LOW_PERCENT = 20


@dataclass(frozen=True)
class IronResult:
    """One blood test the person's clinician shared: ferritin (ng/mL, the same as µg/L) and/or
    transferrin saturation (%)."""

    date: date
    ferritin_ng_per_ml: float | None = None
    saturation_percent: float | None = None

    def __post_init__(self) -> None:
        problems = iron_result_problems(self.ferritin_ng_per_ml, self.saturation_percent)
        if problems:
            raise InvalidRecord(problems)


def iron_result_problems(ferritin: object, saturation: object) -> list[tuple[str, str]]:
    problems = []
    if ferritin is None and saturation is None:
        problems.append(("ferritin_ng_per_ml", _("give a ferritin result, a saturation, or both")))
    for name, value, top, what in (
        (
            "ferritin_ng_per_ml",
            ferritin,
            5000,
            _("ferritin must be more than 0 and at most {most}").format(most=number(5000)),
        ),
        ("saturation_percent", saturation, 100, _("saturation must be from 1 to 100 %")),
    ):
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not (math.isfinite(value) and 0 < value <= top)
        ):
            problems.append((name, what))
    return problems


@dataclass(frozen=True)
class IronAdvice:
    """What Tonight and the report say about iron."""

    low: bool  # the latest result is low enough that guidelines recommend discussing iron
    text: str


def latest_ferritin(results: Iterable[IronResult]) -> IronResult | None:
    found = [r for r in results if r.ferritin_ng_per_ml is not None]
    return max(found, key=lambda r: r.date) if found else None


def latest_saturation(results: Iterable[IronResult]) -> IronResult | None:
    found = [r for r in results if r.saturation_percent is not None]
    return max(found, key=lambda r: r.date) if found else None


def iron_advice(results: Iterable[IronResult], today: date) -> IronAdvice | None:
    """The message for these results, or None when they are recent enough and not low."""
    results = list(results)
    ferritin = latest_ferritin(results)
    saturation = latest_saturation(results)
    if ferritin is None and saturation is None:
        return IronAdvice(
            False,
            _(
                "Iron matters more than magnesium in restless legs: guidelines ask for a blood "
                "test of ferritin and transferrin saturation in everyone with RLS. Ask your "
                "clinician for both."
            ),
        )
    low = []
    ferritin_value = ferritin.ferritin_ng_per_ml if ferritin else None
    saturation_value = saturation.saturation_percent if saturation else None
    if ferritin and ferritin_value is not None and ferritin_value <= FERRITIN_LOW_NG_PER_ML:
        low.append(
            _("ferritin {value} ng/mL ({day})").format(
                value=number(ferritin_value), day=day_words(ferritin.date, today)
            )
        )
    if saturation and saturation_value is not None and saturation_value < SATURATION_LOW_PERCENT:
        low.append(
            _("transferrin saturation {value} % ({day})").format(
                value=number(saturation_value), day=day_words(saturation.date, today)
            )
        )
    if low:
        return IronAdvice(
            True,
            _(
                "Your latest iron results are low for restless legs ({results}). Guidelines "
                "recommend discussing iron treatment with your clinician: in RLS, iron is "
                "offered when ferritin is {ferritin} ng/mL or less or saturation is below "
                "{saturation} %."
            ).format(
                results=joined(low),
                ferritin=FERRITIN_LOW_NG_PER_ML,
                saturation=SATURATION_LOW_PERCENT,
            ),
        )
    if ferritin is None or saturation is None:
        if saturation is None:
            text = _(
                "No transferrin saturation result is recorded: guidelines ask for both ferritin "
                "and transferrin saturation in RLS. Ask your clinician about it."
            )
        else:
            text = _(
                "No ferritin result is recorded: guidelines ask for both ferritin and "
                "transferrin saturation in RLS. Ask your clinician about it."
            )
        return IronAdvice(False, text)
    return None

"""The plan as the guide will carry it out with a product: its doses in whole units, in words.

The doses come from the ladder (`Ladder.at_or_below`, `Ladder.step_up`), the same calls the
rules make each evening, so what the first-run guide and Settings say is what Tonight will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.plan import Plan
from rlstracker.domain.wording import mg

_EPS = 1e-6
_MOST_STEPS = 1000  # a guard: each step goes up and the ceiling is finite


@dataclass(frozen=True)
class PlanSteps:
    """`doses`: the start dose, then each dose one step up, to the highest the guide goes while
    every night goes well (without side effects, symptoms above the target). Empty when the
    product's units fit neither the start dose nor the ceiling."""

    plan: Plan
    ladder: Ladder
    doses: tuple[float, ...]

    @property
    def start_mg(self) -> float | None:
        return self.doses[0] if self.doses else None

    @property
    def top_mg(self) -> float | None:
        return self.doses[-1] if self.doses else None

    @property
    def rises_mg(self) -> tuple[float, ...]:
        return tuple(round(b - a, 1) for a, b in zip(self.doses, self.doses[1:], strict=False))


def plan_steps(plan: Plan, product: Product | None) -> PlanSteps:
    """The doses the guide moves through under `plan` with `product`, as its rules choose them
    (the start rounded down to whole units and kept under the ceiling, then one step at a
    time)."""
    ladder = Ladder.of(product)
    start = ladder.at_or_below(plan.start_mg, plan.ceiling_mg)
    doses: list[float] = []
    dose = start
    while dose is not None and len(doses) < _MOST_STEPS:
        doses.append(dose)
        dose = ladder.step_up(dose, plan.step_mg, plan.ceiling_mg)
    return PlanSteps(plan, ladder, tuple(doses))


def nothing_fits_words(plan: Plan, product: Product | None) -> str | None:
    """Why the guide will not suggest even one unit, naming only the bound one unit exceeds
    (the start dose, the ceiling, or both); None when one unit fits."""
    ladder = Ladder.of(product)
    if product is None or ladder.at_or_below(plan.start_mg, plan.ceiling_mg) is not None:
        return None
    unit = unit_label(product.unit, 1)
    per_unit = product.elemental_mg_per_unit
    upper = product.upper_mg_per_unit
    over_start = per_unit > plan.start_mg + _EPS
    over_ceiling = upper > plan.ceiling_mg + _EPS
    if over_start and (not over_ceiling or per_unit > plan.ceiling_mg + _EPS):
        if over_ceiling:
            text = _(
                "One {unit} of this product holds {dose}, more than your plan's start dose of "
                "{start} and its ceiling of {ceiling}, so the guide will not suggest taking it."
            )
        else:
            text = _(
                "One {unit} of this product holds {dose}, more than your plan's start dose of "
                "{start}, so the guide will not suggest taking it."
            )
    elif over_start:  # over the start by its formula, over the ceiling only at the range's top
        text = _(
            "One {unit} of this product holds {dose}, more than your plan's start dose of "
            "{start}, and may hold up to {upper} (products of this form vary), more than its "
            "ceiling of {ceiling}, so the guide will not suggest taking it."
        )
    elif upper > per_unit + _EPS:
        text = _(
            "One {unit} of this product may hold up to {upper} (products of this form vary), "
            "more than your plan's ceiling of {ceiling}, so the guide will not suggest taking it."
        )
    else:
        text = _(
            "One {unit} of this product holds {dose}, more than your plan's ceiling of "
            "{ceiling}, so the guide will not suggest taking it."
        )
    return text.format(
        unit=unit,
        dose=mg(per_unit),
        start=mg(plan.start_mg),
        ceiling=mg(plan.ceiling_mg),
        upper=mg(upper),
    )


def steps_words(plan: Plan, product: Product | None) -> str:
    """The plan in one sentence, as the guide will carry it out: 'Then start at 1 capsule =
    81 mg (your plan's 100 mg, in whole capsules), with the evening meal, and go up by
    1 capsule (81 mg) after every 7 good nights, to at most 4 capsules = 324 mg.' Where
    nothing fits, why (see nothing_fits_words)."""
    nothing = nothing_fits_words(plan, product)
    if nothing is not None:
        return nothing
    steps = plan_steps(plan, product)
    ladder = steps.ladder
    start, top = steps.start_mg, steps.top_mg
    assert start is not None and top is not None
    first = _dose(ladder, start)
    if ladder.has_units and start < plan.start_mg - _EPS:
        first = _("{dose} (your plan's {plan_dose}, in whole {units})").format(
            dose=first,
            plan_dose=mg(plan.start_mg),
            units=unit_label(ladder.unit or "unit", 2),
        )
    # Translators: {sep} is a comma after a dose in units ("1 capsule = 81 mg,") and nothing
    # after a dose in mg; keep it where it stands, or leave it out where your language needs no
    # comma there.
    sep = "," if ladder.has_units else ""
    rises = steps.rises_mg
    nights = plan.interval_nights
    if not rises:
        return _("Then start at {start}{sep} with the evening meal. {why}").format(
            start=first, sep=sep, why=_why_no_higher(steps)
        )
    low_rise, high_rise = rises[0], rises[-1]
    if any(abs(rise - low_rise) > _EPS for rise in rises[:-1]):
        # Never so with one product and one step; said truthfully should it ever be.
        return ngettext(
            "Then start at {start}{sep} with the evening meal, and go up step by step after "
            "every {nights} good night, by {low} to {high}, to at most {top}.",
            "Then start at {start}{sep} with the evening meal, and go up step by step after "
            "every {nights} good nights, by {low} to {high}, to at most {top}.",
            nights,
        ).format(
            start=first,
            sep=sep,
            nights=nights,
            low=_rise(ladder, min(rises)),
            high=_rise(ladder, max(rises)),
            top=_dose(ladder, top),
        )
    rise = _rise(ladder, low_rise)
    if abs(high_rise - low_rise) > _EPS:
        return ngettext(
            "Then start at {start}{sep} with the evening meal, and go up by {rise} after every "
            "{nights} good night ({last}), to at most {top}.",
            "Then start at {start}{sep} with the evening meal, and go up by {rise} after every "
            "{nights} good nights ({last}), to at most {top}.",
            nights,
        ).format(
            start=first,
            sep=sep,
            rise=rise,
            nights=nights,
            last=_last_rise(ladder, high_rise),
            top=_dose(ladder, top),
        )
    return ngettext(
        "Then start at {start}{sep} with the evening meal, and go up by {rise} after every "
        "{nights} good night, to at most {top}.",
        "Then start at {start}{sep} with the evening meal, and go up by {rise} after every "
        "{nights} good nights, to at most {top}.",
        nights,
    ).format(start=first, sep=sep, rise=rise, nights=nights, top=_dose(ladder, top))


def _dose(ladder: Ladder, dose: float) -> str:
    return ladder.describe(dose) or mg(dose)


def _units(ladder: Ladder, rise: float) -> str | None:
    if ladder.per_unit_mg is None or ladder.unit is None:
        return None
    count = round(rise / ladder.per_unit_mg)
    return _("{count} {units}").format(count=count, units=unit_label(ladder.unit, count))


def _rise(ladder: Ladder, rise: float) -> str:
    """'1 capsule (81 mg)', '2 tablets (40 mg)', or '50 mg' without a product."""
    units = _units(ladder, rise)
    if units is None:
        return mg(rise)
    return _("{units} ({dose})").format(units=units, dose=mg(rise))


def _last_rise(ladder: Ladder, last: float) -> str:
    """'25 mg the last time', '1 tablet, 30 mg, the last time': a last step unlike the
    others."""
    units = _units(ladder, last)
    if units is None:
        return _("{dose} the last time").format(dose=mg(last))
    return _("{units}, {dose}, the last time").format(units=units, dose=mg(last))


def _why_no_higher(steps: PlanSteps) -> str:
    plan, ladder, start = steps.plan, steps.ladder, steps.start_mg
    assert start is not None
    if ladder.per_unit_mg is None or ladder.unit is None:
        return _("{dose} is already your plan's ceiling, so the guide will not go higher.").format(
            dose=mg(start)
        )
    unit = unit_label(ladder.unit, 1)
    one_more = ladder.dose((ladder.count(start) or 0) + 1)
    if one_more > start + 2 * plan.step_mg + _EPS:
        return _(
            "The guide will not go higher with this product: one more {unit} ({dose}) is more "
            "than two steps of {step}."
        ).format(unit=unit, dose=mg(ladder.per_unit_mg), step=mg(plan.step_mg))
    return _(
        "The guide will not go higher with this product: one more {unit} would be more than "
        "your plan's ceiling of {ceiling}."
    ).format(unit=unit, ceiling=mg(plan.ceiling_mg))

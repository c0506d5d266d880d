"""The plan as the guide will carry it out with a product: its doses in whole units, in words.

The doses come from the ladder (`Ladder.at_or_below`, `Ladder.step_up`), the same calls the
rules make each evening, so what the first-run guide and Settings say is what Tonight will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.ladder import Ladder
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
    unit = product.unit
    per_unit = product.elemental_mg_per_unit
    upper = product.upper_mg_per_unit
    over_start = per_unit > plan.start_mg + _EPS
    over_ceiling = upper > plan.ceiling_mg + _EPS
    start = f"your plan's start dose of {mg(plan.start_mg)}"
    if over_start and (not over_ceiling or per_unit > plan.ceiling_mg + _EPS):
        bounds = start
        if over_ceiling:
            bounds += f" and its ceiling of {mg(plan.ceiling_mg)}"
        holds = f"holds {mg(per_unit)}, more than {bounds}"
    elif over_start:  # over the start by its formula, over the ceiling only at the range's top
        holds = (
            f"holds {mg(per_unit)}, more than {start}, and may hold up to {mg(upper)} (products "
            f"of this form vary), more than its ceiling of {mg(plan.ceiling_mg)}"
        )
    elif upper > per_unit + _EPS:
        holds = (
            f"may hold up to {mg(upper)} (products of this form vary), more than your plan's "
            f"ceiling of {mg(plan.ceiling_mg)}"
        )
    else:
        holds = f"holds {mg(per_unit)}, more than your plan's ceiling of {mg(plan.ceiling_mg)}"
    return f"One {unit} of this product {holds}, so the guide will not suggest taking it."


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
    text = f"Then start at {_dose(ladder, start)}"
    if ladder.has_units and start < plan.start_mg - _EPS:
        units = unit_label(ladder.unit or "unit", 2)
        text += f" (your plan's {mg(plan.start_mg)}, in whole {units})"
    text += "," if ladder.has_units else ""
    text += " with the evening meal"
    rises = steps.rises_mg
    if not rises:
        return f"{text}. {_why_no_higher(steps)}"
    first, last = rises[0], rises[-1]
    every = f"after every {plan.interval_nights} good nights"
    if any(abs(rise - first) > _EPS for rise in rises[:-1]):
        # Never so with one product and one step; said truthfully should it ever be.
        low, high = _rise(ladder, min(rises)), _rise(ladder, max(rises))
        text += f", and go up step by step {every}, by {low} to {high}"
    else:
        text += f", and go up by {_rise(ladder, first)} {every}"
        if abs(last - first) > _EPS:
            text += f" ({_rise(ladder, last, last_time=True)} the last time)"
    return f"{text}, to at most {_dose(ladder, top)}."


def _dose(ladder: Ladder, dose: float) -> str:
    return ladder.describe(dose) or mg(dose)


def _rise(ladder: Ladder, rise: float, last_time: bool = False) -> str:
    """'1 capsule (81 mg)', '2 tablets (40 mg)', or '50 mg' without a product; for the last
    step, inside brackets already, '1 tablet, 30 mg'."""
    if ladder.per_unit_mg is None or ladder.unit is None:
        return mg(rise)
    count = round(rise / ladder.per_unit_mg)
    units = f"{count} {unit_label(ladder.unit, count)}"
    return f"{units}, {mg(rise)}," if last_time else f"{units} ({mg(rise)})"


def _why_no_higher(steps: PlanSteps) -> str:
    plan, ladder, start = steps.plan, steps.ladder, steps.start_mg
    assert start is not None
    if ladder.per_unit_mg is None or ladder.unit is None:
        return f"{mg(start)} is already your plan's ceiling, so the guide will not go higher."
    unit = ladder.unit
    one_more = ladder.dose((ladder.count(start) or 0) + 1)
    if one_more > start + 2 * plan.step_mg + _EPS:
        why = (
            f"one more {unit} ({mg(ladder.per_unit_mg)}) is more than two steps of "
            f"{mg(plan.step_mg)}"
        )
    else:
        why = f"one more {unit} would be more than your plan's ceiling of {mg(plan.ceiling_mg)}"
    return f"The guide will not go higher with this product: {why}."

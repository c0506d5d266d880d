"""The ladder: the doses a person can really take, and steps up and down it.

With a product set, the ladder is whole units of it (k × mg per unit, k ≥ 1), and a dose the
guide names is exactly what the units give. Without one, any dose in mg is on the ladder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.language import _
from rlstracker.domain.wording import mg

_EPS = 1e-6  # float noise, in mg
# A dose typed by hand within 1 % of a ladder dose (140 for 2 × 70.5 mg) is taken to be that
# ladder dose: people round a label's figure.
RECOGNISE_WITHIN = 0.01


@dataclass(frozen=True)
class UnitCount:
    count: int
    unit: str

    @property
    def text(self) -> str:
        # Translators: '3 capsules'.
        return _("{count} {units}").format(
            count=self.count, units=unit_label(self.unit, self.count)
        )


@dataclass(frozen=True)
class Ladder:
    """`per_unit_mg` is the magnesium in one unit; `upper_per_unit_mg` the most it may hold,
    used to keep doses under a ceiling. Both None: no product, any dose."""

    per_unit_mg: float | None = None
    upper_per_unit_mg: float | None = None
    unit: str | None = None
    product_name: str = ""

    @classmethod
    def of(cls, product: Product | None) -> Ladder:
        if product is None:
            return cls()
        return cls(
            product.elemental_mg_per_unit,
            product.upper_mg_per_unit,
            product.unit,
            product.name,
        )

    @property
    def has_units(self) -> bool:
        return self.per_unit_mg is not None

    def dose(self, count: int) -> float:
        assert self.per_unit_mg is not None
        return round(count * self.per_unit_mg, 1)

    def count(self, dose: float) -> int | None:
        """How many units give exactly `dose`; None off the ladder or without a product."""
        if self.per_unit_mg is None:
            return None
        count = round(dose / self.per_unit_mg)
        return count if abs(self.dose(count) - dose) <= _EPS else None

    def units(self, dose: float | None) -> UnitCount | None:
        if dose is None or self.unit is None:
            return None
        count = self.count(dose)
        return None if count is None else UnitCount(count, self.unit)

    def upper(self, dose: float) -> float:
        """The most magnesium `dose` may really hold."""
        if self.per_unit_mg is None or self.upper_per_unit_mg is None:
            return dose
        count = self.count(dose)
        if count is None:
            return dose * self.upper_per_unit_mg / self.per_unit_mg
        return round(count * self.upper_per_unit_mg, 1)

    def fits(self, dose: float, ceiling_mg: float) -> bool:
        return self.upper(dose) <= ceiling_mg + _EPS

    def is_on(self, dose: float) -> bool:
        return self.per_unit_mg is None or self.count(dose) is not None

    def recognise(self, dose: float) -> float:
        """The ladder dose a dose typed by hand stands for (within 1 %), else the dose itself."""
        if self.per_unit_mg is None or dose <= 0:
            return dose
        count = round(dose / self.per_unit_mg)
        if count >= 1 and abs(self.dose(count) - dose) <= RECOGNISE_WITHIN * dose + _EPS:
            return self.dose(count)
        return dose

    def at_or_below(self, dose: float, ceiling_mg: float = math.inf) -> float | None:
        """The largest ladder dose at or under `dose` that keeps at or under the ceiling; None
        where nothing above 0 remains."""
        if self.per_unit_mg is None or self.upper_per_unit_mg is None:
            found = min(dose, ceiling_mg)
            return found if found > _EPS else None
        count = math.floor(dose / self.per_unit_mg + _EPS)
        if math.isfinite(ceiling_mg):
            count = min(count, math.floor(ceiling_mg / self.upper_per_unit_mg + _EPS))
        return self.dose(count) if count >= 1 else None

    def step_up(self, dose: float, step_mg: float, ceiling_mg: float = math.inf) -> float | None:
        """One step up from `dose`: the largest ladder dose above it and at most
        min(dose + step, ceiling); where a unit is bigger than the step, the smallest ladder dose
        above it if that is at most dose + 2 × step and at most the ceiling; else None."""
        found = self.at_or_below(dose + step_mg, ceiling_mg)
        if found is not None and found > dose + _EPS:
            return found
        if self.per_unit_mg is None:
            return None
        count = math.floor(dose / self.per_unit_mg + _EPS) + 1
        bigger = self.dose(count)
        if bigger <= dose + 2 * step_mg + _EPS and self.fits(bigger, ceiling_mg):
            return bigger
        return None

    def step_down(self, dose: float, step_mg: float) -> float | None:
        """One step down from `dose`: the largest ladder dose at most dose − step; None where
        nothing above 0 remains."""
        return self.at_or_below(dose - step_mg)

    def within_one_step(self, lower: float, dose: float, step_mg: float) -> bool:
        """`dose` is at most one step up from `lower` (the ceiling aside)."""
        if dose <= lower + step_mg + _EPS:
            return True
        up = self.step_up(lower, step_mg)
        return up is not None and dose <= up + _EPS

    def describe(self, dose: float) -> str | None:
        """'3 capsules = 150 mg'; None without a product or off the ladder."""
        units = self.units(dose)
        if units is None:
            return None
        if self.upper(dose) > dose + _EPS:
            return _("{units} = {dose} (up to {upper}: products of this form vary)").format(
                units=units.text, dose=mg(dose), upper=mg(self.upper(dose))
            )
        return _("{units} = {dose}").format(units=units.text, dose=mg(dose))

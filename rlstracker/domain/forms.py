"""Magnesium compounds, how much magnesium each holds, and a product's elemental dose."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class MagnesiumForm:
    """One compound sold as a supplement.

    `elemental_fraction` is worked out from the chemical formula (the hydrate named in `basis`);
    `quoted_range` is what real products are reported to hold, which can differ from the formula.
    """

    id: str
    name: str
    elemental_fraction: float | None
    quoted_range: tuple[float, float] | None
    basis: str
    notes: str


# Formula fractions: 24.305 g/mol of magnesium over the compound's molar mass. Product ranges
# from Blancquaert et al., Nutrients 2019 (commercial products vary widely); absorption notes
# from Pardo et al., Nutrition 2021.
FORMS: dict[str, MagnesiumForm] = {
    form.id: form
    for form in (
        MagnesiumForm(
            "oxide",
            "Magnesium oxide",
            0.603,
            (0.60, 0.60),
            "MgO",
            "Much magnesium per tablet but poorly absorbed; often loosens the stools.",
        ),
        MagnesiumForm(
            "hydroxide",
            "Magnesium hydroxide",
            0.417,
            (0.40, 0.42),
            "Mg(OH)₂",
            "Used as an antacid and a laxative.",
        ),
        MagnesiumForm(
            "carbonate",
            "Magnesium carbonate",
            0.288,
            (0.25, 0.45),
            "anhydrous",
            "Commercial grades differ a lot; check the label for the magnesium content.",
        ),
        MagnesiumForm(
            "citrate",
            "Magnesium citrate",
            0.162,
            (0.11, 0.16),
            "anhydrous trimagnesium citrate",
            "Well absorbed; loosens the stools at higher doses.",
        ),
        MagnesiumForm(
            "malate",
            "Magnesium malate",
            0.155,
            (0.11, 0.16),
            "anhydrous",
            "",
        ),
        MagnesiumForm(
            "glycinate",
            "Magnesium glycinate (bisglycinate)",
            0.141,
            (0.11, 0.14),
            "bisglycinate",
            "Well absorbed and gentle on the stomach. 'Buffered' blends with oxide hold more.",
        ),
        MagnesiumForm(
            "chloride",
            "Magnesium chloride",
            0.120,
            (0.12, 0.12),
            "hexahydrate",
            "The anhydrous salt holds about 25 %.",
        ),
        MagnesiumForm(
            "lactate",
            "Magnesium lactate",
            0.120,
            (0.10, 0.12),
            "anhydrous",
            "",
        ),
        MagnesiumForm(
            "sulfate",
            "Magnesium sulfate (Epsom salt)",
            0.099,
            None,
            "heptahydrate",
            "Strongly laxative when swallowed.",
        ),
        MagnesiumForm(
            "taurate",
            "Magnesium taurate",
            0.089,
            (0.089, 0.11),
            "anhydrous",
            "Sources disagree on the content; prefer the label's magnesium figure.",
        ),
        MagnesiumForm(
            "threonate",
            "Magnesium L-threonate",
            0.083,
            (0.07, 0.09),
            "anhydrous",
            "Little magnesium per capsule.",
        ),
        MagnesiumForm(
            "aspartate",
            "Magnesium aspartate",
            0.075,
            (0.075, 0.084),
            "dihydrate",
            "The anhydrous salt holds about 8.4 %.",
        ),
        MagnesiumForm(
            "glycerophosphate",
            "Magnesium glycerophosphate",
            0.125,
            None,
            "anhydrous",
            "Sold as a licensed medicine in the UK.",
        ),
        MagnesiumForm(
            "other",
            "Another form or a blend",
            None,
            None,
            "",
            "For blends the label's magnesium figure is the only reliable one.",
        ),
    )
}

FORM_IDS: tuple[str, ...] = tuple(FORMS)


class LabelBasis(str, Enum):
    """What the label's milligrams are of."""

    ELEMENTAL = "elemental"  # "Magnesium (as citrate) 100 mg"
    COMPOUND = "compound"  # "Magnesium citrate 500 mg"


UNIT_NAMES: dict[str, str] = {
    "capsule": "capsules",
    "tablet": "tablets",
    "scoop": "scoops",
    "sachet": "sachets",
    "teaspoon": "teaspoons",
    "drop": "drops",
}


class ProductError(ValueError):
    """A product description that cannot give an elemental dose."""


@dataclass(frozen=True)
class Product:
    """The supplement the person takes, as its label describes it."""

    name: str
    form: str
    amount_per_unit_mg: float
    label_basis: LabelBasis
    unit: str = "capsule"

    def __post_init__(self) -> None:
        problems = product_problems(self)
        if problems:
            raise ProductError("; ".join(problems))

    @property
    def elemental_mg_per_unit(self) -> float:
        """The magnesium in one unit, to 0.1 mg: the label's figure, or the compound's weight
        times the form's share by formula."""
        if self.label_basis is LabelBasis.ELEMENTAL:
            return round(self.amount_per_unit_mg, 1)
        fraction = FORMS[self.form].elemental_fraction
        assert fraction is not None  # product_problems refuses compound mg of an unknown form
        return round(self.amount_per_unit_mg * fraction, 1)

    @property
    def upper_mg_per_unit(self) -> float:
        """The most magnesium one unit may hold. A compound's weight of a form whose real
        products vary (carbonate 25-45 %) may hold more than the formula says: the ceiling is
        checked with the top of the quoted range."""
        if self.label_basis is LabelBasis.ELEMENTAL:
            return self.elemental_mg_per_unit
        quoted = FORMS[self.form].quoted_range
        top = quoted[1] if quoted else 0.0
        return max(self.elemental_mg_per_unit, round(self.amount_per_unit_mg * top, 1))

    @property
    def varies(self) -> bool:
        """The magnesium per unit is uncertain upwards (see upper_mg_per_unit)."""
        return self.upper_mg_per_unit > self.elemental_mg_per_unit


def product_problems(product: Product) -> list[str]:
    problems = []
    if not product.name.strip():
        problems.append("the product needs a name")
    if product.form not in FORMS:
        problems.append(f"unknown form {product.form!r}; known forms: {', '.join(FORM_IDS)}")
    if product.unit not in UNIT_NAMES:
        problems.append(f"unknown unit {product.unit!r}; known units: {', '.join(UNIT_NAMES)}")
    amount = product.amount_per_unit_mg
    if not isinstance(amount, (int, float)) or not math.isfinite(amount) or not 0 < amount <= 5000:
        problems.append("the amount per unit must be more than 0 and at most 5000 mg")
    if (
        product.label_basis is LabelBasis.COMPOUND
        and product.form in FORMS
        and FORMS[product.form].elemental_fraction is None
    ):
        problems.append(
            "for another form or a blend the magnesium content can't be worked out: "
            "enter the label's magnesium (elemental) figure instead"
        )
    return problems


def unit_label(unit: str, count: int) -> str:
    return unit if count == 1 else UNIT_NAMES.get(unit, unit + "s")

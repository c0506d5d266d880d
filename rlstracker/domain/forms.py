"""Magnesium compounds, how much magnesium each holds, and a product's elemental dose."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from rlstracker.domain.language import N_, _, ngettext, number


@dataclass(frozen=True)
class MagnesiumForm:
    """One compound sold as a supplement.

    `elemental_fraction` is worked out from the chemical formula (the hydrate named in `basis`);
    `quoted_range` is what real products are reported to hold, which can differ from the formula.
    """

    id: str
    name_msgid: str  # marked with N_; `name` says it in the language in use
    elemental_fraction: float | None
    quoted_range: tuple[float, float] | None
    basis: str  # marked with N_ (a formula is left as it is); translated where it is shown
    notes_msgid: str

    @property
    def name(self) -> str:
        return _(self.name_msgid)

    @property
    def notes(self) -> str:
        return _(self.notes_msgid) if self.notes_msgid else ""


# Formula fractions: 24.305 g/mol of magnesium over the compound's molar mass. Product ranges
# from Blancquaert et al., Nutrients 2019 (commercial products vary widely); absorption notes
# from Pardo et al., Nutrition 2021.
FORMS: dict[str, MagnesiumForm] = {
    form.id: form
    for form in (
        MagnesiumForm(
            "oxide",
            N_("Magnesium oxide"),
            0.603,
            (0.60, 0.60),
            "MgO",
            N_("Much magnesium per tablet but poorly absorbed; often loosens the stools."),
        ),
        MagnesiumForm(
            "hydroxide",
            N_("Magnesium hydroxide"),
            0.417,
            (0.40, 0.42),
            "Mg(OH)₂",  # not user text: a chemical formula
            N_("Used as an antacid and a laxative."),
        ),
        MagnesiumForm(
            "carbonate",
            N_("Magnesium carbonate"),
            0.288,
            (0.25, 0.45),
            # Translators: the form the formula is worked out for, shown as "By its formula
            # (anhydrous) it is 29% magnesium."
            N_("anhydrous"),
            N_("Commercial grades differ a lot; check the label for the magnesium content."),
        ),
        MagnesiumForm(
            "citrate",
            N_("Magnesium citrate"),
            0.162,
            (0.11, 0.16),
            N_("anhydrous trimagnesium citrate"),
            N_("Well absorbed; loosens the stools at higher doses."),
        ),
        MagnesiumForm(
            "malate",
            N_("Magnesium malate"),
            0.155,
            (0.11, 0.16),
            N_("anhydrous"),
            "",
        ),
        MagnesiumForm(
            "glycinate",
            N_("Magnesium glycinate (bisglycinate)"),
            0.141,
            (0.11, 0.14),
            "bisglycinate",
            N_("Well absorbed and gentle on the stomach. 'Buffered' blends with oxide hold more."),
        ),
        MagnesiumForm(
            "chloride",
            N_("Magnesium chloride"),
            0.120,
            (0.12, 0.12),
            N_("hexahydrate"),
            N_("The anhydrous salt holds about 25 %."),
        ),
        MagnesiumForm(
            "lactate",
            N_("Magnesium lactate"),
            0.120,
            (0.10, 0.12),
            N_("anhydrous"),
            "",
        ),
        MagnesiumForm(
            "sulfate",
            N_("Magnesium sulfate (Epsom salt)"),
            0.099,
            None,
            N_("heptahydrate"),
            N_("Strongly laxative when swallowed."),
        ),
        MagnesiumForm(
            "taurate",
            N_("Magnesium taurate"),
            0.089,
            (0.089, 0.11),
            N_("anhydrous"),
            N_("Sources disagree on the content; prefer the label's magnesium figure."),
        ),
        MagnesiumForm(
            "threonate",
            N_("Magnesium L-threonate"),
            0.083,
            (0.07, 0.09),
            N_("anhydrous"),
            N_("Little magnesium per capsule."),
        ),
        MagnesiumForm(
            "aspartate",
            N_("Magnesium aspartate"),
            0.075,
            (0.075, 0.084),
            N_("dihydrate"),
            N_("The anhydrous salt holds about 8.4 %."),
        ),
        MagnesiumForm(
            "glycerophosphate",
            N_("Magnesium glycerophosphate"),
            0.125,
            None,
            N_("anhydrous"),
            N_("Sold as a licensed medicine in the UK."),
        ),
        MagnesiumForm(
            "other",
            N_("Another form or a blend"),
            None,
            None,
            "",
            N_("For blends the label's magnesium figure is the only reliable one."),
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
}  # the ids (the diary and --unit keep them) and their English plurals


def _unit_words(unit: str, count: int) -> str:
    # One ngettext each, so that every language counts each unit by its own rule.
    if unit == "capsule":
        return ngettext("capsule", "capsules", count)
    if unit == "tablet":
        return ngettext("tablet", "tablets", count)
    if unit == "scoop":
        return ngettext("scoop", "scoops", count)
    if unit == "sachet":
        return ngettext("sachet", "sachets", count)
    if unit == "teaspoon":
        return ngettext("teaspoon", "teaspoons", count)
    if unit == "drop":
        return ngettext("drop", "drops", count)
    return unit if count == 1 else unit + "s"


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
        problems.append(_("the product needs a name"))
    if product.form not in FORMS:
        problems.append(
            _("unknown form {form}; known forms: {forms}").format(
                form=repr(product.form), forms=", ".join(FORM_IDS)
            )
        )
    if product.unit not in UNIT_NAMES:
        problems.append(
            _("unknown unit {unit}; known units: {units}").format(
                unit=repr(product.unit), units=", ".join(UNIT_NAMES)
            )
        )
    amount = product.amount_per_unit_mg
    if not isinstance(amount, (int, float)) or not math.isfinite(amount) or not 0 < amount <= 5000:
        problems.append(
            _("the amount per unit must be more than 0 and at most {most} mg").format(
                most=number(5000)
            )
        )
    if (
        product.label_basis is LabelBasis.COMPOUND
        and product.form in FORMS
        and FORMS[product.form].elemental_fraction is None
    ):
        problems.append(
            _(
                "for another form or a blend the magnesium content can't be worked out: enter "
                "the label's magnesium (elemental) figure instead"
            )
        )
    return problems


def unit_label(unit: str, count: int) -> str:
    """'capsule', 'capsules' ('Kapsel', 'Kapseln'): a unit's name for `count` of them."""
    return _unit_words(unit, count)

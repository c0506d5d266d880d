"""The ladder: whole units of the product, and steps up and down it."""

from __future__ import annotations

import math

import pytest

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.ladder import Ladder

NO_PRODUCT = Ladder()


def units(mg: float, basis: LabelBasis = LabelBasis.ELEMENTAL, form: str = "citrate") -> Ladder:
    return Ladder.of(Product("P", form, mg, basis, "capsule"))


def test_without_a_product_any_dose_is_on_the_ladder():
    assert NO_PRODUCT.at_or_below(137, 350) == 137
    assert NO_PRODUCT.step_up(100, 50, 350) == 150
    assert NO_PRODUCT.step_up(320, 50, 350) == 350
    assert NO_PRODUCT.step_up(350, 50, 350) is None
    assert NO_PRODUCT.step_down(100, 50) == 50
    assert NO_PRODUCT.step_down(50, 50) is None
    assert NO_PRODUCT.units(150) is None


def test_doses_round_down_to_whole_units_never_up():
    ladder = units(120)
    assert ladder.at_or_below(300) == 240
    assert ladder.at_or_below(119) is None
    assert ladder.at_or_below(240, ceiling_mg=239) == 120
    assert ladder.describe(240) == "2 capsules = 240 mg"


def test_one_step_up_is_the_largest_ladder_dose_within_a_step():
    ladder = units(25)
    assert ladder.step_up(100, 50, 350) == 150
    assert ladder.step_up(100, 50, 110) is None


@pytest.mark.parametrize(
    "per_unit, dose, expected",
    [(100, 100, 200), (81, 81, 162), (81, 162, 243), (125, 125, None), (60, 60, 120)],
)
def test_a_unit_bigger_than_the_step_moves_one_unit_if_at_most_two_steps(per_unit, dose, expected):
    assert units(per_unit).step_up(dose, 50, 1000) == expected


def test_the_ceiling_applies_to_a_step_up_by_one_unit():
    assert units(100).step_up(300, 50, 350) is None


def test_one_step_down():
    assert units(100).step_down(300, 50) == 200
    assert units(81).step_down(162, 50) == 81
    assert units(100).step_down(100, 50) is None


def test_doses_are_exactly_what_the_units_give():
    ladder = units(500, LabelBasis.COMPOUND, "glycinate")  # 70.5 mg a capsule
    assert ladder.at_or_below(150) == 141
    assert ladder.units(141).count == 2
    assert ladder.count(140) is None
    assert ladder.recognise(140) == 141  # a label figure rounded by hand
    assert ladder.recognise(120) == 120


def test_a_varying_form_is_kept_under_the_ceiling_by_its_top_figure():
    ladder = units(500, LabelBasis.COMPOUND, "carbonate")  # 144 by formula, up to 225
    assert ladder.upper(288) == 450
    assert ladder.at_or_below(350, 350) == 144
    assert ladder.fits(144, 225) and not ladder.fits(144, 224)
    assert "up to 450 mg" in ladder.describe(288)


def test_within_one_step_ignores_the_ceiling():
    assert units(100).within_one_step(100, 200, 50)
    assert not units(100).within_one_step(100, 300, 50)
    assert NO_PRODUCT.within_one_step(100, 150, 50)
    assert not NO_PRODUCT.within_one_step(100, 151, 50)
    assert NO_PRODUCT.at_or_below(math.inf, 350) == 350

"""The plan in a product's whole units, as the guide will carry it out, and in words."""

from __future__ import annotations

import pytest

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.domain.plan import Plan
from rlstracker.domain.plan_steps import nothing_fits_words, plan_steps, steps_words
from rlstracker.domain.titration import Action, suggest
from tests.domain.builders import BASELINE, SAFE, after, then

CITRATE_500 = Product("Magnesium citrate 500", "citrate", 500, LabelBasis.COMPOUND, "capsule")
GLYCINATE_120 = Product("Mag glycinate tabs", "glycinate", 120, LabelBasis.ELEMENTAL, "tablet")


def tablets(mg: float, form: str = "citrate", basis=LabelBasis.ELEMENTAL) -> Product:
    return Product(f"Magnesium {mg:g}", form, mg, basis, "tablet")


def test_one_unit_above_the_start_names_the_start_and_not_the_ceiling():
    words = nothing_fits_words(Plan(start_mg=100, ceiling_mg=350), GLYCINATE_120)
    assert words == (
        "One tablet of this product holds 120 mg, more than your plan's start dose of 100 mg, "
        "so the guide will not suggest taking it."
    )
    assert "ceiling" not in words
    assert steps_words(Plan(start_mg=100, ceiling_mg=350), GLYCINATE_120) == words


def test_one_unit_above_the_ceiling_alone_names_the_ceiling_alone():
    # 95 mg of carbonate by formula, but products of this form may hold up to 148 mg.
    carbonate = tablets(330, "carbonate", LabelBasis.COMPOUND)
    words = nothing_fits_words(Plan(start_mg=100, ceiling_mg=125), carbonate)
    assert words is not None
    assert "may hold up to 148.5 mg (products of this form vary)" in words
    assert "more than your plan's ceiling of 125 mg" in words
    assert "start dose" not in words


def test_one_unit_above_both_names_both():
    words = nothing_fits_words(Plan(start_mg=100, ceiling_mg=250), tablets(400))
    assert words is not None
    assert "holds 400 mg, more than your plan's start dose of 100 mg and its ceiling of 250 mg" in (
        words
    )


def test_a_unit_that_fits_needs_no_such_words():
    assert nothing_fits_words(Plan(), CITRATE_500) is None
    assert nothing_fits_words(Plan(), None) is None


def test_81_mg_capsules_go_up_one_capsule_at_a_time_and_say_so():
    words = steps_words(Plan(), CITRATE_500)
    assert words == (
        "Then start at 1 capsule = 81 mg (your plan's 100 mg, in whole capsules), with the "
        "evening meal, and go up by 1 capsule (81 mg) after every 7 good nights, to at most "
        "4 capsules = 324 mg."
    )
    assert "about" not in words


def test_small_units_go_up_by_the_whole_units_a_step_holds():
    words = steps_words(Plan(start_mg=100, step_mg=50), tablets(20))
    assert "go up by 2 tablets (40 mg) after every 7 good nights" in words
    assert "to at most 17 tablets = 340 mg." in words


def test_a_smaller_last_step_to_the_ceiling_is_said():
    assert steps_words(Plan(start_mg=100, step_mg=50, ceiling_mg=325), None) == (
        "Then start at 100 mg with the evening meal, and go up by 50 mg after every 7 good "
        "nights (25 mg the last time), to at most 325 mg."
    )
    words = steps_words(Plan(start_mg=60, step_mg=60, ceiling_mg=350), tablets(30))
    assert "go up by 2 tablets (60 mg) after every 7 good nights" in words
    assert "(1 tablet, 30 mg, the last time), to at most 11 tablets = 330 mg." in words


def test_a_unit_of_more_than_two_steps_never_goes_up_and_says_why():
    words = steps_words(Plan(start_mg=150, step_mg=50), GLYCINATE_120)
    assert words.startswith("Then start at 1 tablet = 120 mg (your plan's 150 mg, in whole")
    assert "will not go higher with this product" in words
    assert "one more tablet (120 mg) is more than two steps of 50 mg" in words
    assert "at most" not in words


def test_a_start_at_the_ceiling_says_it_goes_no_higher():
    words = steps_words(Plan(start_mg=100, ceiling_mg=100), None)
    assert "100 mg is already your plan's ceiling" in words


def doses_the_guide_suggests(plan: Plan, product: Product | None) -> list[float]:
    """Follow the guide night after night, every night taken as suggested, symptoms above
    target and no side effect: the doses it moves through."""
    nights = list(BASELINE)
    seen: list[float] = []
    for _ in range(200):
        suggestion = suggest(plan, SAFE, nights, after(nights), product)
        if suggestion.action not in (Action.START, Action.HOLD, Action.RAISE):
            break
        dose = suggestion.dose_mg
        assert dose is not None
        if not seen or seen[-1] != dose:
            seen.append(dose)
        nights = then(nights, dose, severity=5)
    return seen


@pytest.mark.parametrize(
    ("plan", "product"),
    [
        (Plan(), CITRATE_500),
        (Plan(), None),
        (Plan(start_mg=100, step_mg=50, ceiling_mg=325), None),
        (Plan(start_mg=100, step_mg=50), tablets(20)),
        (Plan(start_mg=60, step_mg=60), tablets(30)),
        (Plan(start_mg=150, step_mg=50), GLYCINATE_120),
        (Plan(start_mg=100, ceiling_mg=300), tablets(330, "carbonate", LabelBasis.COMPOUND)),
        (Plan(start_mg=75, step_mg=25, ceiling_mg=250), tablets(500, "oxide", LabelBasis.COMPOUND)),
    ],
)
def test_the_steps_are_the_doses_the_guide_really_suggests(plan, product):
    assert list(plan_steps(plan, product).doses) == doses_the_guide_suggests(plan, product)


def test_nothing_fits_means_no_steps_and_the_guide_says_stop():
    plan = Plan(start_mg=100)
    assert plan_steps(plan, GLYCINATE_120).doses == ()
    assert suggest(plan, SAFE, BASELINE, after(BASELINE), GLYCINATE_120).action is Action.STOP

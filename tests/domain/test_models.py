"""The records: what a night, a plan and a product accept, and elemental magnesium."""

from __future__ import annotations

import math
from datetime import date

import pytest

from rlstracker.domain.forms import FORMS, LabelBasis, Product, ProductError, dose_in_units
from rlstracker.domain.models import InvalidRecord, Night, Plan, Region

DAY = date(2026, 5, 1)


def test_an_empty_night_records_nothing_rather_than_zeros():
    blank = Night(date=DAY)
    assert blank.dose_mg is None and blank.symptom_severity is None and blank.gi_grade is None
    assert not blank.side_effects_recorded
    assert not blank.took_magnesium


def test_gi_grade_is_the_highest_stomach_grade_not_drowsiness():
    assert Night(date=DAY, diarrhoea=1, nausea=2, drowsiness=3).gi_grade == 2


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"dose_mg": 1001}, "dose_mg"),
        ({"dose_mg": -1}, "dose_mg"),
        ({"dose_mg": math.nan}, "dose_mg"),
        ({"symptom_severity": 11}, "symptom_severity"),
        ({"sleep_quality": -1}, "sleep_quality"),
        ({"diarrhoea": 4}, "diarrhoea"),
        ({"nausea": 1.5}, "nausea"),
        ({"form": "unobtainium"}, "form"),
        ({"notes": "x" * 20_001}, "notes"),
        ({"notes": "a\x00b"}, "notes"),
    ],
)
def test_out_of_range_night_values_are_refused_naming_the_field(fields, field):
    with pytest.raises(InvalidRecord) as error:
        Night(date=DAY, **fields)
    assert [name for name, _ in error.value.problems] == [field]


def test_a_compound_weight_typed_as_elemental_is_called_out():
    with pytest.raises(InvalidRecord, match="compound"):
        Night(date=DAY, dose_mg=1500)


def test_plan_defaults_follow_the_rules():
    plan = Plan()
    assert (plan.start_mg, plan.step_mg, plan.interval_nights, plan.ceiling_mg) == (100, 50, 7, 350)
    assert (plan.baseline_nights, plan.target_severity, plan.review_nights) == (7, 2, 28)
    assert Plan.for_region("eu").ceiling_mg == 250


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"start_mg": 20}, "start_mg"),
        ({"start_mg": 400, "ceiling_mg": 400, "clinician_approved": True}, "start_mg"),
        ({"step_mg": 101}, "step_mg"),
        ({"interval_nights": 2}, "interval_nights"),
        ({"interval_nights": 29}, "interval_nights"),
        ({"interval_nights": 7.5}, "interval_nights"),
        ({"ceiling_mg": 400}, "ceiling_mg"),
        ({"ceiling_mg": 300, "region": Region.EU}, "ceiling_mg"),
        ({"ceiling_mg": 1001, "clinician_approved": True}, "ceiling_mg"),
        ({"baseline_nights": 29}, "baseline_nights"),
        ({"target_severity": 11}, "target_severity"),
        ({"review_nights": 13}, "review_nights"),
        ({"start_mg": 200, "ceiling_mg": 150}, "start_mg"),
    ],
)
def test_plan_values_outside_their_bounds_are_refused(fields, field):
    with pytest.raises(InvalidRecord) as error:
        Plan(**fields)
    assert field in [name for name, _ in error.value.problems]


def test_a_ceiling_above_the_limit_is_allowed_with_clinician_approval():
    assert Plan(ceiling_mg=600, clinician_approved=True).ceiling_mg == 600


@pytest.mark.parametrize(
    "form, compound_mg, elemental_mg",
    [
        ("oxide", 500, 301.5),
        ("citrate", 500, 81),
        ("glycinate", 500, 70.5),
        ("threonate", 2000, 166),
    ],
)
def test_compound_label_is_converted_to_elemental(form, compound_mg, elemental_mg):
    product = Product("X", form, compound_mg, LabelBasis.COMPOUND)
    assert product.elemental_mg_per_unit == pytest.approx(elemental_mg)


def test_elemental_label_is_taken_as_it_is():
    assert Product("X", "citrate", 100, LabelBasis.ELEMENTAL).elemental_mg_per_unit == 100


def test_every_form_with_a_formula_fraction_is_plausible():
    for form in FORMS.values():
        if form.elemental_fraction is not None:
            assert 0.05 < form.elemental_fraction < 0.65, form.id


def test_compound_mg_of_a_blend_cannot_be_converted():
    with pytest.raises(ProductError, match="elemental"):
        Product("Blend", "other", 500, LabelBasis.COMPOUND)


@pytest.mark.parametrize("amount", [0, -5, math.inf, 5001])
def test_product_amount_must_be_sensible(amount):
    with pytest.raises(ProductError):
        Product("X", "citrate", amount, LabelBasis.ELEMENTAL)


def test_dose_in_units_rounds_down_never_up():
    caps = Product("Caps", "citrate", 120, LabelBasis.ELEMENTAL, "capsule")
    assert dose_in_units(240, caps).text == "2 capsules = 240 mg"
    assert dose_in_units(300, caps).count == 2
    assert "nearest" in dose_in_units(300, caps).text
    assert dose_in_units(100, caps).count == 0
    assert "less than one capsule" in dose_in_units(100, caps).text
    assert dose_in_units(120, caps).text == "1 capsule = 120 mg"

"""The records: what a night, a plan and a product accept, and elemental magnesium."""

from __future__ import annotations

import math
from datetime import date

import pytest

from rlstracker.domain.forms import FORMS, LabelBasis, Product, ProductError
from rlstracker.domain.models import SIDE_EFFECTS, InvalidRecord, Night, RedFlag

DAY = date(2026, 5, 1)


def test_an_empty_night_records_nothing_rather_than_zeros():
    blank = Night(date=DAY)
    assert blank.dose_mg is None and blank.symptom_severity is None and blank.worst_grade is None
    assert not blank.side_effects_recorded
    assert not blank.took_magnesium
    assert blank.is_empty and not blank.counts_for_the_guide


def test_the_grade_of_a_night_is_its_highest_side_effect_drowsiness_included():
    assert Night(date=DAY, diarrhoea=1, nausea=2, drowsiness=3).worst_grade == 3


@pytest.mark.parametrize("effect", SIDE_EFFECTS)
def test_each_side_effect_alone_is_the_nights_grade_and_is_read_in_order(effect):
    night = Night(date=DAY, **{effect: 2})
    assert night.worst_grade == 2 and night.counts_for_the_guide
    assert night.grades() == tuple(night.grade(e) for e in SIDE_EFFECTS)
    assert not night.side_effects_recorded
    assert Night(date=DAY, **dict.fromkeys(SIDE_EFFECTS, 0)).side_effects_recorded


@pytest.mark.parametrize(
    "fields, counts",
    [
        ({"notes": "only a note"}, False),
        ({"sleep_quality": 4}, False),
        ({"form": "citrate"}, False),
        ({"dose_mg": 0}, True),
        ({"symptom_severity": 0}, True),
        ({"nausea": 0}, True),
        ({"red_flags": {RedFlag.FAINTING}}, True),
    ],
)
def test_only_a_dose_severity_side_effect_or_warning_sign_makes_a_night_for_the_guide(
    fields, counts
):
    night = Night(date=DAY, **fields)
    assert night.counts_for_the_guide is counts
    assert not night.is_empty


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


def test_lactates_share_is_for_its_anhydrous_form():
    assert FORMS["lactate"].basis == "anhydrous"


def test_a_carbonate_label_is_checked_with_the_top_of_its_range():
    product = Product("Carb", "carbonate", 500, LabelBasis.COMPOUND, "tablet")
    assert product.elemental_mg_per_unit == 144
    assert product.upper_mg_per_unit == 225
    assert product.varies
    assert not Product("Carb", "carbonate", 144, LabelBasis.ELEMENTAL).varies

"""Numbers the window writes into its fields: with the language's decimal mark (62,5 in
German), read back alike; English as it was (62.5)."""

from __future__ import annotations

from rlstracker.domain.forms import LabelBasis, Product
from rlstracker.ui.fields import DoseField
from rlstracker.ui.product_form import ProductForm

HALF = Product(
    name="Magnesium citrate powder",
    form="citrate",
    amount_per_unit_mg=62.5,
    label_basis=LabelBasis.ELEMENTAL,
    unit="scoop",
)


def test_a_dose_field_writes_a_german_decimal_comma_and_reads_it_back(german, qtbot):
    field = DoseField("Magnesium")
    qtbot.addWidget(field)
    field.set_value(62.5)
    assert field.text() == "62,5"
    assert field.problem() is None and field.value() == 62.5


def test_the_product_form_shows_the_labels_amount_with_a_german_comma(german, qtbot):
    form = ProductForm()
    qtbot.addWidget(form)
    form.set_value(HALF)
    assert form.amount.text() == "62,5"
    assert form.value().amount_per_unit_mg == 62.5


def test_english_keeps_its_decimal_point(qtbot):
    field = DoseField("Magnesium")
    qtbot.addWidget(field)
    field.set_value(62.5)
    assert field.text() == "62.5"

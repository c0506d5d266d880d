"""The product: its name, form, strength, and what the label's milligrams are of."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain import language
from rlstracker.domain.forms import FORMS, UNIT_NAMES, LabelBasis, Product, ProductError, unit_label
from rlstracker.domain.language import _
from rlstracker.domain.wording import mg
from rlstracker.ui.safety_form import wrapped
from rlstracker.ui.theme import style_role
from rlstracker.ui.word_search import WordSearch

# Above this, an "elemental" figure per unit is unusual enough to show both readings.
SHOW_BOTH_ABOVE_MG = 120


class ProductForm(QWidget):
    """Emits `changed`; `value()` gives the Product or raises ProductError saying what to fix."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Product name"))
        self.name.setPlaceholderText(_("As on the label, e.g. Magnesium citrate 100"))
        self.form = QComboBox()
        self.form.setAccessibleName(_("Form of magnesium"))
        self.form.addItem(_("– choose the form on the label –"), None)
        for form in FORMS.values():
            self.form.addItem(form.name, form.id)
        # Every name begins with "Magnesium": typing finds the word that differs ("cit").
        self.form_search = WordSearch(self.form)
        self.amount = QLineEdit()
        self.amount.setAccessibleName(_("Milligrams per unit, as on the label"))
        self.unit = QComboBox()
        self.unit.setAccessibleName(_("Unit"))
        for unit in UNIT_NAMES:
            self.unit.addItem(unit_label(unit, 1), unit)
        self.elemental = QRadioButton(
            _("the magnesium itself (elemental), e.g. “Magnesium (as citrate) 100 mg”")
        )
        self.compound = QRadioButton(_("the whole compound, e.g. “Magnesium citrate 500 mg”"))
        self.basis_buttons = QButtonGroup(self)
        self.basis_buttons.addButton(self.elemental)
        self.basis_buttons.addButton(self.compound)
        basis = QGroupBox(_("The label's milligrams are of… (choose one)"))
        basis_layout = QVBoxLayout(basis)
        basis_layout.addWidget(self.elemental)
        basis_layout.addWidget(self.compound)
        basis_layout.addWidget(
            wrapped(
                _(
                    "Supplement Facts panels usually give the magnesium itself. If the label "
                    "names only the compound's weight (“magnesium citrate 500 mg”), choose the "
                    "second."
                )
            )
        )
        self.readout = QLabel()
        style_role(self.readout, "actionTitle")
        self.readout.setWordWrap(True)
        self.both = wrapped()
        self.notes = wrapped()
        self.problem = wrapped()
        style_role(self.problem, "formProblem")

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(QLabel(_("mg per")))
        amount_row.addWidget(self.unit)
        form_layout = QFormLayout()
        form_layout.addRow(_("Product na&me:"), self.name)
        form_layout.addRow(_("F&orm:"), self.form)
        strength = QLabel(_("&Strength:"))
        strength.setBuddy(self.amount)
        form_layout.addRow(strength, amount_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(basis)
        layout.addWidget(self.readout)
        layout.addWidget(self.both)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)

        self.name.textChanged.connect(self._refresh)
        self.form.currentIndexChanged.connect(self._refresh)
        self.amount.textChanged.connect(self._refresh)
        self.unit.currentIndexChanged.connect(self._refresh)
        self.basis_buttons.buttonToggled.connect(self._refresh)
        self._refresh()

    def set_value(self, product: Product | None) -> None:
        if product is None:
            return
        self.name.setText(product.name)
        self.form.setCurrentIndex(self.form.findData(product.form))
        self.amount.setText(language.number(product.amount_per_unit_mg))
        self.unit.setCurrentIndex(self.unit.findData(product.unit))
        (
            self.elemental if product.label_basis is LabelBasis.ELEMENTAL else self.compound
        ).setChecked(True)
        self._refresh()

    def _amount(self) -> float:
        text = self.amount.text().strip().replace(",", ".")
        try:
            return float(text)
        except ValueError:
            raise ProductError(
                # Translators: a problem, in lower case: shown with its first letter raised.
                _("type the milligrams per unit as on the label, as a number such as 500")
            ) from None

    def _basis(self) -> LabelBasis | None:
        if self.elemental.isChecked():
            return LabelBasis.ELEMENTAL
        if self.compound.isChecked():
            return LabelBasis.COMPOUND
        return None

    def value(self) -> Product:
        """The product; raises ProductError saying what is missing or wrong."""
        if self.form.currentData() is None:
            # Translators: a problem, in lower case: shown with its first letter raised.
            raise ProductError(_("choose the form of magnesium the label names"))
        amount = self._amount()
        basis = self._basis()
        if basis is None:
            raise ProductError(
                # Translators: a problem, in lower case: shown with its first letter raised.
                _(
                    "choose whether the label's milligrams are of the magnesium itself or of the "
                    "whole compound"
                )
            )
        return Product(
            self.name.text().strip(),
            self.form.currentData(),
            amount,
            basis,
            self.unit.currentData(),
        )

    def problems(self) -> list[str]:
        try:
            self.value()
        except ProductError as error:
            return [str(error)[0].upper() + str(error)[1:] + "."]
        return []

    def is_empty(self) -> bool:
        """Left empty, to be filled in later: not a mistake."""
        return not self.name.text().strip() and not self.amount.text().strip()

    def product_or_none(self) -> Product | None:
        """The product, or None when left empty. Call when problems() is empty or is_empty()."""
        return None if self.is_empty() else self.value()

    def _refresh(self, *_args: object) -> None:
        form = FORMS[self.form.currentData() or "other"]
        unit = unit_label(self.unit.currentData() or "capsule", 1)
        notes = [form.notes] if form.notes else []
        if form.elemental_fraction is not None:
            share = language.percent(form.elemental_fraction).replace(".0%", "%")
            share = share.replace(",0\u00a0%", "\u00a0%")
            notes.insert(
                0,
                _("By its formula ({formula}) it is {share} magnesium.").format(
                    formula=_(form.basis), share=share
                ),
            )
        if form.quoted_range and form.quoted_range[0] != form.quoted_range[1]:
            low, high = form.quoted_range
            notes.append(
                _("Real products are reported at {low} to {high}.").format(
                    low=language.percent(low, 0), high=language.percent(high, 0)
                )
            )
        self.notes.setText(" ".join(notes) if self.form.currentData() else "")
        both = ""
        try:
            amount = self._amount()
        except ProductError:
            amount = None
        if (
            amount is not None
            and amount > SHOW_BOTH_ABOVE_MG
            and form.elemental_fraction is not None
            and self.form.currentData() is not None
        ):
            as_compound = amount * form.elemental_fraction
            both = _(
                "<b>Check the label.</b> If its {amount} is the magnesium itself, one {unit} "
                "holds {amount}, which is a lot for one {unit}. If it is the weight of the whole "
                "compound, one {unit} holds about {compound} of magnesium. Supplement Facts "
                "panels write the magnesium as “Magnesium (as …)”."
            ).format(amount=mg(amount), unit=unit, compound=mg(round(as_compound)))
        self.both.setText(both)
        self.both.setVisible(bool(both))
        try:
            product = self.value()
        except ProductError:
            self.readout.setText("")
        else:
            if product.varies:
                text = _(
                    "= {dose} of elemental magnesium per {unit} by formula; products of this "
                    "form vary, so the guide counts up to {upper} when it keeps to your ceiling"
                ).format(
                    dose=mg(product.elemental_mg_per_unit),
                    unit=unit,
                    upper=mg(product.upper_mg_per_unit),
                )
            else:
                text = _("= {dose} of elemental magnesium per {unit}").format(
                    dose=mg(product.elemental_mg_per_unit), unit=unit
                )
            self.readout.setText(text)
        problems = [] if self.is_empty() else self.problems()
        self.problem.setText(" ".join(problems))
        self.changed.emit()

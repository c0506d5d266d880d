"""The forms shared by the first-run guide and Settings: safety, product, plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.forms import (
    FORMS,
    UNIT_NAMES,
    LabelBasis,
    Product,
    ProductError,
    dose_in_units,
)
from rlstracker.domain.models import (
    MEDICINE_LABELS,
    PLAN_BOUNDS,
    AgeGroup,
    FerritinResult,
    InvalidRecord,
    Medicine,
    Plan,
    Region,
    Screening,
    plan_field_problems,
)
from rlstracker.domain.safety import TIMING_ADVICE, cautions, consult_reasons
from rlstracker.ui.night_form import from_qdate, to_qdate
from rlstracker.ui.theme import style_role


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    style_role(label, "formProblem")
    return label


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ScreeningForm(QWidget):
    """The safety questions, the medicines, and an optional ferritin result."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.severe_kidney = QCheckBox("Severe kidney disease (eGFR below 30), or dialysis")
        self.other_kidney = QCheckBox("Any other kidney disease")
        self.heart = QCheckBox("Heart block, or a slow heart rate")
        self.pregnant = QCheckBox("Pregnant or breastfeeding")
        conditions = QGroupBox("Do any of these apply to you? Tick those that do.")
        conditions_layout = QVBoxLayout(conditions)
        for box in (self.severe_kidney, self.other_kidney, self.heart, self.pregnant):
            conditions_layout.addWidget(box)

        age_box = QGroupBox("Your age")
        age_layout = QHBoxLayout(age_box)
        self.age_buttons = QButtonGroup(self)
        for group, text in (
            (AgeGroup.UNDER_18, "Under 18"),
            (AgeGroup.ADULT, "18 to 64"),
            (AgeGroup.OLDER, "65 or over"),
        ):
            button = QRadioButton(text)
            button.setProperty("age_group", group.value)
            self.age_buttons.addButton(button)
            age_layout.addWidget(button)

        medicines_box = QGroupBox("Medicines you take (tick those that apply)")
        medicines_layout = QVBoxLayout(medicines_box)
        self.medicine_boxes = {m: QCheckBox(MEDICINE_LABELS[m]) for m in Medicine}
        for box in self.medicine_boxes.values():
            medicines_layout.addWidget(box)

        self.consult = _wrapped("")
        style_role(self.consult, "seekHelp")
        self.approved = QCheckBox("My clinician has approved a magnesium plan for me")
        self.advice = _wrapped("")

        ferritin_box = QGroupBox("Iron (optional)")
        ferritin_layout = QFormLayout(ferritin_box)
        ferritin_layout.addRow(
            _wrapped(
                "Low iron makes restless legs worse, and guidelines ask for an iron check "
                "(ferritin) in everyone with RLS. Ask your clinician about it. If you know a "
                "result, you can record it here for your report."
            )
        )
        self.ferritin_date = QDateEdit(to_qdate(today))
        self.ferritin_date.setCalendarPopup(True)
        self.ferritin_date.setMaximumDate(to_qdate(today))
        self.ferritin_date.setDisplayFormat("d MMM yyyy")
        self.ferritin_date.setAccessibleName("Ferritin test date")
        self.ferritin_value = QLineEdit()
        self.ferritin_value.setPlaceholderText("e.g. 48")
        self.ferritin_value.setAccessibleName("Ferritin, ng/mL")
        ferritin_layout.addRow("Test date:", self.ferritin_date)
        ferritin_layout.addRow("Ferritin (ng/mL):", self.ferritin_value)
        self.problem = _problem_label()

        layout = QVBoxLayout(self)
        layout.addWidget(conditions)
        layout.addWidget(age_box)
        layout.addWidget(self.consult)
        layout.addWidget(self.approved)
        layout.addWidget(medicines_box)
        layout.addWidget(self.advice)
        layout.addWidget(ferritin_box)
        layout.addWidget(self.problem)

        for box in (
            self.severe_kidney,
            self.other_kidney,
            self.heart,
            self.pregnant,
            self.approved,
            *self.medicine_boxes.values(),
        ):
            box.toggled.connect(self._refresh)
        self.age_buttons.buttonToggled.connect(self._refresh)
        self.ferritin_value.textChanged.connect(self._refresh)
        self.set_value(Screening())

    def set_value(self, screening: Screening, approved: bool = False) -> None:
        self.severe_kidney.setChecked(screening.severe_kidney_disease)
        self.other_kidney.setChecked(screening.other_kidney_disease)
        self.heart.setChecked(screening.heart_block_or_slow_heart_rate)
        self.pregnant.setChecked(screening.pregnant_or_breastfeeding)
        for button in self.age_buttons.buttons():
            button.setChecked(button.property("age_group") == screening.age_group.value)
        for medicine, box in self.medicine_boxes.items():
            box.setChecked(medicine in screening.medicines)
        self.approved.setChecked(approved)
        self._refresh()

    def value(self) -> Screening:
        checked = self.age_buttons.checkedButton()
        return Screening(
            severe_kidney_disease=self.severe_kidney.isChecked(),
            other_kidney_disease=self.other_kidney.isChecked(),
            heart_block_or_slow_heart_rate=self.heart.isChecked(),
            pregnant_or_breastfeeding=self.pregnant.isChecked(),
            age_group=AgeGroup(checked.property("age_group")) if checked else AgeGroup.ADULT,
            medicines=frozenset(m for m, box in self.medicine_boxes.items() if box.isChecked()),
        )

    def ferritin(self) -> FerritinResult | None:
        """The result typed in, or None. Raises InvalidRecord for a value that is not one."""
        text = self.ferritin_value.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise InvalidRecord(
                [("ng_per_ml", "Type the ferritin result as a number, such as 48.")]
            ) from None
        return FerritinResult(from_qdate(self.ferritin_date.date()), value)

    def problems(self) -> list[str]:
        try:
            self.ferritin()
        except InvalidRecord as error:
            return [why for _, why in error.problems]
        return []

    def _refresh(self, *_: object) -> None:
        screening = self.value()
        reasons = consult_reasons(screening)
        if reasons:
            self.consult.setText(
                "<b>Please talk to your clinician before trying magnesium.</b><br>"
                + "<br>".join(reasons)
                + "<br>If your clinician approves a plan, tick the box below; the guide will "
                "then follow that plan."
            )
        self.consult.setVisible(bool(reasons))
        self.approved.setVisible(bool(reasons))
        lines = cautions(screening) + [
            TIMING_ADVICE[m] for m in Medicine if m in screening.medicines and m in TIMING_ADVICE
        ]
        self.advice.setText("<br>".join(lines))
        self.advice.setVisible(bool(lines))
        self.problem.setText(" ".join(self.problems()))
        self.changed.emit()


class ProductForm(QWidget):
    """The product: its name, form, strength and what the label's milligrams are of."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setAccessibleName("Product name")
        self.name.setPlaceholderText("As on the label, e.g. Magnesium citrate 100")
        self.form = QComboBox()
        self.form.setAccessibleName("Form of magnesium")
        for form in FORMS.values():
            self.form.addItem(form.name, form.id)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Milligrams per unit, as on the label")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit")
        for unit in UNIT_NAMES:
            self.unit.addItem(unit, unit)
        self.elemental = QRadioButton(
            "the magnesium itself (elemental), e.g. “Magnesium (as citrate) 100 mg”"
        )
        self.compound = QRadioButton("the whole compound, e.g. “Magnesium citrate 500 mg”")
        basis = QGroupBox("The label's milligrams are of…")
        basis_layout = QVBoxLayout(basis)
        basis_layout.addWidget(self.elemental)
        basis_layout.addWidget(self.compound)
        basis_layout.addWidget(
            _wrapped(
                "Supplement Facts panels usually give the elemental amount. If the label names "
                "only the compound's weight, choose the second."
            )
        )
        self.readout = QLabel()
        style_role(self.readout, "actionTitle")
        self.readout.setWordWrap(True)
        self.notes = _wrapped("")
        self.problem = _problem_label()

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(QLabel("mg per"))
        amount_row.addWidget(self.unit)
        form_layout = QFormLayout()
        form_layout.addRow("&Name:", self.name)
        form_layout.addRow("&Form:", self.form)
        strength = QLabel("&Strength:")
        strength.setBuddy(self.amount)
        form_layout.addRow(strength, amount_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(basis)
        layout.addWidget(self.readout)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)

        self.name.textChanged.connect(self._refresh)
        self.form.currentIndexChanged.connect(self._refresh)
        self.amount.textChanged.connect(self._refresh)
        self.unit.currentIndexChanged.connect(self._refresh)
        self.elemental.toggled.connect(self._refresh)
        self.compound.toggled.connect(self._refresh)
        self.elemental.setChecked(True)
        self._refresh()

    def set_value(self, product: Product | None) -> None:
        if product is None:
            return
        self.name.setText(product.name)
        self.form.setCurrentIndex(self.form.findData(product.form))
        self.amount.setText(f"{product.amount_per_unit_mg:g}")
        self.unit.setCurrentIndex(self.unit.findData(product.unit))
        (
            self.elemental if product.label_basis is LabelBasis.ELEMENTAL else self.compound
        ).setChecked(True)
        self._refresh()

    def value(self) -> Product:
        """The product; raises ProductError saying what is missing or wrong."""
        text = self.amount.text().strip().replace(",", ".")
        try:
            amount = float(text)
        except ValueError:
            raise ProductError(
                "type the milligrams per unit as on the label, as a number such as 500"
            ) from None
        return Product(
            self.name.text().strip(),
            self.form.currentData(),
            amount,
            LabelBasis.ELEMENTAL if self.elemental.isChecked() else LabelBasis.COMPOUND,
            self.unit.currentData(),
        )

    def problems(self) -> list[str]:
        try:
            self.value()
        except ProductError as error:
            return [str(error).capitalize() + "."]
        return []

    def is_empty(self) -> bool:
        """Left empty, to be filled in later: not a mistake."""
        return not self.name.text().strip() and not self.amount.text().strip()

    def product_or_none(self) -> Product | None:
        """The product, or None when left empty. Call when problems() is empty or is_empty()."""
        return None if self.is_empty() else self.value()

    def _refresh(self, *_: object) -> None:
        form = FORMS[self.form.currentData()]
        notes = [form.notes] if form.notes else []
        if form.elemental_fraction is not None:
            share = f"{form.elemental_fraction:.1%}".replace(".0%", "%")
            notes.insert(0, f"By its formula ({form.basis}) it is {share} magnesium.")
        if form.quoted_range and form.quoted_range[0] != form.quoted_range[1]:
            low, high = form.quoted_range
            notes.append(f"Real products are reported at {low:.0%} to {high:.0%}.")
        self.notes.setText(" ".join(notes))
        try:
            product = self.value()
        except ProductError:
            self.readout.setText("")
        else:
            unit = product.unit
            self.readout.setText(
                f"= {product.elemental_mg_per_unit:.0f} mg of elemental magnesium per {unit}"
            )
        problems = [] if self.is_empty() else self.problems()
        self.problem.setText(" ".join(problems))
        self.changed.emit()


def _spin(name: str, suffix: str, decimals: bool = False) -> QSpinBox | QDoubleSpinBox:
    low, high = PLAN_BOUNDS[name]
    spin: QSpinBox | QDoubleSpinBox = QDoubleSpinBox() if decimals else QSpinBox()
    spin.setRange(int(low), int(high))
    spin.setSuffix(suffix)
    return spin


class PlanForm(QWidget):
    """The plan's settings, each within its bounds."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._reset_on: date | None = None
        self.us = QRadioButton("United States: up to 350 mg a day from supplements")
        self.eu = QRadioButton("Europe / UK: up to 250 mg a day from supplements")
        self.us.setChecked(True)
        self.start = _spin("start_mg", " mg")
        self.step = _spin("step_mg", " mg")
        self.interval = _spin("interval_nights", " nights")
        self.ceiling = _spin("ceiling_mg", " mg")
        self.baseline = _spin("baseline_nights", " nights")
        self.target = _spin("target_severity", " of 10", decimals=True)
        assert isinstance(self.target, QDoubleSpinBox)
        self.target.setDecimals(1)
        self.review = _spin("review_nights", " nights")
        self.approved = QCheckBox("My clinician approved this plan (needed above the limit)")
        self.reset_button = QPushButton("Forget side effects before today…")
        self.reset_label = _wrapped("")
        self.units_note = _wrapped("")
        self.problem = _problem_label()

        region = QGroupBox("Upper limit to keep to")
        region_layout = QVBoxLayout(region)
        region_layout.addWidget(self.us)
        region_layout.addWidget(self.eu)
        form = QFormLayout()
        form.addRow("&Start at:", self.start)
        form.addRow("Go up in s&teps of:", self.step)
        form.addRow("&Nights between steps:", self.interval)
        form.addRow("&Highest dose (ceiling):", self.ceiling)
        form.addRow("&Baseline nights first:", self.baseline)
        form.addRow("Symptoms &controlled at or below:", self.target)
        form.addRow("&Review after steady:", self.review)
        for label, spin in (
            ("Start dose", self.start),
            ("Step", self.step),
            ("Nights between steps", self.interval),
            ("Ceiling", self.ceiling),
            ("Baseline nights", self.baseline),
            ("Target severity", self.target),
            ("Review after nights", self.review),
        ):
            spin.setAccessibleName(label)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapped(
                "Doses are milligrams of elemental magnesium. Start low and go slowly: the "
                "defaults follow the guide's rules. The baseline nights, without magnesium, let "
                "you tell later whether it made a difference."
            )
        )
        layout.addWidget(region)
        layout.addLayout(form)
        layout.addWidget(self.units_note)
        layout.addWidget(self.approved)
        layout.addWidget(self.reset_label)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.problem)
        self.reset_button.hide()

        self.us.toggled.connect(self._on_region_toggled)
        for spin in (
            self.start,
            self.step,
            self.interval,
            self.ceiling,
            self.baseline,
            self.target,
            self.review,
        ):
            spin.valueChanged.connect(self._refresh)
        self.approved.toggled.connect(self._refresh)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.set_value(Plan())

    def set_product(self, product: Product | None) -> None:
        """Say how doses become whole units of the product."""
        if product is None:
            self.units_note.setText("")
            return
        per_unit = product.elemental_mg_per_unit
        example = dose_in_units(self.start.value(), product).text
        self.units_note.setText(
            f"One {product.unit} of {product.name} holds {per_unit:.0f} mg of magnesium. Doses "
            f"are rounded down to whole {UNIT_NAMES[product.unit]}: the start dose is {example}."
        )

    def allow_reset(self) -> None:
        self.reset_button.show()

    def set_value(self, plan: Plan) -> None:
        (self.us if plan.region is Region.US else self.eu).setChecked(True)
        self.start.setValue(int(plan.start_mg))
        self.step.setValue(int(plan.step_mg))
        self.interval.setValue(plan.interval_nights)
        self.ceiling.setValue(int(plan.ceiling_mg))
        self.baseline.setValue(plan.baseline_nights)
        self.target.setValue(plan.target_severity)
        self.review.setValue(plan.review_nights)
        self.approved.setChecked(plan.clinician_approved)
        self._reset_on = plan.reset_on
        self._refresh()

    def fields(self) -> dict[str, object]:
        return {
            "start_mg": self.start.value(),
            "step_mg": self.step.value(),
            "interval_nights": self.interval.value(),
            "ceiling_mg": self.ceiling.value(),
            "region": Region.US if self.us.isChecked() else Region.EU,
            "clinician_approved": self.approved.isChecked(),
            "baseline_nights": self.baseline.value(),
            "target_severity": self.target.value(),
            "review_nights": self.review.value(),
            "reset_on": self._reset_on,
        }

    def value(self) -> Plan:
        return Plan(**self.fields())  # type: ignore[arg-type]

    def problems(self) -> list[str]:
        return [why[0].upper() + why[1:] + "." for _, why in plan_field_problems(self.fields())]

    def _on_region_toggled(self, _: bool) -> None:
        if not self.approved.isChecked():
            self.ceiling.setValue((Region.US if self.us.isChecked() else Region.EU).limit_mg)
        self._refresh()

    def _on_reset_button_clicked(self) -> None:
        self._reset_on = self._today
        self._refresh()

    def _refresh(self, *_: object) -> None:
        if self._reset_on is not None:
            self.reset_label.setText(
                f"Side effects before {self._reset_on:%d %b %Y} no longer limit the dose."
            )
        self.problem.setText(" ".join(self.problems()))
        self.changed.emit()

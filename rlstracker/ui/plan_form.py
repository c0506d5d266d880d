"""The plan's settings, each within its bounds, and how the product's units fit them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.plan import (
    PLAN_BOUNDS,
    Plan,
    Region,
    ceiling_for_region,
    plan_field_problems,
)
from rlstracker.domain.plan_steps import nothing_fits_words
from rlstracker.domain.wording import full_day, mg
from rlstracker.ui.safety_form import wrapped
from rlstracker.ui.theme import style_role
from rlstracker.ui.wrapped_check_box import WrappedCheckBox

# The words around a spin box's number: "{count} nights" said for the number shown.
Counted = Callable[[int], str]


def _words_around(spin: QSpinBox | QDoubleSpinBox, words: Counted) -> None:
    """The spin box's prefix and suffix from `words`, again whenever its number changes: the
    plural follows the number ('1 night', '7 nights'), and a language may put words before it."""

    def follow(value: float) -> None:
        prefix, _count, suffix = words(round(value)).partition("{count}")
        spin.setPrefix(prefix)
        spin.setSuffix(suffix)

    spin.valueChanged.connect(follow)
    follow(spin.value())


def _spin(name: str, words: Counted) -> QSpinBox:
    low, high = PLAN_BOUNDS[name]
    spin = QSpinBox()
    spin.setRange(int(low), int(high))
    _words_around(spin, words)
    return spin


def _decimal_spin(name: str, words: Counted) -> QDoubleSpinBox:
    low, high = PLAN_BOUNDS[name]
    spin = QDoubleSpinBox()
    spin.setDecimals(1)
    spin.setRange(low, high)
    _words_around(spin, words)
    return spin


def _milligrams(count: int) -> str:
    # Translators: a spin box's number of milligrams; {count} is where the number stands.
    return _("{count} mg")


def _nights(count: int) -> str:
    # Translators: a spin box's number of nights; {count} is where the number stands.
    return ngettext("{count} night", "{count} nights", count)


def _of_ten(count: int) -> str:
    # Translators: a spin box's symptom score out of 10; {count} is where the number stands.
    return _("{count} of 10")


def units_note(plan: Plan, product: Product | None) -> str:
    """How the plan's doses become whole units of the product, and where a unit is bigger than
    a step, in plain words ("" without a product)."""
    if product is None:
        return ""
    ladder = Ladder.of(product)
    per_unit = product.elemental_mg_per_unit
    unit = unit_label(product.unit, 1)
    lines = [
        _("One {unit} of {product} holds {dose} of magnesium.").format(
            unit=unit, product=product.name, dose=mg(per_unit)
        )
    ]
    if product.varies:
        lines.append(
            _(
                "Products of this form vary: the guide counts up to {dose} per {unit} when it "
                "keeps to your ceiling."
            ).format(dose=mg(product.upper_mg_per_unit), unit=unit)
        )
    nothing = nothing_fits_words(plan, product)
    start = ladder.at_or_below(plan.start_mg, plan.ceiling_mg)
    if nothing is not None or start is None:
        lines.append(
            _("{why} A lower-strength product would let you take less.").format(why=nothing)
        )
        return " ".join(lines)
    start_text = ladder.describe(start) or mg(start)
    lines.append(
        _("Doses are whole {units}: the start dose is {start}.").format(
            units=unit_label(product.unit, 2), start=start_text
        )
    )
    if per_unit > plan.step_mg:
        up = ladder.step_up(start, plan.step_mg, plan.ceiling_mg)
        if up is None:
            lines.append(
                _(
                    "One {unit} is more than two steps ({steps}), so the guide can't go up from "
                    "the start dose with this product."
                ).format(unit=unit, steps=mg(2 * plan.step_mg))
            )
        else:
            lines.append(
                _(
                    "One {unit} is bigger than a step ({step}): the guide goes up one {unit} at a "
                    "time, as long as that is at most two steps."
                ).format(unit=unit, step=mg(plan.step_mg))
            )
    return " ".join(lines)


class PlanForm(QWidget):
    """The plan's settings. Its clinician's approval of the ceiling is a setting of its own."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._reset_on: date | None = None
        self._approved_on: date | None = None
        self._approved_mg: float | None = None
        self._product: Product | None = None
        self.us = QRadioButton(_("United States: 350 mg a day"))
        self.eu = QRadioButton(_("European Union: 250 mg a day (EFSA)"))
        self.us.setChecked(True)
        self.start = _spin("start_mg", _milligrams)
        self.step = _spin("step_mg", _milligrams)
        self.interval = _spin("interval_nights", _nights)
        self.ceiling = _spin("ceiling_mg", _milligrams)
        self.baseline = _spin("baseline_nights", _nights)
        self.target = _decimal_spin("target_severity", _of_ten)
        self.review = _spin("review_nights", _nights)
        self.approved = WrappedCheckBox(_("My clinician &approved this ceiling"))
        self.approved_date = wrapped()
        self.reset_button = QPushButton(_("Forget side effects before today…"))
        self.reset_label = wrapped()
        self.units_note = wrapped()
        self.problem = wrapped()
        style_role(self.problem, "formProblem")

        region = QGroupBox(_("Upper limit for magnesium from supplements"))
        region_layout = QVBoxLayout(region)
        region_layout.addWidget(self.us)
        region_layout.addWidget(self.eu)
        region_layout.addWidget(
            wrapped(_("The UK has its own guidance; the EU's figure is the cautious choice there."))
        )
        form = QFormLayout()
        # A field goes under its label where both don't fit side by side (German, large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Start at:"), self.start)
        form.addRow(_("Go up in s&teps of:"), self.step)
        form.addRow(_("Nights bet&ween steps:"), self.interval)
        form.addRow(_("&Highest dose (ceiling):"), self.ceiling)
        form.addRow("", self.approved)
        form.addRow("", self.approved_date)
        form.addRow(_("Base&line nights first:"), self.baseline)
        form.addRow(_("Symptoms contr&olled at or below:"), self.target)
        form.addRow(_("&Review after steady:"), self.review)
        for label, spin in (
            (_("Start dose"), self.start),
            (_("Step"), self.step),
            (_("Nights between steps"), self.interval),
            (_("Ceiling"), self.ceiling),
            (_("Baseline nights"), self.baseline),
            (_("Target severity"), self.target),
            (_("Review after nights"), self.review),
        ):
            spin.setAccessibleName(label)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "Doses are milligrams of elemental magnesium. Start low and go slowly: the "
                    "defaults follow the guide's rules. The baseline nights, without magnesium, "
                    "let you tell later whether anything changed."
                )
            )
        )
        layout.addWidget(region)
        layout.addLayout(form)
        layout.addWidget(self.units_note)
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
        self.ceiling.valueChanged.connect(self._on_ceiling_changed)
        self.approved.toggled.connect(self._on_approved_toggled)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.set_value(Plan())

    def set_product(self, product: Product | None) -> None:
        self._product = product
        self._refresh()

    def allow_reset(self) -> None:
        self.reset_button.show()

    def set_value(self, plan: Plan) -> None:
        self._approved_on = plan.ceiling_approved_on
        self._approved_mg = plan.ceiling_approved_mg
        self._reset_on = plan.reset_on
        for widget in (self.us, self.approved):
            widget.blockSignals(True)
        (self.us if plan.region is Region.US else self.eu).setChecked(True)
        self.approved.setChecked(plan.ceiling_approved)
        for widget in (self.us, self.approved):
            widget.blockSignals(False)
        self.start.setValue(int(plan.start_mg))
        self.step.setValue(int(plan.step_mg))
        self.interval.setValue(plan.interval_nights)
        self.ceiling.setValue(int(plan.ceiling_mg))
        self.baseline.setValue(plan.baseline_nights)
        self.target.setValue(plan.target_severity)
        self.review.setValue(plan.review_nights)
        self._refresh()

    def region(self) -> Region:
        return Region.US if self.us.isChecked() else Region.EU

    def fields(self) -> dict[str, object]:
        return {
            "start_mg": self.start.value(),
            "step_mg": self.step.value(),
            "interval_nights": self.interval.value(),
            "ceiling_mg": self.ceiling.value(),
            "region": self.region(),
            "ceiling_approved_on": self._approved_on if self.approved.isChecked() else None,
            "ceiling_approved_mg": self._approved_mg if self.approved.isChecked() else None,
            "baseline_nights": self.baseline.value(),
            "target_severity": self.target.value(),
            "review_nights": self.review.value(),
            "reset_on": self._reset_on,
        }

    def value(self) -> Plan:
        return Plan(**self.fields())  # type: ignore[arg-type]

    def problems(self) -> list[str]:
        return [
            why[0].upper() + why[1:] + "." for _unused, why in plan_field_problems(self.fields())
        ]

    def _on_region_toggled(self, _: bool) -> None:
        self.ceiling.setValue(int(ceiling_for_region(self.ceiling.value(), self.region())))
        self._refresh()

    def _on_ceiling_changed(self, value: float) -> None:
        if self.approved.isChecked() and self._approved_on == self._today:
            self._approved_mg = max(self._approved_mg or 0, value)  # approved just now
        elif (
            self.approved.isChecked()
            and self._approved_mg is not None
            and value > self._approved_mg
            and value > self.region().limit_mg
        ):
            # A higher ceiling needs a new approval: untick without lowering the ceiling.
            self.approved.blockSignals(True)
            self.approved.setChecked(False)
            self.approved.blockSignals(False)
            self._approved_on = self._approved_mg = None
            self._refresh()

    def _on_approved_toggled(self, checked: bool) -> None:
        if checked:  # dated today, and of the ceiling as it stands
            self._approved_on = self._today
            self._approved_mg = self.ceiling.value()
        if not checked:
            self._approved_on = None
            self._approved_mg = None
            limit = self.region().limit_mg
            if self.ceiling.value() > limit:
                self.ceiling.setValue(limit)  # withdrawing lowers a higher ceiling
        self._refresh()

    def _on_reset_button_clicked(self) -> None:
        self._reset_on = self._today
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        if self._reset_on is not None:
            self.reset_label.setText(
                _("Side effects before {day} no longer limit the dose.").format(
                    day=full_day(self._reset_on)
                )
            )
        self.approved_date.setText(
            _("Recorded on {day}.").format(day=full_day(self._approved_on))
            if self._approved_on
            else _("Needed for a ceiling above the limit.")
        )
        problems = self.problems()
        self.problem.setText(" ".join(problems))
        note = ""
        if not problems:
            note = units_note(self.value(), self._product)
        self.units_note.setText(note)
        self.units_note.setVisible(bool(note))
        self.changed.emit()

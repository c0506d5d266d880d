"""Settings: plan, product, safety answers and clearances, iron, reminder time, appearance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain import language
from rlstracker.domain.forms import Product, ProductError
from rlstracker.domain.iron import IronResult
from rlstracker.domain.language import _
from rlstracker.domain.plan import Plan
from rlstracker.domain.reminders import DEFAULT_REMINDER
from rlstracker.domain.safety import QUESTIONS, Clearance, SafetyAnswers
from rlstracker.domain.wording import full_day
from rlstracker.storage import Setup
from rlstracker.ui.fields import scrolled
from rlstracker.ui.iron_form import IronForm
from rlstracker.ui.plan_form import PlanForm
from rlstracker.ui.product_form import ProductForm
from rlstracker.ui.safety_form import SafetyForm, wrapped
from rlstracker.ui.sizing import fit_to_screen
from rlstracker.ui.theme import TEXT_SIZE_LABELS, THEME_LABELS, Preferences, Theme, style_role

PLAN_TAB, PRODUCT_TAB, SAFETY_TAB, IRON_TAB, GENERAL_TAB = range(5)


@dataclass(frozen=True)
class SettingsResult:
    setup: Setup
    preferences: Preferences


class SettingsDialog(QDialog):
    clearance_requested = Signal()

    def __init__(
        self,
        today: date,
        plan: Plan,
        product: Product | None,
        answers: SafetyAnswers,
        preferences: Preferences,
        iron: Sequence[IronResult] = (),
        clearances: Sequence[Clearance] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(_("Settings"))
        fit_to_screen(self, 760, 660)
        self.plan_form = PlanForm(today)
        self.plan_form.set_value(plan)
        self.plan_form.allow_reset()
        self.product_form = ProductForm()
        self.product_form.set_value(product)
        self.plan_form.set_product(product)
        self.safety_form = SafetyForm()
        self.safety_form.set_value(answers)
        self.clearances_label = wrapped()
        self.clearance_button = QPushButton(_("Record a c&learance…"))
        self.clearance_button.setToolTip(_("Record that a clinician said you may take magnesium"))
        self.set_clearances(clearances)
        safety_page = QWidget()
        safety_layout = QVBoxLayout(safety_page)
        safety_layout.addWidget(self.safety_form)
        safety_layout.addWidget(self.clearances_label)
        safety_layout.addWidget(self.clearance_button)
        self.iron_form = IronForm(today)
        self.iron_form.set_recorded(iron)

        at = preferences.reminder_time or DEFAULT_REMINDER
        self.reminder_on = QCheckBox(_("Remind me each evening &at"))
        self.reminder_on.setChecked(preferences.reminder_time is not None)
        self.reminder = QTimeEdit(QTime(at.hour, at.minute))
        self.reminder.setDisplayFormat("HH:mm")  # not user text: a time format
        self.reminder.setAccessibleName(_("Evening reminder time"))
        self.reminder.setEnabled(self.reminder_on.isChecked())
        self.start_at_login = QCheckBox(_("&Start at login, in the background, for the reminder"))
        self.start_at_login.setChecked(preferences.start_at_login)
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Colours"))
        for theme, label in THEME_LABELS.items():
            self.theme.addItem(label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(preferences.theme.value))
        self.text_size = QComboBox()
        self.text_size.setAccessibleName(_("Text size"))
        for key, label in TEXT_SIZE_LABELS.items():
            self.text_size.addItem(label, key)
        self.text_size.setCurrentIndex(self.text_size.findData(preferences.text_size))
        # The languages offered, each named in its own language; the first follows the desktop.
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        self.language.addItem(_("As the system"), "")
        for code in language.OFFERED:
            self.language.addItem(language.LANGUAGES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        general = QWidget()
        general_layout = QFormLayout(general)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder)
        reminder_row.addStretch(1)
        general_layout.addRow(reminder_row)
        general_layout.addRow(self.start_at_login)
        general_layout.addRow(_("&Colours:"), self.theme)
        general_layout.addRow(_("Te&xt size:"), self.text_size)
        general_layout.addRow(_("&Language:"), self.language)
        language_note = QLabel(_("A new language is used from the next start of RLS Tracker."))
        language_note.setWordWrap(True)
        general_layout.addRow(language_note)
        note = QLabel(
            _(
                "The reminder comes when tonight's dose is not recorded yet, once an evening, as a "
                "desktop notification. With it on, closing the window keeps RLS Tracker running in "
                "the background."
            )
        )
        note.setWordWrap(True)
        general_layout.addRow(note)

        self.tabs = QTabWidget()
        self.tabs.addTab(scrolled(self.plan_form), _("&Plan"))
        self.tabs.addTab(scrolled(self.product_form), _("Pro&duct"))
        self.tabs.addTab(scrolled(safety_page), _("Sa&fety"))
        self.tabs.addTab(scrolled(self.iron_form), _("&Iron"))
        self.tabs.addTab(general, _("&General"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.problem = QLabel()
        style_role(self.problem, "formProblem")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.reminder_on.toggled.connect(self.reminder.setEnabled)
        self.buttons.rejected.connect(self.reject)
        self.clearance_button.clicked.connect(self.clearance_requested)
        self.product_form.changed.connect(self._on_product_form_changed)
        for form in (self.plan_form, self.product_form, self.safety_form, self.iron_form):
            form.changed.connect(self._refresh)
        self._refresh()

    def show_safety(self) -> None:
        """Open on the safety answers, with the confirmation at hand."""
        self.tabs.setCurrentIndex(SAFETY_TAB)
        target = self.safety_form.confirm if self.safety_form.confirm.isVisible() else None
        (target or self.safety_form.kidney).setFocus()

    def set_clearances(self, clearances: Sequence[Clearance]) -> None:
        lines = [
            # Translators: a clearance in the list of them: its date and the note with it.
            _("{date}: {note}").format(date=full_day(c.date), note=c.note)
            if c.note
            else full_day(c.date)
            for c in clearances
        ]
        self.clearances_label.setText(
            _("Clearances recorded (a clinician said you may take magnesium): {clearances}").format(
                clearances="; ".join(lines)
            )
            if lines
            else _(
                "No clearance recorded: when a clinician says you may take magnesium, record it."
            )
        )

    def problems(self) -> list[str]:
        # Translators: a problem on the Plan tab of Settings.
        problems = [_("Plan: {problem}").format(problem=p) for p in self.plan_form.problems()]
        if not self.product_form.is_empty():
            problems += [
                # Translators: a problem on the Product tab of Settings.
                _("Product: {problem}").format(problem=p)
                for p in self.product_form.problems()
            ]
        missing = self.safety_form.missing()
        if missing and len(missing) < len(QUESTIONS):  # some answered: all are needed
            problems.append(
                _("Safety: please answer every question (still to answer: {questions}).").format(
                    questions=", ".join(missing)
                )
            )
        # Translators: a problem on the Iron tab of Settings.
        problems += [_("Iron: {problem}").format(problem=p) for p in self.iron_form.problems()]
        return problems

    def _on_product_form_changed(self) -> None:
        try:
            product = self.product_form.product_or_none()
        except ProductError:
            product = None
        self.plan_form.set_product(product)

    def _refresh(self) -> None:
        problems = self.problems()
        self.problem.setText(" ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def result_value(self) -> SettingsResult:
        chosen = self.reminder.time()
        reminder = time(chosen.hour(), chosen.minute()) if self.reminder_on.isChecked() else None
        return SettingsResult(
            Setup(
                answers=self.safety_form.dated(self._today),
                plan=self.plan_form.value(),
                product=self.product_form.product_or_none(),
                iron=self.iron_form.result(),
            ),
            Preferences(
                reminder_time=reminder,
                theme=Theme(self.theme.currentData()),
                text_size=self.text_size.currentData(),
                start_at_login=self.start_at_login.isChecked(),
                language=self.language.currentData(),
            ),
        )

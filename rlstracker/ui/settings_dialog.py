"""Settings: plan, product, safety answers, reminder time, theme and text size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rlstracker.domain.forms import Product
from rlstracker.domain.models import FerritinResult, Plan, Screening
from rlstracker.ui.fields import scrolled
from rlstracker.ui.setup_forms import PlanForm, ProductForm, ScreeningForm
from rlstracker.ui.theme import TEXT_SIZE_LABELS, THEME_LABELS, Preferences, Theme, style_role


@dataclass(frozen=True)
class SettingsResult:
    plan: Plan
    product: Product | None
    screening: Screening
    ferritin: FerritinResult | None
    preferences: Preferences


class SettingsDialog(QDialog):
    def __init__(
        self,
        today: date,
        plan: Plan,
        product: Product | None,
        screening: Screening | None,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumSize(720, 600)
        self.plan_form = PlanForm(today)
        self.plan_form.set_value(plan)
        self.plan_form.allow_reset()
        self.product_form = ProductForm()
        self.product_form.set_value(product)
        self.screening_form = ScreeningForm(today)
        self.screening_form.set_value(screening or Screening(), plan.clinician_approved)

        self.reminder = QTimeEdit(
            QTime(preferences.reminder_time.hour, preferences.reminder_time.minute)
        )
        self.reminder.setDisplayFormat("HH:mm")
        self.reminder.setAccessibleName("Evening reminder time")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Colours")
        for theme, label in THEME_LABELS.items():
            self.theme.addItem(label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(preferences.theme.value))
        self.text_size = QComboBox()
        self.text_size.setAccessibleName("Text size")
        for key, label in TEXT_SIZE_LABELS.items():
            self.text_size.addItem(label, key)
        self.text_size.setCurrentIndex(self.text_size.findData(preferences.text_size))
        general = QWidget()
        general_layout = QFormLayout(general)
        general_layout.addRow("Evening &reminder at:", self.reminder)
        general_layout.addRow("&Colours:", self.theme)
        general_layout.addRow("Te&xt size:", self.text_size)
        note = QLabel("The reminder time is kept for the reminders that a later version adds.")
        note.setWordWrap(True)
        general_layout.addRow(note)

        self.tabs = QTabWidget()
        self.tabs.addTab(scrolled(self.plan_form), "&Plan")
        self.tabs.addTab(scrolled(self.product_form), "Pro&duct")
        self.tabs.addTab(scrolled(self.screening_form), "Sa&fety")
        self.tabs.addTab(general, "&General")
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
        self.buttons.rejected.connect(self.reject)
        self.screening_form.approved.toggled.connect(self.plan_form.approved.setChecked)
        self.plan_form.approved.toggled.connect(self.screening_form.approved.setChecked)
        for form in (self.plan_form, self.product_form, self.screening_form):
            form.changed.connect(self._refresh)
        self._refresh()

    def problems(self) -> list[str]:
        problems = [f"Plan: {p}" for p in self.plan_form.problems()]
        if not self.product_form.is_empty():
            problems += [f"Product: {p}" for p in self.product_form.problems()]
        problems += [f"Safety: {p}" for p in self.screening_form.problems()]
        return problems

    def _refresh(self) -> None:
        problems = self.problems()
        self.problem.setText(" ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def result_value(self) -> SettingsResult:
        chosen = self.reminder.time()
        return SettingsResult(
            self.plan_form.value(),
            self.product_form.product_or_none(),
            self.screening_form.value(),
            self.screening_form.ferritin(),
            Preferences(
                time(chosen.hour(), chosen.minute()),
                Theme(self.theme.currentData()),
                self.text_size.currentData(),
            ),
        )

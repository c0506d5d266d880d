"""The first-run guide: what the app is, safety, the product, the plan. Saves nothing itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from rlstracker.domain.forms import Product
from rlstracker.domain.models import FerritinResult, Plan, Screening
from rlstracker.domain.safety import DISCLAIMER, consult_reasons
from rlstracker.ui.fields import scrolled
from rlstracker.ui.setup_forms import PlanForm, ProductForm, ScreeningForm


@dataclass(frozen=True)
class SetupResult:
    """Everything the guide collected; the caller saves it in one go."""

    screening: Screening
    product: Product | None
    plan: Plan
    ferritin: FerritinResult | None


class WelcomePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle("Welcome to RLS Tracker")
        text = QLabel(
            "<p>RLS Tracker helps you try magnesium for restless legs carefully, and find out "
            "whether it helps you:</p><ul>"
            "<li>each evening it suggests a dose and says why: start low, go up slowly, step "
            "back at the first real side effects;</li>"
            "<li>a one-minute diary records your symptoms, sleep and side effects;</li>"
            "<li>charts and a report show you and your doctor how it went.</li></ul>"
            "<p>Your diary stays on this computer. Nothing is sent anywhere.</p>"
            f"<p><b>Please read:</b> {DISCLAIMER}</p>"
        )
        text.setWordWrap(True)
        self.understood = QCheckBox("I understand: RLS Tracker does not give medical advice")
        self.registerField("understood*", self.understood)
        self.example_button = QPushButton("Just looking? Try it with &example data")
        self.example_button.setToolTip(
            "Opens an invented diary in a separate place; nothing of yours is changed"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.understood)
        layout.addStretch(1)
        layout.addWidget(self.example_button)
        self.example_button.clicked.connect(wizard.choose_example)


class SafetyPage(QWizardPage):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.setTitle("Is magnesium safe for you to try?")
        self.setSubTitle("A few questions first. Your answers stay on this computer.")
        self.form = ScreeningForm(today)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.form))
        self.form.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return not self.form.problems()


class ProductPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your magnesium product")
        self.setSubTitle("From its label. You can leave this empty and add it later in Settings.")
        self.form = ProductForm()
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.form))
        self.form.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.form.is_empty() or not self.form.problems()

    def product(self) -> Product | None:
        return self.form.product_or_none()


class PlanPage(QWizardPage):
    def __init__(self, today: date, safety: SafetyPage, product: ProductPage) -> None:
        super().__init__()
        self._safety = safety
        self._product = product
        self.setTitle("Your plan")
        self.setSubTitle(
            "The defaults follow the guide's rules. Change them only if you have a reason."
        )
        self.form = PlanForm(today)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.form))
        self.form.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        if self._safety.form.approved.isChecked():
            self.form.approved.setChecked(True)
        self.form.set_product(self._product.product() if self._product.isComplete() else None)

    def isComplete(self) -> bool:
        return not self.form.problems()


class SummaryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("All set")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self._wizard.result_value()
        plan = result.plan
        lines = []
        if consult_reasons(result.screening) and not plan.clinician_approved:
            lines.append(
                "<b>Your answers mean you should talk to your clinician before taking "
                "magnesium.</b> The app will not suggest a dose until you record a plan your "
                "clinician approved (Settings). You can still keep the diary."
            )
        if result.product is not None:
            lines.append(
                f"Product: {result.product.name}, {result.product.elemental_mg_per_unit:.0f} mg "
                f"of elemental magnesium per {result.product.unit}."
            )
        if plan.baseline_nights:
            lines.append(
                f"First, {plan.baseline_nights} nights without magnesium: record your symptoms "
                "each evening so that you can compare later."
            )
        lines.append(
            f"Then start at {plan.start_mg:g} mg with the evening meal, and go up by "
            f"{plan.step_mg:g} mg after every {plan.interval_nights} good nights, to at most "
            f"{plan.ceiling_mg:g} mg."
        )
        lines.append("You can change any of this later in Settings.")
        self.summary.setText("<p>" + "</p><p>".join(lines) + "</p>")


class SetupWizard(QWizard):
    """Collects a SetupResult; `wants_example` tells that the person chose to look around."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("RLS Tracker: getting started")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(760, 640)
        self.wants_example = False
        self.welcome = WelcomePage(self)
        self.safety = SafetyPage(today)
        self.product_page = ProductPage()
        self.plan_page = PlanPage(today, self.safety, self.product_page)
        self.summary = SummaryPage(self)
        for page in (self.welcome, self.safety, self.product_page, self.plan_page, self.summary):
            self.addPage(page)

    def choose_example(self) -> None:
        self.wants_example = True
        self.reject()

    def result_value(self) -> SetupResult:
        plan = self.plan_page.form.value()
        return SetupResult(
            self.safety.form.value(),
            self.product_page.product(),
            plan,
            self.safety.form.ferritin(),
        )

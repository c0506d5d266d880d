"""The first-run guide: what the app is, safety, the product, the plan. Saves nothing itself."""

from __future__ import annotations

import html
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

from rlstracker.domain.forms import Product, unit_label
from rlstracker.domain.ladder import Ladder
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.plan import Plan
from rlstracker.domain.safety import DISCLAIMER, concerns
from rlstracker.domain.wording import mg
from rlstracker.storage import Setup
from rlstracker.ui.fields import scrolled
from rlstracker.ui.iron_form import IronForm
from rlstracker.ui.plan_form import PlanForm
from rlstracker.ui.product_form import ProductForm
from rlstracker.ui.safety_form import SafetyForm
from rlstracker.ui.sizing import fit_to_screen


class WelcomePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle(_("Welcome to RLS Tracker"))
        text = QLabel(
            "<p>"
            + _(
                "RLS Tracker helps you try magnesium for restless legs carefully, and keep a "
                "record that shows you and your doctor how it went:"
            )
            + "</p><ul><li>"
            + _(
                "each evening it suggests a dose and says why: start low, go up slowly, step "
                "back at the first real side effects;"
            )
            + "</li><li>"
            + _("a one-minute diary records your symptoms, sleep and side effects;")
            + "</li><li>"
            + _("charts and a report show how it went.")
            + "</li></ul><p>"
            + _("Your diary stays on this computer. Nothing is sent anywhere.")
            + "</p><p>"
            + _("<b>Please read:</b> {disclaimer}").format(disclaimer=html.escape(_(DISCLAIMER)))
            + "</p>"
        )
        text.setWordWrap(True)
        self.understood = QCheckBox(_("I &understand: RLS Tracker does not give medical advice"))
        self.registerField("understood*", self.understood)
        self.example_button = QPushButton(_("Just looking? Try it with e&xample data"))
        self.example_button.setToolTip(
            _("Opens an invented diary in a separate place; nothing of yours is changed")
        )
        # Scrolled, like every page: with the largest text on a small screen the words would
        # otherwise push the check box and the button out of the window.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(text)
        body_layout.addWidget(self.understood)
        body_layout.addStretch(1)
        body_layout.addWidget(self.example_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(body))
        self.example_button.clicked.connect(wizard.choose_example)


class SafetyPage(QWizardPage):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.setTitle(_("Is magnesium safe for you to try?"))
        self.setSubTitle(
            _(
                "Please answer each question: nothing is filled in for you. Your answers stay on "
                "this computer."
            )
        )
        self.form = SafetyForm()
        self.iron = IronForm(today)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.form)
        body_layout.addWidget(QLabel(_("<b>Iron (optional)</b>")))
        body_layout.addWidget(self.iron)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(body))
        self.form.changed.connect(self.completeChanged)
        self.iron.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return not self.form.missing() and not self.iron.problems()


class ProductPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your magnesium product"))
        self.setSubTitle(
            _("From its label. You can leave this empty and add it later in Settings.")
        )
        self.form = ProductForm()
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.form))
        self.form.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.form.is_empty() or not self.form.problems()

    def product(self) -> Product | None:
        return self.form.product_or_none()


class PlanPage(QWizardPage):
    def __init__(self, today: date, product: ProductPage) -> None:
        super().__init__()
        self._product = product
        self.setTitle(_("Your plan"))
        self.setSubTitle(
            _("The defaults follow the guide's rules. Change them only if you have a reason.")
        )
        self.form = PlanForm(today)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.form))
        self.form.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.form.set_product(self._product.product() if self._product.isComplete() else None)

    def isComplete(self) -> bool:
        return not self.form.problems()


class SummaryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("All set"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self._wizard.result_value()
        plan = result.plan
        lines = []
        if concerns(result.answers):
            lines.append(
                _(
                    "<b>Your answers mean you should talk to your clinician before taking "
                    "magnesium.</b> The app will not suggest a dose until you record that a "
                    "clinician said you may (<i>Record a clearance…</i> on Tonight). You can "
                    "keep the diary meanwhile."
                )
            )
        if result.product is not None:
            lines.append(
                _("Product: {name}, {dose} of elemental magnesium per {unit}.").format(
                    name=html.escape(result.product.name),
                    dose=mg(result.product.elemental_mg_per_unit),
                    unit=unit_label(result.product.unit, 1),
                )
            )
        if plan.baseline_nights:
            lines.append(
                ngettext(
                    "First, {count} night without magnesium: record your symptoms each evening "
                    "so that you can compare later.",
                    "First, {count} nights without magnesium: record your symptoms each evening "
                    "so that you can compare later.",
                    plan.baseline_nights,
                ).format(count=plan.baseline_nights)
            )
        lines.append(self._steps(plan, result.product))
        lines.append(_("You can change any of this later in Settings."))
        self.summary.setText("<p>" + "</p><p>".join(lines) + "</p>")

    @staticmethod
    def _steps(plan: Plan, product: Product | None) -> str:
        """The plan's start and ceiling in the product's whole units, as the guide will
        suggest them."""
        ladder = Ladder.of(product)
        start = ladder.at_or_below(plan.start_mg, plan.ceiling_mg)
        top = ladder.at_or_below(plan.ceiling_mg, plan.ceiling_mg)
        if not ladder.has_units:
            return ngettext(
                "Then start at {start} with the evening meal, and go up by {step} after every "
                "{nights} good night, to at most {ceiling}.",
                "Then start at {start} with the evening meal, and go up by {step} after every "
                "{nights} good nights, to at most {ceiling}.",
                plan.interval_nights,
            ).format(
                start=mg(plan.start_mg),
                step=mg(plan.step_mg),
                nights=plan.interval_nights,
                ceiling=mg(plan.ceiling_mg),
            )
        unit = ladder.unit or "unit"
        if start is None or top is None:
            return _(
                "<b>One {unit} of this product is more than your plan's start dose of {start} "
                "or its ceiling of {ceiling}, so the guide will not suggest taking it.</b> Go "
                "back to choose a product with smaller units, or to change the plan."
            ).format(
                unit=html.escape(unit_label(unit, 1)),
                start=mg(plan.start_mg),
                ceiling=mg(plan.ceiling_mg),
            )
        first = html.escape(ladder.describe(start) or mg(start))
        if start < plan.start_mg:
            first = _("{start} (your plan's {plan_start}, in whole {units})").format(
                start=first,
                plan_start=mg(plan.start_mg),
                units=html.escape(unit_label(unit, 2)),
            )
        return ngettext(
            "Then start at {start}, with the evening meal, and go up by about {step} after "
            "every {nights} good night, to at most {ceiling}.",
            "Then start at {start}, with the evening meal, and go up by about {step} after "
            "every {nights} good nights, to at most {ceiling}.",
            plan.interval_nights,
        ).format(
            start=first,
            step=mg(plan.step_mg),
            nights=plan.interval_nights,
            ceiling=html.escape(ladder.describe(top) or mg(top)),
        )


class SetupWizard(QWizard):
    """Collects a Setup; `wants_example` tells that the person chose to look around."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(_("RLS Tracker: getting started"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        fit_to_screen(self, 780, 680)
        self.wants_example = False
        self.welcome = WelcomePage(self)
        self.safety = SafetyPage(today)
        self.product_page = ProductPage()
        self.plan_page = PlanPage(today, self.product_page)
        self.summary = SummaryPage(self)
        for page in (self.welcome, self.safety, self.product_page, self.plan_page, self.summary):
            self.addPage(page)

    def choose_example(self) -> None:
        self.wants_example = True
        self.reject()

    def result_value(self) -> Setup:
        return Setup(
            answers=self.safety.form.dated(self._today),
            plan=self.plan_page.form.value(),
            product=self.product_page.product(),
            iron=self.safety.iron.result(),
        )

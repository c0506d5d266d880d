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
from rlstracker.domain.language import _, ngettext
from rlstracker.domain.plan import Plan
from rlstracker.domain.plan_steps import nothing_fits_words, steps_words
from rlstracker.domain.safety import DISCLAIMER, concerns
from rlstracker.domain.wording import mg
from rlstracker.storage import Setup
from rlstracker.ui.dialogs import Dialogs
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
        """The plan in the product's whole units, in the domain's words (the doses the rules
        will suggest); where one unit fits nothing, that in bold and what to do."""
        nothing = nothing_fits_words(plan, product)
        if nothing is not None:
            return _(
                "<b>{why}</b> Go back to choose a product with smaller units, or to change the "
                "plan."
            ).format(why=html.escape(nothing, quote=False))
        return html.escape(steps_words(plan, product), quote=False)


class SetupWizard(QWizard):
    """Collects a Setup; `wants_example` tells that the person chose to look around."""

    def __init__(self, today: date, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._dialogs = dialogs
        self._asking = False
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
        self._plan_at_start = self.plan_page.form.fields()

    def choose_example(self) -> None:
        self.wants_example = True
        self.reject()

    def has_entries(self) -> bool:
        """Something the person would have to enter again: an answer, an iron result, a
        product, a plan changed. (The "I understand" tick alone is not worth asking about.)"""
        product = self.product_page.form
        iron = self.safety.iron
        return (
            any(value is not None for value in self.safety.form.answers().values())
            or bool(iron.ferritin.text().strip() or iron.saturation.text().strip())
            or not product.is_empty()
            or product.form.currentData() is not None
            or product.elemental.isChecked()
            or product.compound.isChecked()
            or self.plan_page.form.fields() != self._plan_at_start
        )

    def reject(self) -> None:
        """Escape, Cancel, the title bar's cross and "Just looking?": with something entered,
        ask first (leaving the guide ends the app, and nothing of it is kept)."""
        if self._asking:
            return  # the question is up already
        if self.has_entries():
            self._asking = True
            try:
                if self.wants_example:
                    title, text, leave_text = (
                        _("Look at the example instead?"),
                        _(
                            "Look at the example instead? What you entered so far will be lost. "
                            "When you close the example, setting up starts again."
                        ),
                        _("Open the example"),
                    )
                else:
                    title, text, leave_text = (
                        _("Stop setting up?"),
                        _(
                            "Stop setting up? What you entered so far will be lost, and RLS "
                            "Tracker will close. Next time it starts here again."
                        ),
                        _("Stop setting up"),
                    )
                leave = self._dialogs.ask_leave(self, title, text, _("Keep setting up"), leave_text)
            finally:
                self._asking = False
            if not leave:
                self.wants_example = False
                return
        super().reject()

    def result_value(self) -> Setup:
        return Setup(
            answers=self.safety.form.dated(self._today),
            plan=self.plan_page.form.value(),
            product=self.product_page.product(),
            iron=self.safety.iron.result(),
        )
